"""Invalidation by what readers can see (delivery/scopes.py and each app's
delivery.py): a change bumps exactly the scopes of the pages that show it,
and a change no reader sees bumps nothing."""

from unittest import mock

import pytest
from django.test import Client

from articles import services
from articles.models import Article, Tag
from comments import services as comment_services
from counters.services import record_view
from delivery import scopes
from delivery.models import ScopeVersion
from newsroom.models import Publication
from tests.comments.conftest import SAME_ORIGIN, comment_data, post_url
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, UserFactory, library_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db):
    return UserFactory(username="thuky", is_staff=True, is_superuser=True)


@pytest.fixture
def story(publication):
    return ArticleFactory(title="Mùa lúa mới ở Mường Thanh", category=CategoryFactory(name="Xã hội"))


@pytest.fixture
def other(story):
    return ArticleFactory(title="Chợ phiên Tủa Chùa", category=story.category)


def changed(action, *articles):
    """The scopes ``action`` bumped, among the site, the listings and ``articles``' pages."""
    names = [scopes.SITE, scopes.LISTINGS, *(scopes.article(a.pk) for a in articles)]
    before = scopes.versions(names)
    action()
    after = scopes.versions(names)
    return {name for name, old, new in zip(names, before, after, strict=True) if old != new}


def test_a_draft_save_bumps_nothing(story, other):
    draft = ArticleFactory(draft=True, category=story.category)
    draft.title = "Tiêu đề đang viết"
    assert changed(draft.save, story, other, draft) == set()


def test_an_article_in_editing_or_approval_bumps_nothing(story, desk):
    draft = ArticleFactory(draft=True, category=story.category)
    for status in (Article.Status.IN_EDITING, Article.Status.IN_APPROVAL):
        draft.status = status
        assert changed(draft.save, story, draft) == set()


def test_a_pending_rejected_or_spam_comment_bumps_nothing(story, other, settings):
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 0
    browser = Client(HTTP_USER_AGENT=BROWSER_UA)

    def post():
        response = browser.post(post_url(story), comment_data(story), **SAME_ORIGIN)
        assert response.status_code == 302

    assert changed(post, story, other) == set()
    for status in ("rejected", "spam", "pending"):
        assert changed(lambda s=status: CommentFactory(article=story, status=s), story, other) == set()


def test_a_view_bumps_nothing(story, other):
    def read():
        assert Client(HTTP_USER_AGENT=BROWSER_UA).get(story.get_absolute_url()).status_code == 200
        record_view(other.pk)

    assert changed(read, story, other) == set()


def test_a_publish_bumps_exactly_its_page_and_the_listings(story, other, desk):
    draft = ArticleFactory(draft=True, category=story.category)
    touched = changed(lambda: services.publish(draft, by=desk), story, other, draft)
    assert touched == {scopes.article(draft.pk), scopes.LISTINGS}


def test_an_edit_and_an_unpublish_of_a_published_article_bump_its_page_and_the_listings(story, other, desk):
    story.title = "Lúa mới vào kho"
    assert changed(story.save, story, other) == {scopes.article(story.pk), scopes.LISTINGS}
    assert changed(lambda: services.unpublish(story, by=desk), story, other) == {
        scopes.article(story.pk),
        scopes.LISTINGS,
    }
    # Unpublished, it is a draft again for readers: its next saves bump nothing.
    story = Article.objects.get(pk=story.pk)
    story.title = "Sửa khi đã gỡ"
    assert changed(story.save, story, other) == set()


def test_an_approved_comment_bumps_only_its_article(story, other, desk):
    comment = CommentFactory(article=story)
    assert changed(lambda: comment_services.approve(comment, by=desk), story, other) == {scopes.article(story.pk)}


def test_the_profile_bumps_the_site(story):
    def rename():
        publication = Publication.objects.get()
        publication.name = "Báo Lai Châu"
        publication.save()

    assert changed(rename, story) == {scopes.SITE}


def test_a_category_bumps_the_site(story):
    assert changed(story.category.save, story) == {scopes.SITE}


def test_a_bumped_scope_empties_only_the_pages_that_depend_on_it(story, other, desk):
    """A comment approved under one story: its page is built again, the
    other story's page and the home page are still served from the cache."""
    browser = Client(HTTP_USER_AGENT=BROWSER_UA)
    for url in ("/", story.get_absolute_url(), other.get_absolute_url()):
        browser.get(url)
    comment = CommentFactory(article=story, body="Bà con phấn khởi lắm.")
    comment_services.approve(comment, by=desk)
    with mock.patch("articles.views.ArticleDetailView.get_context_data", side_effect=AssertionError("rebuilt")):
        assert Client(HTTP_USER_AGENT=BROWSER_UA).get(other.get_absolute_url()).status_code == 200
        with pytest.raises(AssertionError, match="rebuilt"):
            Client(HTTP_USER_AGENT=BROWSER_UA).get(story.get_absolute_url())
    assert "Bà con phấn khởi lắm." in Client().get(story.get_absolute_url()).content.decode()


def test_a_publish_renews_home_and_category_at_once_and_leaves_other_article_pages_cached(story, other, desk):
    """A newsroom publishes all day: each publish must not empty every
    article page of the site for its sidebar. The new story is on the home
    and category pages at once; another story's page is served from the
    cache (its sidebar catches up within NEWSROOM_FRAGMENT_SECONDS); the new
    story's own page is built."""
    reader = Client(HTTP_USER_AGENT=BROWSER_UA)
    for url in ("/", story.category.get_absolute_url(), other.get_absolute_url()):
        assert reader.get(url).status_code == 200
    draft = ArticleFactory(draft=True, title="Khai mạc hội hoa ban", category=story.category)
    services.publish(draft, by=desk)
    for url in ("/", story.category.get_absolute_url()):
        assert "Khai mạc hội hoa ban" in Client(HTTP_USER_AGENT=BROWSER_UA).get(url).content.decode()
    with mock.patch("articles.views.ArticleDetailView.get_context_data", side_effect=AssertionError("rebuilt")):
        assert Client(HTTP_USER_AGENT=BROWSER_UA).get(other.get_absolute_url()).status_code == 200
    assert "Khai mạc hội hoa ban" in Client(HTTP_USER_AGENT=BROWSER_UA).get(draft.get_absolute_url()).content.decode()


# The database store (no Redis): versions shared by every process.


@pytest.fixture
def database_store(settings):
    settings.NEWSROOM_SCOPE_STORE = "database"
    settings.NEWSROOM_SCOPE_SECONDS = 1
    scopes.forget_memo()
    yield
    scopes.forget_memo()


def test_the_database_store_bumps_with_a_row_per_scope(database_store, story):
    [site, listings] = scopes.versions([scopes.SITE, scopes.LISTINGS])
    scopes.bump(scopes.SITE, scopes.article(story.pk))
    # At once in this process (and again once the transaction commits).
    assert scopes.versions([scopes.SITE, scopes.LISTINGS]) == (site + 1, listings)
    assert ScopeVersion.objects.get(name=scopes.SITE).version == site + 1
    assert ScopeVersion.objects.filter(name=scopes.article(story.pk)).exists()


def test_another_process_bump_is_seen_within_the_bound(database_store, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("delivery.scopes.time.monotonic", lambda: now[0])
    assert scopes.versions(["listings"]) == (0,)
    # Another process (a second worker, manage.py) bumps: a row it updates.
    ScopeVersion.objects.create(name="listings", version=7)
    now[0] += 0.9
    assert scopes.versions(["listings"]) == (0,)  # remembered, under a second old
    now[0] += 0.2
    assert scopes.versions(["listings"]) == (7,)


def test_pages_follow_the_database_store(database_store, story):
    assert "Mùa lúa mới ở Mường Thanh" in Client().get("/").content.decode()
    story.title = "Lúa mới vào kho"
    story.save()
    assert "Lúa mới vào kho" in Client().get("/").content.decode()


def test_a_new_tag_bumps_nothing_and_renaming_a_published_articles_tag_renews_its_page(story):
    """Article pages do not depend on the listings, yet show their tags."""
    assert changed(lambda: Tag.objects.create(name="Hoa ban"), story) == set()
    tag = Tag.objects.create(name="Mùa lúa")
    story.tags.add(tag)
    reader = Client(HTTP_USER_AGENT=BROWSER_UA)
    assert "Mùa lúa" in reader.get(story.get_absolute_url()).content.decode()

    def rename():
        tag.name = "Mùa gặt"
        tag.save()

    assert changed(rename, story) == {scopes.SITE, scopes.LISTINGS}
    assert "Mùa gặt" in reader.get(story.get_absolute_url()).content.decode()


def test_a_library_images_caption_renews_the_pages_showing_it_and_nothing_else(story, other):
    picture = library_image(caption="Ruộng bậc thang mùa nước đổ", alt_text="Ruộng bậc thang")
    Article.objects.filter(pk=story.pk).update(featured_image=picture)
    unused = library_image(caption="Ảnh chưa dùng")
    reader = Client(HTTP_USER_AGENT=BROWSER_UA)
    assert "Ruộng bậc thang mùa nước đổ" in reader.get(story.get_absolute_url()).content.decode()

    def recaption():
        picture.caption = "Ruộng bậc thang Mù Cang Chải"
        picture.save()

    assert changed(recaption, story, other) == {scopes.article(story.pk), scopes.LISTINGS}
    assert "Ruộng bậc thang Mù Cang Chải" in reader.get(story.get_absolute_url()).content.decode()

    def recaption_unused():
        unused.caption = "Vẫn chưa dùng"
        unused.save()

    assert changed(recaption_unused, story, other) == set()
    assert changed(lambda: library_image(caption="Ảnh mới tải lên"), story, other) == set()
    # Saved again with nothing a reader sees changed: nothing.
    assert changed(picture.save, story, other) == set()
