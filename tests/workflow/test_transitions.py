"""Every workflow step: who, from where, what it records; scheduling."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import services
from articles.models import Article, Transition
from audit.models import AuditEntry
from tests.workflow.conftest import change_url, draft_by, form_data, published_at_fields

pytestmark = pytest.mark.django_db
S = Article.Status


def test_the_whole_road_from_draft_to_published(reporter, editor, secretary, category):
    article = draft_by(reporter, category)
    article = services.submit(article, by=reporter)
    assert article.status == S.IN_EDITING
    article = services.send_back(article, by=editor, note="Thiếu nguồn tin, bổ sung giúp.")
    assert article.status == S.RETURNED
    article = services.submit(article, by=reporter)
    article = services.send_for_approval(article, by=editor)
    assert article.status == S.IN_APPROVAL
    article = services.publish(article, by=secretary)
    assert article.status == S.PUBLISHED and article.published_at <= timezone.now()
    assert Article.objects.published().filter(pk=article.pk).exists()
    article = services.unpublish(article, by=secretary)
    assert article.status == S.UNPUBLISHED
    assert not Article.objects.published().exists()
    history = list(article.transitions.order_by("at", "id").values_list("from_status", "to_status", "by__username"))
    assert history == [
        (S.DRAFT, S.IN_EDITING, "phongvien"),
        (S.IN_EDITING, S.RETURNED, "bientap"),
        (S.RETURNED, S.IN_EDITING, "phongvien"),
        (S.IN_EDITING, S.IN_APPROVAL, "bientap"),
        (S.IN_APPROVAL, S.PUBLISHED, "thuky"),
        (S.PUBLISHED, S.UNPUBLISHED, "thuky"),
    ]
    assert Transition.objects.get(to_status=S.RETURNED).note == "Thiếu nguồn tin, bổ sung giúp."
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"submit", "approval", "return", "publish", "unpublish"} <= actions


def test_sending_back_needs_a_note(reporter, editor, category):
    article = services.submit(draft_by(reporter, category), by=reporter)
    with pytest.raises(ValidationError, match="lý do trả lại"):
        services.send_back(article, by=editor, note="  ")
    article.refresh_from_db()
    assert article.status == S.IN_EDITING


@pytest.mark.parametrize(
    "status, step",
    [
        (S.DRAFT, "send_for_approval"),
        (S.IN_APPROVAL, "submit"),
        (S.PUBLISHED, "publish"),
        (S.DRAFT, "unpublish"),
    ],
)
def test_a_step_from_the_wrong_state_is_refused(chief, reporter, category, status, step):
    article = draft_by(
        reporter, category, status=status, published_at=timezone.now() if status == S.PUBLISHED else None
    )
    with pytest.raises(ValidationError):
        services.transition(article, step, by=chief, note="ghi chú")
    article.refresh_from_db()
    assert article.status == status


@pytest.mark.parametrize(
    "role, step, status",
    [
        ("reporter", "publish", S.DRAFT),
        ("reporter", "send_for_approval", S.IN_EDITING),
        ("editor", "publish", S.IN_APPROVAL),
        ("editor", "unpublish", S.PUBLISHED),
        ("editor", "send_back", S.IN_APPROVAL),
        ("other_reporter", "submit", S.DRAFT),
    ],
)
def test_a_step_beyond_ones_role_is_refused(request, reporter, category, role, step, status):
    user = request.getfixturevalue(role)
    article = draft_by(
        reporter, category, status=status, published_at=timezone.now() if status == S.PUBLISHED else None
    )
    with pytest.raises(PermissionDenied):
        services.transition(article, step, by=user, note="ghi chú")


def test_the_admin_offers_only_the_steps_of_ones_role(client, reporter, editor, secretary, category, publication):
    article = draft_by(reporter, category, status=S.IN_EDITING)
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    assert 'value="send_for_approval"' in html and 'value="send_back"' in html
    assert 'value="publish"' not in html
    assert "Trạng thái hiện tại: <strong>Chờ biên tập</strong>" in html
    client.force_login(secretary)
    html = client.get(change_url(article)).content.decode()
    assert 'value="publish"' in html


def test_sending_back_in_the_admin_without_a_note_gets_a_message(client, editor, reporter, category, publication):
    article = draft_by(reporter, category, status=S.IN_EDITING)
    client.force_login(editor)
    response = client.post(change_url(article), form_data(article, _transition="send_back"))
    assert response.status_code == 200
    assert "Hãy ghi lý do trả lại bài cho phóng viên." in response.content.decode()
    article.refresh_from_db()
    assert article.status == S.IN_EDITING


def test_the_change_form_shows_the_history_with_notes(client, editor, reporter, category, publication):
    article = services.submit(draft_by(reporter, category), by=reporter)
    services.send_back(article, by=editor, note="Ảnh thiếu chú thích <b>đậm</b>")
    client.force_login(reporter)
    html = client.get(change_url(article)).content.decode()
    assert "Chờ biên tập → Trả lại" in html
    assert "Ảnh thiếu chú thích &lt;b&gt;đậm&lt;/b&gt;" in html


def test_a_scheduled_article_appears_when_its_time_comes(client, secretary, reporter, category, publication):
    start = timezone.now()
    at = start + timedelta(hours=2)
    article = draft_by(reporter, category, status=S.IN_APPROVAL, title="Bài hẹn giờ Điện Biên")
    article = services.publish(article, by=secretary, published_at=at)
    assert article.status == S.PUBLISHED
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SCHEDULE).exists()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Bài hẹn giờ Điện Biên" not in client.get("/").content.decode()
    with mock.patch("django.utils.timezone.now", return_value=at - timedelta(seconds=1)):
        assert not Article.objects.published().exists()
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=1)):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Bài hẹn giờ Điện Biên" in client.get("/").content.decode()


def test_the_desk_schedules_in_the_admin(client, secretary, reporter, category, publication):
    article = draft_by(reporter, category, status=S.IN_APPROVAL)
    at = timezone.localtime(timezone.now() + timedelta(days=1))
    client.force_login(secretary)
    data = form_data(article, _transition="publish", **published_at_fields(at))
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == S.PUBLISHED and article.published_at > timezone.now()
    assert not Article.objects.published().exists()


def test_unpublishing_takes_the_article_off_at_once_and_off_the_home_page(client, secretary, category, publication):
    article = services.publish(
        draft_by(secretary, category, status=S.IN_APPROVAL, title="Bài sắp gỡ", featured_position=1),
        by=secretary,
    )
    assert "Bài sắp gỡ" in client.get("/").content.decode()
    services.unpublish(article, by=secretary)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Bài sắp gỡ" not in client.get("/").content.decode()
    article.refresh_from_db()
    assert article.featured_position is None
