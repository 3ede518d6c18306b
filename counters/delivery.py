"""The view count hole of the article page (delivery/holes.py): for every
reader, cached page or not, this view is counted (bot and reload rules,
counters/rules.py) and the count put in, with the reload-window cookie. A
view never bumps any scope: the sidebar's "Đọc nhiều" follows within the
data lifetime (60 s)."""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.formats import localize

from delivery import holes

from . import rules
from .services import record_view, view_count


def fill_view_count(request, response, arg):
    article_id = int(arg)
    if settings.NEWSROOM_COUNT_WITH_BEACON:
        # The page counts nothing (nginx or a CDN may keep it); the browser
        # counts itself by POST /luot-xem/<id>/.
        return localize(view_count(article_id))
    # Views are counted here, so nginx or a CDN must never keep this page,
    # not even one that counted nothing (a bot's, a reload's).
    patch_cache_control(response, private=True, max_age=0)
    seen = rules.remembered(request)  # the cookie, read once for the rule and the new cookie
    counted = request.method == "GET" and rules.should_count(request, article_id, seen)
    if not counted:
        return localize(view_count(article_id))
    count = record_view(article_id)
    rules.remember(request, response, article_id, seen)
    return localize(count)


def connect():
    holes.register("view-count", fill_view_count)
