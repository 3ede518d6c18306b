"""Each sidebar widget is one inclusion tag with its own query budget,
whatever the number of stories, options or links: one query cold, none warm
(cached data, delivery/data.py). The data cache also asks once
per version of the listings for the next scheduled article; ``schedule_known``
does that first so each budget counts the widget alone."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from counters.services import record_view
from delivery import data
from links.models import Link, LinkGroup
from tests.factories import ArticleFactory
from tests.polls.conftest import make_poll

pytestmark = pytest.mark.django_db


def render(source, **context):
    request = RequestFactory().get("/")
    return Template(source).render(Context({"request": request, **context}))


@pytest.fixture
def schedule_known():
    data.seconds_to_live()


@pytest.fixture
def stories(publication):
    stories = [ArticleFactory(title=f"Tin số {i}", featured_position=i if i < 3 else None) for i in range(12)]
    for i, story in enumerate(stories[:4]):
        for _ in range(4 - i):
            record_view(story.pk)
    return stories


def test_latest_widget_one_query(stories, schedule_known, django_assert_num_queries):
    with django_assert_num_queries(1):
        html = render("{% load widgets %}{% latest_widget %}", article=stories[-1])
    with django_assert_num_queries(0):  # warm
        assert render("{% load widgets %}{% latest_widget %}", article=stories[-1]) == html
    assert "Mới nhất" in html and "Tin số 10" in html
    assert "Tin số 11" not in html  # the page's own article is left out


def test_most_read_widget_one_query_from_the_counters(stories, schedule_known, django_assert_num_queries):
    with django_assert_num_queries(1):
        html = render("{% load widgets %}{% most_read_widget %}")
    with django_assert_num_queries(0):  # warm
        assert render("{% load widgets %}{% most_read_widget %}") == html
    assert "Đọc nhiều" in html
    assert html.index("Tin số 0") < html.index("Tin số 1") < html.index("Tin số 3")
    assert "Tin số 5" not in html


def test_featured_widget_one_query(stories, schedule_known, django_assert_num_queries):
    with django_assert_num_queries(1):
        html = render("{% load widgets %}{% featured_widget %}")
    with django_assert_num_queries(0):  # warm
        assert render("{% load widgets %}{% featured_widget %}") == html
    assert "Tin tiêu điểm" in html
    assert html.index("Tin số 1") < html.index("Tin số 2")
    assert "Tin số 5" not in html


def test_poll_widget_one_query(publication, django_assert_num_queries):
    make_poll(options=[f"Phương án {i}" for i in range(10)])
    data.seconds_to_live()
    with django_assert_num_queries(1):
        html = render("{% load poll_tags %}{% poll_widget %}")
    with django_assert_num_queries(0):  # warm
        assert render("{% load poll_tags %}{% poll_widget %}") == html
    assert "Thăm dò ý kiến" in html and "Biểu quyết" in html and "Xem kết quả" in html
    assert html.count('type="radio"') == 10


def test_poll_widget_of_a_closed_poll_shows_results(publication):
    from datetime import timedelta

    from django.utils import timezone

    make_poll(opens_at=timezone.now() - timedelta(days=2), closes_at=timezone.now() - timedelta(days=1))
    html = render("{% load poll_tags %}{% poll_widget %}")
    assert "Biểu quyết" not in html and "0 phiếu (0%)" in html


def test_links_widget_three_queries_cold_none_warm(publication, schedule_known, django_assert_num_queries):
    for g in range(3):
        group = LinkGroup.objects.create(name=f"Nhóm {g}")
        for i in range(5):
            Link.objects.create(group=group, title=f"Trang {g}-{i}", url=f"https://example{g}{i}.vn/")
    with django_assert_num_queries(3):
        html = render("{% load link_tags %}{% links_widget %}")
    assert html.count("--- Website khác ---") == 3
    with django_assert_num_queries(0):
        render("{% load link_tags %}{% links_widget %}")


def test_header_shows_the_date_line(client, publication):
    import re

    html = client.get("/").content.decode()
    assert re.search(r'<span class="today">(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d\d/\d\d/\d{4}</span>', html)


def sidebar(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    return html[html.index('<aside class="sidebar"') : html.index("</aside>")]


def cached_latest_lists():
    from django.core.cache import caches

    return [key for key in caches["default"]._cache if ":data:latest-widget:" in key]  # local memory in tests


def test_articles_share_one_cached_list_and_a_listed_article_is_left_out(stories, client):
    """The sidebar's lists are cached once for all the archive's articles
    (the rendered sidebar is part of each cached page, delivery/pages.py),
    and an article a list shows still gets a sidebar without itself."""
    long_ago = stories[0].published_at.replace(year=2020)
    old = [ArticleFactory(title=f"Bài cũ {i}", published_at=long_ago) for i in range(4)]
    first = sidebar(client, old[0])
    assert "Tin số 11" in first  # the newest story, in "Mới nhất"
    assert sidebar(client, old[1]) == sidebar(client, old[2]) == first
    assert len(cached_latest_lists()) == 1
    # "Tin số 11" is in the lists: its sidebar is its own, without it.
    own = sidebar(client, stories[11])
    assert "Tin số 11" not in own and "Tin số 10" in own
    assert len(cached_latest_lists()) == 1
    assert sidebar(client, old[1]) == first
    # Its HTML is kept once too, and is what another article's page shows
    # (marked here, to see that it is not rendered again).
    from django.core.cache import cache, caches

    [full_key] = [key for key in caches["default"]._cache if ":data:latest-widget-html:" in key]
    html_key = full_key.split(":", 2)[2]  # without the backend's prefix and version
    expires, (html, shown) = cache.get(html_key)
    cache.set(html_key, (expires, (html.replace("Mới nhất", "Mới nhất (chung)"), shown)))
    data.forget_local()
    assert "Mới nhất (chung)" in sidebar(client, old[3])
