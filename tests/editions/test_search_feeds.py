"""Printed pages in search (accent-insensitive), the issues' RSS feed and
sitemap, and the article page's “Bài đã đăng trên báo in …” line."""

from datetime import date

import pytest

from editions.models import Issue, PrintedArticle
from tests.factories import ArticleFactory, EditionFactory, printed_issue

pytestmark = pytest.mark.django_db

TEXTS = [
    "Tỉnh Điện Biên đón hơn 20 nghìn lượt khách dịp lễ hội Hoa Ban.",
    "Bắc Kạn: mùa lúa mới trên ruộng bậc thang ở Ba Bể.",
    "Thể thao: giải bóng chuyền các dân tộc huyện Mường Ảng.",
]


@pytest.fixture
def issue(publication):
    return printed_issue(pages=3, texts=TEXTS, number=1234, date=date(2026, 12, 4))


def test_search_without_accents_finds_the_printed_page_in_its_own_section(client, issue):
    page = client.get("/tim-kiem/?q=dien+bien").content.decode()
    section = page.split('<section class="printed-results"')[1]
    assert '<h2 id="printed-results-title" class="block-title">Trên báo in</h2>' in section
    assert f'href="{issue.page_url(1)}"' in section
    assert "Báo in hằng ngày – Số 1234, Thứ Sáu, 04/12/2026, trang 1" in section
    assert "Tỉnh <mark>Điện</mark> <mark>Biên</mark> đón" in section
    assert issue.page_url(2) not in section


def test_printed_page_search_needs_every_word(client, issue):
    assert "Không có trang báo in nào có các từ này." in client.get("/tim-kiem/?q=dien+bien+ba+be").content.decode()
    assert issue.page_url(2) in client.get("/tim-kiem/?q=BA+BE+lua").content.decode()


def test_printed_page_search_matches_whole_words(client, issue):
    assert issue.page_url(1) not in client.get("/tim-kiem/?q=bie").content.decode()


def test_printed_page_search_shows_only_published_issues(client, issue):
    draft = printed_issue(pages=1, texts=["Điện Biên chuẩn bị số báo Tết."], number=1300, published=False)
    page = client.get("/bao-in/tim-kiem/?q=%C4%91i%E1%BB%87n+bi%C3%AAn").content.decode()
    assert issue.page_url(1) in page
    assert draft.page_url(1) not in page


def test_search_page_links_to_all_printed_pages_when_there_are_more(client, publication):
    edition = EditionFactory()
    for n in range(7):
        printed_issue(edition=edition, pages=1, texts=["Tin Điện Biên"], number=n + 1, date=date(2026, 1, n + 1))
    page = client.get("/tim-kiem/?q=dien+bien").content.decode()
    section = page.split('<section class="printed-results"')[1]
    assert section.count('class="page-result"') == 5
    assert 'href="/bao-in/bao-in-hang-ngay/2026/so-7/trang-1/"' in section  # newest first
    assert '<a href="/bao-in/tim-kiem/?q=dien%20bien">Xem tất cả trang báo in có “dien bien”</a>' in section


def test_printed_page_search_pages_through_every_result(client, publication, settings):
    edition = EditionFactory()
    for n in range(17):
        printed_issue(edition=edition, pages=1, texts=["Mùa hoa ban"], number=n + 1, date=date(2026, 2, n + 1))
    first = client.get("/bao-in/tim-kiem/?q=hoa+ban").content.decode()
    second = client.get("/bao-in/tim-kiem/?q=hoa+ban&page=2").content.decode()
    assert "Có 17 trang báo in có “hoa ban”." in first
    assert first.count('class="page-result"') == 15 and second.count('class="page-result"') == 2
    assert client.get("/bao-in/tim-kiem/?q=hoa+ban&page=3").status_code == 404
    assert client.get("/bao-in/tim-kiem/?q=hoa+ban&page=abc").status_code == 404


def test_printed_page_search_without_words_shows_the_form(client, publication):
    page = client.get("/bao-in/tim-kiem/?q=%20%21%21").content.decode()
    assert "Nhập từ khóa để tìm trong chữ của các trang báo in" in page


def test_printed_page_search_queries_are_few(client, issue, django_assert_max_num_queries):
    client.get("/bao-in/tim-kiem/?q=dien+bien")
    with django_assert_max_num_queries(4):  # count and page of results
        assert client.get("/bao-in/tim-kiem/?q=dien+bien").status_code == 200


def test_article_page_says_where_it_was_printed(client, issue):
    article = ArticleFactory(title="Lễ hội Hoa Ban 2026")
    PrintedArticle.objects.create(issue=issue, article=article, page_number=1)
    PrintedArticle.objects.create(issue=issue, article=article, page_number=3)
    page = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<p class="printed-in">Bài đã đăng trên báo in số 1234, '
        f'<a href="{issue.page_url(1)}">trang 1</a>, <a href="{issue.page_url(3)}">trang 3</a></p>'
    ) in page


def test_article_page_names_the_edition_when_printed_in_two(client, issue):
    article = ArticleFactory()
    highland = printed_issue(edition=EditionFactory(name="Báo in vùng cao"), number=56, date=date(2026, 12, 6))
    PrintedArticle.objects.create(issue=issue, article=article, page_number=2)
    PrintedArticle.objects.create(issue=highland, article=article, page_number=4)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Bài đã đăng trên Báo in vùng cao số 56, " in page
    assert "Bài đã đăng trên Báo in hằng ngày số 1234, " in page


def test_article_page_says_nothing_of_an_unpublished_issue(client, publication):
    draft = printed_issue(published=False)
    article = ArticleFactory()
    PrintedArticle.objects.create(issue=draft, article=article, page_number=1)
    assert 'class="printed-in"' not in client.get(article.get_absolute_url()).content.decode()


def test_rss_feed_lists_the_published_issues(client, issue):
    printed_issue(published=False, number=1300, date=date(2026, 12, 9))
    response = client.get("/bao-in/rss.xml")
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = response.content.decode()
    assert "<title>Báo in hằng ngày – Số 1234, Thứ Sáu, 04/12/2026</title>" in feed
    assert f"<link>http://testserver{issue.get_absolute_url()}</link>" in feed
    assert "Số 1300" not in feed


def test_sitemap_lists_the_issue_pages(client, issue):
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-bao-in.xml" in index
    section = client.get("/sitemap-bao-in.xml").content.decode()
    assert f"<loc>http://testserver{issue.get_absolute_url()}</loc>" in section


def test_sitemap_sections_not_registered_are_404(client, publication):
    assert client.get("/sitemap-khong-co.xml").status_code == 404
    assert client.get("/sitemap-news.xml").status_code == 200


def test_printed_pages_show_on_the_first_page_of_article_results_only(client, issue):
    for n in range(16):
        ArticleFactory(title=f"Điện Biên hôm nay số {n}")
    assert 'class="printed-results"' in client.get("/tim-kiem/?q=dien+bien").content.decode()
    assert 'class="printed-results"' not in client.get("/tim-kiem/?q=dien+bien&page=2").content.decode()


def test_a_new_printed_in_line_and_an_issue_withdrawn_show_on_the_cached_article_page_at_once(client, issue):
    """The article page is cached under its own scope, not the listings
    (docs/caching.md): linking it to a printed page, and withdrawing that
    issue, renew it at once."""
    article = ArticleFactory(title="Lễ hội Hoa Ban 2026")
    url = article.get_absolute_url()
    assert 'class="printed-in"' not in client.get(url).content.decode()  # cached now
    PrintedArticle.objects.create(issue=issue, article=article, page_number=2)
    assert "Bài đã đăng trên báo in số 1234" in client.get(url).content.decode()
    issue.status = Issue.Status.DRAFT
    issue.save()
    assert 'class="printed-in"' not in client.get(url).content.decode()
