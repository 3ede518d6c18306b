"""Fixed-window counters in Django's cache, shared by every rate limit
(comment posting, admin log-in). Local memory on one server; Redis, shared by
all workers, in production. While Redis is down the counters read as a first
hit (newsroom.cache), so limits fail open rather than taking the site down."""

from django.core.cache import cache


def hit(key, window):
    """Count one event under ``key``; the number of events in the window."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


def count(key):
    return cache.get(key, 0)


def reset(key):
    cache.delete(key)
