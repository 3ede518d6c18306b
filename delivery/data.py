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

Each process keeps what it read last (``LOCAL_ENTRIES``, as pickled bytes:
no two requests share an object) and uses it again for at most
``NEWSROOM_SCOPE_SECONDS``, the bound in which every process already sees a
change (delivery/scopes.py): a page built for a new article then reads its
sidebars, menu and profile without a round trip to the cache.

Staff who are logged in (a session cookie and ``is_staff``) bypass it: they
see what they just changed at once. Readers without a session cookie never
touch the session for this check.
"""

import math
import pickle
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import scopes as scope_versions

_deadlines = []
# The data this process read or wrote last, by key (which holds the scopes'
# versions): (when, monotonic seconds; the stored value, pickled). A cold
# article page keeps some 5 of its own (a few KB each to ~20 KB for a body).
LOCAL_ENTRIES = 500
_local = {}


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
    entry = _read(entry_key)
    # The expiry is kept with the value too: the cache backend's clock may
    # not be the one that decides what is published (and tests move it).
    if entry is not None and entry[0] > now:
        return entry[1]
    value = build()
    # Only what shows articles waits for a scheduled one; the site's own
    # data (profile, menus, links, poll) just lives its 60 s.
    ttl = seconds_to_live(request) if set(scopes) != {scope_versions.SITE} else settings.NEWSROOM_FRAGMENT_SECONDS
    if ttl:
        _write(entry_key, (now + ttl, value), ttl)
    return value


def _read(entry_key):
    """The stored value of ``entry_key``: this process's copy if it read or
    wrote it less than ``NEWSROOM_SCOPE_SECONDS`` ago, else the cache's."""
    kept = _local.get(entry_key)  # one lookup: other threads may change the dict meanwhile
    if kept is not None and time.monotonic() - kept[0] < settings.NEWSROOM_SCOPE_SECONDS:
        return pickle.loads(kept[1])  # noqa: S301 (bytes this process pickled)
    value = cache.get(entry_key)
    if value is not None:
        _keep(entry_key, value)
    return value


def _write(entry_key, value, ttl):
    cache.set(entry_key, value, ttl)
    _keep(entry_key, value)


def _keep(entry_key, value):
    bound = settings.NEWSROOM_SCOPE_SECONDS
    if bound <= 0:
        return
    now = time.monotonic()
    if len(_local) >= LOCAL_ENTRIES:
        # Copies past the bound are of no more use; the rest (the sidebars,
        # menu and profile every page reads) stay.
        for name, (kept_at, _value) in list(_local.items()):
            if now - kept_at >= bound:
                _local.pop(name, None)
        if len(_local) >= LOCAL_ENTRIES:
            _local.clear()
    _local[entry_key] = (now, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


def forget_local():
    """This process forgets the data it kept (tests)."""
    _local.clear()


def forget(request, name, scopes, *parts):
    """Drop one datum now (e.g. a poll's counts after a vote); other
    processes drop their copies within ``NEWSROOM_SCOPE_SECONDS``."""
    entry_key = key(name, scopes, _versions(request, scopes), parts)
    _local.pop(entry_key, None)
    cache.delete(entry_key)


def _next_deadline(request):
    """Timestamp of the next registered deadline (0: none), kept per version
    of the listings and recomputed once it has passed."""
    [version] = _versions(request, [scope_versions.LISTINGS])
    entry_key = f"data:deadline:{version}"
    now = timezone.now().timestamp()
    at = _read(entry_key)
    if at is None or (at and at <= now):
        times = [when.timestamp() for when in (fn() for fn in _deadlines) if when is not None]
        at = min(times) if times else 0
        _write(entry_key, at, settings.NEWSROOM_FRAGMENT_SECONDS)
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
