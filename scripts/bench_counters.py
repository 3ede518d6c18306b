"""Cost of one counted view, per backend: ``record_view`` called N times in a
row on one article (no HTTP), on the database DATABASE_URL / SQLITE_PATH
points at (migrated; one demo article needed) and on Redis
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/6, under a key prefix of its
own that is deleted afterwards). Prints microseconds per count.

    python scripts/bench_counters.py [N]
"""

import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from articles.models import Article  # noqa: E402
from counters.services import DatabaseBackend, RedisBackend  # noqa: E402


def per_count(record, article_id, n):
    record(article_id)  # warm: connection, prepared row
    start = time.perf_counter()
    for _ in range(n):
        record(article_id)
    return (time.perf_counter() - start) / n * 1e6


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    article_id = Article.objects.values_list("pk", flat=True).first()
    if article_id is None:
        sys.exit("No article: run `manage.py load_demo` first.")
    print(f"database ({connection.vendor}): {per_count(DatabaseBackend().record, article_id, n):.0f} µs per count")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
    prefix = f"newsroom-bench-{uuid.uuid4().hex}"
    backend = RedisBackend(url=redis_url, prefix=prefix)
    try:
        backend.client.ping()
    except backend.errors as exc:
        print(f"redis: not measured ({exc})")
        return
    try:
        print(
            f"redis ({redis_url}): {per_count(backend.record, article_id, n):.0f} µs per count "
            "(one Lua script: HINCRBY twice, the stored total kept in Redis)"
        )
        start = time.perf_counter()
        moved = backend.flush()
        print(f"flush_view_counts: {moved} views moved in {(time.perf_counter() - start) * 1000:.1f} ms")
    finally:
        for key in backend.client.scan_iter(match=f"{prefix}:*"):
            backend.client.delete(key)


if __name__ == "__main__":
    main()
