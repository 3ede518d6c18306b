"""`make bench`: public pages and the admin against the floor, on PostgreSQL
with 300,000 articles, gunicorn (2 workers, DEBUG off) on 127.0.0.1.

Every page is measured 5 times with wrk (bounded: -t2 -c16 -d6s by
default), each run right after a run of the floor, so that both see the same
machine (shared vCPUs change speed from one minute to the next). **The
floor** is a plain Django hello-world: a project made by ``django-admin
startproject`` (its default settings and middleware, DEBUG off), one view
returning a short ``HttpResponse``, served by a second gunicorn with the same
configuration (gunicorn.conf.py: the same worker class, workers and threads)
on BENCH_PORT + 1. Newsroom's own middleware, logging and caching are part
of what is measured; the row "Newsroom's middleware only" (a minimal view
inside Newsroom) shows what they cost before any page work. Reported: the median run (by
requests per second) with p50/p95/p99 latency, and the median of the three
page/floor ratios. wrk sends what a browser sends (User-Agent,
Accept-Encoding: gzip; BENCH_ACCEPT_ENCODING="" for none). Also: the RSS of
the two workers after the runs, and the weight of each page (HTML, CSS, JS;
raw and gzipped). Prints a Markdown table and writes
test-artifacts/bench.json. docs/performance.md keeps the figures with the
machine they came from.

Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/newsroom_bench),
BENCH_ARTICLES (300000), BENCH_REDIS_URL (redis://127.0.0.1:6379/5; "" for the
local-memory cache), BENCH_PORT (8160; the floor on BENCH_PORT + 1), BENCH_DURATION (6s), BENCH_CONNECTIONS
(16), BENCH_RUNS (5), WEB_CONCURRENCY (2), NEWSROOM_COUNTER_BACKEND (redis when
BENCH_REDIS_URL is set: one Redis round trip per counted view, see
docs/counters.md; database otherwise), BENCH_BUSY (1; 0 skips the run below),
BENCH_ONLY (comma-separated words: only the pages whose label contains one,
e.g. "home,article"; for trying a change, not for the figures in the docs).

"Đọc khi tòa soạn làm việc" (reading while the newsroom works): home,
category, the cached article and a Zipf mix over 3,000 articles are measured
once quiet, then again while scripts/bench_desk.py, in its own process,
saves a draft every second, posts a comment every 5 s and publishes an
article a minute. Reported: each page's busy ratio over its quiet ratio.
"""

import gzip
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench")
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "300000"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
PORT = int(os.environ.get("BENCH_PORT", "8160"))
DURATION = os.environ.get("BENCH_DURATION", "6s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
WORKERS = os.environ.get("WEB_CONCURRENCY", "2")
BUSY = os.environ.get("BENCH_BUSY", "1") == "1"
ZIPF_ARTICLES = 3000
BASE = f"http://127.0.0.1:{PORT}"
FLOOR_BASE = f"http://127.0.0.1:{PORT + 1}"
ONLY = [word for word in os.environ.get("BENCH_ONLY", "").split(",") if word]
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_HTTPS": "false",
    "NEWSROOM_SERVE_MEDIA": "true",
    "NEWSROOM_BENCH_FLOOR": "true",
    "DATABASE_URL": DATABASE_URL,
    "LOG_LEVEL": "WARNING",
}
# A minimal view inside Newsroom, through all its middleware (a row of its
# own: what the middleware costs before any page work).
MIDDLEWARE_ONLY = "/_bench/xin-chao/"
# The plain hello-world the pages are compared with (start_floor).
FLOOR = FLOOR_BASE + "/"
HELLO_VIEW = """

from django.http import HttpResponse


def hello(request):
    return HttpResponse("Xin chào")


urlpatterns.append(path("", hello))
"""
if REDIS_URL:
    ENV["REDIS_URL"] = REDIS_URL
    ENV.setdefault("NEWSROOM_COUNTER_BACKEND", "redis")
    ENV.setdefault("NEWSROOM_COUNTER_REDIS_URL", REDIS_URL)
else:
    ENV.pop("REDIS_URL", None)


def manage(*args, capture=True):
    result = subprocess.run(  # noqa: S603
        [PY, "manage.py", *args], cwd=ROOT, env=ENV, check=True, capture_output=capture, text=True
    )
    return result.stdout.strip() if capture else ""


def shell(code):
    return manage("shell", "-v", "0", "-c", code)


def prepare_database():
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
        if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            db.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--noinput", "-v", "0")
    have = int(shell("from articles.models import Article; print(Article.objects.count())"))
    if have == 0:
        manage("load_demo", "--force")
        have = int(shell("from articles.models import Article; print(Article.objects.count())"))
    if have < ARTICLES:
        print(f"Generating {ARTICLES - have} articles (once; kept in {name})...", flush=True)
        manage("generate_articles", "--count", str(ARTICLES - have), capture=False)
    manage("collectstatic", "--noinput", "-v", "0")


def pick_urls():
    code = """
import json
from django.db.models import Count
from articles.models import Article, Category
published = Article.objects.published()
article = published.order_by("-published_at", "-id").first()
category = Category.objects.annotate(n=Count("articles")).order_by("-n").first()
cold = [a.get_absolute_url() for a in published.select_related("category").order_by("-id")[:20000]]
# what readers read: the newest stories most (the mix is drawn in zipf_paths)
print(json.dumps({"article": article.get_absolute_url(), "category": category.get_absolute_url(), "cold": cold}))
"""
    return json.loads(shell(code))


def admin_cookie():
    code = """
from django.contrib.auth import get_user_model
from django.test import Client
User = get_user_model()
user, _ = User.objects.get_or_create(username="bench-admin", defaults={"is_staff": True, "is_superuser": True})
client = Client()
client.force_login(user)
print(client.cookies["sessionid"].value)
"""
    return f"sessionid={shell(code)}"


def start_gunicorn(name, base, app, cwd, env, probe):
    """gunicorn with the project's configuration (gunicorn.conf.py) serving
    ``app`` on ``base``; refuses to measure a server already there (a stray
    one from an interrupted run would be measured instead of the code)."""
    try:
        urllib.request.urlopen(base + probe, timeout=2)  # noqa: S310
        raise SystemExit(f"Something already answers on {base}: stop it or set BENCH_PORT.")
    except OSError:
        pass
    log = open(Path(tempfile.gettempdir()) / f"newsroom-bench-{name}-{base.rsplit(':', 1)[1]}.log", "w")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        [PY, "-m", "gunicorn", app, "-c", str(ROOT / "gunicorn.conf.py"), "--bind", base.removeprefix("http://")]
        + ["--workers", WORKERS],
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(base + probe, timeout=2)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn ({name}) did not start; see {log.name}")


def start_server():
    return start_gunicorn("newsroom", BASE, "newsroom.wsgi", ROOT, ENV, MIDDLEWARE_ONLY)


def start_floor(folder):
    """The floor: ``django-admin startproject hello`` as it comes (default
    settings and middleware), DEBUG off, one view saying hello, behind the
    same gunicorn configuration and worker class as Newsroom (the worker
    class is imported from this project: PYTHONPATH)."""
    subprocess.run([PY, "-m", "django", "startproject", "hello", str(folder)], check=True)  # noqa: S603
    settings = folder / "hello" / "settings.py"
    settings.write_text(
        settings.read_text()
        .replace("DEBUG = True", "DEBUG = False")
        .replace("ALLOWED_HOSTS = []", 'ALLOWED_HOSTS = ["127.0.0.1"]')
    )
    urls = folder / "hello" / "urls.py"
    urls.write_text(urls.read_text() + HELLO_VIEW)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "NEWSROOM_"))
    }
    env.update(DJANGO_SETTINGS_MODULE="hello.settings", PYTHONPATH=f"{folder}{os.pathsep}{ROOT}")
    return start_gunicorn("floor", FLOOR_BASE, "hello.wsgi", folder, env, "/")


def wrk(path, paths_file="", cookie="", user_agent=BROWSER_UA, connections=CONNECTIONS):
    """wrk against ``path`` on Newsroom, or against a full address (the floor)."""
    env = {**os.environ, "BENCH_PATHS": paths_file, "BENCH_COOKIE": cookie, "BENCH_UA": user_agent}
    out = subprocess.run(  # noqa: S603
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{DURATION}",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "scripts" / "bench.lua"),
            path if path.startswith("http") else BASE + path,
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(re.search(r"^BENCH (.*)$", out, re.M).group(1))


def zipf_paths(urls, count=30000):
    """Paths for wrk to rotate over: the first ZIPF_ARTICLES (newest) of
    ``urls``, the n-th drawn with weight 1/n (a few stories make most reads)."""
    import random

    chosen = urls[:ZIPF_ARTICLES]
    draws = random.Random(16).choices(chosen, weights=[1 / (n + 1) for n in range(len(chosen))], k=count)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as paths:
        paths.write("\n".join(draws) + "\n")
    return paths.name


def start_desk():
    log = open(Path(tempfile.gettempdir()) / f"newsroom-bench-desk-{PORT}.log", "w")  # noqa: SIM115
    return subprocess.Popen(  # noqa: S603
        [PY, str(ROOT / "scripts" / "bench_desk.py")], cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT
    ), log


def median(values):
    return sorted(values)[len(values) // 2]


def measure(label, path, **options):
    """A warm-up run, then RUNS pairs: the floor, then the page. The page's
    median run, with the median of the pairs' ratios to the floor. None when
    BENCH_ONLY leaves the page out."""
    if ONLY and path != FLOOR and not any(word in label for word in ONLY):
        return None
    wrk(path, **options)  # warm-up run, not counted
    pairs = []
    for _ in range(RUNS):
        floor = wrk(FLOOR) if path != FLOOR else None
        page = wrk(path, **options)
        pairs.append((page, floor or page))
    result = sorted((page for page, _ in pairs), key=lambda r: r["rps"])[len(pairs) // 2]
    result.update(
        label=label,
        path=path,
        all_rps=[page["rps"] for page, _ in pairs],
        floor_rps=[floor["rps"] for _, floor in pairs],
        ratio=median([page["rps"] / floor["rps"] for page, floor in pairs]),
    )
    print(
        f"  {label:<46} {result['rps']:8.1f} req/s  {result['ratio']:5.0%} of the floor"
        f"  p50 {result['p50_ms']:6.1f} ms  p95 {result['p95_ms']:6.1f} ms"
        f"  p99 {result['p99_ms']:6.1f} ms  errors {result['errors']}",
        flush=True,
    )
    return result


def worker_rss(server):
    children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    total = 0
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
    return len(children), total / 1024


def page_weight(path, cookie=""):
    def fetch(url):
        request = urllib.request.Request(url, headers={"User-Agent": BROWSER_UA, "Cookie": cookie})  # noqa: S310
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - 127.0.0.1 only
            return response.read()

    html = fetch(BASE + path)
    text = html.decode()
    css = re.findall(r'<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"', text)
    css += re.findall(r'<link[^>]+href="([^"]+)"[^>]*rel="stylesheet"', text)
    js = re.findall(r'<script[^>]+src="([^"]+)"', text)
    weight = {"html": len(html), "html_gzip": len(gzip.compress(html))}
    for kind, urls in (("css", set(css)), ("js", set(js))):
        bodies = [fetch(u if u.startswith("http") else BASE + u) for u in urls]
        weight[kind] = sum(len(b) for b in bodies)
        weight[kind + "_gzip"] = sum(len(gzip.compress(b)) for b in bodies)
    return weight


def main():
    machine = (
        f"{os.cpu_count()} CPU, "
        + subprocess.run(
            ["sh", "-c", "lscpu | sed -n 's/^Model name: *//p' | head -1"], capture_output=True, text=True
        ).stdout.strip()
        + f", load {os.getloadavg()[0]:.1f} at start"
    )
    prepare_database()
    urls = pick_urls()
    cookie = admin_cookie()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as cold_file:
        cold_file.write("\n".join(urls["cold"]) + "\n")
    server = start_server()
    floor_folder = Path(tempfile.mkdtemp(prefix="newsroom-bench-floor-"))
    floor_server = start_floor(floor_folder)
    print(
        f"== {machine}; {ARTICLES} articles on PostgreSQL; gunicorn {WORKERS} workers; "
        "floor: django-admin startproject hello-world; "
        f"wrk -t2 -c{CONNECTIONS} -d{DURATION}, median of {RUNS} pairs; "
        f"cache: {'Redis' if REDIS_URL else 'local memory'}; "
        f"view counters: {ENV.get('NEWSROOM_COUNTER_BACKEND', 'database')}"
    )
    try:
        results = [
            measure("floor: plain Django hello-world", FLOOR),
            measure("Newsroom's middleware only (a minimal view)", MIDDLEWARE_ONLY),
            measure("home page (caches warm)", "/"),
            measure("category page (caches warm)", urls["category"]),
            measure("article page, counted, page cached with holes", urls["article"]),
            measure("article page, counted, 20,000 articles (cold)", urls["cold"][0], paths_file=cold_file.name),
            measure("search ?q=dien bien (result pages cached)", "/tim-kiem/?q=dien+bien"),
        ]
        weights = {
            "home": page_weight("/"),
            "category": page_weight(urls["category"]),
            "article": page_weight(urls["article"]),
            "search": page_weight("/tim-kiem/?q=dien+bien"),
        }
        # A changelist is used by a few editors at a time, not by 16 readers at once.
        results.append(
            measure(
                "admin article changelist (2 connections)", "/admin/articles/article/", cookie=cookie, connections="2"
            )
        )
        results = [result for result in results if result]
        workers, rss = worker_rss(server)
        busy = []
        if BUSY:
            mix = zipf_paths(urls["cold"])
            pages = [
                ("home page", "/", {}),
                ("category page", urls["category"], {}),
                ("article page, cached with holes", urls["article"], {}),
                (f"Zipf mix of {ZIPF_ARTICLES:,} articles", urls["cold"][0], {"paths_file": mix}),
            ]
            print("== đọc khi tòa soạn làm việc: quiet, then with scripts/bench_desk.py running", flush=True)
            quiet = [measure(f"quiet: {label}", path, **options) for label, path, options in pages]
            desk, desk_log = start_desk()
            try:
                time.sleep(3)
                loud = [measure(f"busy: {label}", path, **options) for label, path, options in pages]
            finally:
                desk.send_signal(signal.SIGTERM)
                desk.wait(20)
                desk_log.close()
                os.unlink(mix)
            busy = [(q, b, b["ratio"] / q["ratio"]) for q, b in zip(quiet, loud, strict=True) if q and b]
    finally:
        for process in (server, floor_server):
            process.send_signal(signal.SIGTERM)
            process.wait(20)
        shutil.rmtree(floor_folder)
        os.unlink(cold_file.name)
    print(
        "\n| page | req/s | floor req/s (its pairs) | × floor (median of pairs) | p50 ms | p95 ms | p99 ms | errors |"
        "\n|---|---|---|---|---|---|---|---|"
    )
    for r in results:
        floors = " / ".join(f"{f:.0f}" for f in r["floor_rps"])
        print(
            f"| {r['label']} | {r['rps']:.1f} | {floors} | {r['ratio']:.0%} | {r['p50_ms']:.1f} "
            f"| {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} |"
        )
    print(f"\nWorkers: {workers}, RSS together {rss:.0f} MB")
    if busy:
        print(
            "\n| đọc khi tòa soạn làm việc | quiet × floor | busy × floor | busy / quiet | busy p95 ms |"
            "\n|---|---|---|---|---|"
        )
        for quiet_result, busy_result, kept in busy:
            label = quiet_result["label"].removeprefix("quiet: ")
            print(
                f"| {label} | {quiet_result['ratio']:.0%} | {busy_result['ratio']:.0%} | {kept:.0%} "
                f"| {busy_result['p95_ms']:.1f} |"
            )
    print("\n| page | HTML | HTML gzip | CSS | CSS gzip | JS | JS gzip |\n|---|---|---|---|---|---|---|")
    for name, w in weights.items():
        print(
            f"| {name} | {w['html'] / 1024:.1f} KB | {w['html_gzip'] / 1024:.1f} KB | {w['css'] / 1024:.1f} KB "
            f"| {w['css_gzip'] / 1024:.1f} KB | {w['js'] / 1024:.1f} KB | {w['js_gzip'] / 1024:.1f} KB |"
        )
    out = ROOT / "test-artifacts" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "machine": machine,
                "results": results,
                "busy": [{"quiet": q, "busy": b, "kept": k} for q, b, k in busy],
                "rss_mb": rss,
                "weights": weights,
            },
            indent=2,
        )
    )
    print(f"\nRaw figures: {out}")


def stop(signum, frame):
    raise SystemExit(128 + signum)  # runs the finally that stops gunicorn


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop)
    sys.path.insert(0, str(ROOT))
    main()
