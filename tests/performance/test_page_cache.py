"""Whole pages cached for anonymous readers (delivery/pages.py): what a
reader sees is the same as without the cache — his own view count and
comment form start time, his own flash message and poll ballot — and nothing
is stale for long."""

import re

import pytest
from django.test import Client

from articles import services
from counters.services import view_count
from tests.comments.conftest import SAME_ORIGIN, comment_data, post_url
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.polls.conftest import make_poll

pytestmark = pytest.mark.django_db

STARTED = re.compile(r'name="started" value="([^"]+)"')
VIEWS = re.compile(r"Lượt xem: ([0-9.,]+)")


@pytest.fixture
def story(publication):
    return ArticleFactory(title="Mùa lúa mới ở Mường Thanh", category=CategoryFactory(name="Xã hội"))


def reader():
    return Client(HTTP_USER_AGENT=BROWSER_UA, enforce_csrf_checks=True)  # no CSRF token needed: by origin


def test_each_reader_of_a_cached_article_sees_his_own_count_and_form(story, django_assert_max_num_queries):
    pages, etags = [], set()
    for _ in range(3):
        browser = reader()
        response = browser.get(story.get_absolute_url())
        pages.append(response.content.decode())
        etags.add(response["ETag"])
        assert list(response.cookies) == ["nr_xem"]  # the view counter's; the form needs none
    assert [VIEWS.search(page).group(1) for page in pages] == ["1", "2", "3"]
    assert len({STARTED.search(page).group(1) for page in pages}) == 3  # each form started when opened
    assert len(etags) == 3  # each body its own ETag: no 304 with another reader's count
    assert "nrhole." not in "".join(pages)
    # Apart from those two, the three readers got the same page.
    assert len({STARTED.sub("", VIEWS.sub("", page)) for page in pages}) == 1
    assert view_count(story.pk) == 3


def test_a_reader_of_a_cached_article_can_comment(story, settings):
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 0
    reader().get(story.get_absolute_url())  # caches the page
    browser = reader()
    started = STARTED.search(browser.get(story.get_absolute_url()).content.decode()).group(1)
    response = browser.post(post_url(story), {**comment_data(story), "started": started}, **SAME_ORIGIN)
    assert response.status_code == 302
    # His thank-you message comes with a cookie: his next page is his own.
    html = browser.get(response["Location"]).content.decode()
    assert "Cảm ơn bạn đã gửi bình luận." in html
    assert "Cảm ơn bạn đã gửi bình luận." not in reader().get(story.get_absolute_url()).content.decode()


def test_a_form_from_a_cached_page_starts_when_the_reader_opened_it(story, monkeypatch):
    """The page was cached 50 s ago; a robot that opens it and posts at once
    is still too fast, as without the cache."""
    import time

    from comments import forms

    reader().get(story.get_absolute_url())  # cached now
    later = time.time() + 50
    monkeypatch.setattr(forms.time, "time", lambda: later)
    robot = reader()
    started = STARTED.search(robot.get(story.get_absolute_url()).content.decode()).group(1)
    response = robot.post(post_url(story), {**comment_data(story), "started": started}, **SAME_ORIGIN)
    assert response.status_code == 400
    assert "Bạn gửi nhanh quá" in response.content.decode()


def test_a_large_count_is_written_as_without_the_cache(story, monkeypatch):
    monkeypatch.setattr("counters.delivery.record_view", lambda pk: 1234567)  # the hole counts
    reader().get(story.get_absolute_url())  # caches the page
    from_cache = reader().get(story.get_absolute_url()).content.decode()
    own = reader()
    own.cookies["poll-1"] = "x"  # a personal cookie: rendered for him, not from the cache
    rendered = own.get(story.get_absolute_url()).content.decode()
    assert VIEWS.search(from_cache).group(1) == VIEWS.search(rendered).group(1) == "1234567"


def test_a_reload_is_not_counted_again_from_the_cache(story):
    browser = reader()
    browser.get(story.get_absolute_url())
    assert VIEWS.search(browser.get(story.get_absolute_url()).content.decode()).group(1) == "1"
    assert view_count(story.pk) == 1


def test_tracking_parameters_share_the_entry_and_page_numbers_do_not(story, django_assert_num_queries):
    ArticleFactory.create_batch(25, category=story.category)
    Client().get("/")
    with django_assert_num_queries(0):
        assert Client().get("/?fbclid=IwAR0abc&utm_source=facebook").status_code == 200
    first = Client().get(story.category.get_absolute_url()).content.decode()
    second = Client().get(story.category.get_absolute_url() + "?page=2&fbclid=x").content.decode()
    assert first != second


def test_an_unpublished_article_is_gone_for_the_next_reader(story):
    desk = UserFactory(username="tongbientap", is_staff=True, is_superuser=True)
    assert reader().get(story.get_absolute_url()).status_code == 200
    assert "Mùa lúa mới ở Mường Thanh" in Client().get("/").content.decode()
    services.unpublish(story, by=desk)
    assert reader().get(story.get_absolute_url()).status_code == 404
    assert "Mùa lúa mới ở Mường Thanh" not in Client().get("/").content.decode()


def test_a_voter_sees_his_ballot_and_the_next_reader_the_form(story):
    poll = make_poll()
    Client().get("/")  # cached with the poll's form
    voter = Client(HTTP_USER_AGENT=BROWSER_UA, HTTP_ORIGIN="http://testserver")
    voter.post(poll.get_vote_url(), {"option": poll.options.first().pk})
    assert 'class="poll-form"' not in voter.get("/").content.decode()  # his ballot: the results
    assert 'class="poll-form"' in Client().get("/").content.decode()


def test_a_cached_page_keeps_the_etag_of_its_body(story):
    first = Client().get("/")  # built, and stored with its ETag
    again = Client().get("/")  # from the cache
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert Client().get("/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    story.title = "Tiêu đề mới"
    story.save()
    changed = Client().get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_a_missing_page_is_not_kept(story):
    assert Client().get(story.category.get_absolute_url() + "?page=9").status_code == 404
    assert Client().get(story.category.get_absolute_url() + "?page=9").status_code == 404


def test_a_browser_gets_the_stored_gzip_and_a_client_without_gzip_the_same_page(story):
    import gzip

    built = Client().get("/")  # built and stored
    assert "Accept-Encoding" in built["Vary"]
    browser = Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br, zstd").get("/")
    assert browser["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in browser["Vary"]
    assert gzip.decompress(browser.content) == built.content
    assert len(browser.content) < len(built.content) / 2
    plain = Client(HTTP_ACCEPT_ENCODING="identity").get("/")
    assert not plain.has_header("Content-Encoding") and plain.content == built.content
    # Same page, so the browser's weak ETag revalidates, and a change does not.
    assert browser["ETag"] == "W/" + built["ETag"]
    assert Client().get("/", HTTP_IF_NONE_MATCH=browser["ETag"], HTTP_ACCEPT_ENCODING="gzip").status_code == 304
    story.title = "Tiêu đề mới"
    story.save()
    assert Client().get("/", HTTP_IF_NONE_MATCH=browser["ETag"], HTTP_ACCEPT_ENCODING="gzip").status_code == 200


def test_the_article_page_is_filled_in_uncompressed_for_every_reader(story):
    reader().get(story.get_absolute_url())  # stored
    response = Client(HTTP_USER_AGENT=BROWSER_UA, HTTP_ACCEPT_ENCODING="gzip").get(story.get_absolute_url())
    assert not response.has_header("Content-Encoding")
    assert VIEWS.search(response.content.decode()).group(1) == "2"


def test_a_cached_page_is_kept_by_shared_caches_no_longer_than_its_entry(story, django_assert_num_queries):
    from datetime import timedelta

    from django.utils import timezone

    ArticleFactory(published_at=timezone.now() + timedelta(seconds=10))
    Client().get("/")  # stored until the scheduled article goes live
    with django_assert_num_queries(0):
        hit = Client().get("/")
    s_maxage = int(re.search(r"s-maxage=(\d+)", hit["Cache-Control"]).group(1))
    assert 8 <= s_maxage <= 10


def default_cache_calls(monkeypatch):
    """The calls made to the shared cache from now on (each is a Redis round
    trip in production); local memory's get_many calls get: not counted."""
    from django.core.cache import caches

    backend, calls, depth = caches["default"], [], [0]

    def counted(name, method):
        def call(*args, **kwargs):
            if not depth[0]:
                calls.append(name)
            depth[0] += 1
            try:
                return method(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for name in ("get", "get_many", "set", "add", "set_many"):
        monkeypatch.setattr(backend, name, counted(name, getattr(backend, name)))
    return calls


def test_a_hit_is_one_cache_read(story, monkeypatch):
    """The entry and the scopes' versions in one read; the entry's expiry
    gives Cache-Control, so neither the versions nor the next scheduled
    article is read again (each read is a Redis round trip in production)."""
    Client().get("/")
    calls = default_cache_calls(monkeypatch)
    hit = Client(HTTP_ACCEPT_ENCODING="gzip").get("/")
    assert hit["Content-Encoding"] == "gzip" and "s-maxage" in hit["Cache-Control"]
    assert calls == ["get_many"]


def test_the_first_browser_gets_gzip_too(story):
    """A page built for a browser is sent as stored, gzipped: nginx keeps
    what it is given per Accept-Encoding, so a plain first answer would be
    every browser's for the next 30 s."""
    import gzip

    first = Client(HTTP_ACCEPT_ENCODING="gzip, br").get("/")
    assert first["Content-Encoding"] == "gzip" and "Accept-Encoding" in first["Vary"]
    assert gzip.decompress(first.content) == Client().get("/").content


def test_a_page_built_afresh_costs_four_cache_calls(story, monkeypatch, settings):
    """A page built for an article no one has read lately, in a process that
    has just built another (its sidebars, menu and 'Tin khác' kept for
    NEWSROOM_SCOPE_SECONDS): the page and the scopes' versions read
    together, its body read and kept, the page kept. No photo items are
    read for a story that is not a photo story. A scope the cache lost (an
    eviction, a Redis restart) costs one call more: its new version is the
    one added, not read back."""
    from django.core.cache import cache

    from delivery.scopes import KEY_PREFIX
    from delivery.scopes import article as article_scope

    settings.NEWSROOM_SCOPE_SECONDS = 1  # the process's memory starts empty (tests/conftest.py)
    other, third = ArticleFactory(category=story.category), ArticleFactory(category=story.category)
    Client().get(story.get_absolute_url())
    calls = default_cache_calls(monkeypatch)
    page = Client().get(other.get_absolute_url())
    assert page.status_code == 200 and other.title in page.content.decode()
    assert calls == ["get_many", "get", "set", "set"]

    cache.delete(KEY_PREFIX + article_scope(third.pk))
    calls.clear()
    page = Client().get(third.get_absolute_url())
    assert page.status_code == 200 and third.title in page.content.decode()
    assert calls == ["get_many", "add", "get", "set", "set"]
