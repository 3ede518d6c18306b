"""Home-page curation, the audit log, and previews."""

import pytest
from django.contrib.auth.models import Group, Permission

from articles import roles, services
from articles.models import Article
from articles.views import CategoryView
from audit.models import AuditEntry
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.workflow.conftest import draft_by

pytestmark = pytest.mark.django_db
CURATION_URL = "/admin/articles/homepagestory/"


def curation_form(rows):
    data = {"form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": len(rows), "_save": "Lưu"}
    for i, (article, featured, pinned) in enumerate(rows):
        data[f"form-{i}-id"] = article.pk
        data[f"form-{i}-featured_position"] = featured or ""
        data[f"form-{i}-pinned_position"] = pinned or ""
    return data


def test_the_desk_picks_and_orders_featured_stories_and_each_is_shown_once(client, secretary, publication):
    category = CategoryFactory(name="Kinh tế", show_on_home=True)
    first = ArticleFactory(category=category, title="Tin tiêu điểm thứ nhất")
    second = ArticleFactory(category=category, title="Tin tiêu điểm thứ hai")
    client.force_login(secretary)
    response = client.post(CURATION_URL + "?o=", curation_form([(first, 2, None), (second, 1, None)]))
    assert response.status_code == 302, response.content.decode()[:3000]
    html = client.get("/").content.decode()
    assert html.count("Tin tiêu điểm thứ nhất") == 1 and html.count("Tin tiêu điểm thứ hai") == 1
    assert html.index("Tin tiêu điểm thứ hai") < html.index("Tin tiêu điểm thứ nhất")
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.CURATION, actor=secretary)
    assert entries.count() == 2


def test_pinned_stories_head_their_category_block_once(client, secretary, publication, settings):
    settings.NEWSROOM_LATEST_COUNT = 1
    category = CategoryFactory(name="Văn hóa", show_on_home=True)
    old = ArticleFactory(category=category, title="Bài cũ được ghim")
    for i in range(4):
        ArticleFactory(category=category, title=f"Bài mới {i}")
    services.set_home_positions(old, by=secretary, featured_position=None, pinned_position=1)
    html = client.get("/").content.decode()
    assert html.count("Bài cũ được ghim") == 1
    assert html.index("Bài cũ được ghim") < html.index("Bài mới 2")


def test_pinned_stories_head_page_one_of_their_category_once(client, secretary, publication):
    page_size = CategoryView.paginate_by
    category = CategoryFactory(name="Văn hóa")
    old = ArticleFactory(category=category, title="Bài cũ được ghim")
    for i in range(page_size + 1):
        ArticleFactory(category=category, title=f"Bài mới {i:02d}")
    services.set_home_positions(old, by=secretary, featured_position=None, pinned_position=1)
    page = client.get(category.get_absolute_url()).content.decode()
    first = page.split('<aside class="sidebar"')[0]  # the listing, not the sidebar widgets
    assert first.count("Bài cũ được ghim") == 1
    assert first.index("Bài cũ được ghim") < first.index(f"Bài mới {page_size:02d}")  # above the newest
    rest = client.get(category.get_absolute_url() + "?page=2").content.decode().split('<aside class="sidebar"')[0]
    assert "Bài cũ được ghim" not in rest
    assert "Bài mới 00" in rest  # page 1 holds the pinned story and a full page besides: none is lost


def test_an_unpublished_story_drops_out_of_the_home_page(client, secretary, publication):
    article = ArticleFactory(title="Bài sẽ bị gỡ khỏi trang chủ", featured_position=1)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    assert "Bài sẽ bị gỡ khỏi trang chủ" not in client.get("/").content.decode()
    client.force_login(secretary)
    assert "Bài sẽ bị gỡ khỏi trang chủ" not in client.get(CURATION_URL).content.decode()


def test_the_audit_log_is_for_administrators_and_filters_by_action(client, admin_user, secretary, category):
    article = draft_by(secretary, category, status=Article.Status.IN_APPROVAL, title="Bài xuất bản có nhật ký")
    services.publish(article, by=secretary)
    services.unpublish(article, by=secretary)
    client.force_login(secretary)
    assert client.get("/admin/audit/auditentry/").status_code == 403
    client.force_login(admin_user)
    response = client.get("/admin/audit/auditentry/", {"action__exact": "unpublish"})
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert [e.action for e in shown] == ["unpublish"]
    assert shown[0].actor == secretary and shown[0].target_repr == "Bài xuất bản có nhật ký"
    assert client.get(f"/admin/audit/auditentry/{shown[0].pk}/change/").status_code == 200
    assert client.post(f"/admin/audit/auditentry/{shown[0].pk}/delete/", {"post": "yes"}).status_code == 403


def test_group_permission_changes_in_the_admin_are_audited(client, admin_user):
    group = Group.objects.get(name=roles.REPORTER)
    perm = Permission.objects.get(codename="publish_article")
    client.force_login(admin_user)
    current = list(group.permissions.values_list("pk", flat=True))
    response = client.post(
        f"/admin/auth/group/{group.pk}/change/", {"name": group.name, "permissions": [*current, perm.pk]}
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PERMISSIONS)
    assert entry.actor == admin_user and entry.target_repr == roles.REPORTER
    assert "articles.publish_article" in entry.detail and "thêm" in entry.detail


def test_user_group_changes_in_the_admin_are_audited(client, admin_user):
    user = UserFactory(username="nguoimoi", is_staff=True)
    group = Group.objects.get(name=roles.SECRETARY)
    client.force_login(admin_user)
    response = client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {
            "username": "nguoimoi",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [group.pk],
            "date_joined_0": "01/01/2026",
            "date_joined_1": "08:00:00",
            "last_login_0": "",
            "last_login_1": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PERMISSIONS)
    assert "Thư ký tòa soạn" in entry.detail and "is_superuser" in entry.detail


def test_a_preview_is_for_staff_never_cached_never_indexed(client, reporter, category, publication):
    article = draft_by(reporter, category, title="Bản nháp chưa ai thấy")
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(reporter)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Bản nháp chưa ai thấy" in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    printed = client.get(article.get_print_url())
    assert "no-store" in printed["Cache-Control"] and "noindex" in printed["X-Robots-Tag"]


def test_a_published_page_is_not_marked_as_a_preview(client, publication):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert "X-Robots-Tag" not in response


def test_the_curation_list_makes_a_fixed_number_of_queries(
    client, secretary, publication, django_assert_max_num_queries
):
    for i in range(30):
        ArticleFactory(featured_position=i + 1 if i < 3 else None)
    client.force_login(secretary)
    with django_assert_max_num_queries(10):
        response = client.get(CURATION_URL)
    assert response.status_code == 200


def test_the_curation_screen_refuses_two_stories_in_one_featured_place(client, secretary, publication):
    first = ArticleFactory(title="Tin thứ nhất")
    second = ArticleFactory(title="Tin thứ hai")
    client.force_login(secretary)
    response = client.post(CURATION_URL, curation_form([(first, 1, None), (second, 1, None)]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vị trí tin tiêu điểm 1 có 2 bài:" in html and "Mỗi vị trí chỉ được một bài." in html
    assert html.count("Trùng vị trí với bài khác.") == 2
    assert not Article.objects.filter(featured_position__isnull=False).exists()


def test_a_place_held_by_a_story_on_another_page_is_refused_too(client, secretary, publication):
    holder = ArticleFactory(title="Tin đang giữ vị trí", featured_position=2)
    other = ArticleFactory(title="Tin muốn chen vào")
    client.force_login(secretary)
    response = client.post(CURATION_URL, curation_form([(other, 2, None)]))
    assert response.status_code == 200
    assert "“Tin muốn chen vào”, “Tin đang giữ vị trí”" in response.content.decode()
    other.refresh_from_db()
    holder.refresh_from_db()
    assert other.featured_position is None and holder.featured_position == 2


def test_two_pins_in_one_category_are_refused_and_in_two_categories_allowed(client, secretary, publication):
    culture, sport = CategoryFactory(name="Văn hóa"), CategoryFactory(name="Thể thao")
    a, b, c = ArticleFactory(category=culture), ArticleFactory(category=culture), ArticleFactory(category=sport)
    client.force_login(secretary)
    response = client.post(CURATION_URL, curation_form([(a, None, 1), (b, None, 1), (c, None, None)]))
    assert "Vị trí ghim 1 của chuyên mục “Văn hóa” có 2 bài" in response.content.decode()
    response = client.post(CURATION_URL, curation_form([(a, None, 1), (b, None, None), (c, None, 1)]))
    assert response.status_code == 302
    assert set(Article.objects.filter(pinned_position=1)) == {a, c}


def test_swapping_two_stories_in_one_save_is_allowed(client, secretary, publication):
    first = ArticleFactory(title="Tin A", featured_position=1)
    second = ArticleFactory(title="Tin B", featured_position=2)
    client.force_login(secretary)
    assert client.post(CURATION_URL, curation_form([(first, 2, None), (second, 1, None)])).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.featured_position, second.featured_position) == (2, 1)
