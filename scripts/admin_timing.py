"""Time the admin article changelist in one process: p50/p95 of sequential
requests per URL, and the slowest queries of one request.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python scripts/admin_timing.py [--requests 20] [URL ...]

Production settings (DEBUG off; run ``manage.py collectstatic`` once, the
admin's pages need the static files' manifest), the local-memory cache, the
superuser ``bench-admin`` that ``make bench`` creates (made here if missing).
Reads only, besides the login's session row. Figures: docs/performance.md,
"Admin changelist".
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")
os.environ.setdefault("DJANGO_SECRET_KEY", "admin-timing-only")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_HTTPS", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.pop("REDIS_URL", None)

DEFAULT_URLS = [
    "/admin/articles/article/",
    "/admin/articles/article/?p=2",
    "/admin/articles/article/?p=6000",  # the last page: counted exactly
    "/admin/articles/article/?status__exact=published",
    "/admin/articles/article/?status__exact=draft",
    "/admin/articles/article/?category__id__exact=5",
    "/admin/articles/article/?published_at__year=2025",
    "/admin/articles/article/?status__exact=published&category__id__exact=5&published_at__year=2025",
    "/admin/articles/article/?q=%C4%91i%E1%BB%87n+bi%C3%AAn",  # "điện biên": 50,119 titles
    "/admin/articles/article/?q=S%C3%A9ng+C%C3%B9",  # "Séng Cù": 1 title
]


def main():
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--queries", type=int, default=3, help="slowest queries shown per URL")
    parser.add_argument("urls", nargs="*", default=DEFAULT_URLS)
    args = parser.parse_args()

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    for url in args.urls:
        response = client.get(url)  # warm-up: templates, caches, PostgreSQL buffers
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        print(
            f"{url}\n  p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {times[-1]:.0f} ms;"
            f" {len(captured)} queries, {sum(float(q['time']) for q in captured) * 1000:.0f} ms in SQL"
        )
        for query in sorted(captured, key=lambda q: -float(q["time"]))[: args.queries]:
            print(f"    {float(query['time']) * 1000:6.1f} ms  {query['sql'][:220]}")


if __name__ == "__main__":
    main()
