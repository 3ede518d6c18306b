"""Tags: “Từ khóa” links on articles, tag pages, merging and renaming in the admin."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from articles.models import Tag
from articles.tags import merge_tags
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def tag_names(article):
    return sorted(t.name for t in article.tags.all())


def test_article_shows_tag_links_to_vietnamese_slugs(client, publication):
    article = ArticleFactory(tags=["Điện Biên Phủ", "Đắk Lắk"])
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Từ khóa" in html
    assert '<a class="tag" href="/tu-khoa/dien-bien-phu/" rel="tag">Điện Biên Phủ</a>' in html
    assert 'href="/tu-khoa/dak-lak/"' in html
    page = client.get("/tu-khoa/dak-lak/")
    assert page.status_code == 200
    assert article.title in page.content.decode()


def test_merge_moves_articles_and_deletes_the_others(publication):
    a = ArticleFactory(tags=["Nông thôn mới", "nong thon moi"])
    b = ArticleFactory(tags=["NTM"])
    c = ArticleFactory(tags=["Nông thôn mới"])
    target = Tag.objects.get(name="Nông thôn mới")
    others = list(Tag.objects.exclude(pk=target.pk))
    assert merge_tags(target, [target, *others]) == 1  # b gained it; a already had it
    assert list(Tag.objects.values_list("name", flat=True)) == ["Nông thôn mới"]
    assert tag_names(a) == tag_names(b) == tag_names(c) == ["Nông thôn mới"]


def test_merge_action_in_the_admin(admin_client, publication):
    article = ArticleFactory(tags=["Du lịch", "Du lịch Điện Biên"])
    keep, drop = Tag.objects.get(name="Du lịch"), Tag.objects.get(name="Du lịch Điện Biên")
    url = "/admin/articles/tag/"
    confirm = admin_client.post(url, {"action": "merge_selected", ACTION_CHECKBOX_NAME: [keep.pk, drop.pk]})
    assert confirm.status_code == 200
    assert "Chọn từ khóa được giữ lại" in confirm.content.decode()
    done = admin_client.post(
        url,
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [keep.pk, drop.pk], "merge_into": keep.pk, "apply": "1"},
        follow=True,
    )
    assert "Đã gộp 1 từ khóa vào “Du lịch”" in done.content.decode()
    assert tag_names(article) == ["Du lịch"]
    assert not Tag.objects.filter(pk=drop.pk).exists()


def test_rename_keeps_the_address_and_refuses_a_duplicate(admin_client, publication):
    ArticleFactory(tags=["Mường Thanh", "Him Lam"])
    tag = Tag.objects.get(name="Mường Thanh")
    response = admin_client.post(
        f"/admin/articles/tag/{tag.pk}/change/", {"name": "Cánh đồng Mường Thanh", "slug": tag.slug}
    )
    assert response.status_code == 302
    tag.refresh_from_db()
    assert tag.name == "Cánh đồng Mường Thanh" and tag.slug == "muong-thanh"
    clash = admin_client.post(f"/admin/articles/tag/{tag.pk}/change/", {"name": "him lam", "slug": tag.slug})
    assert clash.status_code == 200
    assert "Đã có từ khóa “Him Lam”" in clash.content.decode()
