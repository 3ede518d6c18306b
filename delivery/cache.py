"""A Redis cache that degrades to "no cache" while Redis is unreachable.

Django's own RedisCache raises on every call when Redis is down, which turns a
cache outage into a site outage. Here a failing call is logged and answered as
a miss (reads) or ignored (writes), and Redis is not asked again for
``RETRY_AFTER`` seconds, so a dead Redis costs one failed connection per
worker every few seconds rather than one per call. Pages are then built from
the database, view counters fall back to the database (counters.services) and
rate limits count in each worker's own memory (guard.ratelimit) until Redis
is back.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("delivery.cache")

RETRY_AFTER = 5.0  # seconds without asking a Redis that just failed


class ReusedClient(RedisCacheClient):
    """Django builds a new ``redis.Redis`` object for every cache call, and
    building one fills its response-callback table: the top of the profile of
    a cached page (docs/performance.md). One client per connection pool is
    enough: a client holds no connection of its own, the pool does."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient

    def is_down(self):
        """True while Redis is not asked (it failed less than RETRY_AFTER ago)."""
        return time.monotonic() < self._down_until

    def _call(self, fallback, method, *args):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return method(*args)
        except (RedisError, OSError) as error:
            self._down_until = time.monotonic() + RETRY_AFTER
            logger.warning("Redis cache unavailable, serving without it for %ss: %s", RETRY_AFTER, error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call([], super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def incr(self, key, delta=1, version=None):
        # While Redis is down a counter (a rate limit) reads as its first hit.
        return self._call(delta, super().incr, key, delta, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version)

    def clear(self):
        return self._call(None, super().clear)
