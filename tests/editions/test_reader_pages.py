"""What readers see under /bao-in/: the archive, an edition's years and
months, an issue, the page viewer and the download. Only published issues;
anything unknown is a 404."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, EditionFactory, printed_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(publication):
    return printed_issue(pages=4, number=1234, date=date(2026, 12, 4))


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_archive_shows_the_latest_published_issue_of_each_edition(client, publication):
    daily = EditionFactory(name="Báo in hằng ngày", position=1)
    highland = EditionFactory(name="Báo in vùng cao", position=2)
    printed_issue(edition=daily, number=100, date=date(2026, 12, 1))
    printed_issue(edition=daily, number=101, date=date(2026, 12, 3))
    printed_issue(edition=daily, number=102, date=date(2026, 12, 5), published=False)
    printed_issue(edition=highland, number=7, date=date(2025, 11, 20))
    page = html(client.get("/bao-in/"))
    assert "Số 101, Thứ Năm, 03/12/2026" in page
    assert "Số 102" not in page and "Số 100," not in page
    assert "Số 7, Thứ Năm, 20/11/2025" in page
    assert page.index("Báo in hằng ngày") < page.index("Báo in vùng cao")
    assert 'href="/bao-in/bao-in-vung-cao/2025/"' in page


def test_archive_without_issues_says_so(client, publication):
    EditionFactory()
    assert "Chưa có số báo in nào." in html(client.get("/bao-in/"))


def test_the_header_menu_links_to_the_print_edition(client, publication):
    page = html(client.get("/"))
    assert '<a href="/bao-in/" class="menu-print">Đọc báo in</a>' in page


def test_the_menu_marks_the_print_edition_as_current_on_its_pages(client, issue):
    page = html(client.get(issue.get_absolute_url()))
    assert '<a href="/bao-in/" class="menu-print" aria-current="page">Đọc báo in</a>' in page


def test_edition_page_lists_its_latest_issues_and_years(client, issue):
    page = html(client.get(issue.edition.get_absolute_url()))
    assert "Số 1234, Thứ Sáu, 04/12/2026" in page
    assert 'href="/bao-in/bao-in-hang-ngay/2026/"' in page


def test_year_page_lists_the_issues_month_by_month(client, issue):
    printed_issue(edition=issue.edition, number=1100, date=date(2026, 3, 2))
    page = html(client.get("/bao-in/bao-in-hang-ngay/2026/"))
    assert page.index("Tháng 3") < page.index("Tháng 12")
    assert 'href="/bao-in/bao-in-hang-ngay/2026/so-1100/"' in page
    assert 'href="/bao-in/bao-in-hang-ngay/2026/12/"' in page


def test_month_page_shows_the_covers_of_the_month(client, issue):
    page = html(client.get("/bao-in/bao-in-hang-ngay/2026/12/"))
    assert issue.cover().image_url("thumb", "jpg") in page
    assert "Số 1234, Thứ Sáu, 04/12/2026" in page


def test_issue_page_shows_every_page_and_the_download(client, issue):
    page = html(client.get("/bao-in/bao-in-hang-ngay/2026/so-1234/"))
    assert '<h1 class="issue-title">Số 1234, Thứ Sáu, 04/12/2026</h1>' in page
    for number in range(1, 5):
        assert f'href="/bao-in/bao-in-hang-ngay/2026/so-1234/trang-{number}/"' in page
    assert 'href="/bao-in/bao-in-hang-ngay/2026/so-1234/tai-ve/"' in page
    assert "4 trang" in page


def test_issue_page_lists_its_published_online_articles_by_page(client, issue):
    from editions.models import PrintedArticle

    online = ArticleFactory(title="Lễ hội Hoa Ban 2026 khai mạc")
    draft = ArticleFactory(title="Bài chưa lên mạng", draft=True)
    PrintedArticle.objects.create(issue=issue, article=online, page_number=3)
    PrintedArticle.objects.create(issue=issue, article=draft, page_number=2)
    page = html(client.get(issue.get_absolute_url()))
    assert "Bài của số báo này trên mạng" in page
    assert f'<dd><a href="{online.get_absolute_url()}">Lễ hội Hoa Ban 2026 khai mạc</a></dd>' in page
    assert "Bài chưa lên mạng" not in page


def test_issue_page_links_the_previous_and_next_issue(client, issue):
    printed_issue(edition=issue.edition, number=1233, date=date(2026, 12, 2))
    printed_issue(edition=issue.edition, number=1235, date=date(2026, 12, 7))
    page = html(client.get(issue.get_absolute_url()))
    assert '<a rel="prev" href="/bao-in/bao-in-hang-ngay/2026/so-1233/">' in page
    assert '<a rel="next" href="/bao-in/bao-in-hang-ngay/2026/so-1235/">' in page


def test_page_viewer_has_plain_links_for_previous_next_and_zoom(client, issue):
    page = html(client.get("/bao-in/bao-in-hang-ngay/2026/so-1234/trang-2/"))
    viewer = issue.pages.get(number=2)
    assert '<a class="viewer-prev" rel="prev" href="/bao-in/bao-in-hang-ngay/2026/so-1234/trang-1/"' in page
    assert '<a class="viewer-next" rel="next" href="/bao-in/bao-in-hang-ngay/2026/so-1234/trang-3/"' in page
    assert f'<a class="viewer-zoom" href="{viewer.image_url("zoom", "jpg")}"' in page
    assert f'srcset="{viewer.image_url("read", "webp")} 1000w, {viewer.image_url("zoom", "webp")} 2000w"' in page
    assert 'alt="Trang 2 báo in Số 1234, Thứ Sáu, 04/12/2026"' in page
    assert "Trang 2: tin tức Điện Biên Phủ." in page  # the page's text, for screen readers and search engines


def test_first_and_last_page_have_no_link_beyond_the_issue(client, issue):
    first = html(client.get(issue.page_url(1)))
    last = html(client.get(issue.page_url(4)))
    assert 'rel="prev"' not in first.split('class="viewer-nav"')[1].split("</nav>")[0]
    assert 'rel="next"' not in last.split('class="viewer-nav"')[1].split("</nav>")[0]


def test_page_viewer_lists_the_articles_printed_on_that_page(client, issue):
    from editions.models import PrintedArticle

    article = ArticleFactory(title="Đường lên bản Mường Phăng")
    PrintedArticle.objects.create(issue=issue, article=article, page_number=3)
    assert "Đường lên bản Mường Phăng" in html(client.get(issue.page_url(3)))
    assert "Đường lên bản Mường Phăng" not in html(client.get(issue.page_url(2)))


def test_download_is_an_attachment_sandboxed_and_never_inline(client, issue):
    response = client.get(issue.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bao-in-hang-ngay-so-1234-2026-12-04.pdf"'
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    "path",
    [
        "/bao-in/khong-co/",
        "/bao-in/bao-in-hang-ngay/2025/",
        "/bao-in/bao-in-hang-ngay/2026/13/",
        "/bao-in/bao-in-hang-ngay/2026/01/",
        "/bao-in/bao-in-hang-ngay/0000/",
        "/bao-in/bao-in-hang-ngay/2026/so-9999/",
        "/bao-in/bao-in-hang-ngay/2025/so-1234/",
        "/bao-in/bao-in-hang-ngay/2026/so-1234/trang-5/",
        "/bao-in/bao-in-hang-ngay/2026/so-1234/trang-0/",
        "/bao-in/bao-in-hang-ngay/2026/so-1234/trang-99999/",
        "/bao-in/bao-in-hang-ngay/2026/so-12345678901/",
        "/bao-in/khong-co/2026/so-1234/tai-ve/",
        "/bao-in/" + "a" * 70 + "/",
    ],
)
def test_unknown_editions_years_issues_and_pages_are_404(client, issue, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "<h1>Không tìm thấy trang</h1>" in response.content.decode()


def test_an_unpublished_issue_is_not_shown_to_readers(client, publication):
    draft = printed_issue(published=False, number=1300, date=date(2026, 12, 10))
    for url in (draft.get_absolute_url(), draft.page_url(1), draft.get_download_url(), "/bao-in/bao-in-hang-ngay/"):
        assert client.get(url).status_code == 404, url


def test_an_issue_published_for_later_is_not_shown_yet(client, publication):
    from editions.models import Issue

    later = printed_issue(number=1301, date=date(2026, 12, 11))
    Issue.objects.filter(pk=later.pk).update(published_at=timezone.now() + timedelta(hours=1))
    assert client.get(later.get_absolute_url()).status_code == 404


def test_pages_of_the_print_edition_use_the_papers_theme(client, issue, publication):
    publication.theme = "backan"
    publication.save()
    page = html(client.get(issue.page_url(1)))
    assert 'class="no-js theme-backan"' in page
    assert "css/themes/backan.css" in page


def test_archive_queries_do_not_grow_with_editions_and_issues(client, publication, django_assert_max_num_queries):
    for n in range(4):
        edition = EditionFactory(name=f"Ấn phẩm {n}")
        for k in range(3):
            printed_issue(edition=edition, pages=1, number=k + 1, date=date(2020 + k, 1, 1))
    client.get("/bao-in/")  # warm the profile and category caches
    with django_assert_max_num_queries(5):  # 3 of its own (latest issues, years, editions)
        assert client.get("/bao-in/").status_code == 200


def test_issue_page_queries_do_not_grow_with_pages_and_articles(client, issue, django_assert_max_num_queries):
    from editions.models import PrintedArticle

    big = printed_issue(pages=24, number=1240, date=date(2026, 12, 20), edition=issue.edition)
    for n in range(1, 11):
        PrintedArticle.objects.create(issue=big, article=ArticleFactory(), page_number=n)
    client.get(big.get_absolute_url())
    with django_assert_max_num_queries(6):  # issue, pages, articles, previous and next issue
        assert client.get(big.get_absolute_url()).status_code == 200


def test_page_viewer_queries_are_few(client, issue, django_assert_max_num_queries):
    from editions.models import PrintedArticle

    for _ in range(5):
        PrintedArticle.objects.create(issue=issue, article=ArticleFactory(), page_number=2)
    client.get(issue.page_url(2))
    with django_assert_max_num_queries(4):  # issue, page, its articles
        assert client.get(issue.page_url(2)).status_code == 200


def test_a_category_named_bao_in_does_not_hide_the_print_edition(client, issue):
    from tests.factories import CategoryFactory

    category = CategoryFactory(name="Báo in")
    assert category.slug == "bao-in-tin"
    assert "Đọc báo in" in html(client.get("/bao-in/"))
