"""Latency of reader search (/tim-kiem/) for a *new* query, on the database
DATABASE_URL points at (migrated, filled with ``manage.py generate_articles``).

Each query (and page) is loaded REPEAT times through the whole Django stack
in this one process (test client, production settings, local-memory cache):
the view, its queries and the template. Before every load the cached result
pages of that search are dropped, so each load is a new query, while the
sidebar fragments stay warm as on a live site. Prints p50, p95 and worst in
milliseconds, the time spent in SQL (as the test client's connection
measures it), the number of SQL statements and the result summary.

    DATABASE_URL=postgres://… python scripts/bench_search.py [REPEAT]
"""

import logging
import math
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-search-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_HTTPS", "false")
os.environ.pop("REDIS_URL", None)  # one process: local memory is enough

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from articles.models import Article  # noqa: E402

QUERIES = [
    ("dien bien", 1),  # two places share it: in about a sixth of the titles
    ("Điện Biên Phủ", 1),  # the same, with accents, three words
    ("Điện Biên Phủ", 2),
    ("Điện Biên Phủ", 40),  # deep page
    ("lai chau", 1),  # a province the archive never mentions
    ("mường phăng", 1),  # a place: 1/12 of the titles, and a tag
    ("hợp tác xã tuần giáo", 1),  # four words
    ("ĐOÀN THANH NIÊN", 1),  # upper case
    ("xã", 1),  # a common word: in nearly every body
    ("xã", 3),
    ("ruộng bậc thang", 1),  # in bodies and some titles
    ("điện biên thửa ruộng", 1),  # words split between title and body: the last tier
    ("him lam du khách", 1),  # the same
    ("phở bò", 1),  # rare
    ("xyzzy", 1),  # nothing
    ("'; DROP TABLE articles_article; --", 1),  # hostile
    ("điện biên " * 100, 1),  # long (cut to 200 characters)
]


def forget_search_pages():
    """Drop the cached result pages of every search (local-memory cache)."""
    for key in [key for key in cache._cache if ":search:" in key]:
        cache.delete(key.split(":", 2)[2])  # "<prefix>:<version>:<key>"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def main(repeat):
    setup_test_environment()  # response.context for the test client
    logging.getLogger("newsroom.request").setLevel(logging.WARNING)
    client = Client(HTTP_USER_AGENT="bench")
    client.get("/")  # warm the sidebar fragments
    total = Article.objects.count()
    print(f"{connection.vendor}, {total} articles, {repeat} loads per query, result pages not cached\n")
    print("| query | page | p50 ms | p95 ms | worst ms | SQL p50 ms | queries | summary |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for q, page in QUERIES:
        times, sql_times = [], []
        for _ in range(repeat):
            forget_search_pages()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get("/tim-kiem/", {"q": q, "page": str(page)})
                times.append((time.perf_counter() - start) * 1000)
            sql_times.append(sum(float(query["time"]) for query in queries.captured_queries) * 1000)
            assert response.status_code == 200, (q, page, response.status_code)
        context = response.context
        summary = "–"
        if context["query"]:
            summary = "capped" if context["capped"] else str(context["paginator"].count)
        label = (q[:30] + "…") if len(q) > 31 else q
        print(
            f"| `{label}` | {page} | {statistics.median(times):.0f} | {percentile(times, 0.95):.0f} | "
            f"{max(times):.0f} | {statistics.median(sql_times):.1f} | {len(queries)} | {summary} |"
        )


# No collectstatic here: plain static URLs.
STATIC = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

if __name__ == "__main__":
    with override_settings(STORAGES={**django.conf.settings.STORAGES, **STATIC}):
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
