"""Old addresses answer 301 to their new one.

Normal pages pay nothing: the lookup runs only on a response the URLconf
and the views already answered 404, with one indexed query
(``OldAddress(host, path)``, see models.py). Requests for a host of a
retired site (``NEWSROOM_RETIRED_HOSTS``) are looked up first, whatever
their path, and otherwise sent to the same path on this site
(``NEWSROOM_SITE_URL``), where the old paths are looked up again.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect

from .models import OldAddress
from .paths import MAX_PATH_LENGTH, keys, normal_host

LOOKUP_METHODS = ("GET", "HEAD")
# The home page answers 200 whatever its query string, so WordPress's
# ``/?p=123`` never reaches a 404: these parameters are looked up first.
HOME_QUERY_KEYS = frozenset({"p", "page_id", "cat", "attachment_id"})


def find(host, path, query, exact=False):
    """The new address of ``host`` + ``path`` + ``query``, or None: one
    query, the most precise key winning (a host over any host, the path with
    its query string over the path alone)."""
    wanted = keys(path, query)
    if exact:
        wanted = wanted[:1]
    if len(wanted[0]) > MAX_PATH_LENGTH or any("\x00" in key for key in [host, *wanted]):
        return None  # no old address has a NUL (and PostgreSQL refuses it in a query)
    host = normal_host(host)
    rows = list(OldAddress.objects.matching(host, wanted).with_targets())
    rows.sort(key=lambda row: (row.host != host, wanted.index(row.path)))
    for row in rows:
        if row.article_id and not row.article.is_visible:
            continue  # a draft or withdrawn article: not for readers
        return row.target_url()
    return None


def retired_hosts():
    return {normal_host(h) for h in getattr(settings, "NEWSROOM_RETIRED_HOSTS", ())}


class OldAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in LOOKUP_METHODS and retired_hosts():
            host = normal_host(request.get_host())
            if host in retired_hosts():
                return self.from_retired_host(request, host)
        if request.path == "/" and request.method in LOOKUP_METHODS and HOME_QUERY_KEYS & request.GET.keys():
            target = find(request.get_host(), request.path, request.META.get("QUERY_STRING", ""), exact=True)
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in LOOKUP_METHODS:
            return response
        target = find(request.get_host(), request.path, request.META.get("QUERY_STRING", ""))
        if target and target != request.path:
            return HttpResponsePermanentRedirect(target)
        return response

    def from_retired_host(self, request, host):
        site = settings.NEWSROOM_SITE_URL.rstrip("/")
        target = find(host, request.path, request.META.get("QUERY_STRING", ""))
        if target is None:
            query = request.META.get("QUERY_STRING", "")
            target = request.get_full_path() if query else request.path
        return HttpResponsePermanentRedirect(site + target)
