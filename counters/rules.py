"""Which page loads count as a reader's view.

* Bots and crawlers (by User-Agent, see ``BOT_PATTERN``) and requests with no
  User-Agent at all (scripts, health checks) are not counted. A bot that
  pretends to be a browser is counted: User-Agent filtering only stops the
  honest ones.
* Staff previews and non-GET requests are not counted (the view decides).
* A reload by the same browser within ``NEWSROOM_COUNTER_RELOAD_WINDOW``
  seconds (default 30 minutes) is not counted again. The browser carries a
  signed cookie (``nr_xem``) listing the articles it was counted for and when,
  at most ``MAX_REMEMBERED`` of them. Limits: a browser that refuses or clears
  cookies, or a private window, is counted again; the cookie cannot be forged
  (signed) but can be dropped.
"""

import functools
import re
import time

from django.conf import settings

BOT_PATTERN = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|facebookcatalog|embedly|"
    r"preview|pingdom|uptime|monitor|lighthouse|pagespeed|"
    r"curl/|wget/|python-requests|python-urllib|aiohttp|httpx|go-http-client|java/|okhttp|"
    r"libwww|scrapy|feedfetcher|feedparser|rss|zalo.*(?:crawler|bot)|coccoc.*bot|skypeuripreview|whatsapp",
    re.IGNORECASE,
)
COOKIE_NAME = "nr_xem"
COOKIE_SALT = "counters.reload-window"
MAX_REMEMBERED = 40


def is_bot(request):
    agent = request.META.get("HTTP_USER_AGENT", "")
    if len(agent) > 400:  # no browser's is this long: not kept in memory
        return _is_bot_agent.__wrapped__(agent)
    return _is_bot_agent(agent)


@functools.lru_cache(maxsize=2048)
def _is_bot_agent(agent):
    """Readers' browsers send a few hundred distinct User-Agents: each is
    searched once per process, not on every page load."""
    agent = agent.strip()
    return not agent or bool(BOT_PATTERN.search(agent))


def _window():
    return settings.NEWSROOM_COUNTER_RELOAD_WINDOW


def remembered(request):
    """{article_id: unix time counted} from the cookie, only entries still in
    the window. A caller that counts gives it to ``should_count`` and
    ``remember``, so the cookie is checked and parsed once per view."""
    window = _window()
    raw = request.get_signed_cookie(COOKIE_NAME, default="", salt=COOKIE_SALT, max_age=window)
    now, seen = int(time.time()), {}
    for item in raw.split(","):
        article_id, _, stamp = item.partition(".")
        if article_id.isdigit() and stamp.isdigit() and now - int(stamp) < window:
            seen[int(article_id)] = int(stamp)
    return seen


def seen_recently(request, article_id, seen=None):
    return article_id in (remembered(request) if seen is None else seen)


def remember(request, response, article_id, seen=None):
    """Add the article to the browser's cookie (newest kept, oldest dropped).
    ``seen``: what ``remembered`` read from this request, if it was called."""
    seen = dict(remembered(request) if seen is None else seen)
    seen[article_id] = int(time.time())
    newest = sorted(seen.items(), key=lambda item: item[1])[-MAX_REMEMBERED:]
    response.set_signed_cookie(
        COOKIE_NAME,
        ",".join(f"{pk}.{stamp}" for pk, stamp in newest),
        salt=COOKIE_SALT,
        max_age=_window(),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def should_count(request, article_id, seen=None):
    """A reader's load: not a bot, not a reload within the window. (The
    callers decide on the method and on previews.)"""
    return not is_bot(request) and not seen_recently(request, article_id, seen)
