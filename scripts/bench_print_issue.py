"""Time and peak memory to process a printed issue, and the weight of the
page viewer (docs/print-edition.md).

    .venv/bin/python scripts/bench_print_issue.py                 # a 24-page issue, both kinds
    .venv/bin/python scripts/bench_print_issue.py --pages 24 --kind vector
    .venv/bin/python scripts/bench_print_issue.py --viewer-url http://127.0.0.1:8200/bao-in/…/trang-1/

Two kinds of 24-page issue are made first:

- ``vector``: what a layout program exports — columns of Vietnamese text in
  embedded fonts, headlines and two photos a page (Berliner format), printed
  to PDF by Debian's Chromium (so it needs /usr/bin/chromium);
- ``scanned``: one photo-like picture per page with an invisible text layer,
  as scanned archives and the demo issues are (editions/demo.py).

Each is then processed in a fresh Python process exactly as an upload is
(editions.processing.run: checks, then every page rendered by PDFium in a
child process, three widths in WebP and JPEG, text extracted). Reported:
wall time, CPU time, and the peak resident memory of the renderer process
(the worker that waits for it stays small).

``--viewer-url`` loads a page of the viewer in Chromium at phone (390 px,
3x) and desktop (1280 px, 1x) sizes and adds up what it downloads.
"""

import argparse
import base64
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    import django

    django.setup()


def _stories():
    data = json.loads((ROOT / "fixtures" / "demo" / "newspaper.json").read_text(encoding="utf-8"))
    return [a for a in data["articles"] if a.get("body")]


def vector_pdf(pages, path):
    """A layout-program-like PDF printed by Chromium."""
    from django.utils.html import escape
    from playwright.sync_api import sync_playwright

    stories = _stories()
    photos = sorted((ROOT / "fixtures" / "demo" / "images").glob("*.jpg"))
    photo_uri = [f"data:image/jpeg;base64,{base64.b64encode(p.read_bytes()).decode()}" for p in photos]
    sections = []
    for n in range(pages):
        top, second = stories[(2 * n) % len(stories)], stories[(2 * n + 1) % len(stories)]
        body = "".join(top["body"] for _ in range(3))
        sections.append(
            f"""<section><header>BÁO ĐIỆN BIÊN PHỦ – Số 2871 – Trang {n + 1}</header>
            <h1>{escape(top["title"])}</h1><img src="{photo_uri[n % len(photo_uri)]}">
            <p class="lead">{escape(top["lead"])}</p><div class="cols">{body}</div>
            <h2>{escape(second["title"])}</h2><img class="small" src="{photo_uri[(n + 3) % len(photo_uri)]}">
            <div class="cols">{second["body"]}{second["body"]}</div></section>"""
        )
    html = f"""<!doctype html><html lang="vi"><meta charset="utf-8"><style>
        @page {{ size: 320mm 470mm; margin: 12mm; }}
        body {{ font-family: "DejaVu Serif", "Liberation Serif", serif; font-size: 10pt; }}
        section {{ page-break-after: always; height: 440mm; overflow: hidden; }}
        header {{ font: 9pt sans-serif; border-bottom: 2px solid #a3171c; margin-bottom: 4mm; }}
        h1 {{ font-size: 30pt; margin: 0 0 4mm; }} h2 {{ font-size: 20pt; }}
        img {{ width: 100%; height: 110mm; object-fit: cover; }} img.small {{ height: 70mm; width: 60%; }}
        .lead {{ font-weight: bold; font-size: 12pt; }}
        .cols {{ column-count: 4; column-gap: 5mm; text-align: justify; }}
        </style><body>{"".join(sections)}</body></html>"""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content(html, wait_until="load")
        page.pdf(path=str(path), width="320mm", height="470mm", print_background=True)
        browser.close()


def scanned_pdf(pages, path):
    """One picture per page and an invisible text layer (editions/demo.py)."""
    from types import SimpleNamespace

    from editions.demo import issue_pdf

    photos = sorted((ROOT / "fixtures" / "demo" / "images").glob("*.jpg"))
    stories = [
        SimpleNamespace(
            title=s["title"],
            lead=s["lead"],
            body=s["body"],
            featured_image=SimpleNamespace(file=SimpleNamespace(path=str(photos[i % len(photos)]))),
        )
        for i, s in enumerate(_stories())
    ]
    layout = [[stories[(3 * n + k) % len(stories)] for k in range(3 if n == 0 else 2)] for n in range(pages)]
    path.write_bytes(issue_pdf("Báo Điện Biên Phủ", "Báo in hằng ngày", "Số 2871, Thứ Sáu, 04/12/2026", layout))


def process(pdf_path):
    """In this (fresh) process: what the worker does with an upload."""
    from editions import processing

    limits = processing.Limits(max_bytes=500 * 1024 * 1024, max_pages=500, memory_mb=0, timeout=3600)
    with tempfile.TemporaryDirectory() as work:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        pages, _pdf = processing.run([pdf_path], ["so-bao.pdf"], work, "bao-in/bench/2026/2871-x", limits)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        files = list((Path(work) / "files").iterdir())
        sizes = {}
        for f in files:
            if f.suffix in (".webp", ".jpg"):
                width = f.stem.rsplit("-", 1)[1]
                sizes[f"{width} {f.suffix[1:]}"] = sizes.get(f"{width} {f.suffix[1:]}", 0) + f.stat().st_size
    print(
        json.dumps(
            {
                "pages": len(pages),
                "wall_s": round(wall, 1),
                "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1),
                "renderer_peak_mb": round(after.ru_maxrss / 1024),
                "worker_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "image_bytes": sizes,
                "text_chars": sum(len(p["text"]) for p in pages),
            }
        )
    )


def viewer_weight(url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, options in (
            ("phone 390 px, 3x", {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3}),
            ("desktop 1280 px, 1x", {"viewport": {"width": 1280, "height": 900}, "device_scale_factor": 1}),
        ):
            context = browser.new_context(**options)
            page = context.new_page()
            responses = []
            page.on("response", lambda response, seen=responses: seen.append(response))
            page.goto(url, wait_until="networkidle")
            total, gzipped, rows = 0, 0, []
            for response in responses:
                body = response.body()
                kind = response.request.resource_type
                squeezed = len(gzip.compress(body)) if kind in ("document", "stylesheet", "script") else len(body)
                total += len(body)
                gzipped += squeezed
                rows.append(
                    f"    {kind:10} {len(body):>9,} B ({squeezed:>9,} B gzipped)  {response.url.rsplit('/', 1)[-1]}"
                )
            print(f"{label}: {len(responses)} requests, {total:,} B ({gzipped:,} B with text gzipped)")
            print("\n".join(rows))
            context.close()
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=24)
    parser.add_argument("--kind", choices=["vector", "scanned", "both"], default="both")
    parser.add_argument("--process", help=argparse.SUPPRESS)  # the fresh process's own work
    parser.add_argument("--viewer-url")
    args = parser.parse_args()
    _setup_django()
    if args.process:
        process(args.process)
        return
    if args.viewer_url:
        viewer_weight(args.viewer_url)
        return
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as folder:
        for kind in ("vector", "scanned") if args.kind == "both" else (args.kind,):
            path = Path(folder) / f"{kind}.pdf"
            (vector_pdf if kind == "vector" else scanned_pdf)(args.pages, path)
            result = subprocess.run(
                [sys.executable, __file__, "--process", str(path)], capture_output=True, text=True, check=True
            )
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            print(f"{kind}: {args.pages} pages, PDF {path.stat().st_size / 1e6:.1f} MB -> {json.dumps(figures)}")


if __name__ == "__main__":
    main()
