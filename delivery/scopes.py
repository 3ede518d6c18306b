"""Scopes: what a cached page or piece of data depends on (docs/caching.md).

A scope is a name ("site", "listings", "article:<id>") with a version. A
cached page or datum is stored together with the versions of the scopes it
depends on, and is used only while they are unchanged; ``bump(*names)``
gives the named scopes new versions, so only what depends on them is built
again. The owning apps decide which of their changes readers can see and
which scopes those touch (each app's ``delivery.py``).

Where the versions live, so that every process sees a bump:

- ``NEWSROOM_SCOPE_STORE = "cache"`` (the default with ``REDIS_URL``): in
  the shared cache, one key per scope; a worker reads them with the page
  itself (one round trip).
- ``"database"`` (the default without Redis: each process has its own
  local-memory cache): in the ``delivery_scopeversion`` table, bumped with
  ``UPDATE … SET version = version + 1``.

In both, each process remembers a version it read for at most
``NEWSROOM_SCOPE_SECONDS`` (1 s; 0: never), so that a page served again
within that second costs no round trip at all (delivery/pages.py keeps the
entries it served): a change made in another process (a second gunicorn
worker or server, ``manage.py``) is seen within that bound; the process that
made it sees it at once.

A bump happens at once (the process that writes sees its change) and again
once the transaction commits (a page another process built from the old
rows in between carries the first new version and is dropped by the second).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import router, transaction
from django.db.models import F
from django.utils import timezone

SITE = "site"
LISTINGS = "listings"
KEY_PREFIX = "scope:"

# Database store: name -> (version, read at, monotonic seconds).
_memo = {}
MEMO_MAX = 20_000


def article(pk):
    return f"article:{pk}"


def _store():
    return settings.NEWSROOM_SCOPE_STORE


def _cache_key(name):
    return KEY_PREFIX + name


def _new_version():
    return int(timezone.now().timestamp() * 1_000_000)


def read(names, also=()):
    """``(versions, found)``: the current version of each scope in ``names``
    (a tuple, in order) and the cache entries ``also`` asked for in the same
    round trip (a dict)."""
    names = list(names)
    if _store() == "cache":
        keys = [_cache_key(name) for name in names]
        found = cache.get_many(keys + list(also))
        versions = []
        for key in keys:
            version = found.get(key)
            if version is None:
                # A scope never bumped (or evicted) gets a new version, never
                # an old one again; if another process added one first, that
                # one is used.
                version = _new_version()
                if not cache.add(key, version, None):
                    version = cache.get(key) or version
            versions.append(version)
        _remember(names, versions)
        return tuple(versions), {key: found[key] for key in also if key in found}
    versions = _from_database(names)
    return versions, (cache.get_many(list(also)) if also else {})


def _remember(names, versions):
    if settings.NEWSROOM_SCOPE_SECONDS <= 0:
        return
    if len(_memo) > MEMO_MAX:
        _memo.clear()
    now = time.monotonic()
    for name, version in zip(names, versions, strict=True):
        _memo[name] = (version, now)


def remembered(names):
    """The versions of ``names`` as this process read them less than
    ``NEWSROOM_SCOPE_SECONDS`` ago, or None if any must be read again."""
    found = _fresh(names)
    if any(name not in found for name in names):
        return None
    return tuple(found[name] for name in names)


def versions(names):
    """The current versions of ``names``: from this process's memory where
    it read them less than ``NEWSROOM_SCOPE_SECONDS`` ago, the others in one
    round trip (a cold page asks for its scopes a few at a time, as its
    data are read)."""
    names = list(names)
    if _store() != "cache":
        return _from_database(names)
    found = _fresh(names)
    stale = [name for name in names if name not in found]
    if stale:
        found.update(zip(stale, read(stale)[0], strict=True))
    return tuple(found[name] for name in names)


def _fresh(names):
    """{name: version} of those of ``names`` this process read less than
    ``NEWSROOM_SCOPE_SECONDS`` ago."""
    now = time.monotonic()
    bound = settings.NEWSROOM_SCOPE_SECONDS
    found = {}
    for name in names:
        remembered = _memo.get(name)  # one lookup: other threads may change the memo meanwhile
        if remembered is not None and now - remembered[1] < bound:
            found[name] = remembered[0]
    return found


def _from_database(names):
    from .models import ScopeVersion

    now = time.monotonic()
    found = _fresh(names)
    stale = [name for name in names if name not in found]
    if stale:
        # From the primary: a replica's lag would keep old pages longer.
        primary = router.db_for_write(ScopeVersion)
        rows = dict(ScopeVersion.objects.using(primary).filter(name__in=stale).values_list("name", "version"))
        if len(_memo) > MEMO_MAX:
            _memo.clear()
        for name in stale:
            found[name] = rows.get(name, 0)
            _memo[name] = (found[name], now)
    return tuple(found[name] for name in names)


def _bump_now(names):
    if _store() == "cache":
        cache.set_many({_cache_key(name): _new_version() for name in names}, None)
        for name in names:
            _memo.pop(name, None)
        return
    from .models import ScopeVersion

    ScopeVersion.objects.bulk_create([ScopeVersion(name=name, version=0) for name in names], ignore_conflicts=True)
    ScopeVersion.objects.filter(name__in=names).update(version=F("version") + 1)
    for name in names:
        _memo.pop(name, None)


def bump(*names):
    """What depends on any of ``names`` is out of date: at once, and again
    once the current transaction commits."""
    names = sorted(set(names))
    if not names:
        return
    _bump_now(names)
    transaction.on_commit(lambda: _bump_now(names))


def forget_memo():
    """This process forgets the versions it remembered (tests)."""
    _memo.clear()
