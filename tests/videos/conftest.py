"""Small media made in the tests with ffmpeg's test sources: a few seconds,
small frames, so the suite stays fast. Made once per test session."""

import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

FFMPEG = shutil.which("ffmpeg")


def make_clip(path, *, seconds=2, size="320x240", audio=True, extra=(), codec=("-c:v", "libx264")):
    command = [
        "ffmpeg",
        "-hide_banner",
        "-v",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        f"testsrc2=size={size}:rate=15:duration={seconds}",
    ]
    if audio:
        command += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-c:a", "aac"]
    command += [*codec, "-preset", "ultrafast", "-pix_fmt", "yuv420p", *extra, str(path)]
    subprocess.run(command, check=True, timeout=60)  # noqa: S603
    return path


@pytest.fixture(scope="session")
def clips(tmp_path_factory):
    if FFMPEG is None:
        pytest.fail("ffmpeg is missing: run `make ffmpeg` (the video tests need it)")
    folder = tmp_path_factory.mktemp("clips")
    mov = make_clip(
        folder / "phong-su.mov",
        extra=(
            "-metadata",
            "title=Bí mật",
            "-metadata",
            "location=+21.3860+103.0230/",
            "-metadata",
            "creation_time=2026-12-01T08:00:00Z",
            "-metadata:s:v",
            "handler_name=iPhone Camera",
        ),
    )
    mp4 = make_clip(folder / "ban-tin.mp4", seconds=3, size="640x360")
    webm = make_clip(
        folder / "le-hoi.webm", audio=False, codec=("-c:v", "libvpx", "-deadline", "realtime", "-b:v", "200k")
    )
    portrait = make_clip(folder / "doc.mp4", size="180x320", audio=False)
    good = mp4.read_bytes()
    corrupt = folder / "hong.mp4"
    corrupt.write_bytes(good[:32] + b"\x00" * 4000)  # the ftyp box, then nothing a decoder can use
    truncated = folder / "cut.mp4"
    truncated.write_bytes(good[: len(good) // 3])
    html = folder / "video.mp4"
    html.write_bytes(b"<!DOCTYPE html><html><script>alert(1)</script></html>" * 20)
    fake_ftyp = folder / "gia.mp4"
    fake_ftyp.write_bytes(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00<html><script>alert(1)</script>" + b" " * 500)
    return {
        "mov": mov,
        "mp4": mp4,
        "webm": webm,
        "portrait": portrait,
        "corrupt": corrupt,
        "truncated": truncated,
        "html": html,
        "fake_ftyp": fake_ftyp,
    }


@pytest.fixture
def media(settings, tmp_path):
    """A MEDIA_ROOT of the test's own, to see exactly which files remain."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def files_under(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def upload_of(path, name=None, content_type="video/mp4"):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type=content_type)


def ffprobe(path):
    import json

    done = subprocess.run(  # noqa: S603
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        capture_output=True,
        check=True,
        timeout=30,
    )
    return json.loads(done.stdout)
