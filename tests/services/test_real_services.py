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

import contextlib
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
import threading
import time
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
        "WEB_CONCURRENCY": "2",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["load_demo", "--force"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115 - closed in the teardown
    server = subprocess.Popen(  # noqa: S603
        # gunicorn.conf.py: the configuration make serve and the docs use
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}"],
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


def get(url, headers=None, with_headers=False):
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER_UA, **(headers or {})})  # a reader, not a bot
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            answer = response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        answer = error.code, error.read().decode(), error.headers
    return answer if with_headers else answer[:2]


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


def test_while_postgresql_is_away_pages_answer_503_maintenance_never_500(services):
    """Requests keep coming while PostgreSQL is stopped and started again:
    each is a page (served from the cache) or the Vietnamese 503 "bảo trì"
    page with Retry-After; none is a 500; and afterwards the site is whole
    again without a restart."""
    base, postgres = services["base"], services["postgres"]
    article = first_article_url(base).removeprefix(base)
    paths = ["/", article, "/tim-kiem/?q=dien+bien", "/admin/login/"]
    answers = []
    stopped = threading.Event()

    def hammer():
        while not stopped.is_set():
            for path in paths:
                answers.append(get(base + path + ("&" if "?" in path else "?") + "r=1", with_headers=True))

    worker = threading.Thread(target=hammer)
    worker.start()
    try:
        postgres.stop()
        wait_for(lambda: sum(status == 503 for status, _, _ in answers) >= 4, timeout=30, what="503 answers")
        postgres.start()
    finally:
        stopped.set()
        worker.join(30)
    statuses = {status for status, _, _ in answers}
    assert statuses <= {200, 503}, statuses
    maintenance = next((html, headers) for status, html, headers in answers if status == 503)
    assert "Trang đang bảo trì" in maintenance[0]
    assert maintenance[1]["Retry-After"] == "5"
    assert [get(base + path)[0] for path in paths] == [200] * len(paths)
    assert health(base)["checks"]["database"] == "ok"


def test_a_host_with_a_port_outside_1_to_65535_or_not_a_number_is_a_400(services):
    base = services["base"]
    for host in ["127.0.0.1:99999999999", "127.0.0.1:0", "127.0.0.1:abc"]:
        status, html = get(f"{base}/", headers={"Host": host})
        assert status == 400, host
        assert "Yêu cầu không hợp lệ" in html


def test_gunicorn_does_not_believe_x_forwarded_proto_without_a_trusted_proxy(services):
    base = services["base"]
    article = first_article_url(base)
    status, html = get(article, headers={"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "on"})
    assert status == 200
    assert f'<link rel="canonical" href="{article}">' in html  # http://, as the request really came


def test_200_slow_clients_do_not_stop_the_site_from_answering(services):
    """Slowloris on 127.0.0.1 for 30 s: 200 connections each trickle a header
    line every 5 s and never finish their request; meanwhile a reader's page
    is asked for every second and every time answered within 5 s."""
    base = services["base"]
    port = int(base.rsplit(":", 1)[1])
    slow = []
    try:
        for _ in range(200):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n")
            slow.append(sock)
        started = last_trickle = time.monotonic()
        answered, asked = 0, 0
        while time.monotonic() - started < 30:
            if time.monotonic() - last_trickle >= 5:
                for sock in slow:
                    with contextlib.suppress(OSError):
                        sock.sendall(b"X-Slow: 1\r\n")
                last_trickle = time.monotonic()
            asked += 1
            begin = time.monotonic()
            status, _ = get(f"{base}/?probe={asked}")
            answered += status == 200 and time.monotonic() - begin < 5
            time.sleep(max(0.0, 1 - (time.monotonic() - begin)))
        assert answered == asked, f"{answered} of {asked} probes answered within 5 s"
    finally:
        for sock in slow:
            sock.close()
