"""Every upload path goes through images/uploads.py: checked, re-encoded,
stored under a random name; the heavy work in a child process whose memory
is given back when it ends (the server's own memory is measured in
tests/services/test_real_services.py)."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from images import uploads
from links.models import Banner
from tests.factories import UserFactory
from tests.images import files


def gif(frames, side=64, **save_options):
    """An animated GIF whose frames all differ (so none is merged away)."""
    images = [Image.new("RGB", (side, side), (i * 7 % 256, 255 - i * 3 % 256, 40)) for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, "GIF", save_all=True, append_images=images[1:], loop=0, duration=100, **save_options)
    return out.getvalue()


@pytest.fixture
def child(settings):
    settings.NEWSROOM_IMAGE_PROCESSING = "subprocess"


def test_the_child_process_makes_the_same_checked_files(child):
    processed = uploads.process(io.BytesIO(files.jpeg(800, 600)))
    try:
        assert (processed.format, processed.width, processed.height) == ("JPEG", 800, 600)
        original = processed.original.read_bytes()
        assert files.metadata_free(original)
        assert {(w, ext) for w, _h, ext, _p in processed.renditions} == {
            (640, "webp"),
            (640, "jpg"),
            (320, "webp"),
            (320, "jpg"),
            (800, "webp"),
            (800, "jpg"),
        }
    finally:
        processed.cleanup()
    assert not processed.original.exists()  # the scratch folder goes with it


def test_the_child_process_refuses_a_broken_file_in_vietnamese(child):
    with pytest.raises(uploads.ValidationError, match="bị hỏng hoặc không đầy đủ"):
        uploads.process(io.BytesIO(files.truncated_jpeg()))


def test_an_image_too_heavy_for_the_childs_memory_is_refused_not_a_500(child, settings):
    settings.NEWSROOM_IMAGE_CHILD_MEMORY_MB = 200  # a 7000 × 7000 photo decodes to 147 MB, and more to resize
    uploads.process(io.BytesIO(files.jpeg(1200, 800))).cleanup()  # within the limit: fine
    with pytest.raises(uploads.ValidationError, match="quá nặng để xử lý"):
        uploads.process(io.BytesIO(files.jpeg(7000, 7000)))


def test_a_gif_with_too_many_pixels_in_all_its_frames_is_refused_before_decoding(settings):
    settings.NEWSROOM_IMAGE_MAX_TOTAL_PIXELS = 64 * 64 * 5
    with pytest.raises(uploads.ValidationError, match="GIF động quá nặng: 6 khung hình"):
        uploads.process(io.BytesIO(gif(6)))


def test_an_animated_gif_keeps_every_frame_and_loses_its_comment():
    data = gif(12, comment=b"phong vien Lo Van A")
    assert b"phong vien" in data
    processed = uploads.process(io.BytesIO(data))
    stored = processed.original.read_bytes()
    processed.cleanup()
    assert Image.open(io.BytesIO(stored)).n_frames == 12
    assert b"phong vien" not in stored


@pytest.fixture
def admin_client(publication):
    client = Client()
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    return client


def test_a_banner_is_checked_re_encoded_and_stored_under_a_random_name(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile(
        "banner.php.jpg", files.php_jpeg() + b"<html><script>alert(1)</script></html>", "image/jpeg"
    )
    response = admin_client.post(
        "/admin/links/banner/add/",
        {"title": "Chuyển đổi số", "image": upload, "url": "https://example.vn/cds", "position": 0, "is_active": "on"},
    )
    assert response.status_code == 302
    banner = Banner.objects.get()
    assert re.fullmatch(r"banners/\d{4}/[0-9a-f]{32}\.jpg", banner.image.name)
    stored = default_storage.open(banner.image.name).read()
    assert files.PHP not in stored and b"<script>" not in stored
    assert ".php" not in banner.image.name
    assert (banner.image_width, banner.image_height) == Image.open(io.BytesIO(stored)).size


def test_a_banner_that_is_not_an_image_gets_a_vietnamese_message(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("banner.jpg", files.HTML_PAGE, "image/jpeg")
    response = admin_client.post(
        "/admin/links/banner/add/",
        {"title": "Chuyển đổi số", "image": upload, "url": "https://example.vn/cds", "position": 0},
    )
    assert response.status_code == 200
    assert "không phải ảnh JPEG, PNG, WebP hoặc GIF" in response.content.decode()
    assert not Banner.objects.exists()
