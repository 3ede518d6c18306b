# ruff: noqa: S310 - local test server on 127.0.0.1
"""Two gunicorn workers without Redis (each its own local-memory cache, the
scopes' versions in the database, delivery/scopes.py): a change made in
another process (``manage.py``) is seen by every worker within the stated
bound, NEWSROOM_SCOPE_SECONDS (1 s) plus the time of one request."""

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import BROWSER_UA
from tests.services.servers import free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent.parent
BOUND = 1.0  # NEWSROOM_SCOPE_SECONDS
SLACK = 1.5  # a request or two on a busy test machine


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("workers")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "false",
        "NEWSROOM_SERVE_MEDIA": "true",
        "SQLITE_PATH": str(tmp / "db.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "NEWSROOM_SCOPE_STORE", "NEWSROOM_SCOPE_SECONDS"):
        env.pop(name, None)
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["load_demo", "--force"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115 - closed in the teardown
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: urllib.request.urlopen(f"{base}/healthz", timeout=2).status == 200, what="gunicorn")

        def shell(code):
            return subprocess.run(  # noqa: S603
                [*manage, "shell", "-v0", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
            ).stdout.strip()

        yield {"base": base, "shell": shell}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)
        log.close()


def get(url):
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER_UA})  # a new connection each time
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def seen_by_every_worker(url, text, started):
    """Seconds from ``started`` until 20 readers in a row (spread over both
    workers) see ``text``."""
    deadline = started + 15
    while time.monotonic() < deadline:
        if all(text in get(url) for _ in range(20)):
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"{text!r} not seen on {url} within 15 s")


def warm(url, times=20):
    for _ in range(times):
        get(url)


def test_a_profile_change_from_manage_py_is_seen_by_both_workers_within_the_bound(site):
    home = site["base"] + "/"
    warm(home)  # both workers cache the page, the profile and the versions
    assert "Báo Thử Liên Tiến Trình" not in get(home)
    site["shell"](
        "from newsroom.models import Publication; p = Publication.load(); p.name = 'Báo Thử Liên Tiến Trình'; p.save()"
    )
    started = time.monotonic()
    assert seen_by_every_worker(home, "Báo Thử Liên Tiến Trình", started) <= BOUND + SLACK


def test_an_approved_comment_is_seen_by_both_workers_within_the_bound(site):
    path = site["shell"](
        "from articles.models import Article; "
        "print(Article.objects.published().order_by('-published_at')[0].get_absolute_url())"
    )
    article = site["base"] + path
    warm(article)
    site["shell"](
        "from articles.models import Article; from comments.models import Comment; "
        "a = Article.objects.published().order_by('-published_at')[0]; "
        "Comment.objects.create(article=a, name='Bạn đọc', email='ban@example.vn', "
        "body='Một bình luận duyệt từ tiến trình khác.', status='approved')"
    )
    started = time.monotonic()
    assert seen_by_every_worker(article, "Một bình luận duyệt từ tiến trình khác.", started) <= BOUND + SLACK
