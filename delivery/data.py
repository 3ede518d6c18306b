"""Cached data under scopes (docs/caching.md): the expensive parts a page is
built from (home blocks, a listing's rows, related stories, the sidebar
lists, the category tree, the profile, the links), for the first reader
after a change and for readers whose page is their own.

``cached(request, name, scopes, build, *parts)`` returns ``build()``'s value,
kept with the versions of ``scopes``: a bump of any of them (delivery/
scopes.py) and it is built again. Every value also lives at most
``NEWSROOM_FRAGMENT_SECONDS`` (60 s) and never past the next *deadline*:
the time at which something becomes visible without any save (a scheduled
article's ``published_at``; it bounds everything but data of the "site"
scope alone), which the owning app registers::

    data.register_deadline(next_scheduled_publish)  # fn() -> datetime or None

Staff who are logged in (a session cookie and ``is_staff``) bypass it: they
see what they just changed at once. Readers without a session cookie never
touch the session for this check.
"""

import math

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import scopes as scope_versions

_deadlines = []


def register_deadline(fn):
    if fn not in _deadlines:
        _deadlines.append(fn)
    return fn


def bypass(request):
    if request is None:
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return user.is_authenticated and user.is_staff


# The scopes' versions this request has read, kept on the request by this
# module alone (delivery/pages.py hands over those it read with
# ``remember_versions``): a page's data are all read under one set.
_ATTRIBUTE = "_delivery_versions"


def remember_versions(request, versions):
    """``versions`` ({scope: version}) were read for this request: its data
    are read under them, with no second read."""
    setattr(request, _ATTRIBUTE, dict(versions))


def _versions(request, names):
    """The scopes' versions, read once per request (a page reads ~10 data)."""
    memo = getattr(request, _ATTRIBUTE, None) if request is not None else None
    if memo is None:
        memo = {}
        if request is not None:
            setattr(request, _ATTRIBUTE, memo)
    missing = [name for name in names if name not in memo]
    if missing:
        memo.update(zip(missing, scope_versions.versions(missing), strict=True))
    return [memo[name] for name in names]


def key(name, names, versions, parts):
    scoped = ",".join(f"{n}={v}" for n, v in zip(names, versions, strict=True))
    return ":".join(["data", name, *map(str, parts), scoped])


def cached(request, name, scopes, build, *parts):
    if not settings.NEWSROOM_FRAGMENT_SECONDS or bypass(request):
        return build()
    versions = _versions(request, scopes)
    entry_key = key(name, scopes, versions, parts)
    now = timezone.now().timestamp()
    entry = cache.get(entry_key)
    # The expiry is kept with the value too: the cache backend's clock may
    # not be the one that decides what is published (and tests move it).
    if entry is not None and entry[0] > now:
        return entry[1]
    value = build()
    # Only what shows articles waits for a scheduled one; the site's own
    # data (profile, menus, links, poll) just lives its 60 s.
    ttl = seconds_to_live(request) if set(scopes) != {scope_versions.SITE} else settings.NEWSROOM_FRAGMENT_SECONDS
    if ttl:
        cache.set(entry_key, (now + ttl, value), ttl)
    return value


def forget(request, name, scopes, *parts):
    """Drop one datum now (e.g. a poll's counts after a vote)."""
    cache.delete(key(name, scopes, _versions(request, scopes), parts))


def _next_deadline(request):
    """Timestamp of the next registered deadline (0: none), kept per version
    of the listings and recomputed once it has passed."""
    [version] = _versions(request, [scope_versions.LISTINGS])
    entry_key = f"data:deadline:{version}"
    now = timezone.now().timestamp()
    at = cache.get(entry_key)
    if at is None or (at and at <= now):
        times = [when.timestamp() for when in (fn() for fn in _deadlines) if when is not None]
        at = min(times) if times else 0
        cache.set(entry_key, at, settings.NEWSROOM_FRAGMENT_SECONDS)
    return at


def seconds_to_live(request=None):
    """How long what is built now may be kept: ``NEWSROOM_FRAGMENT_SECONDS``,
    and never past the next deadline. Looked up once per request."""
    limit = settings.NEWSROOM_FRAGMENT_SECONDS
    at = getattr(request, "_delivery_deadline", None)
    if at is None:
        at = _next_deadline(request)
        if request is not None:
            request._delivery_deadline = at
    if at:
        limit = min(limit, max(0, math.ceil(at - timezone.now().timestamp())))
    return limit


class CachedListing:
    """Stands in for a listing queryset given to a Paginator: its count and
    each page's rows are cached data under ``scopes``."""

    def __init__(self, request, name, scopes, queryset, *parts):
        self.request, self.name, self.scopes, self.queryset, self.parts = request, name, scopes, queryset, parts

    def count(self):
        return cached(self.request, self.name, self.scopes, self.queryset.count, *self.parts, "count")

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return cached(
            self.request,
            self.name,
            self.scopes,
            lambda: list(self.queryset[index]),
            *self.parts,
            index.start,
            index.stop,
        )
