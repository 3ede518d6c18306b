"""Each public page makes a fixed number of queries, whatever the number of
articles, tags or related stories. The numbers are pinned: a template that
starts querying in a loop fails here."""

import pytest
from django.core.cache import cache
from django.db import connection

from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, library_image

pytestmark = pytest.mark.django_db

TAGS = ["Điện Biên Phủ", "du lịch", "nông thôn mới", "cà phê"]


def fill(n, categories):
    # Stories with and without a featured image (a library image with its
    # renditions): the images come with the stories, never one query each.
    image = library_image(640, 400)
    for i in range(n):
        ArticleFactory(
            category=categories[i % len(categories)], tags=TAGS[: 1 + i % 4], featured_image=image if i % 2 else None
        )


@pytest.fixture
def categories(publication):
    return [CategoryFactory(name=f"Chuyên mục {i}", show_on_home=True) for i in range(3)]


@pytest.mark.parametrize("n", [5, 60])
def test_home_queries_do_not_grow(client, categories, django_assert_num_queries, n):
    fill(n, categories)
    cache.clear()
    # publication, category tree, featured, latest, pinned, one per home block (3),
    # sidebar: most read, poll, links widget (groups, banners; then cached)
    with django_assert_num_queries(12):
        assert client.get("/").status_code == 200
    # Warm: the profile, the category tree and the links widget come from the cache.
    with django_assert_num_queries(8):
        client.get("/")


@pytest.mark.parametrize("n", [5, 60])
def test_category_queries_do_not_grow(client, categories, django_assert_num_queries, n):
    fill(n, categories)
    client.get("/")  # warm the profile and tree caches
    # count, page of stories, sidebar: latest, most read, featured, poll
    with django_assert_num_queries(6):
        assert client.get(categories[0].get_absolute_url()).status_code == 200


@pytest.mark.parametrize("n", [5, 60])
def test_article_queries_do_not_grow(client, categories, django_assert_num_queries, n):
    fill(n, categories)
    article = ArticleFactory(category=categories[0], tags=TAGS, featured_image=library_image(640, 400))
    CommentFactory.create_batch(n, article=article, approved=True, reply="Cảm ơn bạn đọc.")
    client.get("/")
    # article, its tags, count the view, the approved comments (one query with
    # the newsroom's replies, whatever their number), related, sidebar latest,
    # most read, featured and poll (the links widget is cached). Counting is one statement on PostgreSQL (a CTE upserts
    # today's bucket and the total); SQLite has no data-modifying CTE, so there
    # the bucket upsert is one fixed extra query (added for the 24 h / 7 / 30
    # day windows of "Đọc nhiều").
    with django_assert_num_queries(10 if connection.vendor == "sqlite" else 9):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_print_view_queries(client, categories, django_assert_num_queries):
    fill(10, categories)
    article = ArticleFactory(category=categories[0], tags=TAGS, featured_image=library_image(640, 400))
    client.get("/")
    with django_assert_num_queries(1):  # the article (with its category and featured image)
        assert client.get(article.get_print_url()).status_code == 200
