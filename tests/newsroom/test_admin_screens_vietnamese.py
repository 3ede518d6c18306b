"""Every admin screen an editor uses, walked as each role: no English word
that is not a proper name (tests/english.py says which words count).

The screens are found, not listed: for each role, the list, the add form and
an object's change form of every model the role may see in the admin, plus
the desk's own pages (Bàn làm việc, revisions, comparison, restore, the
statistics of an article, the password change)."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles import roles, services
from audit.services import Action, record
from comments.models import BlockedWord
from counters.services import record_view
from links.models import Banner, Link, LinkGroup
from polls.models import Option, Poll
from tests.english import english_in, english_words, visible_text
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, UserFactory, library_image

pytestmark = pytest.mark.django_db

ROLES = [roles.REPORTER, roles.EDITOR, roles.SECRETARY, roles.EDITOR_IN_CHIEF, "quản trị"]


@pytest.fixture
def newsroom(publication):
    """A little of everything, so that every list and form has a row."""
    desk = UserFactory(username="thuky", is_staff=True, last_name="Trần", first_name="Thị B")
    desk.groups.add(Group.objects.get(name=roles.SECRETARY))
    category = CategoryFactory(name="Thời sự", show_on_home=True)
    image = library_image()
    published = ArticleFactory(category=category, title="Bài đã lên trang", featured_image=image, tags=["Điện Biên"])
    services.record_revision(published, desk)
    scheduled = ArticleFactory(category=category, title="Bài hẹn giờ", published_at=timezone.now() + timedelta(hours=3))
    services.record_revision(scheduled, desk)
    CommentFactory(article=published)
    BlockedWord.objects.create(word="cá độ")
    poll = Poll.objects.create(question="Bạn đọc báo lúc nào?", opens_at=timezone.now())
    Option.objects.bulk_create([Option(poll=poll, text="Sáng", position=1), Option(poll=poll, text="Tối", position=2)])
    group = LinkGroup.objects.create(name="Báo bạn")
    Link.objects.create(group=group, title="Báo Lai Châu", url="https://baolaichau.vn/")
    Banner.objects.create(title="Cổng thông tin tỉnh", url="https://dienbien.gov.vn/", image=image.file.name)
    record_view(published.pk)
    record(Action.PUBLISH, published, by=desk, detail="")
    return {"published": published, "category": category}


def person(role):
    if role == "quản trị":
        return UserFactory(username="quantri", is_staff=True, is_superuser=True)
    user = UserFactory(username="nguoidung", is_staff=True, last_name="Nguyễn", first_name="Văn A")
    user.groups.add(Group.objects.get(name=role))
    return user


def screens(user, newsroom):
    """The admin pages ``user`` may open."""
    request = RequestFactory().get("/admin/")
    request.user = user
    urls = ["/admin/", "/admin/password_change/"]
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_or_change_permission(request):
            continue
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(request):
            urls.append(reverse("admin:{}_{}_add".format(*info)))
        first = model_admin.get_queryset(request).order_by("pk").first()
        if first is not None and model_admin.has_view_or_change_permission(request, first):
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
    own = ArticleFactory(draft=True, created_by=user, category=newsroom["category"], title="Bài nháp của tôi")
    services.record_revision(own, user)
    own.title = "Bài nháp của tôi, sửa lần hai"
    own.save()
    services.record_revision(own, user)
    article = f"/admin/articles/article/{own.pk}/"
    urls += [
        f"{article}change/",
        f"{article}phien-ban/",
        f"{article}phien-ban/so-sanh/?a=1&b=2",
        f"{article}phien-ban/1/khoi-phuc/",
        f"/admin/articles/article/{newsroom['published'].pk}/change/",
        "/admin/articles/article/?status__exact=scheduled",
        "/admin/articles/article/?cua_toi=1",
    ]
    if user.has_perm("counters.view_articleviewcount"):
        urls.append(reverse("admin:counters_article_stats", args=[newsroom["published"].pk]))
    return urls


def test_the_vocabulary_knows_the_english_that_used_to_show():
    words = english_words()
    for word in ("history", "models", "selected", "heading", "insert", "figure", "prettify", "table", "save"):
        assert word in words, word
    assert "in" not in words  # "In bài viết": Vietnamese for print


def test_the_walk_finds_english_where_a_person_reads_it():
    assert english_in(visible_text("<p>Các mô models trong Bài viết</p>"))
    assert english_in(visible_text('<button title="Insert Figure" aria-label="Heading 2">ảnh</button>'))
    assert english_in(visible_text('<input type="submit" value="Save">'))
    assert not english_in(visible_text("<p>In bài viết, xem trang web https://baodienbienphu.vn/ (HTML)</p>"))
    assert not english_in(visible_text("<script>const heading = 'Insert';</script><svg><title>Search</title></svg>"))
    assert not english_in(visible_text("<p>chuỗi ngẫu nhiên: <bdi>is******************</bdi></p>"))


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_screen_of_a_role_shows_english(client, newsroom, role):
    user = person(role)
    client.force_login(user)
    found = {}
    visited = 0
    for url in screens(user, newsroom):
        response = client.get(url, follow=True)  # the publication profile's list opens its one form
        assert response.status_code == 200, (url, response.status_code)
        visited += 1
        english = english_in(visible_text(response.content.decode()))
        if english:
            found[url] = english
    assert visited >= 10
    assert not found, "\n".join(f"{url}: {words[:6]}" for url, words in found.items())
