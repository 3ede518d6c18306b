"""Whole public pages cached for anonymous readers: the one contract every
public page uses (docs/caching.md)::

    cached_page("category", scopes=[SITE, LISTINGS], params=("page",))(view)
    cached_page("article", scopes=lambda kwargs: [SITE, LISTINGS, article(kwargs["pk"])])(view)

A reader without a personal cookie (``applies``) gets the page built for the
previous reader of the same address, as long as none of its ``scopes`` has
been bumped (delivery/scopes.py), it is younger than
``NEWSROOM_FRAGMENT_SECONDS`` and no deadline (a scheduled article) has
passed since. A hit is one cache round trip (the entry and, with the cache
store, the scopes' versions read together), or none: each process keeps the
last entries it served (``LOCAL_ENTRIES``) and serves them again while the
versions it remembers (``NEWSROOM_SCOPE_SECONDS``, delivery/scopes.py) still
match theirs.

- **The address** is the host, the path, only the query parameters the view
  reads (``params``) and the variant (delivery/variants.py): ``?fbclid=…``
  on a shared link is served from the same entry.
- **What is kept**: a 200 answer that sets no cookie and that the view did
  not mark private, with the headers the view set, gzipped once. A browser
  gets those bytes as they are (``Content-Encoding: gzip``, a weak ETag); a
  client that does not accept gzip gets them decompressed; both carry
  ``Vary: Accept-Encoding``.
- **Holes** (delivery/holes.py): a page with markers is filled in for every
  reader, from the cache or not (the view count and its counting, the
  comment form's start time); such a page is sent uncompressed.
- **Cache-Control**: a page served or stored here says ``public, max-age=0,
  s-maxage=N`` (N: ``NEWSROOM_PUBLIC_S_MAXAGE``, never past the entry's
  expiry) unless a hole made it private or set a cookie.
- **The fast path** (``CachedPageMiddleware``, high in MIDDLEWARE): an
  address this process served from an entry a moment ago is served again
  before the session, authentication, CSRF, messages, CSP and URL
  resolution run (none of them changes a page everyone shares), with the
  headers they added the first time. The same entries, versions and bounds
  as above: it only skips work, it keeps nothing of its own for longer.
"""

import hashlib
import math
import re
import zlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag

from . import data, holes, variants
from . import scopes as scope_versions

# Changed whenever the stored entry changes shape: entries written by the
# previous release are then never read (they expire on their own).
KEY_PREFIX = "pages:v3"
# zlib's window bits for the gzip format (header and CRC), in and out.
GZIP = 16 + zlib.MAX_WBITS
GZIP_LEVEL = 6
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip reads it
# The entries this process served last, by key: used again only while the
# scope versions this process remembers are theirs (a gzipped page is about
# 8 KB, an article page with holes kept decompressed too about 50 KB: at
# most some 25 MB per worker).
LOCAL_ENTRIES = 500
_local = {}


def applies(request):
    """A GET by a reader whose page is the same as everyone's: no session
    (the desk), no flash message waiting, no poll ballot."""
    if request.method not in ("GET", "HEAD") or not settings.NEWSROOM_FRAGMENT_SECONDS:
        return False
    prefixes = settings.NEWSROOM_PERSONAL_COOKIES
    return not any(name.startswith(prefixes) for name in request.COOKIES)


def key(request, name, params=()):
    """The entry of this address: host, path, the ``params`` the view reads, the variant."""
    query = "&".join(f"{param}={value}" for param in params for value in request.GET.getlist(param))
    address = "\x1f".join([request.scheme, request.get_host(), request.path, query, variants.of(request)])
    return f"{KEY_PREFIX}:{name}:{hashlib.sha256(address.encode()).hexdigest()[:40]}"


def accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def _response(body, headers):
    response = HttpResponse(body)
    for name, value in headers.items():
        response[name] = value
    return response


def _public(response, expires):
    """nginx or a CDN may keep this page, no longer than its entry."""
    if response.cookies or response.has_header("Cache-Control") or not settings.NEWSROOM_PUBLIC_S_MAXAGE:
        return response
    left = math.floor(expires - timezone.now().timestamp())
    s_maxage = min(settings.NEWSROOM_PUBLIC_S_MAXAGE, settings.NEWSROOM_FRAGMENT_SECONDS, max(0, left))
    if s_maxage:
        patch_cache_control(response, public=True, max_age=0, s_maxage=s_maxage)
    return response


def respond(request, entry):
    """A reader's answer from a stored entry ``(versions, expires, gzipped,
    headers, with_holes)``. In this process's copy of an entry with holes,
    ``with_holes`` is the page decompressed and cut at its holes once
    (``_keep``, holes.Page)."""
    _, expires, gzipped, headers, with_holes = entry
    if with_holes:
        page = with_holes if isinstance(with_holes, holes.Page) else holes.Page(zlib.decompress(gzipped, GZIP))
        response = page.fill(request, _response(b"", headers))
    elif accepts_gzip(request):
        response = _response(gzipped, headers)
        response["Content-Encoding"] = "gzip"
        etag = response.get("ETag")
        if etag and not etag.startswith("W/"):
            response["ETag"] = "W/" + etag
    else:
        response = _response(zlib.decompress(gzipped, GZIP), headers)
    return _public(response, expires)


def store(request, page_key, versions, response, until_deadline=True):
    """Keep ``response`` for the next readers if it is everyone's page.
    Returns the entry, or None."""
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or "private" in response.get("Cache-Control", "")
    ):
        return None
    ttl = data.seconds_to_live(request) if until_deadline else settings.NEWSROOM_FRAGMENT_SECONDS
    if not ttl:
        return None
    with_holes = holes.MARK in response.content
    patch_vary_headers(response, ["Accept-Encoding"])
    headers = {name: value for name, value in response.items() if name.lower() != "content-length"}
    if not with_holes and "ETag" not in headers:
        headers["ETag"] = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
    packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, GZIP)
    gzipped = packer.compress(response.content) + packer.flush()
    entry = (versions, timezone.now().timestamp() + ttl, gzipped, headers, with_holes)
    cache.set(page_key, entry, ttl)
    return entry


def _valid(entry, versions):
    return entry is not None and entry[0] == versions and entry[1] > timezone.now().timestamp()


def _keep(page_key, entry):
    """Keep ``entry`` in this process; a page with holes is kept
    decompressed and cut at its holes too (filled for every reader: not
    decompressed and searched each time)."""
    if len(_local) >= LOCAL_ENTRIES:
        _local.clear()
    if entry[4] is True:
        entry = (*entry[:4], holes.Page(zlib.decompress(entry[2], GZIP)))
    _local[page_key] = entry


def forget_local():
    """This process forgets the entries it kept (tests)."""
    _local.clear()
    _addresses.clear()


def _scope_names(scopes, kwargs):
    return list(scopes(kwargs) if callable(scopes) else scopes)


def cached_page(name, scopes, params=(), until_deadline=True):
    """Decorator for a public view: see the module docstring. ``scopes``: the
    scope names the page depends on, or a function of the URL's kwargs
    returning them. ``until_deadline=False``: the page may show a scheduled
    article up to its 60 s late (the sitemaps, read by crawlers: no query
    for the next deadline)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not applies(request):
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                return holes.fill(request, response)
            names = _scope_names(scopes, kwargs)
            page_key = key(request, name, params)
            versions = scope_versions.remembered(names)
            entry = _local.get(page_key) if versions is not None else None
            if _valid(entry, versions):
                return _served(respond(request, entry), page_key, names)
            versions, found = scope_versions.read(names, also=[page_key])
            entry = found.get(page_key)
            if _valid(entry, versions):
                _keep(page_key, entry)
                return _served(respond(request, entry), page_key, names)
            # The data the view reads is kept under the versions read here.
            data.remember_versions(request, zip(names, versions, strict=True))
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            entry = store(request, page_key, versions, response, until_deadline)
            if entry is None:
                return holes.fill(request, response)
            _keep(page_key, entry)
            if entry[4] or accepts_gzip(request):
                return _served(respond(request, entry), page_key, names)  # the first browser gets gzip too
            return _served(_public(response, entry[1]), page_key, names)

        return wrapper

    return decorator


# The fast path (CachedPageMiddleware): the addresses this process answered
# from an entry, by address: (entry key, scope names, the headers the
# middleware below CachedPageMiddleware added to that answer).
_addresses = {}
# Headers made for each answer, never copied from one answer to the next:
# respond() and the middleware above make them again.
PER_ANSWER = frozenset({"content-length", "content-encoding", "etag", "cache-control", "x-request-id"})


def _served(response, page_key, names):
    """Tell CachedPageMiddleware which entry answered (``response.cached_page``)."""
    response.cached_page = (page_key, names)
    return response


def _address(request):
    """The address as it came (no hashing, no parsing): a dict key of this
    process only. Another spelling of the same page is simply not on the
    fast path and is answered by ``cached_page``."""
    meta = request.META
    return (
        request.scheme,
        meta.get("HTTP_HOST", ""),
        request.path,
        meta.get("QUERY_STRING", ""),
        variants.of(request),
    )


class CachedPageMiddleware:
    """Serves again, without the rest of the stack, a page this process
    answered from an entry while the versions it remembers (at most
    ``NEWSROOM_SCOPE_SECONDS`` old) are still the entry's: what
    ``cached_page`` would do, less the middleware below this one and the URL
    resolution, which for a reader without a personal cookie change nothing
    but headers (kept from the first answer). Placed below everything that
    must see every request (the request log and checks, HTTPS, static files,
    ETag and Cache-Control, the light edition's choice) and above the
    session. Holes are filled for each reader as always."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not applies(request):
            return self.get_response(request)
        address = _address(request)
        known = _addresses.get(address)
        if known is not None:
            page_key, names, headers = known
            versions = scope_versions.remembered(names)
            entry = _local.get(page_key) if versions is not None else None
            if _valid(entry, versions):
                translation.activate(settings.LANGUAGE_CODE)  # what LocaleMiddleware does (one language)
                response = respond(request, entry)
                for name, value in headers:
                    response[name] = value
                response["Content-Length"] = str(len(response.content))  # as CommonMiddleware would
                return response
        response = self.get_response(request)
        served = getattr(response, "cached_page", None)
        if served is not None and response.status_code == 200:
            if len(_addresses) >= LOCAL_ENTRIES:
                _addresses.clear()
            headers = [(name, value) for name, value in response.items() if name.lower() not in PER_ANSWER]
            _addresses[address] = (*served, headers)
        return response
