"""What several articles share and readers see at once (a library image's
caption, credit and description, a tag's name, a category) follows the
workflow's rights and every change is in the audit log (articles/shared.py)."""

import pytest
from django.test import Client

from articles.models import Article, Tag
from audit.models import AuditEntry
from images.models import Image
from tests.factories import ArticleFactory, CategoryFactory, library_image

pytestmark = pytest.mark.django_db

REFUSAL = "đang hiện trên bài đã xuất bản của người khác"


def browser(user):
    client = Client()
    client.force_login(user)
    return client


def image_form(image, caption):
    return {"caption": caption, "credit": image.credit, "alt_text": image.alt_text}


@pytest.fixture
def image_on_others_published_article(publication, other_reporter):
    image = library_image(caption="Bà con bản Mường Phăng thu hoạch lúa.")
    ArticleFactory(featured_image=image, created_by=other_reporter)
    return image


def test_a_reporter_cannot_change_the_caption_of_an_image_live_on_others_articles(
    reporter, image_on_others_published_article
):
    image = image_on_others_published_article
    client = browser(reporter)
    page = client.get(f"/admin/images/image/{image.pk}/change/").content.decode()
    assert REFUSAL in page
    assert 'name="caption"' not in page  # shown read-only
    response = client.post(f"/admin/images/image/{image.pk}/change/", image_form(image, "Chú thích sai sự thật"))
    assert response.status_code == 403
    image.refresh_from_db()
    assert image.caption == "Bà con bản Mường Phăng thu hoạch lúa."
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.IMAGE_TEXT).exists()


def test_a_reporter_may_change_an_image_shown_only_on_their_own_articles_and_it_is_logged(reporter, publication):
    image = library_image(caption="Ruộng bậc thang.")
    ArticleFactory(featured_image=image, created_by=reporter)
    ArticleFactory(featured_image=image, draft=True)  # someone else's draft: not live
    response = browser(reporter).post(
        f"/admin/images/image/{image.pk}/change/", image_form(image, "Ruộng bậc thang Mường Phăng mùa lúa chín.")
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMAGE_TEXT)
    assert entry.actor == reporter
    assert entry.target_id == str(image.pk)
    assert "“Ruộng bậc thang.” → “Ruộng bậc thang Mường Phăng mùa lúa chín.”" in entry.detail


def test_the_desk_may_change_a_live_caption_and_it_is_logged(secretary, image_on_others_published_article):
    image = image_on_others_published_article
    response = browser(secretary).post(
        f"/admin/images/image/{image.pk}/change/", image_form(image, "Bà con bản Mường Phăng gặt lúa.")
    )
    assert response.status_code == 302
    assert Image.objects.get(pk=image.pk).caption == "Bà con bản Mường Phăng gặt lúa."
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMAGE_TEXT)
    assert entry.actor == secretary
    assert "gặt lúa" in entry.detail and "thu hoạch lúa" in entry.detail


def test_a_reporter_cannot_rename_a_tag_on_others_published_articles(reporter, other_reporter, publication):
    ArticleFactory(tags=["Điện Biên"], created_by=other_reporter)
    tag = Tag.objects.get(name="Điện Biên")
    client = browser(reporter)
    assert REFUSAL in client.get(f"/admin/articles/tag/{tag.pk}/change/").content.decode()
    response = client.post(f"/admin/articles/tag/{tag.pk}/change/", {"name": "Điện Biên Phủ lừa đảo", "slug": tag.slug})
    assert response.status_code == 403
    assert Tag.objects.get(pk=tag.pk).name == "Điện Biên"


def test_renaming_a_tag_is_logged(secretary, other_reporter, publication):
    ArticleFactory(tags=["Dien Bien"], created_by=other_reporter)
    tag = Tag.objects.get(name="Dien Bien")
    response = browser(secretary).post(f"/admin/articles/tag/{tag.pk}/change/", {"name": "Điện Biên", "slug": tag.slug})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditEntry.Action.TAG)
    assert (entry.actor, entry.target_id) == (secretary, str(tag.pk))
    assert "“Dien Bien” → “Điện Biên”" in entry.detail


def test_changing_a_category_is_logged(secretary, publication):
    category = CategoryFactory(name="Thoi su")
    ArticleFactory(category=category)
    response = browser(secretary).post(
        f"/admin/articles/category/{category.pk}/change/",
        {"name": "Thời sự", "slug": category.slug, "position": 0, "show_in_menu": "on", "description": ""},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CATEGORY)
    assert entry.actor == secretary
    assert "“Thoi su” → “Thời sự”" in entry.detail
    assert Article.objects.filter(category__name="Thời sự").exists()
