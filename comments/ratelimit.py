"""A per-IP limit on comment submissions, in Django's cache (local memory on
one server, Redis shared by all workers in production). The IP comes from
``newsroom.http.client_ip``, so a forged ``X-Forwarded-For`` does not move a
reader into a fresh bucket."""

from django.conf import settings
from django.core.cache import cache


def _key(ip):
    return f"comments:rate:{ip}"


def allow(ip):
    """Count one submission from ``ip``; False once it is over the limit."""
    key, window = _key(ip), settings.NEWSROOM_COMMENT_RATE_WINDOW
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= settings.NEWSROOM_COMMENT_RATE
