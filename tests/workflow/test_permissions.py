"""Who may do what is enforced on the server: forged POSTs by each role."""

import pytest

from articles import roles
from articles.models import Article
from tests.factories import ArticleFactory
from tests.workflow.conftest import change_url, draft_by, form_data

pytestmark = pytest.mark.django_db


def test_roles_have_the_review_permission_where_the_table_says():
    from django.contrib.auth.models import Group

    def has_review(name):
        return Group.objects.get(name=name).permissions.filter(codename="review_article").exists()

    assert not has_review(roles.REPORTER)
    assert has_review(roles.EDITOR) and has_review(roles.SECRETARY) and has_review(roles.EDITOR_IN_CHIEF)


def test_a_reporter_edits_his_own_draft(client, reporter, category, publication):
    article = draft_by(reporter, category)
    client.force_login(reporter)
    response = client.post(change_url(article), form_data(article, title="Tiêu đề mới của tôi"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề mới của tôi"


def test_a_reporter_cannot_edit_another_reporters_draft_with_a_forged_post(
    client, reporter, other_reporter, category, publication
):
    article = draft_by(other_reporter, category, title="Bài của người khác")
    client.force_login(reporter)
    page = client.get(change_url(article))
    assert page.status_code == 200  # he may read it ...
    assert 'name="title"' not in page.content.decode()  # ... not as a form
    response = client.post(change_url(article), form_data(article, title="Bị sửa trộm"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Bài của người khác"


def test_a_reporter_cannot_edit_his_article_once_submitted(client, reporter, category, publication):
    article = draft_by(reporter, category, status=Article.Status.IN_EDITING)
    client.force_login(reporter)
    assert client.post(change_url(article), form_data(article, title="Sửa lén")).status_code == 403


@pytest.mark.parametrize("step", ["publish", "send_for_approval", "send_back"])
def test_a_reporter_cannot_take_the_desks_steps_on_his_draft(client, reporter, category, publication, step):
    article = draft_by(reporter, category)
    client.force_login(reporter)
    response = client.post(change_url(article), form_data(article, _transition=step, transition_note="x"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert not Article.objects.published().exists()


def test_a_reporter_cannot_put_his_story_on_the_home_page(client, reporter, category, publication):
    article = draft_by(reporter, category)
    client.force_login(reporter)
    client.post(change_url(article), form_data(article, featured_position="1", pinned_position="1"))
    article.refresh_from_db()
    assert article.featured_position is None and article.pinned_position is None
    assert client.get("/admin/articles/homepagestory/").status_code == 403


def test_an_editor_cannot_publish_with_a_forged_post(client, editor, reporter, category, publication):
    article = draft_by(reporter, category, status=Article.Status.IN_EDITING)
    client.force_login(editor)
    response = client.post(change_url(article), form_data(article, _transition="publish"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.IN_EDITING


def test_an_editor_edits_any_article_waiting_for_editing(client, editor, reporter, category, publication):
    article = draft_by(reporter, category, status=Article.Status.IN_EDITING)
    client.force_login(editor)
    response = client.post(change_url(article), form_data(article, lead="Sapo đã biên tập."))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.lead == "Sapo đã biên tập."


def test_an_editor_cannot_edit_a_reporters_draft_nor_an_article_awaiting_approval(
    client, editor, reporter, category, publication
):
    client.force_login(editor)
    for status in (Article.Status.DRAFT, Article.Status.IN_APPROVAL, Article.Status.PUBLISHED):
        article = draft_by(reporter, category, status=status, published_at=None)
        if status == Article.Status.PUBLISHED:
            article = ArticleFactory(category=category, created_by=reporter)
        assert client.post(change_url(article), form_data(article, title="Sửa")).status_code == 403, status


def test_the_desk_edits_and_publishes_any_article(client, secretary, reporter, category, publication):
    article = draft_by(reporter, category, status=Article.Status.IN_APPROVAL)
    client.force_login(secretary)
    response = client.post(change_url(article), form_data(article, _transition="publish"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert client.get(article.get_absolute_url()).status_code == 200


def test_only_the_desk_deletes_and_the_deletion_is_audited(client, secretary, reporter, category, publication):
    from audit.models import AuditEntry

    article = draft_by(reporter, category, title="Bài sẽ bị xóa")
    client.force_login(reporter)
    assert client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"}).status_code == 403
    client.force_login(secretary)
    assert client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DELETE)
    assert entry.actor == secretary and entry.target_repr == "Bài sẽ bị xóa"


def test_a_reporter_cannot_restore_a_revision_of_another_reporters_article(
    client, reporter, other_reporter, category, publication
):
    from articles import services

    article = draft_by(other_reporter, category, title="Bản một")
    services.record_revision(article, other_reporter)
    client.force_login(reporter)
    response = client.post(f"/admin/articles/article/{article.pk}/phien-ban/{article.version}/khoi-phuc/")
    assert response.status_code == 403
