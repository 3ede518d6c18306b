"""The desk's side: uploading an issue (Trình bày or Thư ký tòa soạn),
its checks and progress, numbering warnings, publishing, linking articles
to pages and the “Điểm báo in” draft."""

from datetime import date

import pytest

from articles import roles
from articles.models import Article
from audit.models import AuditEntry
from editions.models import Edition, Issue, PrintedArticle
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    EditionFactory,
    IssueFactory,
    UserFactory,
    printed_issue,
    role_group,
)

from . import pdfs
from .conftest import files_under, pdf_upload

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/editions/issue/add/"


def member_of(role, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(role_group(role))
    return user


@pytest.fixture
def layout(client):
    client.force_login(member_of(roles.LAYOUT, "trinhbay"))
    return client


def add_form(edition, **overrides):
    return {"edition": edition.pk, "number": "1234", "date": "04/12/2026", "title": "", **overrides}


def change_form(issue, placements=(), **overrides):
    data = {
        "edition": issue.edition_id,
        "number": str(issue.number),
        "date": f"{issue.date:%d/%m/%Y}",
        "title": issue.title,
        "printed_articles-TOTAL_FORMS": str(len(placements)),
        "printed_articles-INITIAL_FORMS": "0",
        "printed_articles-MIN_NUM_FORMS": "0",
        "printed_articles-MAX_NUM_FORMS": "1000",
    }
    for n, (article, page) in enumerate(placements):
        data[f"printed_articles-{n}-article"] = article.pk
        data[f"printed_articles-{n}-page_number"] = str(page)
    data.update(overrides)
    return data


def test_layout_desk_uploads_an_issue_and_it_is_processed(layout, media, django_capture_on_commit_callbacks):
    edition = EditionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = layout.post(ADD_URL, add_form(edition, pdf_files=pdf_upload(pdfs.vietnamese_issue(2))))
    assert response.status_code == 302
    issue = Issue.objects.get()
    assert (issue.number, issue.date) == (1234, date(2026, 12, 4))  # dd/mm/yyyy, not mm/dd
    assert issue.processing == Issue.Processing.DONE and issue.page_count == 2
    assert issue.created_by.username == "trinhbay"
    assert issue.status == Issue.Status.DRAFT  # readers wait for the desk to publish it
    page = layout.get(f"/admin/editions/issue/{issue.pk}/change/").content.decode()
    assert "Đã xử lý xong" in page and "2 trang, PDF" in page
    assert '<button type="submit" name="_publish" value="1" class="button default">Xuất bản</button>' in page


def test_publishing_from_the_issue_form_shows_it_to_readers_and_is_recorded(layout, publication):
    issue = printed_issue(published=False, number=1234, date=date(2026, 12, 4))
    response = layout.post(f"/admin/editions/issue/{issue.pk}/change/", change_form(issue, _publish="1"))
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Issue.Status.PUBLISHED and issue.published_at is not None
    entry = AuditEntry.objects.get(target_type="editions.issue")
    assert (entry.action, entry.actor.username) == (AuditEntry.Action.PUBLISH, "trinhbay")
    assert layout.get(issue.get_absolute_url()).status_code == 200


def test_unpublishing_hides_the_issue_again(layout, publication):
    issue = printed_issue(number=1234, date=date(2026, 12, 4))
    layout.post(f"/admin/editions/issue/{issue.pk}/change/", change_form(issue, _unpublish="1"))
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    layout.logout()
    assert layout.get(issue.get_absolute_url()).status_code == 404


def test_an_issue_without_pages_cannot_be_published(layout, publication):
    issue = IssueFactory()
    response = layout.post(f"/admin/editions/issue/{issue.pk}/change/", change_form(issue, _publish="1"), follow=True)
    assert "Số báo chưa có trang nào" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_the_database_refuses_a_published_issue_without_pages(db):
    from django.db import IntegrityError

    issue = IssueFactory()
    issue.status = Issue.Status.PUBLISHED
    with pytest.raises(IntegrityError):
        issue.save()


def test_a_reporter_cannot_reach_the_print_edition(client):
    client.force_login(member_of(roles.REPORTER, "phongvien"))
    assert client.get(ADD_URL).status_code == 403
    assert client.get("/admin/editions/issue/").status_code == 403


def test_a_layout_desk_without_publish_permission_cannot_publish_by_a_forged_post(client, publication):
    user = member_of(roles.LAYOUT, "trinhbay")
    user.groups.get().permissions.remove(*user.groups.get().permissions.filter(codename="publish_issue"))
    client.force_login(user)
    issue = printed_issue(published=False)
    assert client.post(f"/admin/editions/issue/{issue.pk}/change/", change_form(issue, _publish="1")).status_code == 403
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_a_file_that_is_not_a_pdf_is_refused_on_the_form(layout, media):
    response = layout.post(ADD_URL, add_form(EditionFactory(), pdf_files=pdf_upload(b"GIF89a...", "anh.pdf")))
    assert response.status_code == 200
    assert "Tệp “anh.pdf” không phải là tệp PDF." in response.content.decode()
    assert Issue.objects.count() == 0 and files_under(media) == []


def test_a_60_mb_upload_is_refused_before_anything_is_kept(layout, media):
    upload = pdf_upload(pdfs.padded(60 * 1024 * 1024), "so-bao-lon.pdf")
    response = layout.post(ADD_URL, add_form(EditionFactory(), pdf_files=upload))
    assert response.status_code == 200
    assert "Các tệp nặng 60,0\xa0MB, quá giới hạn 50,0\xa0MB cho một số báo." in response.content.decode()
    assert Issue.objects.count() == 0 and files_under(media) == []


def test_a_new_issue_needs_its_pdf(layout):
    response = layout.post(ADD_URL, add_form(EditionFactory()))
    assert "Trường này là bắt buộc." in response.content.decode()


def test_the_same_number_twice_in_a_year_is_refused(layout, media):
    edition = EditionFactory()
    IssueFactory(edition=edition, number=1234, date=date(2026, 3, 1))
    response = layout.post(ADD_URL, add_form(edition, pdf_files=pdf_upload(pdfs.vietnamese_issue(1))))
    assert response.status_code == 200
    assert "Ấn phẩm này đã có một số báo mang số này trong cùng năm." in response.content.decode()
    assert files_under(media) == []


def test_the_same_number_in_another_year_or_edition_is_fine(db):
    daily, highland = EditionFactory(name="Báo in hằng ngày"), EditionFactory(name="Báo in vùng cao")
    IssueFactory(edition=daily, number=12, date=date(2025, 12, 30))
    IssueFactory(edition=daily, number=12, date=date(2026, 1, 30))
    IssueFactory(edition=highland, number=12, date=date(2026, 1, 30))
    assert Issue.objects.filter(number=12).count() == 3


def test_the_database_refuses_the_same_number_twice_in_a_year(db):
    from django.db import IntegrityError

    edition = EditionFactory()
    IssueFactory(edition=edition, number=5, date=date(2026, 1, 2))
    with pytest.raises(IntegrityError):
        IssueFactory(edition=edition, number=5, date=date(2026, 12, 30))


def test_the_desk_is_warned_of_gaps_and_of_two_issues_on_one_day(layout, media, django_capture_on_commit_callbacks):
    edition = EditionFactory()
    IssueFactory(edition=edition, number=1230, date=date(2026, 11, 30))
    IssueFactory(edition=edition, number=1233, date=date(2026, 12, 4))
    with django_capture_on_commit_callbacks(execute=True):
        response = layout.post(ADD_URL, add_form(edition, pdf_files=pdf_upload(pdfs.vietnamese_issue(1))), follow=True)
    page = response.content.decode()
    assert "Ngày 04/12/2026 đã có số 1233 của ấn phẩm này: có phải trùng?" in page
    assert "Năm 2026 của ấn phẩm này còn thiếu 2 số: 1231, 1232." in page


def test_a_number_smaller_than_an_earlier_days_is_flagged(db):
    from editions.services import numbering_warnings

    edition = EditionFactory()
    IssueFactory(edition=edition, number=1240, date=date(2026, 12, 1))
    late = IssueFactory(edition=edition, number=1239, date=date(2026, 12, 3))
    assert "Số 1239 nhỏ hơn số 1240 của ngày 01/12/2026 trước đó: kiểm tra lại số báo." in numbering_warnings(late)


def test_progress_of_the_processing_is_readable_by_the_desk(layout):
    issue = IssueFactory()
    Issue.objects.filter(pk=issue.pk).update(processing=Issue.Processing.RUNNING, pages_done=5, pages_total=24)
    response = layout.get(f"/admin/editions/issue/{issue.pk}/tien-do/")
    assert response.json() == {"state": "running", "text": "Đang xử lý: 5/24 trang"}
    page = layout.get(f"/admin/editions/issue/{issue.pk}/change/").content.decode()
    assert "Đang xử lý: 5/24 trang" in page and "admin-progress.js" in page


def test_a_failed_upload_shows_its_reason_on_the_issue(layout, media, django_capture_on_commit_callbacks):
    issue = IssueFactory()
    with django_capture_on_commit_callbacks(execute=True):
        form = change_form(issue, pdf_files=pdf_upload(pdfs.encrypted()))
        layout.post(f"/admin/editions/issue/{issue.pk}/change/", form)
    page = layout.get(f"/admin/editions/issue/{issue.pk}/change/").content.decode()
    assert "Lỗi: Tệp PDF được mã hóa hoặc đặt mật khẩu." in page
    assert 'name="_publish"' not in page


def test_articles_are_linked_to_pages_in_the_issue_form(layout, publication):
    issue = printed_issue(number=1234, date=date(2026, 12, 4))
    article = ArticleFactory(title="Mùa hoa ban")
    response = layout.post(f"/admin/editions/issue/{issue.pk}/change/", change_form(issue, [(article, 3)]))
    assert response.status_code == 302
    assert list(PrintedArticle.objects.values_list("article__title", "page_number")) == [("Mùa hoa ban", 3)]


def test_a_page_beyond_the_issue_is_refused(layout, publication):
    issue = printed_issue(pages=4)
    response = layout.post(f"/admin/editions/issue/{issue.pk}/change/", change_form(issue, [(ArticleFactory(), 9)]))
    assert "Số báo này chỉ có 4 trang." in response.content.decode()
    assert PrintedArticle.objects.count() == 0


def test_the_digest_draft_lists_the_issues_articles_with_their_pages(client, publication):
    secretary = member_of(roles.SECRETARY, "thuky")
    client.force_login(secretary)
    digest_category = CategoryFactory(name="Điểm báo")
    edition = EditionFactory(digest_category=digest_category)
    issue = printed_issue(pages=6, number=1234, date=date(2026, 12, 4), edition=edition)
    first = ArticleFactory(title="Lễ hội Hoa Ban & đêm văn nghệ")
    second = ArticleFactory(title="Đường lên Mường Phăng")
    unpublished = ArticleFactory(title="Bài còn nháp", draft=True)
    placements = [(first, 3), (first, 5), (second, 2), (unpublished, 1)]
    response = client.post(f"/admin/editions/issue/{issue.pk}/change/", change_form(issue, placements, _digest="1"))
    digest = Article.objects.get(category=digest_category)
    assert response["Location"] == f"/admin/articles/article/{digest.pk}/change/"
    assert digest.status == Article.Status.DRAFT and digest.created_by == secretary
    assert digest.title == "Điểm báo in số 1234 ngày 04/12/2026"
    link = 'rel="noopener noreferrer"'  # added to every link by the body's sanitiser
    assert digest.body == (
        f'<p>&gt;&gt; <a href="{second.get_absolute_url()}" {link}>Đường lên Mường Phăng</a> '
        f'(Xem trang <a href="{issue.page_url(2)}" {link}>2</a>)</p>'
        f'<p>&gt;&gt; <a href="{first.get_absolute_url()}" {link}>Lễ hội Hoa Ban &amp; đêm văn nghệ</a> '
        f'(Xem trang <a href="{issue.page_url(3)}" {link}>3</a>, <a href="{issue.page_url(5)}" {link}>5</a>)</p>'
    )
    assert digest.revisions.count() == 1
    issue.refresh_from_db()
    assert issue.digest == digest


def test_the_digest_needs_the_editions_category(client, publication):
    client.force_login(member_of(roles.SECRETARY, "thuky"))
    issue = printed_issue()
    PrintedArticle.objects.create(issue=issue, article=ArticleFactory(), page_number=1)
    response = client.post(f"/admin/editions/issue/{issue.pk}/change/", change_form(issue, _digest="1"), follow=True)
    expected = "Hãy chọn “chuyên mục của bài Điểm báo in” cho ấn phẩm “Báo in hằng ngày” trước."
    assert expected in response.content.decode()


def test_the_layout_desk_may_not_write_the_digest(layout, publication):
    issue = printed_issue(edition=EditionFactory(digest_category=CategoryFactory()))
    assert layout.post(f"/admin/editions/issue/{issue.pk}/change/", change_form(issue, _digest="1")).status_code == 403


def test_deleting_an_issue_removes_its_files(layout, media, publication, django_capture_on_commit_callbacks):
    issue = printed_issue()
    assert files_under(media)
    with django_capture_on_commit_callbacks(execute=True):
        layout.post(f"/admin/editions/issue/{issue.pk}/delete/", {"post": "yes"})
    assert not Issue.objects.exists()
    assert files_under(media) == []


def test_the_issue_list_shows_processing_and_finds_a_number(layout, publication):
    printed_issue(number=1234, date=date(2026, 12, 4))
    failed = IssueFactory(number=1235, date=date(2026, 12, 5))
    Issue.objects.filter(pk=failed.pk).update(processing=Issue.Processing.FAILED, processing_error="Tệp PDF bị hỏng.")
    page = layout.get("/admin/editions/issue/").content.decode()
    assert "04/12/2026" in page and "Đã xử lý xong" in page
    assert "Lỗi: Tệp PDF bị hỏng." in page
    found = layout.get("/admin/editions/issue/?q=1235").content.decode()
    assert "05/12/2026" in found and "04/12/2026" not in found


def test_the_desk_adds_an_edition_with_a_vietnamese_slug(client):
    client.force_login(member_of(roles.SECRETARY, "thuky"))
    response = client.post(
        "/admin/editions/edition/add/",
        {"name": "Báo in vùng cao", "slug": "", "schedule": "Hai kỳ mỗi tháng", "position": "2", "digest_category": ""},
    )
    assert response.status_code == 302
    assert Edition.objects.get().slug == "bao-in-vung-cao"


def test_an_edition_may_not_take_a_reserved_path(client):
    client.force_login(member_of(roles.SECRETARY, "thuky"))
    response = client.post(
        "/admin/editions/edition/add/",
        {"name": "Tìm kiếm", "slug": "tim-kiem", "schedule": "", "position": "0", "digest_category": ""},
    )
    assert "Đường dẫn “tim-kiem” đã dành cho trang khác của báo in." in response.content.decode()
