import os
import uuid

import pytest

from counters import services

# NEWSROOM_TEST_REDIS_URL lets two checkouts run their suites side by side.
TEST_REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/6")


@pytest.fixture
def redis_backend(settings):
    """The Redis backend (DB 6 unless NEWSROOM_TEST_REDIS_URL says otherwise) under a
    key prefix of its own, removed afterwards."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(TEST_REDIS_URL)
    try:
        client.ping()
    except redis.RedisError:
        # A laptop without Redis skips these; CI must run them (it has Redis).
        message = f"Redis is not reachable at {TEST_REDIS_URL}"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    prefix = f"newsroom-test-{uuid.uuid4().hex}"
    settings.NEWSROOM_COUNTER_BACKEND = "redis"
    settings.NEWSROOM_COUNTER_REDIS_URL = TEST_REDIS_URL
    settings.NEWSROOM_COUNTER_REDIS_PREFIX = prefix
    services._backends.clear()
    backend = services.get_backend()
    yield backend
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    services._backends.clear()
    client.close()


@pytest.fixture
def dead_redis_backend(settings):
    """Redis configured but unreachable (nothing listens on port 1)."""
    settings.NEWSROOM_COUNTER_BACKEND = "redis"
    settings.NEWSROOM_COUNTER_REDIS_URL = "redis://127.0.0.1:1/6"
    settings.NEWSROOM_COUNTER_REDIS_PREFIX = f"newsroom-test-{uuid.uuid4().hex}"
    services._backends.clear()
    yield services.get_backend()
    services._backends.clear()
