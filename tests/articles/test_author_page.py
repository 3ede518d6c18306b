"""``/tac-gia/<slug>/``: an author's published work, newest first, paginated
like a category, with ProfilePage JSON-LD; a fixed number of queries."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article, Category
from authors.bylines import Kind, Role
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, ContributionFactory, library_image
from tests.seo.test_article_meta import head_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def long(publication):
    return AuthorFactory(name="Quang Long", bio="Phóng viên thường trú tại Mường Nhé.")


def written_by(author, title, hours_ago=1, **fields):
    article = ArticleFactory(title=title, published_at=timezone.now() - timedelta(hours=hours_ago), **fields)
    ContributionFactory(article=article, author=author, role=Role.NEWS)
    return article


def titles(response):
    return [a.title for a in response.context["articles"]]


def test_the_author_page_lists_his_published_work_newest_first(client, long):
    written_by(long, "Bài cũ", hours_ago=30)
    newest = written_by(long, "Bài mới", hours_ago=1)
    ContributionFactory(article=newest, author=long, role=Role.PHOTO)  # two roles, listed once
    written_by(long, "Bản nháp", draft=True)
    written_by(long, "Hẹn giờ", hours_ago=-5)
    written_by(AuthorFactory(name="Hà Linh"), "Bài của người khác")
    response = client.get("/tac-gia/quang-long/")
    assert response.status_code == 200
    assert titles(response) == ["Bài mới", "Bài cũ"]
    html = response.content.decode()
    assert "<h1" in html and "Quang Long</h1>" in html
    assert "Phóng viên thường trú tại Mường Nhé." in html


def test_the_byline_links_to_the_author_page(client, long):
    article = written_by(long, "Bài mới")
    assert (
        '<a href="/tac-gia/quang-long/" rel="author">Quang Long</a>'
        in client.get(article.get_absolute_url()).content.decode()
    )


def test_an_author_page_is_paginated_like_a_category(client, long):
    for i in range(settings.NEWSROOM_PAGE_SIZE + 2):
        written_by(long, f"Bài số {i}", hours_ago=i + 1)
    first = client.get("/tac-gia/quang-long/")
    assert len(first.context["articles"]) == settings.NEWSROOM_PAGE_SIZE
    assert 'href="?page=2"' in first.content.decode()
    second = client.get("/tac-gia/quang-long/?page=2")
    assert titles(second) == [f"Bài số {settings.NEWSROOM_PAGE_SIZE}", f"Bài số {settings.NEWSROOM_PAGE_SIZE + 1}"]
    assert 'rel="canonical" href="http://testserver/tac-gia/quang-long/?page=2"' in second.content.decode()


@pytest.mark.parametrize("page", ["3", "0", "abc", "-1", "9" * 12])
def test_a_bad_page_number_is_a_404(client, long, page):
    written_by(long, "Bài mới")
    assert client.get(f"/tac-gia/quang-long/?page={page}").status_code == 404


def test_an_unknown_author_is_a_404(client, publication):
    response = client.get("/tac-gia/khong-co-ai/")
    assert response.status_code == 404
    assert 'lang="vi"' in response.content.decode()


def test_an_author_without_published_work_says_so(client, long):
    assert "Chưa có bài viết nào." in client.get("/tac-gia/quang-long/").content.decode()


def test_the_author_page_describes_a_person_or_an_organisation_for_search_engines(client, long):
    AuthorFactory(name="TTXVN", kind=Kind.ORGANISATION)
    [person] = head_of(client.get("/tac-gia/quang-long/")).json_ld
    assert person["@type"] == "ProfilePage"
    assert person["mainEntity"] == {
        "@type": "Person",
        "name": "Quang Long",
        "url": "http://testserver/tac-gia/quang-long/",
        "description": "Phóng viên thường trú tại Mường Nhé.",
    }
    [organisation] = head_of(client.get("/tac-gia/ttxvn/")).json_ld
    assert organisation["mainEntity"]["@type"] == "Organization"


def test_a_category_cannot_take_the_author_pages_address(publication):
    assert Category.objects.create(name="Tác giả").slug == "tac-gia-tin"


@pytest.mark.parametrize("n", [3, 40])
def test_author_page_queries_do_not_grow(client, long, django_assert_num_queries, n):
    image = library_image(640, 400)
    categories = [CategoryFactory() for _ in range(3)]
    long.photo = image
    long.save()
    for i in range(n):
        written_by(long, f"Bài {i}", category=categories[i % 3], featured_image=image if i % 2 else None)
    client.get("/")  # the profile, category tree and sidebar widgets, shared by every page
    # the author (with his photo), count, the page of stories (with category
    # and image), sidebar: latest, featured (most read, poll and links come
    # from the home page's cache)
    with django_assert_num_queries(5):
        assert client.get("/tac-gia/quang-long/").status_code == 200
    assert Article.objects.count() == n
