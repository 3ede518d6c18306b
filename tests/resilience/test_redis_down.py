"""With Redis configured but unreachable the site keeps serving and
accepting comments: the cache answers as a miss, counters and rate limits
fall back (the real service is stopped and started in tests/services/)."""

import time

import pytest
from django.core.cache import cache

from comments.models import Comment
from counters.models import ArticleViewCount
from delivery import cache as resilient
from tests.comments.conftest import SAME_ORIGIN, comment_data, post_url
from tests.factories import ArticleFactory

from .test_health import DEAD_REDIS


@pytest.fixture
def dead_redis(settings):
    settings.CACHES = DEAD_REDIS
    settings.NEWSROOM_COUNTER_BACKEND = "redis"
    settings.NEWSROOM_COUNTER_REDIS_URL = "redis://127.0.0.1:1/0"
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 0
    from counters import services

    services._backends.clear()
    yield
    services._backends.clear()


def test_cache_calls_answer_as_a_miss_and_back_off(dead_redis):
    assert cache.get("x", "mặc định") == "mặc định"
    cache.set("x", 1)
    assert cache.get_many(["x", "y"]) == {}
    assert cache.add("y", 1) is False
    assert cache.incr("z") == 1
    # After one failure Redis is not asked again for a while: calls are instant.
    started = time.monotonic()
    for _ in range(100):
        cache.get("x")
    assert time.monotonic() - started < 0.1
    assert cache._down_until > time.monotonic()
    assert resilient.RETRY_AFTER == 5.0


@pytest.mark.django_db
def test_pages_are_served_and_views_counted_while_redis_is_down(client, publication, dead_redis):
    article = ArticleFactory(title="Chợ phiên vùng cao")
    assert client.get("/").status_code == 200
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Chợ phiên vùng cao" in response.content.decode()
    assert ArticleViewCount.objects.get(article=article).views == 1


@pytest.mark.django_db
def test_a_comment_is_accepted_while_redis_is_down(client, publication, dead_redis):
    article = ArticleFactory()
    response = client.post(
        post_url(article), comment_data(article, body="Bài viết rất hay, cảm ơn tòa soạn."), **SAME_ORIGIN
    )
    assert response.status_code in (200, 302)
    assert Comment.objects.filter(article=article, body="Bài viết rất hay, cảm ơn tòa soạn.").exists()


def test_rate_limits_fall_back_to_this_workers_memory_while_redis_is_down(client, publication, dead_redis, settings):
    """Not "fail open": the comment limit still holds, counted per worker."""
    from guard import ratelimit

    ratelimit._local.clear()
    settings.NEWSROOM_COMMENT_RATE = 2
    article = ArticleFactory()
    bodies = [comment_data(article, body=f"Ý kiến số {n} của bạn đọc.") for n in range(3)]
    statuses = [client.post(post_url(article), data, **SAME_ORIGIN).status_code for data in bodies]
    assert statuses[:2] == [302, 302]  # accepted, back to the article
    assert statuses[2] == 429


def test_the_log_in_throttle_holds_while_redis_is_down(dead_redis, settings):
    from django.test import RequestFactory

    from guard import login, ratelimit

    ratelimit._local.clear()
    settings.NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT = 3
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR="198.51.100.40")
    assert [login.admit(request, "bientap") for _ in range(5)] == [True, True, True, False, False]
