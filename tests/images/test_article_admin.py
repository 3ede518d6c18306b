"""Choosing library images in the article form: featured image by
autocomplete; for the body, the editor's picture button reads the library
through the picker's JSON (images/picker.py) and uploads through it."""

import pytest

from articles.models import Article
from tests.articles.test_admin import ADD_URL, article_form
from tests.factories import CategoryFactory, UserFactory, library_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, publication):
    client.force_login(UserFactory(username="thuky", is_staff=True, is_superuser=True))


def test_featured_image_is_chosen_from_the_library(client, desk):
    image = library_image()
    response = client.post(ADD_URL, article_form(CategoryFactory(), featured_image=image.pk))
    assert response.status_code == 302
    assert Article.objects.get().featured_image == image


def test_library_autocomplete_finds_images_by_caption(client, desk):
    library_image(caption="Hoa ban nở trắng Mường Phăng")
    response = client.get(
        "/admin/autocomplete/",
        {"term": "hoa ban", "app_label": "articles", "model_name": "article", "field_name": "featured_image"},
    )
    assert response.status_code == 200
    assert "Hoa ban nở trắng Mường Phăng" in response.json()["results"][0]["text"]


PICKER = "/admin/images/image/chon/"


def test_the_picker_lists_the_library_newest_first_with_thumbnails(client, desk):
    older = library_image(caption="Ruộng bậc thang mùa nước đổ")
    newer = library_image(caption="Hoa ban nở trắng Mường Phăng", credit="Ảnh: Thu Hà")
    answer = client.get(PICKER).json()
    assert [r["id"] for r in answer["results"]] == [newer.pk, older.pk]
    first = answer["results"][0]
    assert first["caption"] == "Hoa ban nở trắng Mường Phăng" and first["credit"] == "Ảnh: Thu Hà"
    assert first["thumb"] == f"/media/{newer.stem}-320.jpg"
    assert first["src"] == f"/media/{newer.stem}-1200.jpg" and (first["width"], first["height"]) == (1200, 800)
    assert answer["more"] is False


def test_the_picker_searches_by_caption(client, desk):
    library_image(caption="Ruộng bậc thang mùa nước đổ")
    wanted = library_image(caption="Hoa ban nở trắng Mường Phăng")
    answer = client.get(PICKER, {"q": "hoa ban"}).json()
    assert [r["id"] for r in answer["results"]] == [wanted.pk]


def test_the_picker_pages_through_a_big_library(client, desk, monkeypatch):
    from images import picker

    monkeypatch.setattr(picker, "PAGE_SIZE", 2)
    images = [library_image(width=64, height=48, caption=f"Ảnh {i}") for i in range(3)]
    first = client.get(PICKER).json()
    assert first["more"] is True and len(first["results"]) == 2
    second = client.get(PICKER, {"trang": "2"}).json()
    assert second["more"] is False and [r["id"] for r in second["results"]] == [images[0].pk]


@pytest.mark.parametrize("page", ["0", "-1", "abc", "9" * 7])
def test_a_bad_page_number_is_a_400(client, desk, page):
    response = client.get(PICKER, {"trang": page})
    assert response.status_code == 400 and response.json()["message"] == "Số trang không hợp lệ."


def test_uploading_from_the_picker_adds_to_the_library(client, desk):
    from tests.images.files import jpeg, upload

    response = client.post(
        PICKER + "tai-len/",
        {"upload": upload(jpeg(800, 600)), "caption": "Chợ phiên Mường Lay", "credit": "Ảnh: Quang Long"},
    )
    assert response.status_code == 201
    image = response.json()["image"]
    assert image["caption"] == "Chợ phiên Mường Lay" and image["credit"] == "Ảnh: Quang Long"
    assert image["width"] == 800 and image["src"].endswith("-800.jpg")  # no rendition wider than the original
    from images.models import Image

    assert Image.objects.get(pk=image["id"]).uploaded_by.username == "thuky"


def test_a_bad_upload_from_the_picker_is_a_vietnamese_400(client, desk):
    from tests.images.files import upload

    response = client.post(PICKER + "tai-len/", {"upload": upload(b"<html>not an image</html>", "anh.jpg")})
    assert response.status_code == 400
    assert response.json()["message"]
    assert "Traceback" not in response.content.decode()
    from images.models import Image

    assert not Image.objects.exists()


def test_the_picker_needs_the_library_rights(client, db, publication):
    client.force_login(UserFactory(username="khach", is_staff=True))
    assert client.get(PICKER).status_code == 403
    assert client.post(PICKER + "tai-len/", {}).status_code == 403


def test_the_article_form_offers_the_picker_and_no_longer_appends_images(client, desk):
    page = client.get(ADD_URL).content.decode()
    assert "Chèn ảnh vào nội dung" not in page
    assert "/admin/images/image/chon/" in page  # in the editor's configuration
    assert "js/prose-editor-newsroom.js" in page


def test_the_article_form_works_without_choosing_any_image(client, desk):
    response = client.post(ADD_URL, article_form(CategoryFactory()))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.featured_image is None and article.body == "<p>Nội dung bài.</p>"


def test_a_reporter_uploads_and_chooses_library_images(client, publication):
    from django.contrib.auth.models import Group

    from articles import roles

    reporter = UserFactory(username="phongvien", is_staff=True)
    reporter.groups.add(Group.objects.get(name=roles.REPORTER))
    client.force_login(reporter)
    page = client.get(ADD_URL).content.decode()
    assert "/admin/images/image/chon/" in page and "Ảnh đại diện" in page
    library_image(caption="Hoa ban nở trắng Mường Phăng")
    found = client.get(
        "/admin/autocomplete/",
        {"term": "hoa ban", "app_label": "articles", "model_name": "article", "field_name": "featured_image"},
    )
    assert found.status_code == 200 and found.json()["results"]
    assert client.get("/admin/images/image/add/").status_code == 200
    assert not reporter.has_perm("images.delete_image")
