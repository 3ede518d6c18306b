"""Every save keeps a revision; diffs escape; restore is a new revision;
a stale save is refused and keeps the editor's text."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import revisions, services
from articles.models import Article, Revision
from audit.models import AuditEntry
from counters.services import record_view, view_count
from tests.factories import ready_video
from tests.workflow.conftest import change_url, draft_by, form_data

pytestmark = pytest.mark.django_db


def revisions_url(article):
    return f"/admin/articles/article/{article.pk}/phien-ban/"


def test_every_admin_save_keeps_a_revision(client, reporter, category, publication):
    article = draft_by(reporter, category, title="Bản đầu")
    client.force_login(reporter)
    client.post(change_url(article), form_data(article, title="Bản hai"))
    client.post(change_url(article), form_data(article, title="Bản ba", _transition="submit"))
    titles = list(Revision.objects.filter(article=article).order_by("version").values_list("data__title", flat=True))
    assert titles == ["Bản hai", "Bản ba"]
    last = Revision.objects.filter(article=article).first()
    assert last.created_by == reporter and last.data["status"] == Article.Status.IN_EDITING
    html = client.get(revisions_url(article)).content.decode()
    assert "Bản hai" in html and "Bản ba" in html and "Chờ biên tập" in html


def test_the_diff_escapes_what_it_shows(client, secretary, category, publication):
    article = draft_by(secretary, category, title="Tiêu đề cũ")
    client.force_login(secretary)
    client.post(change_url(article), form_data(article))
    old = article.revisions.get().version
    client.post(change_url(article), form_data(article, title='<script>alert("x")</script> mới'))
    new = article.revisions.first().version
    response = client.get(revisions_url(article) + "so-sanh/", {"a": old, "b": new})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<del>Tiêu</del>" in html or "<del>Tiêu đề cũ</del>" in html or "<del>" in html


@pytest.mark.parametrize("query", [{}, {"a": "abc", "b": "1"}, {"a": "1", "b": "99"}, {"a": "1" * 40, "b": "1"}])
def test_bad_compare_parameters_are_a_404(client, secretary, category, publication, query):
    article = draft_by(secretary, category)
    services.record_revision(article, secretary)
    client.force_login(secretary)
    assert client.get(revisions_url(article) + "so-sanh/", query).status_code == 404


def test_restore_brings_back_the_words_as_a_new_revision(client, secretary, category, publication):
    article = draft_by(secretary, category, title="Tiêu đề gốc", tags=["Điện Biên"])
    client.force_login(secretary)
    client.post(change_url(article), form_data(article))
    original = article.revisions.get()
    client.post(change_url(article), form_data(article, title="Tiêu đề sai", tags="sai"))
    response = client.post(f"{revisions_url(article)}{original.version}/khoi-phuc/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề gốc"
    assert article.tags.names()[0] == "Điện Biên"
    newest = article.revisions.first()
    assert newest.version == article.version and newest.restored_from == original
    assert article.revisions.count() == 3
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RESTORE, actor=secretary).exists()


def restore_page(client, article, version):
    response = client.get(f"{revisions_url(article)}{version}/khoi-phuc/")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_restore_asks_first_and_a_get_changes_nothing(client, secretary, category, publication):
    article = draft_by(secretary, category, title="Tiêu đề gốc")
    client.force_login(secretary)
    client.post(change_url(article), form_data(article))
    original = article.revisions.get()
    client.post(change_url(article), form_data(article, title="Tiêu đề sửa"))
    version = Article.objects.get().version
    page = restore_page(client, article, original.version)
    assert f"Khôi phục phiên bản {original.version} của “Tiêu đề sửa”?" in page
    assert "Tiêu đề sửa Tiêu đề gốc" in page  # what changes, side by side
    assert "khôi phục không thay đổi gì bạn đọc thấy" in page
    assert Article.objects.get().version == version and Article.objects.get().title == "Tiêu đề sửa"


def test_restore_of_a_live_article_says_readers_will_see_it(client, secretary, category, publication):
    article = draft_by(secretary, category, status=Article.Status.PUBLISHED, published_at=timezone.now())
    revision = services.record_revision(article, secretary)
    client.force_login(secretary)
    page = restore_page(client, article, revision.version)
    assert "Bài này đang hiện trên trang." in page
    assert "Khôi phục sẽ đổi ngay nội dung bạn đọc thấy" in page


def test_restore_of_a_scheduled_article_says_when_it_goes_live(client, secretary, category, publication):
    at = timezone.now() + timedelta(hours=2)
    article = draft_by(secretary, category, status=Article.Status.PUBLISHED, published_at=at)
    revision = services.record_revision(article, secretary)
    client.force_login(secretary)
    page = restore_page(client, article, revision.version)
    assert f"Bài đang Hẹn giờ {timezone.localtime(at):%d/%m/%Y %H:%M}." in page
    assert "lên trang vào giờ đã hẹn" in page


def test_the_restore_question_is_not_shown_to_who_may_not_edit(client, reporter, secretary, category, publication):
    article = draft_by(secretary, category, status=Article.Status.IN_APPROVAL)
    revision = services.record_revision(article, secretary)
    client.force_login(reporter)
    assert client.get(f"{revisions_url(article)}{revision.version}/khoi-phuc/").status_code == 403


def test_a_restore_does_not_publish(secretary, category):
    article = draft_by(secretary, category, status=Article.Status.IN_APPROVAL)
    first = services.record_revision(article, secretary)
    services.publish(article, by=secretary)
    services.unpublish(article, by=secretary)
    services.restore(article, Revision.objects.get(pk=first.pk), by=secretary)
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED


def test_the_second_of_two_editors_is_stopped_and_keeps_his_text(
    client, editor, secretary, reporter, category, publication
):
    from django.test import Client

    article = draft_by(reporter, category, status=Article.Status.IN_EDITING, body="<p>Bản gốc.</p>")
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(secretary)
    opened = form_data(article)  # both open the form at the same version
    assert first.post(change_url(article), {**opened, "body": "<p>Bản của biên tập viên.</p>"}).status_code == 302
    response = second.post(change_url(article), {**opened, "body": "<p>Bản của thư ký, gõ rất lâu.</p>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bài này đã được người khác lưu sau khi bạn mở nó" in html
    assert "Lần lưu mới nhất: bientap" in html
    # What the first saved and what the second typed, side by side ...
    assert "<del>biên tập viên.&lt;/p&gt;</del>" in html
    assert "<ins>thư ký, gõ rất lâu.&lt;/p&gt;</ins>" in html
    # ... and the second editor's text is still in the form.
    assert response.context["adminform"].form["body"].value() == "<p>Bản của thư ký, gõ rất lâu.</p>"
    article.refresh_from_db()
    assert article.body == "<p>Bản của biên tập viên.</p>"
    # Saving again, knowingly, goes through.
    again = {**opened, "body": "<p>Bản của thư ký, gõ rất lâu.</p>"}
    again["edit_version"] = response.context["adminform"].form["edit_version"].value()
    assert second.post(change_url(article), again).status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Bản của thư ký, gõ rất lâu.</p>"


def test_view_counting_never_causes_a_conflict(client, secretary, category, publication):
    article = draft_by(secretary, category, status=Article.Status.IN_APPROVAL)
    article = services.publish(article, by=secretary)
    client.force_login(secretary)
    opened = form_data(article)
    for _ in range(3):
        record_view(article.pk)
    assert view_count(article.pk) == 3
    response = client.post(change_url(article), {**opened, "lead": "Sapo sửa sau khi bài được đọc."})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.lead == "Sapo sửa sau khi bài được đọc."
    assert view_count(article.pk) == 3


def test_the_revision_list_makes_a_fixed_number_of_queries(
    client, secretary, category, publication, django_assert_max_num_queries
):
    article = draft_by(secretary, category)
    for i in range(20):
        article.title = f"Lần sửa {i}"
        article.save()
        services.record_revision(article, secretary)
    client.force_login(secretary)
    with django_assert_max_num_queries(8):
        response = client.get(revisions_url(article))
    assert response.content.decode().count('name="a"') == 20


def test_a_restore_brings_back_the_layout_and_the_lead_video(secretary, category):
    """The genre and the lead video are part of the story as it was written:
    a restore brings them back, and the difference names them."""
    video = ready_video()
    article = draft_by(secretary, category, title="Lễ hội Hoa Ban")
    article.format, article.lead_video = Article.Format.VIDEO, video
    article.save()
    first = services.record_revision(article, secretary)
    article.format, article.lead_video = Article.Format.STANDARD, None
    article.version += 1
    article.save()
    second = services.record_revision(article, secretary)
    changes = {str(label): (str(old), str(new)) for label, old, new in revisions.field_changes(first.data, second.data)}
    assert "Thể loại trình bày" in changes and "Video" in changes["Thể loại trình bày"][0]
    assert "Video số" in changes["Video đầu bài"][0]
    services.restore(article, first, by=secretary)
    article.refresh_from_db()
    assert (article.format, article.lead_video) == (Article.Format.VIDEO, video)
