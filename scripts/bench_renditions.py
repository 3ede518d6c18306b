"""Time and peak memory to check a 24-megapixel photo and make all its
renditions (docs/images.md).

    .venv/bin/python scripts/bench_renditions.py [--width 6000 --height 4000]

Makes a photo-like JPEG in memory (gradients with grain, EXIF with GPS and
orientation), then in a fresh process runs what an upload runs:
images.processing.prepare (sniff, header, decode, upright, strip) and every
rendition in WebP and JPEG. Peak memory is the process's maximum resident set
size minus what it used before the work started."""

import argparse
import io
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_photo(width, height):
    from PIL import Image

    grain = Image.effect_noise((width, height), 24)
    horizontal = Image.linear_gradient("L").resize((width, height))
    vertical = Image.linear_gradient("L").rotate(90).resize((width, height))
    photo = Image.merge(
        "RGB",
        (
            Image.blend(horizontal, grain, 0.35),
            Image.blend(vertical, grain, 0.35),
            Image.blend(horizontal.transpose(Image.Transpose.FLIP_LEFT_RIGHT), grain, 0.35),
        ),
    )
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: (21.0, 23.0, 10.5), 3: "E", 4: (103.0, 1.0, 5.0)}
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def measure(path):
    """Runs in a fresh process: prints the figures."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import PIL

    from images import processing

    print(f"Pillow          {PIL.__version__}")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    with open(path, "rb") as handle:
        prepared = processing.prepare(handle)
    checked = time.perf_counter()
    original = processing.encode_original(prepared)
    stored = time.perf_counter()
    sizes = []
    for width, height, ext, data in processing.renditions(prepared):
        sizes.append(f"{width}×{height}.{ext} {len(data) // 1024} KB")
    done = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
    print(f"photo           {prepared.width} × {prepared.height} (upright), file {os.path.getsize(path) // 1024} KB")
    print(f"check + decode  {checked - start:.2f} s")
    print(f"re-encode orig. {stored - checked:.2f} s ({len(original) // 1024} KB)")
    print(f"renditions      {done - stored:.2f} s ({len(sizes)} files)")
    print(f"total           {done - start:.2f} s wall clock, {cpu:.2f} s CPU")
    print(f"peak memory     {(peak - before) / 1024:.0f} MB above the {before / 1024:.0f} MB of a started process")
    print("files           " + "; ".join(sizes))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=6000)
    parser.add_argument("--height", type=int, default=4000)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--make", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        Path(args.make).write_bytes(make_photo(args.width, args.height))
        return
    if args.measure:
        measure(args.measure)
        return
    # This process stays small: the photo is made and measured in two fresh
    # processes (a child starts with its parent's peak resident size).
    print(f"machine         {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load average    {os.getloadavg()[0]:.1f} (other work on the machine slows the wall-clock figures)")
    with tempfile.TemporaryDirectory() as tmp:
        photo = str(Path(tmp) / "photo.jpg")
        size = ["--width", str(args.width), "--height", str(args.height)]
        subprocess.run([sys.executable, __file__, "--make", photo, *size], check=True, cwd=ROOT)
        subprocess.run([sys.executable, __file__, "--measure", photo], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
