"""Bản nhẹ, the light edition for typhoon and flood days (docs/light-edition.md).

Every public page can be served text-first: no pictures unless the reader
asks for one, no sidebar, no script, one small stylesheet. Two ways in:

- the newsroom turns it on for everyone in the publication profile
  (``Publication.light_edition``; only the Tổng biên tập may change the
  profile);
- a reader chooses it for himself with ``?nhe=1`` and goes back with
  ``?nhe=0``; the choice is remembered in the ``nhe`` cookie (a year), and
  a reader's choice wins over the profile both ways.

The cookie is not a personal cookie (settings.NEWSROOM_PERSONAL_COOKIES): it
only selects which of two renderings of a page the reader gets, so the page
cache keeps both: ``light_edition_variant()`` is registered as a variant
(delivery/variants.py, from NewsroomConfig.ready()).
"""

from .models import Publication

PARAM = "nhe"
COOKIE = "nhe"
COOKIE_AGE = 365 * 24 * 3600
CHOICES = {"1": True, "0": False}


def reader_choice(request):
    """True or False when the reader chose (this address or the cookie),
    else None."""
    asked = request.GET.get(PARAM)
    if asked in CHOICES:
        return CHOICES[asked]
    return CHOICES.get(request.COOKIES.get(COOKIE))


def is_light(request):
    """Whether this request gets the light edition."""
    choice = reader_choice(request)
    if choice is not None:
        return choice
    return Publication.load().light_edition


def light_edition_variant(request):
    """The page cache's variant of this request (a short string put in the
    page's key): the reader's own choice, ``"nhe"`` (light), ``"day-du"``
    (full) or ``""`` (none: the profile decides). The profile's switch
    needs no part in the key: saving the profile starts a new content
    generation, so every page cached before it is stale at once
    (newsroom/fragments.py). No cache read: a hit stays one round trip."""
    return {True: "nhe", False: "day-du", None: ""}[reader_choice(request)]


class LightEditionMiddleware:
    """Remembers a reader's ``?nhe=1``/``?nhe=0`` in the cookie, on a cached
    answer too. A page chosen by the reader's own cookie or address is not
    for a shared cache (nginx, a CDN keep one page per address): private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        asked = request.GET.get(PARAM)
        if asked in CHOICES and request.COOKIES.get(COOKIE) != asked:
            response.set_cookie(COOKIE, asked, max_age=COOKIE_AGE, samesite="Lax", httponly=True)
        if reader_choice(request) is not None and "no-store" not in response.get("Cache-Control", ""):
            # Whatever the page cache said (public, s-maxage): this page is
            # the reader's own choice.
            response["Cache-Control"] = "private, max-age=0"
        return response
