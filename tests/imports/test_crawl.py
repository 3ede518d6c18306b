"""The crawler, against a local server in the three seed layouts."""

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from counters.models import ArticleViewCount
from imports.crawl import load_rules
from imports.models import ImportProblem
from redirects.models import OldAddress

from . import pages
from .conftest import jpeg
from .server import Site

RULES = Path(__file__).resolve().parents[2] / "imports" / "rules"


def crawl(start, rules, *extra):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_archive", "crawl", start, "--rules", str(RULES / f"{rules}.toml"), "--rate", "0", *extra,
        stdout=out, stderr=err,
    )  # fmt: skip
    return out.getvalue()


def by_title(title):
    return Article.objects.get(title=title)


@pytest.fixture
def dbp(web):
    """A Điện Biên Phủ site with a sitemap and every kind of trouble."""
    other = Site().start()
    other.add("/thoi-su/ben-ngoai-1.html", pages.dienbienphu("Trang của máy chủ khác"))
    web.other = other
    web.add("/robots.txt", "User-agent: *\nDisallow: /rieng/\n", content_type="text/plain")
    articles = [f"/thoi-su/bai-{n}-{100 + n}.html" for n in range(1, 6)]
    trouble = [
        "/thoi-su/hong-404.html",  # not served: 404
        "/thoi-su/loi-500-1.html",
        "/thoi-su/vong-a-1.html",
        "/thoi-su/khong-tieu-de-2.html",
        "/thoi-su/ngay-sai-3.html",
        "/thoi-su/tep-pdf-4.html",
        "/thoi-su/rat-lon-5.html",
        "/rieng/bi-cam-6.html",
        "/thoi-su/bai-mot-101.html",  # the same article again, by a redirect
    ]
    locs = "".join(f"<url><loc>{web.url}{p}</loc></url>" for p in articles + trouble)
    locs += "<url><loc>https://baokhac.example/thoi-su/bai-9-9.html</loc></url>"  # a host nobody named
    web.add(
        "/sitemap.xml",
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>',
        content_type="application/xml",
    )
    for n, path in enumerate(articles, start=1):
        body = f"<p>Đoạn {n}.</p>"
        if n == 1:
            body += '<figure><img src="/anh/lua.jpg" alt="Lúa chín"></figure>'
            body += f'<p><a href="{web.url}{articles[1]}">bài 2</a></p>'
            body += (
                f'<p><a href="{other.url.replace("127.0.0.1", "localhost")}/thoi-su/ben-ngoai-1.html">máy khác</a></p>'
            )
        web.add(path, pages.dienbienphu(f"Bài số {n} ở Mường Phăng", body=body))
    web.redirect("/thoi-su/bai-mot-101.html", "/thoi-su/bai-1-101.html")
    web.add("/anh/lua.jpg", jpeg(), content_type="image/jpeg")
    web.add("/thoi-su/loi-500-1.html", "lỗi", status=500)
    web.redirect("/thoi-su/vong-a-1.html", "/thoi-su/vong-b-2.html")
    web.redirect("/thoi-su/vong-b-2.html", "/thoi-su/vong-a-1.html")
    web.add("/thoi-su/khong-tieu-de-2.html", pages.dienbienphu("").replace('<h1 class="post-title"></h1>', ""))
    web.add("/thoi-su/ngay-sai-3.html", pages.dienbienphu("Ngày sai", date="hôm qua"))
    web.add("/thoi-su/tep-pdf-4.html", b"%PDF-1.4 ...", content_type="application/pdf")
    web.add("/thoi-su/rat-lon-5.html", pages.dienbienphu("Rất lớn", body="<p>" + "chữ " * 300_000 + "</p>"))
    web.add("/rieng/bi-cam-6.html", pages.dienbienphu("Bị cấm"))
    yield web
    other.stop()


@pytest.mark.django_db
def test_crawl_a_sitemap_in_the_dienbienphu_layout(dbp, publication, settings):
    settings.NEWSROOM_IMPORT_MAX_BYTES = 200_000
    out = crawl(f"{dbp.url}/sitemap.xml", "dienbienphu", "--concurrency", "3")
    assert sorted(Article.objects.values_list("title", flat=True)) == [f"Bài số {n} ở Mường Phăng" for n in range(1, 6)]
    first = by_title("Bài số 1 ở Mường Phăng")
    assert first.kicker == "Nhân kỷ niệm 70 năm Chiến thắng Điện Biên Phủ:"
    assert first.lead == "Đảng bộ, chính quyền và nhân dân các dân tộc tỉnh vui đón năm mới."  # no "ĐBP - " twice
    assert first.published_at == datetime(2023, 12, 31, 2, 23, tzinfo=UTC)  # 09:23 in Hà Nội
    assert first.category.name == "Thời sự"
    assert [(c.role, c.name) for c in first.credits()] == [("tin", "Quang Long"), ("anh", "Quang Long")]
    assert ArticleViewCount.objects.get(article=first).views == 5034
    assert "Tin khác" not in first.body and "track()" not in first.body  # the rules' removals, the sanitiser
    assert first.featured_image is None and "/media/images/" in first.body  # the body's image, in the library
    second = by_title("Bài số 2 ở Mường Phăng")
    assert f'href="{second.get_absolute_url()}"' in first.body  # the link between two pages, rewritten
    reasons = dict(ImportProblem.objects.values_list("item", "reason"))
    assert "404" in reasons[f"{dbp.url}/thoi-su/hong-404.html"]
    assert "500" in reasons[f"{dbp.url}/thoi-su/loi-500-1.html"]
    assert "vòng tròn" in reasons[f"{dbp.url}/thoi-su/vong-a-1.html"]
    assert "tiêu đề" in reasons[f"{dbp.url}/thoi-su/khong-tieu-de-2.html"]
    assert "ngày đăng" in reasons[f"{dbp.url}/thoi-su/ngay-sai-3.html"]
    assert "HTML" in reasons[f"{dbp.url}/thoi-su/tep-pdf-4.html"]
    assert "Quá lớn" in reasons[f"{dbp.url}/thoi-su/rat-lon-5.html"]
    assert "robots.txt" in reasons[f"{dbp.url}/rieng/bi-cam-6.html"]
    duplicates = [item for item, reason in reasons.items() if reason.startswith("Trùng")]
    assert len(duplicates) == 1 and "/thoi-su/bai-" in duplicates[0]
    assert "không nằm trong danh sách" in reasons["https://baokhac.example/thoi-su/bai-9-9.html"]
    assert dbp.other.hits == []  # never left the host it was given
    assert "/rieng/bi-cam-6.html" not in dbp.hits
    assert "5 tạo mới" in out


@pytest.mark.django_db
def test_crawled_old_addresses_redirect_and_a_second_crawl_duplicates_nothing(dbp, client, publication, settings):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    settings.NEWSROOM_IMPORT_MAX_BYTES = 200_000
    crawl(f"{dbp.url}/sitemap.xml", "dienbienphu")
    first = by_title("Bài số 1 ở Mường Phăng")
    response = client.get("/thoi-su/bai-1-101.html", HTTP_HOST="127.0.0.1")
    assert response.status_code == 301 and response["Location"] == first.get_absolute_url()
    assert OldAddress.objects.filter(article=first, path="/thoi-su/bai-1-101.html").exists()
    out = crawl(f"{dbp.url}/sitemap.xml", "dienbienphu")
    assert "0 tạo mới, 0 cập nhật" in out, out
    assert "Bỏ qua 5 bài: không đổi từ lần nhập trước" in out, out
    assert Article.objects.count() == 5


@pytest.mark.django_db
def test_crawl_follows_category_pages_in_the_backan_layout(web, publication):
    web.add(
        "/kinh-te/",
        '<a href="/kinh-te/hoi-nghi-post11.html">1</a><a href="/kinh-te/?trang=2">2</a>'
        '<a href="/gioi-thieu/lien-he.html">x</a>',
    )
    web.add("/kinh-te/?trang=2", '<a href="/kinh-te/ban-giao-post12.html">1</a>')
    web.add("/kinh-te/hoi-nghi-post11.html", pages.backan("Hội nghị tổng kết năm 2022"))
    web.add("/kinh-te/ban-giao-post12.html", pages.backan("Bàn giao nhà đại đoàn kết", date="14:05, 31/12/2022"))
    crawl(f"{web.url}/kinh-te/", "backan")
    assert Article.objects.count() == 2
    article = by_title("Hội nghị tổng kết năm 2022")
    assert article.kicker == "Nhân kỷ niệm 99 năm Ngày Báo chí Cách mạng Việt Nam:"
    assert article.lead == "Sáng nay, tỉnh Bắc Kạn tổ chức hội nghị."
    assert article.published_at == datetime(2022, 9, 6, 2, 52, tzinfo=UTC)
    assert article.category.name == "Kinh tế"
    assert [(c.role, c.name, c.kind) for c in article.credits()][0][:2] == ("tac-gia", "Minh Đức")
    assert by_title("Bàn giao nhà đại đoàn kết").published_at == datetime(2022, 12, 31, 7, 5, tzinfo=UTC)
    assert "/gioi-thieu/lien-he.html" not in web.hits  # neither an article nor a list: not fetched


@pytest.mark.django_db
def test_crawl_the_laichau_layout_with_its_12_hour_dates(web, publication):
    web.add("/Chuyen-muc/3", '<a href="/Tin-tuc/3/Lai-Chau-trien-khai">1</a>')
    web.add("/Tin-tuc/3/Lai-Chau-trien-khai", pages.laichau("Lai Châu triển khai chương trình"))
    crawl(f"{web.url}/Chuyen-muc/3", "laichau")
    article = by_title("Lai Châu triển khai chương trình")
    assert article.published_at == datetime(2023, 9, 8, 7, 45, tzinfo=UTC)  # 02:45 PM in Hà Nội
    assert article.category.name == "Xã hội"
    assert article.lead == "Lai Châu triển khai chương trình mới."
    assert [(c.role, c.name) for c in article.credits()] == [("theo", "TTXVN")]


def test_rule_files_are_checked(tmp_path):
    for name in ("dienbienphu", "backan", "laichau"):
        assert load_rules(RULES / f"{name}.toml").selectors["title"]
    bad = tmp_path / "bad.toml"
    bad.write_text('article_url = "x"\n[selectors]\ntitle = "h1"\n', encoding="utf-8")
    from imports.sources import SourceError

    with pytest.raises(SourceError, match="body"):
        load_rules(bad)


@pytest.mark.django_db
def test_a_start_url_that_is_not_http_is_refused(publication):
    with pytest.raises(CommandError, match="http"):
        crawl("file:///etc/passwd", "dienbienphu")
