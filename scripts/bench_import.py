"""Rate and memory of the archive importer (docs/import.md): writes a
generated WordPress export of N plain posts (no images), imports it into
the database DATABASE_URL points at (default: a new SQLite file), and
prints the time, the rate (and the CPU time of this process, a figure that
does not depend on what else the machine runs), the peak memory of the process and the counts.

    python scripts/bench_import.py [N] [--twice]

``--twice`` imports the same file again (every post unchanged: skipped).
"""

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-import-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_HTTPS", "false")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.gettempdir()}/newsroom-import-bench.sqlite3")
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from articles.models import Article  # noqa: E402
from tests.imports.wxr import generated  # noqa: E402


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    count = int(next((a for a in sys.argv[1:] if a.isdigit()), "20000"))
    call_command("migrate", verbosity=0)
    with tempfile.NamedTemporaryFile("w", suffix=".xml", encoding="utf-8", delete=False) as handle:
        generated(count, handle.write)
        path = handle.name
    size = os.path.getsize(path) / 1e6
    print(f"{count} bài, tệp WXR {size:.1f} MB, bộ nhớ trước khi nhập {peak_mb():.0f} MB", flush=True)
    runs = 2 if "--twice" in sys.argv else 1
    for n in range(runs):
        before = Article.objects.count()
        started, cpu = time.monotonic(), cpu_seconds()
        with open(os.devnull, "w") as quiet:
            call_command("import_archive", "wordpress", path, "--skip-images", "--no-resume", stderr=quiet)
        seconds, cpu = time.monotonic() - started, cpu_seconds() - cpu
        print(
            f"lần {n + 1}: {seconds:.0f} s, {count / seconds:.0f} bài/giây, "
            f"CPU {cpu:.0f} s ({count / cpu:.0f} bài/giây CPU), "
            f"{Article.objects.count() - before} bài mới, bộ nhớ đỉnh {peak_mb():.0f} MB",
            flush=True,
        )
    os.unlink(path)


if __name__ == "__main__":
    main()
