"""Each public page makes a fixed number of queries, whatever the number of
articles, tags or related stories. The numbers are pinned: a template that
starts querying in a loop fails here."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client

from tests.conftest import BROWSER_UA
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


# The budgets, cold (empty cache) and warm (data cached, see
# delivery/data.py). Cold, every page also asks once per version of the
# listings for the next scheduled article (the deadline of what is cached).
COUNTING = 3 if connection.vendor == "sqlite" else 1  # see test_article_queries_do_not_grow


@pytest.mark.parametrize("n", [5, 60])
def test_home_queries_do_not_grow(client, categories, django_assert_num_queries, n):
    fill(n, categories)
    cache.clear()
    # publication, category tree, next scheduled, featured, latest, pinned,
    # one per home block (3), sidebar: most read, poll, links widget (groups
    # with their links, banners)
    with django_assert_num_queries(13):
        assert client.get("/").status_code == 200
    # Warm: everything comes from the cache.
    with django_assert_num_queries(0):
        client.get("/")


@pytest.mark.parametrize("n", [5, 60])
def test_category_queries_do_not_grow(client, categories, django_assert_num_queries, n):
    fill(n, categories)
    cache.clear()
    # publication, tree, next scheduled, pinned stories, count, page of stories,
    # sidebar: latest, most read, featured, poll, links (2)
    with django_assert_num_queries(12):
        assert client.get(categories[0].get_absolute_url()).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(categories[0].get_absolute_url()).status_code == 200
    if n == 60:  # 20 stories a category: two pages
        # Page 2: the count is cached, only its rows are read.
        with django_assert_num_queries(1):
            assert client.get(categories[0].get_absolute_url() + "?page=2").status_code == 200


@pytest.mark.parametrize("n", [5, 60])
def test_article_queries_do_not_grow(client, categories, django_assert_num_queries, n):
    fill(n, categories)
    article = ArticleFactory(category=categories[0], tags=TAGS, featured_image=library_image(640, 400))
    other = ArticleFactory(category=categories[1], tags=TAGS)
    neighbour = ArticleFactory(category=categories[0], tags=TAGS)
    CommentFactory.create_batch(n, article=article, approved=True, reply="Cảm ơn bạn đọc.")
    cache.clear()
    client.get("/")  # the profile, tree, schedule and shared widgets
    # article, its tags, its contributions (with their authors), count the
    # view, the approved comments (one query with the newsroom's replies,
    # whatever their number), related, sidebar latest, featured (most read,
    # poll and links come from the home page's cache), the print edition's
    # pages it was printed on ({% printed_in %}).
    # Counting is one statement on PostgreSQL (a CTE upserts today's and
    # this hour's buckets and the total); SQLite has no data-modifying CTE,
    # so there the two bucket upserts are two fixed extra queries.
    # With 5 stories a category has fewer than NEWSROOM_RELATED_COUNT others:
    # the newest stories of the paper fill the related list (one more query).
    fallback = 1 if n < 3 * (settings.NEWSROOM_RELATED_COUNT + 1) else 0
    with django_assert_num_queries(8 + COUNTING + fallback):
        assert client.get(article.get_absolute_url()).status_code == 200
    # Warm, another reader: the whole page comes from the page cache; only
    # his view is counted (delivery/pages.py).
    with django_assert_num_queries(0 + COUNTING):
        assert Client(HTTP_USER_AGENT=BROWSER_UA).get(article.get_absolute_url()).status_code == 200
    # A reader whose page is his own (here: he voted in a poll) skips the page
    # cache: the article, its tags, contributions, comments and printed pages run; related
    # stories, the body and the sidebar are cached fragments.
    voter = Client(HTTP_USER_AGENT=BROWSER_UA)
    voter.cookies["poll-1"] = "signed"
    with django_assert_num_queries(5 + COUNTING):
        assert voter.get(article.get_absolute_url()).status_code == 200
    # Another article (a reader walking the archive): its own rows (article,
    # tags, contributions, comments, printed pages) and its related stories are new.
    with django_assert_num_queries(6 + COUNTING + fallback):
        assert Client(HTTP_USER_AGENT=BROWSER_UA).get(other.get_absolute_url()).status_code == 200
    # Another article of a category already read: "Tin khác" is the
    # category's cached list (articles/selectors.py category_newest), so
    # only the article's own rows run.
    with django_assert_num_queries(5 + COUNTING):
        assert Client(HTTP_USER_AGENT=BROWSER_UA).get(neighbour.get_absolute_url()).status_code == 200


def test_print_view_queries(client, categories, django_assert_num_queries):
    fill(10, categories)
    article = ArticleFactory(category=categories[0], tags=TAGS, featured_image=library_image(640, 400))
    client.get("/")
    # the article (with its category and featured image), its contributions
    with django_assert_num_queries(2):
        assert client.get(article.get_print_url()).status_code == 200
