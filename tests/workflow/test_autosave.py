"""Autosave: one rolling copy per article and person, never a save of the
article; forged, stale or unauthorised autosaves are refused and overwrite
nothing; the copy is offered back and dropped when the article is saved."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Autosave, Revision
from delivery import scopes
from tests.conftest import BROWSER_UA

from .conftest import Article, change_url, draft_by, form_data

S = Article.Status


def autosave_url(article=None):
    return f"/admin/articles/article/{article.pk}/tu-dong-luu/" if article else "/admin/articles/article/tu-dong-luu/"


def typed(article, sequence=1, page="trang-1", **fields):
    data = {"title": "Tiêu đề đang gõ", "lead": "Sapo đang gõ.", "body": "<p>Đoạn đang gõ.</p>"}
    data.update(fields)
    data.update({"page": page, "sequence": str(sequence)})
    if article is not None:
        data["edit_version"] = str(article.version)
    return data


def test_an_autosave_keeps_the_text_and_leaves_the_article_alone(client, reporter, category, publication):
    article = draft_by(reporter, category, title="Tiêu đề đã lưu")
    before = Article.objects.get(pk=article.pk)
    page_scopes = [scopes.SITE, scopes.LISTINGS, scopes.article(article.pk)]
    versions = scopes.versions(page_scopes)
    client.force_login(reporter)
    response = client.post(autosave_url(article), typed(article))
    assert response.status_code == 200
    assert response.json()["message"].startswith("Đã tự động lưu lúc")
    copy = Autosave.objects.get(article=article, user=reporter)
    assert copy.data["title"] == "Tiêu đề đang gõ" and copy.base_version == article.version
    after = Article.objects.get(pk=article.pk)
    assert (after.title, after.version, after.updated_at) == (before.title, before.version, before.updated_at)
    assert not Revision.objects.filter(article=article).exists()
    assert scopes.versions(page_scopes) == versions  # no public page is emptied


def test_autosaves_roll_into_one_copy(client, reporter, category, publication):
    article = draft_by(reporter, category)
    client.force_login(reporter)
    for n in range(1, 4):
        assert client.post(autosave_url(article), typed(article, sequence=n, title=f"Lần {n}")).status_code == 200
    assert Autosave.objects.get().data["title"] == "Lần 3"


def test_an_autosave_of_a_live_article_does_not_reach_readers(client, secretary, category, publication):
    article = draft_by(secretary, category, title="Tiêu đề trên trang", status=S.PUBLISHED, published_at=None)
    client.force_login(secretary)
    assert client.post(autosave_url(article), typed(article, title="Tiêu đề chưa duyệt")).status_code == 200
    reader = Client(HTTP_USER_AGENT=BROWSER_UA)
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "Tiêu đề trên trang" in page and "Tiêu đề chưa duyệt" not in page


def test_a_stale_autosave_is_refused_and_overwrites_nothing(client, reporter, category, publication):
    article = draft_by(reporter, category)
    client.force_login(reporter)
    assert client.post(autosave_url(article), typed(article, title="Bản mới nhất")).status_code == 200
    old = typed(article, title="Bản từ phiên bản cũ")
    old["edit_version"] = str(article.version - 1)
    response = client.post(autosave_url(article), old)
    assert response.status_code == 409 and response.json()["code"] == "version"
    assert "không ghi đè" in response.json()["message"]
    assert Autosave.objects.get().data["title"] == "Bản mới nhất"


def test_an_autosave_arriving_late_is_refused(client, reporter, category, publication):
    article = draft_by(reporter, category)
    client.force_login(reporter)
    assert client.post(autosave_url(article), typed(article, sequence=5, title="Lần thứ năm")).status_code == 200
    response = client.post(autosave_url(article), typed(article, sequence=4, title="Lần thứ tư, đến muộn"))
    assert response.status_code == 409 and response.json()["code"] == "order"
    assert Autosave.objects.get().data["title"] == "Lần thứ năm"


def test_an_autosave_for_an_article_one_may_not_edit_is_forbidden(client, reporter, other_reporter, category):
    article = draft_by(other_reporter, category, title="Bài của người khác")
    client.force_login(reporter)
    response = client.post(autosave_url(article), typed(article))
    assert response.status_code == 403
    assert not Autosave.objects.exists()


def test_a_published_article_cannot_be_autosaved_by_its_reporter(client, reporter, category):
    article = draft_by(reporter, category, status=S.PUBLISHED, published_at=timezone.now())
    client.force_login(reporter)
    assert client.post(autosave_url(article), typed(article)).status_code == 403
    assert not Autosave.objects.exists()


def test_a_forged_autosave_without_the_csrf_token_is_refused(reporter, category):
    article = draft_by(reporter, category)
    forger = Client(enforce_csrf_checks=True)
    forger.force_login(reporter)
    assert forger.post(autosave_url(article), typed(article)).status_code == 403
    assert not Autosave.objects.exists()


@pytest.mark.parametrize(
    ("fields", "status"),
    [({"title": "x" * 301}, 400), ({"lead": "nul\x00byte"}, 400), ({"sequence": "-1"}, 400)],
)
def test_bad_autosave_data_is_a_400_and_stores_nothing(client, reporter, category, fields, status):
    article = draft_by(reporter, category)
    client.force_login(reporter)
    data = typed(article)
    data.update(fields)
    response = client.post(autosave_url(article), data)
    assert response.status_code == status and response.json()["message"]
    assert not Autosave.objects.exists()


def test_autosave_answers_only_post(client, reporter, category):
    article = draft_by(reporter, category)
    client.force_login(reporter)
    assert client.get(autosave_url(article)).status_code == 405


def test_a_new_article_is_autosaved_for_whoever_may_write(client, reporter, publication):
    client.force_login(reporter)
    assert client.post(autosave_url(), typed(None, title="Bài chưa có")).status_code == 200
    assert Autosave.objects.get(article=None, user=reporter).data["title"] == "Bài chưa có"


def test_the_form_offers_the_copy_back_and_saving_drops_it(client, reporter, category, publication):
    article = draft_by(reporter, category, title="Tiêu đề đã lưu")
    client.force_login(reporter)
    client.post(autosave_url(article), typed(article, title="Tiêu đề chưa lưu"))
    html = client.get(change_url(article)).content.decode()
    config = json.loads(html.split('<script id="editing-config" type="application/json">')[1].split("</script>")[0])
    assert config["autosave"]["fields"]["title"] == "Tiêu đề chưa lưu"
    assert config["autosave"]["behind"] is False
    assert client.post(change_url(article), form_data(article, title="Tiêu đề chưa lưu")).status_code == 302
    assert not Autosave.objects.exists()


def test_a_copy_equal_to_the_saved_article_is_not_offered(client, reporter, category, publication):
    article = draft_by(reporter, category, title="Tiêu đề", lead="Sapo.", body="<p>Thân bài.</p>")
    client.force_login(reporter)
    client.post(autosave_url(article), typed(article, title="Tiêu đề", lead="Sapo.", body="<p>Thân bài.</p>"))
    html = client.get(change_url(article)).content.decode()
    config = json.loads(html.split('<script id="editing-config" type="application/json">')[1].split("</script>")[0])
    assert config["autosave"] is None


def test_discarding_the_copy(client, reporter, category):
    article = draft_by(reporter, category)
    client.force_login(reporter)
    client.post(autosave_url(article), typed(article))
    assert client.post(f"{autosave_url(article)}bo/").status_code == 200
    assert not Autosave.objects.exists()
