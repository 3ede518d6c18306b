"""The image library: storing, renditions on disk, admin upload and its
errors, reuse, and deleting (refused while in use; files removed)."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from images import services
from images.models import Image
from tests.factories import ArticleFactory, UserFactory, library_image

from . import files

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/images/image/add/"


@pytest.fixture
def desk(client, publication):
    user = UserFactory(username="thuky", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def stored(name):
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def test_an_image_is_stored_under_a_random_name_with_its_renditions():
    image = library_image(1500, 1000)
    assert re.fullmatch(r"images/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", image.file.name)
    assert "ruong-lua" not in image.file.name
    assert (image.width, image.height, image.format) == (1500, 1000, "JPEG")
    assert image.rendition_widths == [320, 640, 960, 1280, 1500]
    for width in image.rendition_widths:
        for ext, fmt in (("webp", "WEBP"), ("jpg", "JPEG")):
            rendition = PILImage.open(io.BytesIO(stored(image.rendition_name(width, ext))))
            assert rendition.format == fmt
            assert rendition.size == (width, round(1000 * width / 1500))


def test_phone_photo_in_the_library_has_no_gps_anywhere(desk):
    services.add_image_from_file(io.BytesIO(files.phone_jpeg()), by=desk)
    image = Image.objects.get()
    assert (image.width, image.height) == (300, 400)  # upright
    for name in [image.file.name, *image.rendition_names()]:
        assert files.metadata_free(stored(name)), name


def test_admin_upload_adds_an_image_with_who_and_when(client, desk):
    response = client.post(
        ADD_URL,
        {
            "upload": files.upload(files.phone_jpeg(), "IMG_2024 Nguyễn Văn A.jpg"),
            "caption": "Đồi chè Tủa Chùa mùa thu hoạch.",
            "credit": "Ảnh: Minh Đức",
            "alt_text": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert image.uploaded_by == desk and image.uploaded_at
    assert image.caption == "Đồi chè Tủa Chùa mùa thu hoạch."
    assert image.original_filename == "IMG_2024 Nguyễn Văn A.jpg"
    assert "Nguy" not in image.file.name
    assert files.metadata_free(stored(image.file.name))


@pytest.mark.parametrize(
    "data,name,message",
    [
        (files.SVG_WITH_SCRIPT, "logo.svg", "không phải ảnh JPEG, PNG, WebP hoặc GIF"),
        (files.HTML_PAGE, "anh.jpg", "không phải ảnh JPEG, PNG, WebP hoặc GIF"),
        (files.truncated_jpeg(), "anh.jpg", "bị hỏng hoặc không đầy đủ"),
        (files.png_bomb(), "bom.png", "quá nhiều điểm ảnh"),
    ],
    ids=["svg", "html-as-jpg", "truncated", "bomb"],
)
def test_admin_upload_errors_are_vietnamese_messages_not_500(client, desk, data, name, message):
    response = client.post(
        ADD_URL, {"upload": files.upload(data, name), "caption": "Thử", "credit": "", "alt_text": ""}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()


def test_admin_upload_over_the_size_limit_is_refused(client, desk, settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 2000
    response = client.post(ADD_URL, {"upload": files.upload(files.jpeg(800, 600)), "caption": "", "credit": ""})
    assert response.status_code == 200
    assert "Tệp ảnh quá lớn" in response.content.decode()


def test_admin_library_search_finds_by_caption(client, desk):
    library_image(caption="Lễ hội Hoa Ban Điện Biên")
    library_image(caption="Cánh đồng Mường Thanh")
    html = client.get("/admin/images/image/", {"q": "hoa ban"}).content.decode()
    assert "Lễ hội Hoa Ban Điện Biên" in html and "Cánh đồng Mường Thanh" not in html


def test_image_page_offers_the_figure_code_and_lists_its_articles(client, desk):
    image = library_image()
    article = ArticleFactory(title="Mùa vàng Mường Phăng", featured_image=image)
    html = client.get(f"/admin/images/image/{image.pk}/change/").content.decode()
    assert "&lt;figure&gt;" in html and "&lt;figcaption&gt;" in html
    assert article.title in html


def test_deleting_an_image_used_as_featured_image_is_refused_naming_the_article(client, desk):
    image = library_image()
    ArticleFactory(title="Mùa vàng Mường Phăng", featured_image=image)
    url = f"/admin/images/image/{image.pk}/delete/"
    page = client.get(url).content.decode()
    assert "Mùa vàng Mường Phăng" in page
    client.post(url, {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()
    assert default_storage.exists(image.file.name)


def test_deleting_an_image_shown_in_a_body_is_refused_naming_the_article(client, desk):
    image = library_image()
    ArticleFactory(title="Phiên chợ vùng cao", body=f"<p>Chợ.</p>{image.figure_html()}")
    url = f"/admin/images/image/{image.pk}/delete/"
    page = client.get(url).content.decode()
    assert "Phiên chợ vùng cao" in page
    client.post(url, {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()
    # The bulk action refuses too.
    client.post("/admin/images/image/", {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()


def test_delete_service_refuses_naming_the_articles():
    image = library_image()
    ArticleFactory(title="Mùa vàng Mường Phăng", featured_image=image)
    with pytest.raises(services.ImageInUse) as refusal:
        services.delete_image(image)
    assert "Mùa vàng Mường Phăng" in str(refusal.value)


def test_deleting_an_unused_image_removes_its_files(client, desk, django_capture_on_commit_callbacks):
    image = library_image()
    names = [image.file.name, *image.rendition_names()]
    assert len(names) == 1 + 2 * len(image.rendition_widths)
    assert all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/images/image/{image.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_rendition_url_for_meta_tags():
    image = library_image(1500, 1000)
    assert image.rendition_url(1200).endswith(f"{image.key}-1280.jpg")
    assert image.rendition_size(1200) == (1280, 853)
    assert image.rendition_url(5000).endswith("-1500.jpg")
    assert image.rendition_url(300, "webp").endswith("-320.webp")
