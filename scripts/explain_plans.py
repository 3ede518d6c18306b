"""EXPLAIN (ANALYZE, BUFFERS) of the listing, search and most-read queries
on the benchmark database (docs/performance.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python scripts/explain_plans.py
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from articles import search, selectors  # noqa: E402
from articles.models import Article, Category  # noqa: E402


def show(title, queryset):
    started = time.perf_counter()
    list(queryset)
    elapsed = (time.perf_counter() - started) * 1000
    print(f"### {title} ({elapsed:.0f} ms from Django, second run)\n\n```")
    print(queryset.explain(analyze=True, buffers=True))
    print("```\n")


category = Category.objects.annotate(n=Count("articles")).order_by("-n").first()
listing = Article.objects.published().in_category(category).for_listing()
list(listing[:15])
show(f"Category listing, page 1 ({category.name})", listing[:15])


def show_search(words, page=1):
    """Every statement a new search for ``words`` runs (PostgreSQL reads it
    tier by tier, articles/search.py), each explained."""
    statements = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    search.search_articles(search.SearchQuery(words), page)[:15]  # word statistics read
    with connection.execute_wrapper(capture):
        started = time.perf_counter()
        results = search.search_articles(search.SearchQuery(words), page)
        start = (page - 1) * 15
        rows = results[start : start + 15]
        elapsed = (time.perf_counter() - started) * 1000
    print(f"### Search “{words}”, page {page}: {len(rows)} rows, count {results.count()} ({elapsed:.0f} ms)\n")
    for sql, params in statements:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print("```\n" + " ".join(sql.split())[:160] + "…\n")
            print("\n".join(row[0] for row in cursor.fetchall()))
            print("```\n")


for words, page in (
    ("dien bien", 1),
    ("Điện Biên Phủ", 2),
    ("lai chau", 1),
    ("hợp tác xã tuần giáo", 1),
    ("điện biên thửa ruộng", 1),
):
    show_search(words, page)
most_read = Article.objects.published().for_listing()
selectors.most_read(limit=6)
from datetime import timedelta  # noqa: E402

from django.db.models import Sum  # noqa: E402
from django.utils import timezone  # noqa: E402

start = timezone.localdate() - timedelta(days=7)
qs = most_read.filter(daily_views__day__gte=start).annotate(window_views=Sum("daily_views__views"))
show("Most read, 7 days", qs.filter(window_views__gt=0).order_by("-window_views", "-published_at", "-id")[:6])
