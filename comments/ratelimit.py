"""A per-IP limit on comment submissions, in Django's cache (local memory on
one server, Redis shared by all workers in production). The IP comes from
``guard.http.client_ip``, so a forged ``X-Forwarded-For`` does not move a
reader into a fresh bucket."""

from django.conf import settings

from guard import ratelimit


def _key(ip):
    return f"comments:rate:{ip}"


def allow(ip):
    """Count one submission from ``ip``; False once it is over the limit."""
    return ratelimit.hit(_key(ip), settings.NEWSROOM_COMMENT_RATE_WINDOW) <= settings.NEWSROOM_COMMENT_RATE
