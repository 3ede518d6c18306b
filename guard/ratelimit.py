"""Fixed-window counters and gates in Django's cache, shared by every rate
limit (comment posting, poll votes, admin log-in). Local memory on one
server; Redis, shared by all workers, in production.

While the shared cache (Redis) is down, counts and gates are kept in this
process's own memory instead (``_local``): each worker then limits on its own,
a looser limit but never none — the limits do not fail open."""

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

# This worker's own counters, used only while the shared cache is down.
_local = LocMemCache("newsroom-ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10000}})


def _shared_is_down():
    is_down = getattr(cache, "is_down", None)
    return bool(is_down and is_down())


def _on_shared_else_local(operation):
    """Run ``operation(store)`` on the shared cache; if the shared cache is
    down, or fails during the call, on this worker's own memory."""
    if not _shared_is_down():
        result = operation(cache)
        if not _shared_is_down():
            return result
    return operation(_local)


def _hit(store, key, window):
    store.add(key, 0, timeout=window)
    try:
        return store.incr(key)
    except ValueError:  # expired between add() and incr()
        store.set(key, 1, timeout=window)
        return 1


def hit(key, window):
    """Count one event under ``key``; the number of events in the window,
    this one included. Atomic: two concurrent hits never get the same number."""
    return _on_shared_else_local(lambda store: _hit(store, key, window))


def undo(key):
    """Take back one event counted under ``key`` (never below zero)."""

    def take_back(store):
        try:
            if store.decr(key) < 0:
                store.set(key, 0)
        except ValueError:  # gone already
            pass

    _on_shared_else_local(take_back)


def count(key):
    return _on_shared_else_local(lambda store: store.get(key, 0))


def close_gate(key, seconds):
    """Nobody passes ``key``'s gate for ``seconds``."""
    _on_shared_else_local(lambda store: store.set(f"{key}:gate", 1, timeout=seconds))


def pass_gate(key, seconds):
    """True for exactly one caller once ``key``'s gate is open, which closes
    it again behind them for ``seconds`` (an atomic add)."""
    return _on_shared_else_local(lambda store: store.add(f"{key}:gate", 1, timeout=seconds))


def reset(*keys):
    for key in keys:
        _on_shared_else_local(lambda store, key=key: store.delete_many([key, f"{key}:gate"]))
