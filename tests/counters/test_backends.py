"""Both backends behind record_view(); Redis flush exactness and fallback."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from counters.models import ArticleViewCount, DailyViews, HourlyViews
from counters.services import DatabaseBackend, record_view, view_count
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def bucket(article, day=None):
    return (
        DailyViews.objects.filter(article=article, day=day or timezone.localdate())
        .values_list("views", flat=True)
        .first()
    )


def test_database_backend_counts_total_and_todays_bucket(settings):
    assert settings.NEWSROOM_COUNTER_BACKEND == "database"
    article = ArticleFactory()
    assert [record_view(article.pk) for _ in range(3)] == [1, 2, 3]
    assert view_count(article.pk) == 3
    assert bucket(article) == 3


def test_database_backend_is_atomic_upserts(django_assert_num_queries):
    """Total, day and hour buckets: one statement on PostgreSQL, three on SQLite."""
    article = ArticleFactory()
    with django_assert_num_queries(3 if connection.vendor == "sqlite" else 1) as captured:
        DatabaseBackend().record(article.pk)
    sqls = [q["sql"] for q in captured.captured_queries]
    assert all("ON CONFLICT" in sql and "+ 1" in sql for sql in sqls)
    assert not any("articles_article" in sql for sql in sqls)


def test_redis_backend_counts_without_writing_the_database(redis_backend, django_assert_num_queries):
    article = ArticleFactory()
    ArticleViewCount.objects.create(article=article, views=10)
    with django_assert_num_queries(1):  # reads the stored total once, to show it
        assert record_view(article.pk) == 11
    with django_assert_num_queries(0):  # then it is kept in Redis
        assert record_view(article.pk) == 12
        assert view_count(article.pk) == 12
    assert ArticleViewCount.objects.get(article=article).views == 10
    assert bucket(article) is None


def test_the_count_shown_never_drops_across_flushes(redis_backend):
    article = ArticleFactory()
    ArticleViewCount.objects.create(article=article, views=100)
    shown = []
    for flush_every in (3, 1, 4, 2):
        for _ in range(flush_every):
            shown.append(record_view(article.pk))
        call_command("flush_view_counts")
        shown.append(view_count(article.pk))
    views = list(range(101, 111))
    assert shown == [101, 102, 103, 103, 104, 104, 105, 106, 107, 108, 108, 109, 110, 110]
    assert sorted(set(shown)) == views
    assert ArticleViewCount.objects.get(article=article).views == 110


def test_a_total_read_while_a_flush_commits_is_not_kept(redis_backend, monkeypatch):
    """A reader reads the stored total (5), then a flush writes 2 pending
    views into the database before the reader keeps it in Redis: the 5 must
    not be kept, or the page would show 5 + 0 from then on instead of 7."""
    from counters import services

    article = ArticleFactory()
    ArticleViewCount.objects.create(article=article, views=5)
    redis_backend.client.hincrby(redis_backend.total_key, article.pk, 2)
    redis_backend.client.hincrby(redis_backend.day_key, f"{article.pk}:{timezone.localdate().isoformat()}", 2)
    read_from_database = services._stored_total

    def read_then_flush(article_id):
        total = read_from_database(article_id)
        monkeypatch.setattr(services, "_stored_total", read_from_database)
        redis_backend.flush()
        return total

    monkeypatch.setattr(services, "_stored_total", read_then_flush)
    assert view_count(article.pk) == 7  # pending 2 read before the flush, stored 5
    assert ArticleViewCount.objects.get(article=article).views == 7
    assert view_count(article.pk) == 7
    assert record_view(article.pk) == 8


def test_seeding_a_total_is_seen_at_once(redis_backend):
    from counters.services import seed_view_count

    article = ArticleFactory()
    assert view_count(article.pk) == 0  # 0 now kept in Redis
    seed_view_count(article.pk, 5000)
    assert view_count(article.pk) == 5000


def test_flush_moves_pending_counts_exactly_and_resets_them(redis_backend):
    a, b = ArticleFactory(), ArticleFactory()
    for _ in range(7):
        record_view(a.pk)
    for _ in range(3):
        record_view(b.pk)
    call_command("flush_view_counts", batch_size=1)  # one article per batch
    assert ArticleViewCount.objects.get(article=a).views == 7
    assert ArticleViewCount.objects.get(article=b).views == 3
    assert (bucket(a), bucket(b)) == (7, 3)
    assert sorted(HourlyViews.objects.values_list("views", flat=True)) == [3, 7]  # this hour's buckets
    assert not redis_backend.client.exists(redis_backend.total_key, redis_backend.day_key, redis_backend.hour_key)
    # Counts made after the flush add up; a second flush adds only them.
    record_view(a.pk)
    call_command("flush_view_counts")
    call_command("flush_view_counts")
    assert view_count(a.pk) == 8
    assert ArticleViewCount.objects.get(article=a).views == 8
    assert bucket(a) == 8


def test_flush_finishes_a_flush_that_died_half_way(redis_backend):
    a = ArticleFactory()
    for _ in range(5):
        record_view(a.pk)
    # A flush took the pending hashes aside and then died before writing.
    client = redis_backend.client
    client.rename(redis_backend.total_key, f"{redis_backend.total_key}:flushing")
    client.rename(redis_backend.day_key, f"{redis_backend.day_key}:flushing")
    record_view(a.pk)  # counted while the flush was dead
    call_command("flush_view_counts")  # finishes the leftover
    call_command("flush_view_counts")  # then the new count
    assert ArticleViewCount.objects.get(article=a).views == 6
    assert bucket(a) == 6


def test_flush_drops_counts_of_deleted_articles(redis_backend):
    kept, deleted = ArticleFactory(), ArticleFactory()
    record_view(kept.pk)
    record_view(deleted.pk)
    deleted.delete()
    call_command("flush_view_counts")
    assert ArticleViewCount.objects.get(article=kept).views == 1
    assert not redis_backend.client.exists(f"{redis_backend.total_key}:flushing")


def test_flush_keeps_the_day_a_view_was_made(redis_backend):
    a = ArticleFactory()
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    redis_backend.client.hincrby(redis_backend.day_key, f"{a.pk}:{yesterday}", 4)
    redis_backend.client.hincrby(redis_backend.total_key, a.pk, 4)
    call_command("flush_view_counts")
    assert bucket(a, timezone.localdate() - timedelta(days=1)) == 4


def test_redis_down_falls_back_to_the_database(dead_redis_backend, client, publication):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Lượt xem: 1" in response.content.decode()
    assert ArticleViewCount.objects.get(article=article).views == 1
    assert bucket(article) == 1
    assert record_view(article.pk) == 2  # Redis not retried for a while: still the database


def test_redis_going_down_loses_no_count(redis_backend, monkeypatch):
    import redis

    article = ArticleFactory()
    for _ in range(3):
        record_view(article.pk)  # pending in Redis

    def broken(*args, **kwargs):
        raise redis.ConnectionError("down")

    monkeypatch.setattr(redis_backend, "_count", broken)
    for _ in range(2):
        record_view(article.pk)  # counted in the database
    monkeypatch.undo()
    redis_backend.down_until = 0
    # Redis back: the total it kept (0) missed the 2 counted in the database.
    assert record_view(article.pk) == 6
    call_command("flush_view_counts")
    assert ArticleViewCount.objects.get(article=article).views == 6
    assert bucket(article) == 6


def test_flush_with_the_database_backend_does_nothing(capsys):
    call_command("flush_view_counts")
    assert "nothing to flush" in capsys.readouterr().out


def test_unknown_backend_is_refused(settings):
    from counters import services

    settings.NEWSROOM_COUNTER_BACKEND = "memcached"
    services._backends.clear()
    with pytest.raises(ValueError, match="database"):
        record_view(1)


def test_a_failure_after_counting_does_not_count_the_view_twice(redis_backend, monkeypatch):
    import redis

    article = ArticleFactory()
    ArticleViewCount.objects.create(article=article, views=10)

    def broken(*args, **kwargs):
        raise redis.ConnectionError("down")

    monkeypatch.setattr(redis_backend, "_keep_stored", broken)  # Redis goes away after the count
    assert record_view(article.pk) == 11
    assert ArticleViewCount.objects.get(article=article).views == 10  # not counted again in the database
    assert int(redis_backend.client.hget(redis_backend.total_key, article.pk)) == 1
