"""The cached data and pages (delivery/data.py, delivery/pages.py) and the
HTTP caching headers (delivery/http_cache.py): what a reader sees is never stale for long, every
change a reader can see invalidates, views are counted exactly, staff and
previews bypass."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from articles import services
from articles.models import Article, Category
from comments import services as comment_services
from counters.services import view_count
from delivery import data, scopes
from links.models import Link, LinkGroup
from polls.models import Poll
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, UserFactory
from tests.polls.conftest import make_poll

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db):
    return UserFactory(username="thuky", is_staff=True, is_superuser=True)


@pytest.fixture
def story(publication):
    return ArticleFactory(title="Mùa lúa mới ở Mường Thanh", category=CategoryFactory(name="Xã hội"))


def home(client=None):
    return (client or Client()).get("/").content.decode()


def at(seconds):
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(seconds=seconds))


def test_a_change_without_signal_shows_within_the_bound(story):
    assert "Mùa lúa mới ở Mường Thanh" in home()
    Article.objects.filter(pk=story.pk).update(title="Tiêu đề đã sửa")  # no signal: no invalidation
    assert "Mùa lúa mới ở Mường Thanh" in home()  # cached
    with at(59):
        assert "Tiêu đề đã sửa" not in home()
    with at(61):  # NEWSROOM_FRAGMENT_SECONDS = 60: never stale longer
        assert "Tiêu đề đã sửa" in home()


def test_a_scheduled_article_appears_on_time_although_nothing_is_saved(story):
    ArticleFactory(title="Bài hẹn giờ lên trang", published_at=timezone.now() + timedelta(seconds=20))
    assert "Bài hẹn giờ lên trang" not in home()
    with at(19):
        assert "Bài hẹn giờ lên trang" not in home()
    with at(21):  # before the 60 s bound: fragments expire at the next published_at
        assert "Bài hẹn giờ lên trang" in home()
    # Its fragments' lifetime is capped accordingly.
    assert data.seconds_to_live() == 60


def test_the_lifetime_is_capped_at_the_next_scheduled_article(publication):
    ArticleFactory(published_at=timezone.now() + timedelta(seconds=30))
    assert 29 <= data.seconds_to_live() <= 30


def bumps(action, *articles):
    """Whether ``action`` changed a scope of a page that shows it: the site,
    the listings or one of ``articles``' own pages."""
    names = [scopes.SITE, scopes.LISTINGS, *(scopes.article(a.pk) for a in articles)]
    before = scopes.versions(names)
    action()
    return scopes.versions(names) != before


def test_every_change_a_reader_sees_bumps_a_scope_of_its_pages(story, desk):
    draft = ArticleFactory(draft=True, category=story.category)
    comment = CommentFactory(article=story)
    poll = make_poll()
    group = LinkGroup.objects.create(name="Cổng thông tin")
    events = {
        "publish": lambda: services.publish(draft, by=desk),
        "edit": lambda: (setattr(story, "title", "Sửa tiêu đề"), story.save()),
        "tags": lambda: story.tags.set(["du lịch"]),
        "curation": lambda: services.set_home_positions(story, by=desk, featured_position=1, pinned_position=None),
        "unpublish": lambda: services.unpublish(draft, by=desk),
        "comment approval": lambda: comment_services.approve(comment, by=desk),
        "poll": lambda: Poll.objects.get(pk=poll.pk).save(),
        "link": lambda: Link.objects.create(group=group, title="Chính phủ", url="https://chinhphu.vn/"),
        "category": lambda: Category.objects.get(pk=story.category_id).save(),
        "publication": lambda: publication_save(story),
        # The draft was unpublished above: deleting it now changes nothing a
        # reader sees (test_scopes.py); deleting a published story does.
        "delete": lambda: services.delete(Article.objects.get(pk=story.pk), by=desk),
    }
    missed = [name for name, action in events.items() if not bumps(action, story, draft)]
    assert missed == []


def publication_save(story):
    from newsroom.models import Publication

    Publication.objects.first().save()


def test_an_edit_is_on_the_home_page_at_once(story, desk):
    assert "Mùa lúa mới ở Mường Thanh" in home()
    story.title = "Lúa mới vào kho"
    story.save()
    assert "Lúa mới vào kho" in home()


def test_curation_is_on_the_home_page_at_once(story, desk):
    others = [ArticleFactory(title=f"Tin mới {i}") for i in range(12)]
    home()
    services.set_home_positions(others[-1], by=desk, featured_position=1, pinned_position=None)
    page = home()
    assert page.index("Tin tiêu điểm") < page.index(others[-1].title)


def test_views_are_counted_exactly_with_the_fragments_cached(story):
    for _ in range(5):
        assert Client(HTTP_USER_AGENT=BROWSER_UA).get(story.get_absolute_url()).status_code == 200
    assert view_count(story.pk) == 5
    page = Client(HTTP_USER_AGENT=BROWSER_UA).get(story.get_absolute_url()).content.decode()
    assert "Lượt xem: 6" in page


def test_staff_bypass_the_cache(story, desk):
    home()
    Article.objects.filter(pk=story.pk).update(title="Bản sửa chưa lan ra")  # no invalidation
    staff = Client()
    staff.force_login(desk)
    assert "Bản sửa chưa lan ra" in home(staff)
    assert "Bản sửa chưa lan ra" not in home()  # readers: the cached fragment, for at most 60 s


def test_a_preview_is_never_cached(story, desk):
    draft = ArticleFactory(draft=True, title="Bản nháp", body="<p>Nội dung nháp thứ nhất.</p>")
    staff = Client()
    staff.force_login(desk)
    assert "Nội dung nháp thứ nhất" in staff.get(draft.get_absolute_url()).content.decode()
    Article.objects.filter(pk=draft.pk).update(body="<p>Nội dung nháp thứ hai.</p>")
    response = staff.get(draft.get_absolute_url())
    assert "Nội dung nháp thứ hai" in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


# HTTP headers


def test_an_anonymous_page_without_cookie_is_public_for_a_short_time(story):
    response = Client().get(story.category.get_absolute_url())
    assert not response.cookies
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=30" in cache_control and "max-age=0" in cache_control
    assert response.has_header("ETag")
    again = Client().get(story.category.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_shared_caches_keep_a_page_no_longer_than_until_the_next_scheduled_article(story):
    ArticleFactory(published_at=timezone.now() + timedelta(seconds=10))
    assert (
        "s-maxage=10" in Client().get("/").headers["Cache-Control"]
        or "s-maxage=9" in Client().get("/")["Cache-Control"]
    )


def test_a_counted_article_page_sets_a_cookie_and_is_private(story):
    response = Client(HTTP_USER_AGENT=BROWSER_UA).get(story.get_absolute_url())
    assert response.cookies  # the reload window of the view counter
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_the_sidebar_poll_form_keeps_the_pages_public(story):
    make_poll()
    response = Client().get("/")
    assert 'class="poll-form"' in response.content.decode()
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()  # same-origin check instead
    assert not response.cookies and "public" in response["Cache-Control"]


def test_an_article_page_that_counted_nothing_is_private_too(story):
    """A bot's page (not counted, no cookie) kept by nginx would be served to
    the readers after it, and they would not be counted."""
    response = Client().get(story.get_absolute_url())  # no User-Agent: not counted
    assert not response.cookies
    assert 'class="comment-form"' in response.content.decode()
    assert "private" in response["Cache-Control"] and "s-maxage" not in response["Cache-Control"]


def test_with_the_beacon_the_article_page_with_its_comment_form_is_public(story, settings):
    settings.NEWSROOM_COUNT_WITH_BEACON = True
    response = Client(HTTP_USER_AGENT=BROWSER_UA).get(story.get_absolute_url())
    assert not response.cookies  # no counter cookie, and no CSRF cookie for the comment form
    assert 'class="comment-form"' in response.content.decode()
    assert "public" in response["Cache-Control"] and "s-maxage=" in response["Cache-Control"]


def test_a_logged_in_editor_never_gets_a_cacheable_page(story, desk):
    staff = Client()
    staff.force_login(desk)
    for path in ("/", story.category.get_absolute_url(), story.get_absolute_url()):
        cache_control = staff.get(path)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, path


def test_the_cached_menu_marks_the_page_the_reader_is_on(story, publication):
    """The menu is rendered once per kind of page and category, and each
    reader sees his own page marked in it."""
    other = CategoryFactory(name="Kinh tế")
    ArticleFactory(category=other)

    def current(path):
        html = Client().get(path).content.decode()
        nav = html[html.index('<nav class="main-nav"') : html.index("</nav>")]
        return re.findall(r'<a href="([^"]+)"[^>]*aria-current="page"', nav)

    for _ in range(2):  # built, then from the cache
        assert current("/") == ["/"]
        assert current(story.category.get_absolute_url()) == [story.category.get_absolute_url()]
        assert current(other.get_absolute_url()) == [other.get_absolute_url()]
        assert current(story.get_absolute_url()) == []


def test_the_benchmark_floor_is_never_cached():
    """make bench's floor: not a page, so nginx never keeps it and it pays
    for no s-maxage computation (docs/performance.md)."""
    from django.test import RequestFactory

    from newsroom.views import floor

    response = floor(RequestFactory().get("/_bench/xin-chao/"))
    assert response["Cache-Control"] == "no-store" and response.content.decode() == "Xin chào"
