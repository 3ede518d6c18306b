"""Choosing library images in the article form: featured image by
autocomplete, and a figure with caption put into the body."""

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


def test_chosen_image_is_put_in_the_body_as_a_figure_with_caption(client, desk):
    image = library_image()
    form = article_form(
        CategoryFactory(),
        body="<p>Nội dung bài.</p>",
        insert_image=image.pk,
        insert_image_caption="Bà con xuống đồng từ sáng sớm.",
    )
    response = client.post(ADD_URL, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    body = Article.objects.get().body
    assert body.startswith("<p>Nội dung bài.</p>")
    assert f'<img src="/media/{image.stem}-1200.jpg"' in body
    assert "<figcaption>Bà con xuống đồng từ sáng sớm. Ảnh: Quang Long</figcaption>" in body


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
    assert "Chèn ảnh vào nội dung" in page and "Ảnh đại diện" in page
    library_image(caption="Hoa ban nở trắng Mường Phăng")
    found = client.get(
        "/admin/autocomplete/",
        {"term": "hoa ban", "app_label": "articles", "model_name": "article", "field_name": "featured_image"},
    )
    assert found.status_code == 200 and found.json()["results"]
    assert client.get("/admin/images/image/add/").status_code == 200
    assert not reporter.has_perm("images.delete_image")
