import json

import pytest
from django.db import DatabaseError

DEAD_REDIS = {
    "default": {
        "BACKEND": "delivery.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
}


@pytest.mark.django_db
def test_healthz_reports_ok_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "counters": "ok"},
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_degraded_but_200_while_the_cache_is_down(client, settings):
    settings.CACHES = DEAD_REDIS
    response = client.get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "degraded"
    assert body["checks"]["cache"] == "down"
    assert body["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_does_not_answer(client, monkeypatch):
    from ops import health

    def broken_cursor():
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["database"] == "down"


@pytest.mark.django_db
def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


class CounterRedis:
    """The Redis view counter as /healthz asks it: INFO persistence."""

    name = "redis"
    errors = (ConnectionError,)

    def __init__(self, aof_enabled):
        self.client = self
        self.aof_enabled = aof_enabled

    def info(self, section):
        assert section == "persistence"
        return {"aof_enabled": self.aof_enabled, "rdb_changes_since_last_save": 12}


@pytest.mark.django_db
@pytest.mark.parametrize(("aof_enabled", "expected"), [(0, "no-persistence"), (1, "ok")])
def test_healthz_says_when_the_view_counters_redis_would_lose_views(client, monkeypatch, aof_enabled, expected):
    from ops import health

    monkeypatch.setattr(health.counters, "get_backend", lambda: CounterRedis(aof_enabled))
    body = json.loads(client.get("/healthz").content)
    assert body["checks"]["counters"] == expected
    assert body["status"] == ("ok" if expected == "ok" else "degraded")
