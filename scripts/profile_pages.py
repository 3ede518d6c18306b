"""Where a page's time goes, in one process, without the network.

Runs the home, category and article pages and the floor through Django's
whole request handler (production settings, the bench database, Redis for
the cache and the view counters) a few hundred times each, as a new anonymous
reader every time (no cookies), and prints the mean cost per request and its
ratio to the floor. ``--profile home`` (or category, article, floor) also
prints a cProfile of that page. docs/performance.md keeps the figures.

Same environment as scripts/bench.py (BENCH_DATABASE_URL, BENCH_REDIS_URL);
run `make bench` once first so the database exists.

    .venv/bin/python scripts/profile_pages.py [--requests 500] [--profile article]
"""

import argparse
import cProfile
import os
import pstats
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER_HEADERS = {
    "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0",
    "HTTP_ACCEPT_ENCODING": "gzip, deflate, br, zstd",
}


def configure():
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
            "DJANGO_HTTPS": "false",
            "NEWSROOM_BENCH_FLOOR": "true",
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench"),
            "REDIS_URL": redis_url,
            "NEWSROOM_COUNTER_BACKEND": os.environ.get("NEWSROOM_COUNTER_BACKEND", "redis"),
            "NEWSROOM_COUNTER_REDIS_URL": os.environ.get("NEWSROOM_COUNTER_REDIS_URL", redis_url),
            "LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def pages():
    from django.db.models import Count

    from articles.models import Article, Category

    article = Article.objects.published().order_by("-published_at", "-id").first()
    category = Category.objects.annotate(n=Count("articles")).order_by("-n").first()
    return {
        "floor": "/_bench/xin-chao/",
        "home": "/",
        "category": category.get_absolute_url(),
        "article": article.get_absolute_url(),
    }


def run(client, path, requests):
    started = time.perf_counter()
    for _ in range(requests):
        client.cookies.clear()
        response = client.get(path, **BROWSER_HEADERS)
        assert response.status_code == 200, (path, response.status_code)
    return (time.perf_counter() - started) / requests


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--profile", choices=["floor", "home", "category", "article"])
    args = parser.parse_args()
    configure()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    urls = pages()
    for path in urls.values():
        run(client, path, 50)  # warm: caches, connections, imports
    floor = None
    for name, path in urls.items():
        cost = run(client, path, args.requests)
        floor = floor or cost
        print(f"{name:<9} {cost * 1000:6.3f} ms per request  {floor / cost:5.0%} of the floor  {path}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run, client, urls[args.profile], args.requests)
        stats = pstats.Stats(profiler).strip_dirs().sort_stats(os.environ.get("PROFILE_SORT", "tottime"))
        stats.print_stats(30)


if __name__ == "__main__":
    main()
