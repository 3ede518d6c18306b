"""Presence: the form says who else is editing the article and since when;
the second editor may read or take over; the lock is in the database."""

from datetime import timedelta

from django.test import Client

from articles import editing
from articles.models import EditLock
from tests.conftest import BROWSER_UA

from .conftest import Article, change_url, draft_by

S = Article.Status


def presence_url(article, action=""):
    return f"/admin/articles/article/{article.pk}/dang-sua/{action}"


def logged_in(user):
    client = Client(HTTP_USER_AGENT=BROWSER_UA)
    client.force_login(user)
    return client


def test_the_second_editor_reads_who_is_editing_and_since_when(editor, secretary, category, publication):
    editor.last_name, editor.first_name = "Nguyễn", "Văn A"
    editor.save()
    article = draft_by(editor, category, status=S.IN_EDITING)
    first, second = logged_in(editor), logged_in(secretary)
    assert first.get(change_url(article)).status_code == 200
    lock = EditLock.objects.get(article=article)
    assert lock.user == editor
    html = second.get(change_url(article)).content.decode()
    assert f"Nguyễn Văn A đang sửa bài này từ {editing.local_hm(lock.since)}." in html
    assert EditLock.objects.get(article=article).user == editor  # reading does not take it


def test_the_heartbeat_keeps_the_lock_and_tells_others(editor, secretary, category, publication):
    article = draft_by(editor, category, status=S.IN_EDITING)
    first, second = logged_in(editor), logged_in(secretary)
    assert first.post(presence_url(article), {"che_do": "sua"}).json()["state"] == "editing"
    answer = second.post(presence_url(article), {"che_do": "xem"}).json()
    assert answer["state"] == "held" and answer["holder"] == "bientap"
    assert answer["message"].startswith("bientap đang sửa bài này từ ")


def test_taking_over_moves_the_lock_and_the_first_editor_is_told(editor, secretary, category, publication):
    article = draft_by(editor, category, status=S.IN_EDITING)
    first, second = logged_in(editor), logged_in(secretary)
    first.post(presence_url(article), {"che_do": "sua"})
    assert second.post(presence_url(article, "tiep-quan/")).json()["state"] == "editing"
    lock = EditLock.objects.get(article=article)
    assert lock.user == secretary and lock.taken_from == editor
    answer = first.post(presence_url(article), {"che_do": "sua"}).json()
    assert answer["state"] == "held" and answer["holder"] == "thuky"
    assert EditLock.objects.get(article=article).user == secretary  # the first editor's beat takes nothing back


def test_a_lock_nobody_confirms_is_free_again(editor, secretary, category, publication, settings):
    article = draft_by(editor, category, status=S.IN_EDITING)
    logged_in(editor).post(presence_url(article), {"che_do": "sua"})
    EditLock.objects.filter(article=article).update(
        seen_at=EditLock.objects.get().seen_at - timedelta(seconds=settings.NEWSROOM_PRESENCE_SECONDS + 1)
    )
    second = logged_in(secretary)
    assert second.post(presence_url(article), {"che_do": "xem"}).json()["state"] == "free"
    assert second.post(presence_url(article), {"che_do": "sua"}).json()["state"] == "editing"
    assert EditLock.objects.get(article=article).user == secretary


def test_only_who_may_edit_takes_over(reporter, secretary, category, publication):
    article = draft_by(secretary, category, status=S.IN_APPROVAL)
    logged_in(secretary).post(presence_url(article), {"che_do": "sua"})
    response = logged_in(reporter).post(presence_url(article, "tiep-quan/"))
    assert response.status_code == 403
    assert EditLock.objects.get(article=article).user == secretary


def test_closing_the_form_lets_the_article_go(editor, secretary, category, publication):
    article = draft_by(editor, category, status=S.IN_EDITING)
    first = logged_in(editor)
    first.post(presence_url(article), {"che_do": "sua"})
    logged_in(secretary).post(presence_url(article, "roi/"))  # not his: nothing happens
    assert EditLock.objects.filter(article=article, user=editor).exists()
    first.post(presence_url(article, "roi/"))
    assert not EditLock.objects.filter(article=article).exists()


def test_presence_needs_a_post_and_a_csrf_token(editor, category, publication):
    article = draft_by(editor, category, status=S.IN_EDITING)
    assert logged_in(editor).get(presence_url(article)).status_code == 405
    forger = Client(enforce_csrf_checks=True)
    forger.force_login(editor)
    assert forger.post(presence_url(article, "tiep-quan/")).status_code == 403
    assert not EditLock.objects.exists()


def test_vietnamese_names_read_family_name_first(editor):
    editor.last_name, editor.first_name = "Trần", "Thị B"
    assert editing.person_name(editor) == "Trần Thị B"
    editor.last_name = editor.first_name = ""
    assert editing.person_name(editor) == "bientap"


def test_two_forms_creating_the_first_lock_at_once_do_not_fail(editor, secretary, category, publication):
    """On PostgreSQL two requests can both find no lock and both create one:
    the database keeps one, and the second request reads it instead of
    failing."""
    article = draft_by(editor, category, status=S.IN_EDITING)
    EditLock.objects.create(article=article, user=editor)
    found = editing._save(EditLock(article=article, user=secretary))
    assert found.user == editor
    assert EditLock.objects.get(article=article).user == editor
