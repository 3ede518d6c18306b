"""Latency of reader search (/tim-kiem/) on the database DATABASE_URL points
at (migrated, filled with ``manage.py generate_articles``). Each query is
loaded REPEAT times through the whole Django stack (test client: view,
count, first page, template); prints median and worst in milliseconds and the
number of matches.

    DATABASE_URL=postgres://… python scripts/bench_search.py [REPEAT]
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from articles.models import Article  # noqa: E402

QUERIES = [
    "Điện Biên Phủ",  # very common: in most titles of the generated archive
    "dien bien",  # the same without accents
    "mường phăng",  # a place: a few percent of the archive
    "hợp tác xã tuần giáo",  # four words
    "ĐOÀN THANH NIÊN",  # upper case
    "phở bò",  # probably nothing
    "xyzzy",  # certainly nothing
    "'; DROP TABLE articles_article; --",  # hostile
    "điện biên " * 100,  # long (cut to 200 characters)
]


def main(repeat):
    setup_test_environment()  # response.context, ALLOWED_HOSTS for the test client
    client = Client(HTTP_USER_AGENT="bench")
    total = Article.objects.count()
    print(f"{connection.vendor}, {total} articles, {repeat} loads per query\n")
    print(f"{'query':40} {'matches':>8} {'median ms':>10} {'worst ms':>9} {'page 2 ms':>9}")
    for q in QUERIES:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.get("/tim-kiem/", {"q": q})
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        matches = response.context["paginator"].count if response.context["query"] else 0
        page2 = ""
        if matches > settings.NEWSROOM_PAGE_SIZE:
            start = time.perf_counter()
            client.get("/tim-kiem/", {"q": q, "page": "2"})
            page2 = f"{(time.perf_counter() - start) * 1000:.0f}"
        label = (q[:37] + "…") if len(q) > 38 else q
        print(f"{label:40} {matches:>8} {statistics.median(times):>10.0f} {max(times):>9.0f} {page2:>9}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
