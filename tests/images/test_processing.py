"""Upload safety: the rules of images.processing, with real files."""

import io
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile

from images import processing

from . import files


def prepare(data):
    return processing.prepare(io.BytesIO(data))


def refusal(data):
    with pytest.raises(ValidationError) as error:
        prepare(data)
    return error.value


def test_phone_jpeg_is_turned_upright_and_loses_every_metadata():
    prepared = prepare(files.phone_jpeg(400, 300))
    # Stored sideways (400 × 300) with orientation 6: shown 300 × 400.
    assert (prepared.width, prepared.height) == (300, 400)
    # The blue band (left third when stored) is now along the top.
    assert prepared.image.getpixel((150, 10))[2] > 150
    assert prepared.image.getpixel((150, 390))[0] > 150
    original = processing.encode_original(prepared)
    assert files.metadata_free(original)
    for _w, _h, _ext, data in processing.renditions(prepared):
        assert files.metadata_free(data)


def test_jpeg_with_php_in_a_comment_is_re_encoded_without_it():
    data = files.php_jpeg()
    assert files.PHP in data
    prepared = prepare(data)
    assert files.PHP not in processing.encode_original(prepared)
    assert all(files.PHP not in payload for *_, payload in processing.renditions(prepared))


def test_png_bomb_is_refused_fast_with_flat_memory(tmp_path):
    """The 30000 × 30000 PNG is refused from its header: in well under a
    second, and without the ~900 MB a decode would take. Measured in a
    fresh process, so the peak resident size is this check's alone."""
    bomb = tmp_path / "bom.png"
    bomb.write_bytes(files.png_bomb())
    assert bomb.stat().st_size < 1_000_000
    script = f"""
import django, os, resource, time, io
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
django.setup()
from django.core.exceptions import ValidationError
from images import processing
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    processing.prepare(open({str(bomb)!r}, "rb"))
    print("ACCEPTED")
except ValidationError as error:
    print("REFUSED", error.messages[0])
print("SECONDS", time.perf_counter() - start)
print("GROWTH_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=120
    )
    out = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines())
    assert "REFUSED" in out, result.stdout + result.stderr
    assert "điểm ảnh" in out["REFUSED"]
    assert float(out["SECONDS"]) < 0.5
    assert int(out["GROWTH_KB"]) < 20_000  # under 20 MB; a decode needs ~900 MB


def test_pixel_limit_is_checked_before_decoding(settings, monkeypatch):
    data = files.jpeg(2000, 1000)
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 1_000_000
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded an image over the limit"))
    error = refusal(data)
    assert error.messages == ["Ảnh quá nhiều điểm ảnh (2000 × 1000). Giới hạn là 1 triệu điểm ảnh."]


def test_file_size_limit_is_checked_before_opening(settings, monkeypatch):
    data = files.jpeg(400, 300)
    settings.NEWSROOM_IMAGE_MAX_BYTES = 1000
    monkeypatch.setattr(Image, "open", lambda *a, **k: pytest.fail("opened a file over the size limit"))
    error = refusal(data)
    assert "Tệp ảnh quá lớn" in error.messages[0]


def test_truncated_jpeg_is_refused_with_a_clear_message():
    error = refusal(files.truncated_jpeg())
    assert error.messages[0].startswith("Tệp ảnh bị hỏng hoặc không đầy đủ")


@pytest.mark.parametrize(
    "data",
    [files.SVG_WITH_SCRIPT, files.HTML_PAGE, b"GIF89a" + b"\x00" * 3, b"", b"%PDF-1.7"],
    ids=["svg-with-script", "html", "gif-header-only", "empty", "pdf"],
)
def test_what_is_not_an_image_is_refused(data):
    error = refusal(data)
    assert error.code in {"bad_type", "corrupt", "empty"}


def test_html_named_jpg_is_refused_by_content():
    # The name and the browser's type say JPEG; the content decides.
    upload = files.upload(files.HTML_PAGE, "anh-dep.jpg", "image/jpeg")
    with pytest.raises(ValidationError) as error:
        processing.prepare(upload, size=upload.size)
    assert "không phải ảnh JPEG, PNG, WebP hoặc GIF" in error.value.messages[0]
    assert "SVG" in error.value.messages[0]


def test_a_png_named_jpg_is_stored_as_png():
    prepared = processing.prepare(files.upload(files.png(), "anh.jpg"))
    assert prepared.format == "PNG"


@pytest.mark.parametrize(
    "data,fmt",
    [(files.jpeg(), "JPEG"), (files.png(), "PNG"), (files.webp(), "WEBP"), (files.animated_gif(), "GIF")],
)
def test_the_four_formats_are_accepted(data, fmt):
    prepared = prepare(data)
    assert prepared.format == fmt
    reopened = Image.open(io.BytesIO(processing.encode_original(prepared)))
    assert reopened.format == fmt


def test_animated_gif_keeps_its_frames():
    prepared = prepare(files.animated_gif(frames=3))
    reopened = Image.open(io.BytesIO(processing.encode_original(prepared)))
    assert reopened.n_frames == 3


def test_rendition_widths_never_enlarge(settings):
    settings.NEWSROOM_IMAGE_RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
    assert processing.widths_for(6000) == [320, 640, 960, 1280, 1920]
    assert processing.widths_for(1000) == [320, 640, 960, 1000]
    assert processing.widths_for(200) == [200]


def test_renditions_are_webp_and_jpeg_at_each_width():
    prepared = prepare(files.jpeg(1500, 1000))
    made = [(w, h, ext, Image.open(io.BytesIO(data))) for w, h, ext, data in processing.renditions(prepared)]
    assert sorted((w, ext) for w, _h, ext, _i in made) == sorted(
        (w, ext) for w in (320, 640, 960, 1280, 1500) for ext in ("webp", "jpg")
    )
    for width, height, ext, image in made:
        assert image.size == (width, height) == (width, round(1000 * width / 1500))
        assert image.format == {"webp": "WEBP", "jpg": "JPEG"}[ext]


def test_transparent_png_jpeg_fallback_is_on_white():
    prepared = prepare(files.png(mode="RGBA"))
    jpeg = next(data for _w, _h, ext, data in processing.renditions(prepared) if ext == "jpg")
    assert Image.open(io.BytesIO(jpeg)).mode == "RGB"


def test_prepare_is_fast_enough_for_a_large_photo():
    start = time.perf_counter()
    prepare(files.jpeg(3000, 2000))
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("cut", [9, 40, 200])
def test_damaged_files_of_every_kind_are_refused_not_crashed(cut):
    for data in (files.png(), files.webp(), files.animated_gif(), files.jpeg()):
        damaged = data[:cut] + bytes(b ^ 0x5A for b in data[cut : cut + 64]) + data[cut + 64 :]
        try:
            prepare(damaged)
        except ValidationError as error:
            assert error.code in {"corrupt", "bad_type", "too_many_pixels"}
