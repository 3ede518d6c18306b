# ruff: noqa: S310, S608 - local test servers on 127.0.0.1 and our own database names
"""The production set-up (gunicorn, 2 workers, DEBUG off, PostgreSQL, Redis
for the cache and the view counters) survives its services going away:

- Redis stopped: pages are still served, views still counted (in the
  database), comments still accepted; /healthz says "degraded"; Redis back:
  "ok" again.
- PostgreSQL restarted: the next requests recover on their own (persistent
  connections are health-checked), no server restart.

These tests stop and start real services, so they run in their own pytest
invocation (`make test` runs `pytest -m services` after the main suite):
a dedicated redis-server on a free port, and the machine's PostgreSQL cluster
restarted with pg_ctlcluster (or, where that is not allowed, every connection
of the app terminated, which is what a restart looks like to the app).
"""

import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import BROWSER_UA

pytestmark = pytest.mark.services
ROOT = Path(__file__).resolve().parent.parent.parent
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


def unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (the service tests must run in CI)", pytrace=False)
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout=30.0, what="service"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} did not come up within {timeout} s")


class RedisServer:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close() is None, what="redis")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def run_psql(sql, dbname="postgres"):
    import psycopg

    with psycopg.connect(dbname=dbname, autocommit=True, **PG) as db:
        return db.execute(sql).fetchall() if sql.lstrip().upper().startswith("SELECT") else db.execute(sql)


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    if not shutil.which("redis-server"):
        unavailable("redis-server is not installed")
    try:
        run_psql("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure means no PostgreSQL to test against
        unavailable(f"PostgreSQL is not reachable on 127.0.0.1:5432: {error}")
    tmp = tmp_path_factory.mktemp("services")
    redis = RedisServer(tmp)
    redis.start()
    dbname = f"newsroom_services_{secrets.token_hex(4)}"
    run_psql(f'CREATE DATABASE "{dbname}"')
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "false",
        "NEWSROOM_SERVE_MEDIA": "true",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{dbname}",
        "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
        "NEWSROOM_COUNTER_BACKEND": "redis",
        "NEWSROOM_COUNTER_REDIS_URL": f"redis://127.0.0.1:{redis.port}/1",
        "NEWSROOM_COMMENT_MIN_SECONDS": "0",
        "MEDIA_ROOT": str(tmp / "media"),
        "LOG_FORMAT": "json",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["load_demo", "--force"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115 - closed in the teardown
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: urllib.request.urlopen(f"{base}/healthz", timeout=2).status == 200, what="gunicorn")
    yield {"base": base, "redis": redis, "dbname": dbname, "log": tmp / "gunicorn.log"}
    server.send_signal(signal.SIGTERM)
    server.wait(20)
    log.close()
    redis.stop()
    run_psql(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def get(url):
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER_UA})  # a reader, not a bot
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def health(base):
    return json.loads(get(f"{base}/healthz")[1])


def first_article_url(base):
    status, html = get(f"{base}/")
    assert status == 200
    return base + re.search(r'href="(/[a-z0-9-]+/[a-z0-9-]+-\d+\.html)"', html).group(1)


def view_count(html):
    return int(re.search(r"Lượt xem:?\s*(?:<[^>]+>\s*)*([\d.]+)", html).group(1).replace(".", ""))


def post_comment(url, body):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", BROWSER_UA)]
    html = opener.open(url, timeout=10).read().decode()
    form = re.search(r'<form class="comment-form" method="post" action="([^"]+)"(.*?)</form>', html, re.S)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(2)))
    data = {**hidden, "name": "Lò Văn Thắng", "email": "thang@example.vn", "body": body, "website": ""}
    action = urllib.parse.urljoin(url, form.group(1))
    request = urllib.request.Request(action, data=urllib.parse.urlencode(data).encode(), headers={"Referer": url})
    with opener.open(request, timeout=10) as response:
        return response.status, response.read().decode()


def test_the_site_keeps_serving_and_counting_while_redis_is_stopped(services):
    base, redis = services["base"], services["redis"]
    article = first_article_url(base)
    assert health(base)["status"] == "ok"

    redis.stop()
    try:
        for path in ["/", article.removeprefix(base)]:
            status, _ = get(base + path)
            assert status == 200
        before = view_count(get(article)[1])
        after = view_count(get(article)[1])
        assert after == before + 1  # counted in the database while Redis is away
        status, html = post_comment(article, "Redis nghỉ mà bình luận vẫn gửi được.")
        assert status == 200
        assert "chờ duyệt" in html.lower() or "cảm ơn" in html.lower()
        state = health(base)
        assert state["status"] == "degraded"
        assert state["checks"]["cache"] == "down" and state["checks"]["database"] == "ok"
    finally:
        redis.start()
    time.sleep(5.5)  # the back-off after a failure (newsroom/cache.py RETRY_AFTER)
    wait_for(lambda: health(base)["status"] == "ok", timeout=15, what="healthy status")


def restart_postgresql(dbname):
    """The real restart where we may; otherwise what a restart does to the app."""
    ctl = shutil.which("pg_ctlcluster")
    clusters = sorted(Path("/etc/postgresql").glob("*/main")) if Path("/etc/postgresql").is_dir() else []
    if ctl and clusters and os.geteuid() == 0:
        version = clusters[-1].parent.name
        subprocess.run([ctl, "--skip-systemctl-redirect", version, "main", "restart"], check=True, capture_output=True)  # noqa: S603
        return "restart"
    run_psql(
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{dbname}' AND pid <> pg_backend_pid()"
    )
    return "terminate"


def test_requests_recover_after_postgresql_restarts(services):
    base = services["base"]
    for _ in range(6):  # both workers hold a persistent connection
        assert get(f"{base}/")[0] == 200
    restart_postgresql(services["dbname"])
    wait_for(lambda: run_psql("SELECT 1") is not None, what="PostgreSQL")
    statuses = [get(f"{base}/")[0] for _ in range(8)]
    assert statuses == [200] * 8
    assert health(base)["checks"]["database"] == "ok"
