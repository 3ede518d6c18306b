"""Which page loads count: bots, previews, reloads, methods."""

import time

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from counters import rules
from counters.services import view_count
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Twitterbot/1.0",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "Wget/1.21.4",
    "",
]
BROWSERS = [
    BROWSER_UA,
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
    "Safari/537.36 coc_coc_browser/131.0.0",
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36 Zalo android/12100",
]


@pytest.mark.parametrize("agent", BOTS)
def test_bots_and_crawlers_are_not_counted(publication, agent):
    article = ArticleFactory()
    response = Client(HTTP_USER_AGENT=agent).get(article.get_absolute_url())
    assert response.status_code == 200
    assert view_count(article.pk) == 0


@pytest.mark.parametrize("agent", BROWSERS)
def test_browsers_are_counted(publication, agent):
    article = ArticleFactory()
    Client(HTTP_USER_AGENT=agent).get(article.get_absolute_url())
    assert view_count(article.pk) == 1


def test_staff_preview_of_an_unpublished_article_is_not_counted(client, publication):
    article = ArticleFactory(status="draft")
    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert view_count(article.pk) == 0


def test_reload_within_the_window_is_not_counted_again(client, publication):
    article, other = ArticleFactory(), ArticleFactory()
    for _ in range(3):
        client.get(article.get_absolute_url())
    assert view_count(article.pk) == 1
    client.get(other.get_absolute_url())  # another article still counts
    client.get(article.get_absolute_url())
    assert (view_count(article.pk), view_count(other.pk)) == (1, 1)
    cookie = client.cookies[rules.COOKIE_NAME]
    assert cookie["httponly"] and cookie["max-age"] == 1800


def test_reload_after_the_window_counts_again(client, publication, settings, monkeypatch):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    later = time.time() + settings.NEWSROOM_COUNTER_RELOAD_WINDOW + 1
    monkeypatch.setattr(time, "time", lambda: later)
    client.get(article.get_absolute_url())
    assert view_count(article.pk) == 2


def test_a_forged_cookie_is_ignored(client, publication):
    article = ArticleFactory()
    client.cookies[rules.COOKIE_NAME] = f"{article.pk}.{int(time.time())}"
    client.get(article.get_absolute_url())
    assert view_count(article.pk) == 1


def test_the_cookie_remembers_a_bounded_number_of_articles(client, publication):
    articles = [ArticleFactory() for _ in range(rules.MAX_REMEMBERED + 5)]
    for article in articles:
        client.get(article.get_absolute_url())
    value = client.cookies[rules.COOKIE_NAME].value
    assert len(value) < 1200
    assert all(view_count(a.pk) == 1 for a in articles)


def test_bot_load_sets_no_cookie(publication):
    article = ArticleFactory()
    response = Client(HTTP_USER_AGENT=BOTS[0]).get(article.get_absolute_url())
    assert rules.COOKIE_NAME not in response.cookies


def test_a_cookie_signed_by_django_is_honoured_and_the_new_one_verifies_with_django(client, publication):
    """The reload cookie is read once per counted view: what it listed is kept
    in the new cookie, which Django's own get_signed_cookie accepts."""
    seen, other = ArticleFactory(), ArticleFactory()
    signed_by_django = HttpResponse()
    stamp = int(time.time()) - 60
    signed_by_django.set_signed_cookie(rules.COOKIE_NAME, f"{seen.pk}.{stamp}", salt=rules.COOKIE_SALT)
    client.cookies[rules.COOKIE_NAME] = signed_by_django.cookies[rules.COOKIE_NAME].value
    client.get(seen.get_absolute_url())
    assert view_count(seen.pk) == 0  # a reload within the window
    client.get(other.get_absolute_url())
    assert view_count(other.pk) == 1
    request = RequestFactory().get("/")
    request.COOKIES[rules.COOKIE_NAME] = client.cookies[rules.COOKIE_NAME].value
    value = request.get_signed_cookie(rules.COOKIE_NAME, salt=rules.COOKIE_SALT, max_age=1800)
    assert value.startswith(f"{seen.pk}.{stamp},{other.pk}.")
