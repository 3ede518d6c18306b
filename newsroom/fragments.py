"""Cached fragments of the public pages (docs/performance.md).

What is cached is the data of the expensive parts of a page (home blocks, a
category page's stories, related stories, the rendered article body, the
sidebar widgets). Whole pages for anonymous readers are cached on top of
these by newsroom/page_cache.py, under the same rules.

A fragment is never stale for long:

- every key carries the content *generation*; ``bump()`` (connected to the
  save/delete signals of what a reader sees, see ``newsroom/apps.py``, and
  called by services that write with ``.update()``) starts a new generation
  once the transaction commits, so the next request rebuilds;
- a fragment lives at most ``NEWSROOM_FRAGMENT_SECONDS`` (60 s: the bound
  docs/workflow.md promises for scheduled articles), and never past the
  ``published_at`` of the next scheduled article, so that article appears on
  time although nothing was saved when it went live.

Staff who are logged in (a session cookie and ``is_staff``) bypass the cache:
they see what they just changed at once. Readers without a session cookie
never touch the session (no ``Vary: Cookie`` just for this check).
"""

import math

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.utils import timezone

GENERATION_KEY = "fragments:generation"


def generation():
    gen = cache.get(GENERATION_KEY)
    if gen is None:
        cache.add(GENERATION_KEY, _new_generation(), None)
        gen = cache.get(GENERATION_KEY) or _new_generation()
    return gen


def _new_generation():
    return int(timezone.now().timestamp() * 1_000_000)


def _bump():
    cache.set(GENERATION_KEY, _new_generation(), None)
    if settings.NEWSROOM_PAGE_LOCAL_SECONDS:
        caches["pages-local"].clear()  # this worker's copies of whole pages (newsroom/page_cache.py)


def bump(**kwargs):
    """Every cached fragment is out of date: at once, and again once the
    current transaction commits (a request that rebuilt a fragment from the
    old rows in between is thrown away then). Usable as a signal receiver."""
    _bump()
    transaction.on_commit(_bump)


def _next_scheduled(gen):
    """Timestamp of the next scheduled article (0: none), cached per generation."""
    key = f"fragments:{gen}:next-scheduled"
    now = timezone.now().timestamp()
    at = cache.get(key)
    if at is None or (at and at <= now):
        from articles.models import Article

        when = (
            Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        at = when.timestamp() if when else 0
        cache.set(key, at, settings.NEWSROOM_FRAGMENT_SECONDS)
    return at


def seconds_to_live(gen=None, request=None):
    """How long a fragment built now may be kept. With ``request``, the next
    scheduled article is looked up once for the whole request (a cold page
    stores several fragments)."""
    limit = settings.NEWSROOM_FRAGMENT_SECONDS
    at = getattr(request, "_next_scheduled", None)
    if at is None:
        at = _next_scheduled(generation() if gen is None else gen)
        if request is not None:
            request._next_scheduled = at
    if at:
        limit = min(limit, max(0, math.ceil(at - timezone.now().timestamp())))
    return limit


def seconds_to_live_for(request):
    """``seconds_to_live`` for what this request shows: a page served from
    the page cache lives no longer than its entry (which itself never
    outlives the next scheduled article), so no cache is read again."""
    expires = getattr(request, "_fragment_expires", None)
    if expires is not None:
        return min(settings.NEWSROOM_FRAGMENT_SECONDS, max(0, math.floor(expires - timezone.now().timestamp())))
    return seconds_to_live(getattr(request, "_fragment_generation", None), request)


def bypass(request):
    if request is None:
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return user.is_authenticated and user.is_staff


def cached(request, name, build, *parts):
    """``build()``'s result for ``name`` and ``parts``, from the cache when
    it is there and the current generation's."""
    if not settings.NEWSROOM_FRAGMENT_SECONDS or bypass(request):
        return build()
    # One look at the generation per request (a page reads ~10 fragments).
    gen = getattr(request, "_fragment_generation", None) or generation()
    request._fragment_generation = gen
    key = ":".join(["fragments", str(gen), name, *map(str, parts)])
    now = timezone.now().timestamp()
    entry = cache.get(key)
    # The expiry is kept with the value too: the cache backend's clock may
    # not be the one that decides what is published (and tests move it).
    if entry is not None and entry[0] > now:
        return entry[1]
    value = build()
    ttl = seconds_to_live(gen, request)
    if ttl:
        cache.set(key, (now + ttl, value), ttl)
    return value


def forget(name, *parts):
    """Drop one fragment of the current generation (e.g. a poll's counts after a vote)."""
    cache.delete(":".join(["fragments", str(generation()), name, *map(str, parts)]))


class CachedListing:
    """Stands in for a listing queryset given to a Paginator: its count and
    each page's rows come from the fragment cache."""

    def __init__(self, request, name, queryset, *parts):
        self.request, self.name, self.queryset, self.parts = request, name, queryset, parts

    def count(self):
        return cached(self.request, self.name, self.queryset.count, *self.parts, "count")

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return cached(self.request, self.name, lambda: list(self.queryset[index]), *self.parts, index.start, index.stop)
