"""``/healthz`` for load balancers and monitoring.

200 while the database answers (the site can serve pages), 503 when it does
not. The cache and the Redis view counter are reported too; their being down
(or the view counter's Redis running without append-only persistence, which
loses the views not yet flushed when it dies: docs/counters.md) makes the
status "degraded", still 200, because the site keeps serving without them
(delivery/cache.py, counters.services). Never cached.
"""

import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from counters import services as counters


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "down"
    return "ok"


def _cache():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    ok = cache.get(key) == value
    cache.delete(key)
    return "ok" if ok else "down"


def _counters():
    """The Redis view counter holds views not yet flushed to the database
    (flush_view_counts, every minute): only with persistence (AOF) do they
    survive Redis dying, so a Redis without it is "no-persistence" (degraded)."""
    backend = counters.get_backend()
    if backend.name != "redis":
        return "ok"
    try:
        persistence = backend.client.info("persistence")
    except backend.errors:
        return "down"
    if str(persistence.get("aof_enabled", 0)) != "1":
        return "no-persistence"
    return "ok"


@never_cache
@require_safe
def healthz(request):
    checks = {"database": _database(), "cache": _cache(), "counters": _counters()}
    if checks["database"] != "ok":
        status = "down"
    elif all(value == "ok" for value in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    return JsonResponse({"status": status, "checks": checks}, status=503 if status == "down" else 200)
