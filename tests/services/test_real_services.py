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
import io
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
    # As docs/counters.md asks for the view counters: append-only persistence
    # (fsync on every write here, so the test needs no wait; everysec in
    # production loses at most the last second).
    redis = RedisServer(tmp / "redis", appendonly=True, appendfsync="always")
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
        yield {
            "base": base,
            "redis": redis,
            "postgres": postgres,
            "dbname": dbname,
            "log": tmp / "gunicorn.log",
            "server": server,
            "env": env,
        }
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
    # ok again once the back-off after a failure (delivery/cache.py RETRY_AFTER) is over
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
    errors = [line for line in services["log"].read_text().splitlines() if '"level": "ERROR"' in line]
    assert statuses <= {200, 503}, (statuses, [e for e in errors if "tornado.access" not in e][-2:])
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


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


def server_processes(services):
    """gunicorn's master and its workers (not the image children, which end)."""
    master = services["server"].pid
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [master, *map(int, children)]


def three_hundred_frame_gif():
    """Like the upload that grew a worker by 1 GB: 300 frames of 816 × 816."""
    from PIL import Image, ImageDraw

    frames = []
    for index in range(300):
        frame = Image.new("P", (816, 816), 0)
        frame.putpalette([0, 0, 0, 200, 30, 30, 30, 30, 200, 250, 250, 250] + [0] * (252 * 3))
        ImageDraw.Draw(frame).rectangle((index * 2, index * 2, index * 2 + 120, index * 2 + 120), fill=1 + index % 3)
        frames.append(frame)
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], loop=0, duration=40)
    return out.getvalue()


def big_jpeg():
    from PIL import Image

    image = Image.new("RGB", (7000, 7000), (40, 120, 90))
    image.paste((200, 30, 30), (0, 0, 2000, 7000))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def editor_session(base):
    """A Phóng viên of the demo newspaper, logged in to the admin."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", BROWSER_UA)]
    html = opener.open(f"{base}/admin/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = {"csrfmiddlewaretoken": token, "username": "phongvien", "password": "newsroom-demo", "next": "/admin/"}
    request = urllib.request.Request(
        f"{base}/admin/login/", data=urllib.parse.urlencode(form).encode(), headers={"Referer": f"{base}/admin/login/"}
    )
    opener.open(request, timeout=10).read()
    assert any(cookie.name == "sessionid" for cookie in jar)
    return opener


def upload_image(opener, base, name, data):
    html = opener.open(f"{base}/admin/images/image/add/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    boundary = secrets.token_hex(16)
    fields = {"csrfmiddlewaretoken": token, "caption": "Ảnh thử bộ nhớ", "credit": "Ảnh: Thử", "alt_text": "Thử"}
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    )
    body += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; filename="{name}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    body += data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        f"{base}/admin/images/image/add/",
        data=body,
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Referer": f"{base}/admin/images/image/add/",
        },
    )
    with opener.open(request, timeout=180) as response:
        return response.status, response.url, response.read().decode()


def test_heavy_uploads_do_not_grow_the_server_and_the_site_keeps_answering(services):
    """The 300-frame GIF and a 7000 × 7000 JPEG, uploaded by a Phóng viên: no
    server process holds more than 100 MB above what it held before (the
    decoding runs in a child process that ends), and while four such uploads
    run at once the home page is answered within 5 s every time."""
    base = services["base"]
    opener = editor_session(base)
    gif, jpeg = three_hundred_frame_gif(), big_jpeg()
    for _ in range(10):  # every worker has served pages and the admin
        get(f"{base}/")
        opener.open(f"{base}/admin/images/image/add/", timeout=10).read()
    before = {pid: rss_mb(pid) for pid in server_processes(services)}

    for name, data in [("dong.gif", gif), ("lon.jpg", jpeg)]:
        status, url, html = upload_image(opener, base, name, data)
        assert status == 200 and url.endswith("/admin/images/image/"), html[-2000:]

    uploads, answers = [], []
    workers = [
        threading.Thread(target=lambda n=n, d=d: uploads.append(upload_image(opener, base, n, d)[:2]))
        for n, d in [("a.gif", gif), ("b.jpg", jpeg), ("c.gif", gif), ("d.jpg", jpeg)]
    ]
    for worker in workers:
        worker.start()
    while any(worker.is_alive() for worker in workers):
        begin = time.monotonic()
        answers.append((get(f"{base}/?trong-luc-tai-anh={len(answers)}")[0], time.monotonic() - begin))
        time.sleep(0.5)
    for worker in workers:
        worker.join()
    assert [status for status, _ in uploads] == [200] * 4
    assert answers and all(status == 200 and seconds < 5 for status, seconds in answers), answers

    after = {pid: rss_mb(pid) for pid in server_processes(services)}
    grown = {pid: round(after[pid] - before.get(pid, after[pid])) for pid in after}
    print(f"RSS MB before {before}, after {after}; slowest page while uploading {max(s for _, s in answers):.2f} s")
    assert all(growth <= 100 for growth in grown.values()), (before, after)


def test_views_not_yet_flushed_survive_a_redis_crash(services):
    """Views counted in Redis, Redis killed (no chance to save) and started
    again: with append-only persistence every one of them is still there and
    reaches the database at the next flush."""
    base, redis = services["base"], services["redis"]
    article = first_article_url(base)
    assert health(base)["checks"]["counters"] == "ok"
    before = view_count(get(article)[1])
    for _ in range(50):
        assert get(article)[0] == 200  # a new reader each time (no cookie kept)
    redis.kill()
    redis.start()
    env = {**services["env"]}
    subprocess.run(
        [sys.executable, "manage.py", "flush_view_counts"], cwd=ROOT, env=env, check=True, capture_output=True
    )  # noqa: S603
    assert view_count(get(article)[1]) == before + 51  # the 50 and this read (a page shows its own view)


def test_healthz_says_when_the_counters_redis_has_no_persistence(services):
    redis = services["redis"]
    base = services["base"]
    import redis as redis_client

    admin = redis_client.Redis(port=redis.port)
    try:
        admin.config_set("appendonly", "no")
        assert health(base)["checks"]["counters"] == "no-persistence"
        assert health(base)["status"] == "degraded"
    finally:
        admin.config_set("appendonly", "yes")
        admin.close()
    wait_for(lambda: health(base)["status"] == "ok", timeout=20, what="healthy status")


def test_head_requests_get_headers_and_no_body(services):
    """Monitoring and link checkers ask with HEAD (wapiti's crawl found it
    broken: the front refused the body Django writes)."""
    base = services["base"]
    for path in ["/", first_article_url(base).removeprefix(base), "/healthz"]:
        request = urllib.request.Request(base + path, method="HEAD", headers={"User-Agent": BROWSER_UA})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
            assert response.read() == b""
            assert response.headers["Content-Type"].startswith(("text/html", "application/json"))
