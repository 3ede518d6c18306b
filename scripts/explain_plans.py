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
for words in ("dien bien", "Điện Biên Phủ"):
    results = search.search_articles(search.SearchQuery(words))
    list(results[:15])
    show(f"Search “{words}”, page 1", results[:15])
most_read = Article.objects.published().for_listing()
selectors.most_read(limit=6)
from datetime import timedelta  # noqa: E402

from django.db.models import Sum  # noqa: E402
from django.utils import timezone  # noqa: E402

start = timezone.localdate() - timedelta(days=7)
qs = most_read.filter(daily_views__day__gte=start).annotate(window_views=Sum("daily_views__views"))
show("Most read, 7 days", qs.filter(window_views__gt=0).order_by("-window_views", "-published_at", "-id")[:6])
