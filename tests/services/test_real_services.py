# ruff: noqa: S310, S608 - local test servers on 127.0.0.1 and our own database names
"""The production set-up (gunicorn, 2 workers, DEBUG off, PostgreSQL, Redis
for the cache and the view counters) survives its services going away:

- Redis stopped: pages are still served, views still counted (in the
  database), comments still accepted; /healthz says "degraded"; Redis back:
  "ok" again.
- PostgreSQL restarted: the next requests recover on their own (persistent
  connections are health-checked), no server restart.

These tests stop and start services, so they run in their own pytest
invocation (`make test` runs `pytest -m services` after the main suite). They
start their own: a PostgreSQL cluster made with initdb in a temporary folder
and a redis-server, each on a free port of 127.0.0.1 (tests/services/servers.py).
The machine's PostgreSQL and Redis are never stopped or restarted.
"""

import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import BROWSER_UA
from tests.services.servers import PostgresServer, RedisServer, free_port, postgres_bin_dir, wait_for

pytestmark = pytest.mark.services
ROOT = Path(__file__).resolve().parent.parent.parent


def unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (the service tests must run in CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def postgres():
    if postgres_bin_dir() is None:
        unavailable("PostgreSQL's initdb and pg_ctl are not installed")
    server = PostgresServer()
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.stop()
        server.remove()


@pytest.fixture(scope="module")
def services(tmp_path_factory, postgres):
    if not shutil.which("redis-server"):
        unavailable("redis-server is not installed")
    tmp = tmp_path_factory.mktemp("services")
    redis = RedisServer(tmp / "redis")
    redis.start()
    dbname = "newsroom_services"
    postgres.execute(f'CREATE DATABASE "{dbname}"')
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "false",
        "NEWSROOM_SERVE_MEDIA": "true",
        "DATABASE_URL": f"{postgres.url}/{dbname}",
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
    try:
        wait_for(lambda: urllib.request.urlopen(f"{base}/healthz", timeout=2).status == 200, what="gunicorn")
        yield {"base": base, "redis": redis, "postgres": postgres, "dbname": dbname, "log": tmp / "gunicorn.log"}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)
        log.close()
        redis.stop()


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
    # ok again once the back-off after a failure (newsroom/cache.py RETRY_AFTER) is over
    wait_for(lambda: health(base)["status"] == "ok", timeout=20, what="healthy status")


def test_requests_recover_after_postgresql_restarts(services):
    base = services["base"]
    for _ in range(6):  # both workers hold a persistent connection
        assert get(f"{base}/")[0] == 200
    services["postgres"].restart()
    statuses = [get(f"{base}/")[0] for _ in range(8)]
    assert statuses == [200] * 8
    assert health(base)["checks"]["database"] == "ok"
