"""The page contract's hooks (delivery/pages.py): variants of one address
and holes registered by the apps that own them."""

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from delivery import data, holes, pages, scopes, variants
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(publication):
    return ArticleFactory(title="Mùa lúa mới ở Mường Thanh", category=CategoryFactory(name="Xã hội"))


@pytest.fixture
def light_edition():
    """A variant as the light edition registers one: ``?nhe=1`` or its cookie."""

    def light(request):
        return "nhe" if request.GET.get("nhe") == "1" or request.COOKIES.get("nhe") == "1" else ""

    variants.register(light)
    yield light
    variants.unregister(light)


def test_a_variant_has_its_own_entry(story, light_edition, monkeypatch):
    plain = Client().get("/").content
    monkeypatch.setattr(
        "articles.views.HomeView.template_name", "articles/most_read.html"
    )  # what a variant could change
    light = Client()
    light.cookies["nhe"] = "1"
    assert light.get("/").content != plain  # built for its variant, not the plain entry
    assert Client().get("/").content == plain  # the plain entry is untouched


def test_without_a_variant_readers_share_one_entry(story, monkeypatch):
    first = Client().get("/").content
    monkeypatch.setattr("articles.views.HomeView.template_name", "articles/most_read.html")
    assert Client().get("/?utm_source=zalo").content == first  # a parameter the view does not read


def test_an_unknown_hole_is_a_programming_error():
    with pytest.raises(KeyError):
        holes.marker("no-such-hole", 1)


def test_holes_are_filled_on_pages_built_for_one_reader_too(story):
    """A reader with a personal cookie gets a page built for him: its holes
    are filled the same way."""
    own = Client(HTTP_USER_AGENT=BROWSER_UA)  # a browser: counted
    own.cookies["poll-1"] = "x"
    html = own.get(story.get_absolute_url()).content.decode()
    assert "nrhole." not in html and "Lượt xem: 1" in html


# Each process's memory of versions and pages (NEWSROOM_SCOPE_SECONDS).


@pytest.fixture
def remembering(settings):
    settings.NEWSROOM_SCOPE_SECONDS = 1
    scopes.forget_memo()
    pages.forget_local()
    yield
    scopes.forget_memo()
    pages.forget_local()


def test_a_page_served_again_within_the_bound_costs_no_cache_read(remembering, story, monkeypatch):
    monkeypatch.setattr("delivery.scopes.time.monotonic", lambda: 1000.0)
    client = Client()
    first = client.get(story.get_absolute_url()).content
    reads = []
    real = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys, *a, **k: reads.append(keys) or real(keys, *a, **k))
    with CaptureQueriesContext(connection) as queries:
        again = client.get(story.get_absolute_url())
    assert reads == []
    assert [q["sql"] for q in queries if "articles_article" in q["sql"]] == []
    # The same page, its holes filled for this reader.
    assert again.status_code == 200
    assert "Mùa lúa mới" in again.content.decode()
    assert len(again.content) == pytest.approx(len(first), abs=80)


def test_a_change_made_in_this_process_is_seen_at_once(remembering, story):
    client = Client()
    assert "Mùa lúa mới" in client.get("/").content.decode()
    story.title = "Lúa mới vào kho"
    story.save()
    assert "Lúa mới vào kho" in client.get("/").content.decode()


def test_a_change_made_in_another_process_is_seen_within_the_bound(remembering, story, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("delivery.scopes.time.monotonic", lambda: now[0])
    client = Client()
    assert "Mùa lúa mới" in client.get("/").content.decode()
    # Another worker publishes a change: the rows and the shared versions
    # change, this process's memory does not (no signal reaches it).
    Article.objects.filter(pk=story.pk).update(title="Lúa mới vào kho")
    cache.set_many({scopes._cache_key(name): scopes._new_version() for name in (scopes.LISTINGS,)}, None)
    now[0] += 0.9
    assert "Mùa lúa mới" in client.get("/").content.decode()  # remembered, under a second old
    now[0] += 0.2
    assert "Lúa mới vào kho" in client.get("/").content.decode()


def test_a_new_article_page_reads_only_its_own_things_from_the_cache(remembering, story, monkeypatch):
    """The menu, the sidebars and the profile this process read for one
    article page are used again for the next article's, within the bound:
    the cache is asked only for what belongs to the new article."""
    monkeypatch.setattr("delivery.scopes.time.monotonic", lambda: 1000.0)
    other = ArticleFactory(title="Chợ phiên vùng cao", category=story.category)
    Client().get(story.get_absolute_url())
    asked = []
    real_get, real_get_many = cache.get, cache.get_many
    monkeypatch.setattr(cache, "get", lambda key, *a, **k: asked.append(key) or real_get(key, *a, **k))
    monkeypatch.setattr(cache, "get_many", lambda keys, *a, **k: asked.extend(keys) or real_get_many(keys, *a, **k))
    response = Client().get(other.get_absolute_url())
    assert "Chợ phiên vùng cao" in response.content.decode()
    assert "Mùa lúa mới ở Mường Thanh" in response.content.decode()  # in its sidebar
    assert asked, "the new article's own page and data are read"
    own = scopes.article(other.pk)
    # The page's own entry and scopes ("site" and the article's) are read in
    # one round trip, as for any page not served from this process.
    assert [
        key for key in asked if own not in key and key != "scope:site" and not key.startswith(pages.KEY_PREFIX)
    ] == []


def test_data_kept_in_this_process_is_a_new_object_for_each_request(remembering, monkeypatch):
    monkeypatch.setattr("delivery.scopes.time.monotonic", lambda: 1000.0)
    first = data.cached(None, "rows", [scopes.SITE], lambda: [{"title": "Mùa lúa mới"}])
    first[0]["title"] = "changed by one request"
    again = data.cached(None, "rows", [scopes.SITE], lambda: [{"title": "built again"}])
    assert again == [{"title": "Mùa lúa mới"}]


def test_a_datum_forgotten_in_another_process_is_seen_within_the_bound(remembering, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("delivery.scopes.time.monotonic", lambda: now[0])
    votes = [3]
    assert data.cached(None, "poll", [scopes.SITE], lambda: votes[0]) == 3
    votes[0] = 4
    # Another worker counts a vote and forgets the poll's counts: the shared
    # cache drops them, this process's copy is not told.
    cache.delete(data.key("poll", [scopes.SITE], scopes.versions([scopes.SITE]), ()))
    now[0] += 0.9
    assert data.cached(None, "poll", [scopes.SITE], lambda: votes[0]) == 3
    now[0] += 0.2
    assert data.cached(None, "poll", [scopes.SITE], lambda: votes[0]) == 4
    # The process that forgets sees it at once.
    votes[0] = 5
    data.forget(None, "poll", [scopes.SITE])
    assert data.cached(None, "poll", [scopes.SITE], lambda: votes[0]) == 5


def test_when_full_a_process_drops_the_data_past_the_bound_first(remembering, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("delivery.scopes.time.monotonic", lambda: now[0])
    monkeypatch.setattr(data, "LOCAL_ENTRIES", 3)
    data.cached(None, "old", [scopes.SITE], lambda: 1)
    now[0] += 2
    for name in ("menu", "profile", "sidebar"):
        data.cached(None, name, [scopes.SITE], lambda: 2)
    kept = [key.split(":")[1] for key in data._local]
    assert kept == ["menu", "profile", "sidebar"]


# The fast path (pages.CachedPageMiddleware): an address this process just
# answered from an entry is answered again above the session.


@pytest.fixture
def fast(remembering, monkeypatch):
    monkeypatch.setattr("delivery.scopes.time.monotonic", lambda: 1000.0)
    session_runs = []
    real = SessionMiddleware.process_request
    monkeypatch.setattr(
        SessionMiddleware,
        "process_request",
        lambda self, request: session_runs.append(request.path) or real(self, request),
    )
    return session_runs


def headers_of(response):
    return {name: value for name, value in response.items() if name != "X-Request-ID"}


def test_the_fast_path_answers_like_the_full_stack_without_running_it(fast, story):
    reader = Client(HTTP_USER_AGENT=BROWSER_UA, HTTP_ACCEPT_ENCODING="gzip")
    reader.get("/")  # built and stored: the address is now known
    pages._addresses.clear()
    full = reader.get("/")  # from the entry, through the whole stack
    assert fast == ["/", "/"]
    again = reader.get("/")
    assert fast == ["/", "/"]  # the session middleware (and all below it) did not run
    assert again.content == full.content and again["Content-Encoding"] == "gzip"
    assert headers_of(again) == headers_of(full)
    for name in ("Content-Security-Policy", "X-Frame-Options", "Content-Language", "X-Content-Type-Options"):
        assert again[name]  # added by middleware below and above the fast path alike
    assert again["Vary"] == full["Vary"]


def test_on_the_fast_path_each_reader_is_counted_and_gets_his_own_holes(fast, story):
    url = story.get_absolute_url()
    Client(HTTP_USER_AGENT=BROWSER_UA).get(url)
    assert len(fast) == 1
    second = Client(HTTP_USER_AGENT=BROWSER_UA).get(url)
    third = Client(HTTP_USER_AGENT=BROWSER_UA).get(url)
    assert len(fast) == 1  # the fast path answered both
    assert "Lượt xem: 2" in second.content.decode()
    html = third.content.decode()
    assert "nrhole." not in html and "Lượt xem: 3" in html
    assert "private" in third["Cache-Control"] and third.cookies  # the hole's reload cookie, for this reader only


def test_a_change_made_in_this_process_leaves_the_fast_path_at_once(fast, story):
    reader = Client()
    reader.get("/")
    assert "Mùa lúa mới" in reader.get("/").content.decode()
    assert len(fast) == 1
    story.title = "Lúa mới vào kho"
    story.save()
    assert "Lúa mới vào kho" in reader.get("/").content.decode()
    assert len(fast) == 2


def test_a_reader_with_a_personal_cookie_never_takes_the_fast_path(fast, story):
    Client().get("/")
    Client().get("/")
    assert len(fast) == 1
    own = Client()
    own.cookies["poll-1"] = "x"
    own.get("/")
    assert len(fast) == 2


def test_each_reader_of_a_page_with_holes_gets_an_etag_of_his_own_answer(story):
    """The ETag of a cached page with holes is made from the page's digest
    and this reader's values (holes.Page), not by hashing the whole page
    again: two readers (two counts) get two ETags, and the first reader's
    ETag sent back gets the new page, not a 304."""
    url = story.get_absolute_url()
    Client(HTTP_USER_AGENT=BROWSER_UA).get(url)  # built and stored
    first = Client(HTTP_USER_AGENT=BROWSER_UA).get(url)
    second = Client(HTTP_USER_AGENT=BROWSER_UA).get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert first["ETag"] and second["ETag"] and first["ETag"] != second["ETag"]
    assert second.status_code == 200 and "Lượt xem: 3" in second.content.decode()
    again = Client(HTTP_USER_AGENT=BROWSER_UA).get(url)
    assert again["ETag"].split("-")[0] == first["ETag"].split("-")[0]  # the same page, other values
