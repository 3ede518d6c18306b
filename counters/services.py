"""Counting article views. ``record_view`` is the one entry point the article
page calls; the backend behind it is chosen by ``NEWSROOM_COUNTER_BACKEND``:

``database`` (default)
    Two atomic upserts per counted view (one statement on PostgreSQL) (``views = views + 1``, no
    read-modify-write, the article row is never saved): the all-time total in
    :class:`ArticleViewCount`, today's bucket in :class:`DailyViews` and this
    hour's in :class:`HourlyViews`.
``redis``
    ``HINCRBY`` into three pending hashes (one round trip, no database write);
    ``manage.py flush_view_counts`` moves them into the same two tables with an
    atomic read-and-reset (``RENAME``) in batches. When Redis cannot be reached
    the view is counted by the database backend instead, so the site keeps
    serving and keeps counting.

See docs/counters.md for what each backend can lose on a crash and what it
costs per view."""

import logging
import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import ArticleViewCount, DailyViews, HourlyViews

HOUR_FIELD = "%Y-%m-%dT%H"  # an hour bucket in Redis fields (UTC)


def current_hour():
    """The start of this hour, UTC: the hourly bucket a view goes into."""
    return timezone.now().astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _hour_param(hour):
    """An hour as the database stores a DateTimeField (raw SQL)."""
    return connection.ops.adapt_datetimefield_value(hour)


logger = logging.getLogger(__name__)


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def _add_to_totals(rows):
    """``rows``: (article_id, n) pairs, added atomically to the totals."""
    table = _table(ArticleViewCount)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (article_id, views) VALUES (%s, %s) "  # noqa: S608 (table name from _meta)
            f"ON CONFLICT (article_id) DO UPDATE SET views = {table}.views + EXCLUDED.views",
            rows,
        )


def _add_to_days(rows):
    """``rows``: (article_id, day, n) triples, added atomically to the buckets."""
    table = _table(DailyViews)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (article_id, day, views) VALUES (%s, %s, %s) "  # noqa: S608 (table name from _meta)
            f"ON CONFLICT (article_id, day) DO UPDATE SET views = {table}.views + EXCLUDED.views",
            rows,
        )


def _add_to_hours(rows):
    """``rows``: (article_id, hour, n) triples, added atomically to the hourly buckets."""
    table = _table(HourlyViews)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (article_id, hour, views) VALUES (%s, %s, %s) "  # noqa: S608 (table name from _meta)
            f"ON CONFLICT (article_id, hour) DO UPDATE SET views = {table}.views + EXCLUDED.views",
            [(article_id, _hour_param(hour), n) for article_id, hour, n in rows],
        )


def _stored_total(article_id):
    with connection.cursor() as cursor:  # raw: on every page load, the ORM's cost shows
        cursor.execute(f"SELECT views FROM {_table(ArticleViewCount)} WHERE article_id = %s", [article_id])  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


class DatabaseBackend:
    name = "database"

    def record(self, article_id):
        day_table, hour_table, total_table = _table(DailyViews), _table(HourlyViews), _table(ArticleViewCount)
        add_day = (
            f"INSERT INTO {day_table} (article_id, day, views) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (article_id, day) DO UPDATE SET views = {day_table}.views + 1"
        )
        add_hour = (
            f"INSERT INTO {hour_table} (article_id, hour, views) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (article_id, hour) DO UPDATE SET views = {hour_table}.views + 1"
        )
        hour = _hour_param(current_hour())
        add_total = (
            f"INSERT INTO {total_table} (article_id, views) VALUES (%s, 1) "  # noqa: S608
            f"ON CONFLICT (article_id) DO UPDATE SET views = {total_table}.views + 1 RETURNING views"
        )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # One statement, so one commit (one WAL flush) per view.
                cursor.execute(
                    f"WITH day AS ({add_day}), hour AS ({add_hour}) {add_total}",
                    [article_id, timezone.localdate(), article_id, hour, article_id],
                )
            else:
                cursor.execute(add_day, [article_id, timezone.localdate()])
                cursor.execute(add_hour, [article_id, hour])
                cursor.execute(add_total, [article_id])
            return cursor.fetchone()[0]

    def count(self, article_id):
        return _stored_total(article_id)

    def forget(self, article_ids):
        pass


class RedisBackend:
    """Pending counts live in three Redis hashes until flushed:
    ``<prefix>:total`` (field: article id), ``<prefix>:day`` (field:
    ``<article id>:<YYYY-MM-DD>``) and ``<prefix>:hour`` (field:
    ``<article id>:<YYYY-MM-DDTHH>``, UTC). The page shows stored total + pending.

    The stored total (the database's) is kept in Redis too, in
    ``<prefix>:stored``, so a counted view is one Redis round trip and no
    database read. It is read from the database on a miss and dropped for
    the articles whose totals a flush has just written. ``<prefix>:epoch``
    goes up with every such write; a total read from the database is kept
    only if the epoch has not moved since before the read, so a total read
    just before a flush committed can never be kept after it."""

    name = "redis"
    # After a failure, Redis is not tried again for this many seconds (each
    # try would otherwise cost a connect timeout on every page load).
    retry_after = 5.0

    def __init__(self, url=None, prefix=None):
        import redis

        self.errors = (redis.RedisError, OSError)
        self.client = redis.Redis.from_url(
            url or settings.NEWSROOM_COUNTER_REDIS_URL,
            socket_timeout=0.25,
            socket_connect_timeout=0.25,
            decode_responses=True,
        )
        self.prefix = prefix or settings.NEWSROOM_COUNTER_REDIS_PREFIX
        self.total_key = f"{self.prefix}:total"
        self.day_key = f"{self.prefix}:day"
        self.hour_key = f"{self.prefix}:hour"
        self.stored_key = f"{self.prefix}:stored"
        self.epoch_key = f"{self.prefix}:epoch"
        self.down_until = 0.0
        # Views counted in the database while Redis was away make the
        # totals kept in Redis too low: they are dropped once it is back.
        self.stored_outdated = False
        self.fallback = DatabaseBackend()
        self._keep_stored = self.client.register_script(self._KEEP_STORED)
        self._count = self.client.register_script(self._COUNT)

    def available(self):
        return time.monotonic() >= self.down_until

    def _failed(self, exc):
        self.down_until = time.monotonic() + self.retry_after
        self.stored_outdated = True
        logger.warning("Redis view counter unavailable, counting in the database: %s", exc)

    # Keep a total read from the database unless a flush wrote since the
    # epoch ARGV[1] was read (before the database read).
    _KEEP_STORED = """
    if (redis.call('GET', KEYS[2]) or '0') == ARGV[1] then
        redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
    end
    return 1
    """

    # One view (ARGV[3] = 1) or none, atomically, and what the page shows:
    # {pending, kept stored total or nil, epoch}. ARGV[4] = 1 first drops
    # the kept totals (after an outage). One command, one round trip.
    _COUNT = """
    if ARGV[4] == '1' then
        redis.call('DEL', KEYS[3])
        redis.call('INCR', KEYS[4])
    end
    local pending
    if ARGV[3] == '1' then
        pending = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
        redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
        redis.call('HINCRBY', KEYS[5], ARGV[5], 1)
    else
        pending = redis.call('HGET', KEYS[1], ARGV[1])
    end
    return {pending, redis.call('HGET', KEYS[3], ARGV[1]), redis.call('GET', KEYS[4])}
    """

    def _read(self, article_id, count):
        """(pending, stored total) in one round trip, adding a view first if
        ``count``."""
        pending, stored, epoch = self._count(
            keys=[self.total_key, self.day_key, self.stored_key, self.epoch_key, self.hour_key],
            args=[
                article_id,
                f"{article_id}:{timezone.localdate().isoformat()}",
                int(count),
                int(self.stored_outdated),
                f"{article_id}:{current_hour():{HOUR_FIELD}}",
            ],
        )
        self.stored_outdated = False
        if stored is None:
            stored = _stored_total(article_id)
            try:
                self._keep_stored(keys=[self.stored_key, self.epoch_key], args=[epoch or "0", article_id, stored])
            except self.errors as exc:
                # The view is counted already: only the copy is not kept
                # (raising here would count it again in the database).
                logger.warning("Redis view counter: the stored total of %s was not kept: %s", article_id, exc)
        return int(pending or 0), int(stored)

    def record(self, article_id):
        if self.available():
            try:
                pending, stored = self._read(article_id, count=True)
            except self.errors as exc:
                self._failed(exc)
            else:
                return stored + pending
        return self.fallback.record(article_id)

    def count(self, article_id):
        if self.available():
            try:
                pending, stored = self._read(article_id, count=False)
            except self.errors as exc:
                self._failed(exc)
            else:
                return stored + pending
        return self.fallback.count(article_id)

    def forget(self, article_ids):
        """The database's totals of ``article_ids`` were written outside a
        flush (``seed_view_count``): read them again next time."""
        if article_ids:
            pipe = self.client.pipeline(transaction=True)
            pipe.incr(self.epoch_key)
            pipe.hdel(self.stored_key, *article_ids)
            try:
                pipe.execute()
            except self.errors as exc:
                # Shown too low until the article's next flush, not lost.
                logger.warning("Redis view counter: kept totals of %s not dropped: %s", article_ids, exc)

    # Atomically move the pending hashes aside (read-and-reset). A leftover
    # ``:flushing`` hash from a flush that died half-way is finished first.
    _TAKE = """
    for i, key in ipairs(KEYS) do
        if i % 2 == 1 then
            local flushing = KEYS[i + 1]
            if redis.call('EXISTS', flushing) == 0 and redis.call('EXISTS', key) == 1 then
                redis.call('RENAME', key, flushing)
            end
        end
    end
    return 1
    """

    def flush(self, batch_size=500):
        """Move pending counts into the database; return the number of views
        moved. Each batch is written in one transaction and then deleted from
        the ``:flushing`` hash, so a crash can re-add at most one batch."""
        from articles.models import Article

        total_flushing, day_flushing = f"{self.total_key}:flushing", f"{self.day_key}:flushing"
        hour_flushing = f"{self.hour_key}:flushing"
        self.client.eval(
            self._TAKE, 6, self.total_key, total_flushing, self.day_key, day_flushing, self.hour_key, hour_flushing
        )
        moved = 0
        for key, kind in ((day_flushing, "day"), (hour_flushing, "hour"), (total_flushing, "total")):
            is_day = kind != "total"
            # The flushing hash is no longer written to: read it once.
            fields = list(self.client.hgetall(key).items())
            for start in range(0, len(fields), batch_size):
                batch = fields[start : start + batch_size]
                parsed = []
                for field, n in batch:
                    if kind == "hour":
                        article_id, hour = field.split(":", 1)
                        hour = datetime.strptime(hour, HOUR_FIELD).replace(tzinfo=UTC)
                        parsed.append((int(article_id), hour, int(n)))
                    elif is_day:
                        article_id, day = field.split(":", 1)
                        parsed.append((int(article_id), day, int(n)))
                    else:
                        parsed.append((int(field), int(n)))
                existing = set(Article.objects.filter(pk__in={row[0] for row in parsed}).values_list("pk", flat=True))
                rows = [row for row in parsed if row[0] in existing]  # deleted articles: dropped
                with transaction.atomic():
                    {"day": _add_to_days, "hour": _add_to_hours, "total": _add_to_totals}[kind](rows)
                pipe = self.client.pipeline(transaction=True)
                if not is_day:
                    # Committed: totals kept in Redis for these articles
                    # are now too low (see the class docstring).
                    pipe.incr(self.epoch_key)
                    pipe.hdel(self.stored_key, *[row[0] for row in parsed])
                pipe.hdel(key, *[field for field, _ in batch])
                pipe.execute()
                if not is_day:
                    moved += sum(row[1] for row in rows)
        return moved


_backends = {}


def get_backend():
    name = settings.NEWSROOM_COUNTER_BACKEND
    key = (name, getattr(settings, "NEWSROOM_COUNTER_REDIS_URL", None), settings.NEWSROOM_COUNTER_REDIS_PREFIX)
    if key not in _backends:
        if name == "database":
            _backends[key] = DatabaseBackend()
        elif name == "redis":
            _backends[key] = RedisBackend()
        else:
            raise ValueError(f"NEWSROOM_COUNTER_BACKEND must be 'database' or 'redis', not {name!r}")
    return _backends[key]


def record_view(article_id):
    """Add one view to the article (its total, today's and this hour's
    buckets) and return
    its new total. Never saves the article row."""
    return get_backend().record(article_id)


def view_count(article_id):
    """The article's total without counting (for previews and the admin)."""
    return get_backend().count(article_id)


def seed_view_count(article_id, views, recent=0):
    """Give an article a starting total (demo data, imports from an old site)
    unless it already has one; ``recent`` of them are put in today's bucket."""
    _, created = ArticleViewCount.objects.get_or_create(article_id=article_id, defaults={"views": views})
    if created:
        get_backend().forget([article_id])
    if created and recent:
        DailyViews.objects.get_or_create(article_id=article_id, day=timezone.localdate(), defaults={"views": recent})
