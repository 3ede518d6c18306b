"""Where a page's time goes, in one process, without the network.

Runs the home, category and article pages, 20,000 articles in turn ("cold")
and the floor through Django's whole request handler, as gunicorn calls it
(production settings, the bench database, Redis for the cache and the view
counters), a few hundred times each, as a new anonymous reader every time
(no cookies), and prints the mean cost per request and its ratio to the
floor. ``--profile home`` (or category, article, cold, floor) also prints a
cProfile of that page (PROFILE_SORT=cumulative, PROFILE_LINES=80).
docs/performance.md keeps the figures.

Same environment as scripts/bench.py (BENCH_DATABASE_URL, BENCH_REDIS_URL);
run `make bench` once first so the database exists.

    .venv/bin/python scripts/profile_pages.py [--requests 500] [--profile article]
"""

import argparse
import cProfile
import os
import pstats
import random
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

    published = Article.objects.published().select_related("category")
    article = published.order_by("-published_at", "-id").first()
    category = Category.objects.annotate(n=Count("articles")).order_by("-n").first()
    # Articles no reader opened lately, a different one for each request
    # (as make bench's "cold" scenario), in a new order every time.
    cold = [a.get_absolute_url() for a in published.order_by("id")[:20000]]
    random.shuffle(cold)
    return {
        "floor": ["/_bench/xin-chao/"],
        "home": ["/"],
        "category": [category.get_absolute_url()],
        "article": [article.get_absolute_url()],
        "cold": cold,
    }


class Server:
    """Django's WSGI handler called directly, as gunicorn calls it: not the
    test client, whose signals copy every template's context (a third of a
    template-heavy page's time)."""

    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import RequestFactory

        self.handler = WSGIHandler()
        self.factory = RequestFactory(HTTP_HOST="127.0.0.1", **BROWSER_HEADERS)

    def get(self, path):
        status = []
        environ = self.factory.get(path).environ
        body = b"".join(self.handler(environ, lambda line, headers, exc_info=None: status.append(line)))
        return status[0], body


def run(server, paths, requests):
    started = time.perf_counter()
    for i in range(requests):
        path = paths[i % len(paths)]
        status, _ = server.get(path)
        assert status.startswith("200"), (path, status)
    return (time.perf_counter() - started) / requests


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--profile", choices=["floor", "home", "category", "article", "cold"])
    args = parser.parse_args()
    configure()
    server = Server()
    urls = pages()
    for name, paths in urls.items():
        if name != "cold":
            run(server, paths, 50)  # warm: caches, connections, imports
    floor = None
    for name, paths in urls.items():
        cost = run(server, paths, args.requests)
        floor = floor or cost
        print(f"{name:<9} {cost * 1000:6.3f} ms per request  {floor / cost:5.0%} of the floor  {paths[0]}")
    if args.profile:
        profiler = cProfile.Profile()
        paths = urls[args.profile]
        if args.profile == "cold":
            paths = paths[args.requests :]  # not the articles just cached
        profiler.runcall(run, server, paths, args.requests)
        stats = pstats.Stats(profiler).strip_dirs().sort_stats(os.environ.get("PROFILE_SORT", "tottime"))
        stats.print_stats(int(os.environ.get("PROFILE_LINES", "30")))


if __name__ == "__main__":
    main()
