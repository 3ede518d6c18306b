"""Whole pages cached for anonymous readers (docs/performance.md).

A reader without a personal cookie (see ``applies``) gets the page rendered
for the previous reader of the same address: one cache read instead of
building it. The rules are those of the fragments (newsroom/fragments.py):
an entry belongs to a content *generation* and is stale as soon as any
content changes; it lives at most ``NEWSROOM_FRAGMENT_SECONDS`` and never
past the next scheduled article's ``published_at``.

Which address: the host, the path and only the query parameters the view
reads (``params``), so ``?fbclid=…`` or ``?utm_source=…`` on a shared link
is served from the same entry and cannot grow the cache.

What is kept: 200 answers that set no cookie and were not marked private by
the view (previews), with the headers the view set, gzip-compressed once:
a browser (every browser sends ``Accept-Encoding: gzip``) gets those bytes
as they are, with ``Content-Encoding: gzip``; a client that does not accept
gzip gets them decompressed. Both carry ``Vary: Accept-Encoding``. The
middleware after the view (ETag, Cache-Control, CSP, request id) runs again
for every answer.

A hit costs one cache round trip (``lookup``): the entry and the current
generation are read together, and the entry's own expiry tells
``PublicCacheMiddleware`` how long nginx or a CDN may keep the page
(``fragments.seconds_to_live_for``), so it does not read the generation and
the next scheduled article again. With Redis, each worker also keeps the
entries it read or wrote for ``NEWSROOM_PAGE_LOCAL_SECONDS`` (1 s) in its
own memory (the ``pages-local`` cache) and serves them from there without
any round trip: after a change, another worker may show the old page for up
to that second (``fragments.bump`` empties the copies of the worker that
made the change at once); an entry's expiry (60 s, the next scheduled
article) holds for the copies too.

The article page is cached *with holes* (``fill``): the view count and the
comment form's start time (its spam guard: a form sent faster than a person
can fill it in is refused) are left as markers and filled in for each reader,
so counting stays exact and every reader's form starts when he opened it.
The comment form has no CSRF token to fill in: like the poll, it is checked
by origin (newsroom/origin.py).
"""

import hashlib
import re
import zlib
from functools import lru_cache, wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import quote_etag

from . import fragments
from .light_edition import light_edition_variant

# Changed whenever the stored entry changes shape: entries written by the
# previous release are then never read (they expire on their own).
KEY_PREFIX = "pages:gz"
# Markers left in a cached article page; letters and digits only, so
# escaping does not change them.
VIEWS_HOLE = "nrHoleViewCount8d2f"
STARTED_HOLE = "nrHoleFormStarted5b71"
# zlib's window bits for the gzip format (header and CRC), in and out.
GZIP = 16 + zlib.MAX_WBITS
# Stored once per generation and served many times: worth more effort than
# the fastest level (a 40 KB page: about 0.5 ms, once).
GZIP_LEVEL = 6
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip reads it


def applies(request):
    """A GET by a reader whose page is the same as everyone's: no session
    (the desk), no flash message waiting, no poll ballot."""
    if request.method not in ("GET", "HEAD") or not settings.NEWSROOM_FRAGMENT_SECONDS:
        return False
    prefixes = settings.NEWSROOM_PERSONAL_COOKIES
    return not any(name.startswith(prefixes) for name in request.COOKIES)


def key(request, name, params=()):
    """The entry of this address: host, path and the ``params`` the view
    reads, and the page's variant (the light edition or not)."""
    query = "&".join(f"{param}={value}" for param in params for value in request.GET.getlist(param))
    variant = light_edition_variant(request)
    address = "\x1f".join([request.scheme, request.get_host(), request.path, query, variant])
    return f"{KEY_PREFIX}:{name}:{hashlib.sha256(address.encode()).hexdigest()[:40]}"


def _local():
    """This worker's copies of entries (see the module docstring), or None."""
    return caches["pages-local"] if settings.NEWSROOM_PAGE_LOCAL_SECONDS else None


def lookup(request, page_key):
    """The cached entry ``(gzipped content, headers)`` or None: this worker's
    copy if it has one, else one cache round trip that reads the entry and
    the current generation together."""
    now = timezone.now().timestamp()
    local = _local()
    entry = local.get(page_key) if local is not None else None
    if entry is None or entry[1] <= now:
        found = cache.get_many([fragments.GENERATION_KEY, page_key])
        gen = found.get(fragments.GENERATION_KEY) or fragments.generation()
        # A page built on a miss is stored under the generation read here.
        request._fragment_generation = gen
        entry = found.get(page_key)
        if entry is None or entry[0] != gen or entry[1] <= now:
            return None
        if local is not None:
            local.set(page_key, entry, settings.NEWSROOM_PAGE_LOCAL_SECONDS)
    _, expires, gzipped, headers = entry
    # How long a shared cache may keep this page: no longer than the entry.
    request._fragment_expires = expires
    return gzipped, headers


def store(request, page_key, response, etag=True):
    """Keep ``response`` for the next readers if it is everyone's page; with
    its ETag (the one ConditionalGetMiddleware would compute), so a hit is
    not hashed again — not for a page with holes, whose body differs per
    reader. Returns what was stored, ``(gzipped content, headers)``, or
    None."""
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or "private" in response.get("Cache-Control", "")
    ):
        return None
    gen = request._fragment_generation
    ttl = fragments.seconds_to_live(gen, request)
    if ttl:
        # The first reader's answer says it too: a shared cache must keep
        # the gzipped and the plain page apart.
        patch_vary_headers(response, ["Accept-Encoding"])
        headers = {name: value for name, value in response.items() if name.lower() != "content-length"}
        if etag and "ETag" not in headers:
            headers["ETag"] = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
        # A 40 KB page keeps about 8 KB: a crawler walking 20,000 articles a
        # minute must not need gigabytes of Redis.
        packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, GZIP)
        gzipped = packer.compress(response.content) + packer.flush()
        entry = (gen, timezone.now().timestamp() + ttl, gzipped, headers)
        cache.set(page_key, entry, ttl)
        local = _local()
        if local is not None:
            local.set(page_key, entry, min(ttl, settings.NEWSROOM_PAGE_LOCAL_SECONDS))
        return gzipped, headers
    return None


def accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


@lru_cache(maxsize=64)
def content(gzipped):
    """The page as the view rendered it. The last pages decompressed are
    kept (a viral article is filled in for every reader: 40 KB, 0.1 ms)."""
    return zlib.decompress(gzipped, GZIP)


def response_for(request, gzipped, headers):
    """A hit: the stored bytes as they are for a client that accepts gzip
    (with a weak ETag, as Django's GZipMiddleware gives), else decompressed."""
    if not accepts_gzip(request):
        return _response(content(gzipped), headers)
    response = _response(gzipped, headers)
    response["Content-Encoding"] = "gzip"
    etag = response.get("ETag")
    if etag and not etag.startswith("W/"):
        response["ETag"] = "W/" + etag
    return response


def _response(body, headers):
    response = HttpResponse(body)
    for name, value in headers.items():
        response[name] = value
    return response


def cache_public_page(name, params=()):
    """Decorator for a public view whose page depends only on its address
    and the content (home, category, tag, search, most read)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not applies(request):
                return view(request, *args, **kwargs)
            page_key = key(request, name, params)
            entry = lookup(request, page_key)
            if entry is not None:
                return response_for(request, *entry)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            stored = store(request, page_key, response)
            if stored is not None and accepts_gzip(request):
                return response_for(request, *stored)  # the first browser gets gzip too
            return response

        return wrapper

    return decorator


def fill(html, values, headers):
    """The article page for one reader: ``values`` (hole: text) put in the
    holes of the cached page. Sent uncompressed, not gzipped again for every
    reader (nginx or a CDN may)."""
    for hole, value in values.items():
        html = html.replace(hole.encode(), value.encode())  # UTF-8 bytes: no decoding and encoding again
    return _response(html, headers)
