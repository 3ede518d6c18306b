"""``POST /luot-xem/<id>/``: the counting beacon for article pages served
from a cache (``NEWSROOM_COUNT_WITH_BEACON``). Same rules as the page: bots
and reloads within the window are not counted. No CSRF token (a cached page
cannot carry one): like the comment and poll forms, the POST is counted only
from this site's own pages (``Origin``, else ``Referer``; guard/origin.py),
so another site's page, or a script sending a foreign or no origin, adds
nothing (403)."""

from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Article
from guard.origin import same_origin_post

from . import rules
from .services import record_view, view_count


@csrf_exempt
@never_cache
@same_origin_post
@require_POST
def count_view(request, pk):
    if not Article.objects.published().filter(pk=pk).exists():
        raise Http404
    seen = rules.remembered(request)
    counted = rules.should_count(request, pk, seen)
    response = JsonResponse({"views": record_view(pk) if counted else view_count(pk), "counted": counted})
    if counted:
        rules.remember(request, response, pk, seen)
    return response
