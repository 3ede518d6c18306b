"""Counting when the article HTML comes from a cache: POST /luot-xem/<id>/."""

import pytest
from django.test import Client

from counters import rules
from counters.services import view_count
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beacon(settings):
    settings.NEWSROOM_COUNT_WITH_BEACON = True


# The script posts from the article page: the browser sends this site's Origin.
SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def url(article):
    return f"/luot-xem/{article.pk}/"


def test_beacon_counts_once_per_browser_within_the_window(client, publication):
    article = ArticleFactory()
    first = client.post(url(article), **SAME_ORIGIN)
    assert first.json() == {"views": 1, "counted": True}
    assert "no-store" in first["Cache-Control"]
    assert client.post(url(article), **SAME_ORIGIN).json() == {"views": 1, "counted": False}
    assert view_count(article.pk) == 1


def test_beacon_needs_no_csrf_token(publication):
    article = ArticleFactory()
    from tests.conftest import BROWSER_UA

    strict = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=BROWSER_UA)
    assert strict.post(url(article), **SAME_ORIGIN).status_code == 200


def test_beacon_ignores_bots(publication):
    article = ArticleFactory()
    assert Client(HTTP_USER_AGENT="Googlebot/2.1").post(url(article), **SAME_ORIGIN).json()["counted"] is False
    assert view_count(article.pk) == 0


def test_beacon_only_for_published_articles_and_only_post(client, publication):
    draft = ArticleFactory(status="draft")
    assert client.post(url(draft), **SAME_ORIGIN).status_code == 404
    assert client.post("/luot-xem/999999/", **SAME_ORIGIN).status_code == 404
    assert client.get(url(ArticleFactory())).status_code == 405
    assert view_count(draft.pk) == 0


def test_cacheable_page_counts_nothing_and_sets_no_cookie(client, publication, beacon):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert f'data-count-url="/luot-xem/{article.pk}/"' in html
    assert "js/view-counter" in html
    assert rules.COOKIE_NAME not in response.cookies
    assert view_count(article.pk) == 0
    client.post(url(article), **SAME_ORIGIN)  # what the script does
    assert view_count(article.pk) == 1


def test_without_beacon_the_page_has_no_counter_script(client, publication):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert "data-count-url" not in html and "view-counter" not in html


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_ORIGIN": "null"}, {"HTTP_REFERER": "https://evil.example/x"}, {}],
)
def test_beacon_counts_nothing_from_another_site_or_without_an_origin(publication, headers):
    article = ArticleFactory()
    for _ in range(5):  # cookie-less, as a script would send them
        assert Client(HTTP_USER_AGENT=BROWSER_UA).post(url(article), **headers).status_code == 403
    assert view_count(article.pk) == 0
