"""RSS feeds, sitemaps and robots.txt, read with xml.etree as a feed reader
or a crawler would."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture
def hidden(publication):
    """Stories a reader may not see: none may leak into a feed or sitemap."""
    return [
        ArticleFactory(title="Bản nháp bí mật", draft=True),
        ArticleFactory(title="Bài hẹn giờ ngày mai", published_at=timezone.now() + timedelta(days=1)),
        ArticleFactory(title="Bài đã gỡ", status=Article.Status.UNPUBLISHED, tags=["Gỡ"]),
    ]


def parse(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314  (our own output, as a feed reader parses it)


def test_home_feed_is_rss_2_with_the_newest_stories(client, publication, hidden):
    old = ArticleFactory(title="Tin cũ & <cũ>", published_at=timezone.now() - timedelta(days=2))
    new = ArticleFactory(title="Tin mới: Điện Biên", byline="Tin, ảnh: Quang Long")
    response = client.get("/rss/home.rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    rss = parse(response)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == "Báo Điện Biên Phủ"
    assert channel.findtext("language") == "vi"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Tin mới: Điện Biên", "Tin cũ & <cũ>"]
    first = items[0]
    assert urlsplit(first.findtext("link")).path == new.get_absolute_url()
    assert first.findtext("description") == new.lead
    assert parsedate_to_datetime(first.findtext("pubDate")) == new.published_at.replace(microsecond=0)
    assert first.findtext("category") == new.category.name
    assert urlsplit(items[1].findtext("link")).path == old.get_absolute_url()


def test_category_feed_has_the_category_and_its_children(client, publication, hidden):
    parent = CategoryFactory(name="Kinh tế")
    child = CategoryFactory(name="Nông nghiệp", parent=parent)
    ArticleFactory(title="Giá lúa tăng", category=child)
    ArticleFactory(title="Tin thể thao")
    channel = parse(client.get(f"/rss/{parent.slug}.rss")).find("channel")
    assert channel.findtext("title") == "Kinh tế – Báo Điện Biên Phủ"
    assert [i.findtext("title") for i in channel.findall("item")] == ["Giá lúa tăng"]


def test_unknown_category_feed_is_404(client, publication):
    assert client.get("/rss/khong-co.rss").status_code == 404


def test_feed_list_links_every_feed(client, publication):
    category = CategoryFactory(name="Văn hóa")
    html = client.get("/rss/").content.decode()
    assert 'href="/rss/home.rss"' in html
    assert f'href="/rss/{category.slug}.rss"' in html


def test_sitemap_index_lists_paged_sections(client, publication, hidden, settings):
    settings.NEWSROOM_SITEMAP_PAGE_SIZE = 2
    for i in range(5):
        ArticleFactory(title=f"Bài {i}", tags=["Điện Biên"])
    index = parse(client.get("/sitemap.xml"))
    assert index.tag == f"{SM}sitemapindex"
    locs = [urlsplit(s.findtext(f"{SM}loc")) for s in index.findall(f"{SM}sitemap")]
    article_pages = [u for u in locs if u.path == "/sitemap-articles.xml"]
    assert [u.query for u in article_pages] == ["", "p=2", "p=3"]  # 5 articles, 2 a page
    sections = {"/sitemap-articles.xml", "/sitemap-categories.xml", "/sitemap-tags.xml", "/sitemap-bao-in.xml"}
    assert {u.path for u in locs} == sections  # the print edition's issues too (editions)

    found = []
    for page in ("", "?p=2", "?p=3"):
        urlset = parse(client.get(f"/sitemap-articles.xml{page}"))
        found += [urlsplit(u.findtext(f"{SM}loc")).path for u in urlset.findall(f"{SM}url")]
    assert len(found) == 5
    visible = {a.get_absolute_url() for a in Article.objects.published()}
    assert set(found) == visible
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404


def test_tag_and_category_sitemaps(client, publication, hidden):
    article = ArticleFactory(tags=["Du lịch"])
    tags = parse(client.get("/sitemap-tags.xml"))
    assert [urlsplit(u.findtext(f"{SM}loc")).path for u in tags.findall(f"{SM}url")] == ["/tu-khoa/du-lich/"]
    categories = parse(client.get("/sitemap-categories.xml"))
    assert article.category.get_absolute_url() in [
        urlsplit(u.findtext(f"{SM}loc")).path for u in categories.findall(f"{SM}url")
    ]


def test_news_sitemap_has_the_last_48_hours_only(client, publication, hidden):
    recent = ArticleFactory(title="Tin nóng & mới", published_at=timezone.now() - timedelta(hours=47))
    ArticleFactory(title="Tin cũ", published_at=timezone.now() - timedelta(hours=49))
    urlset = parse(client.get("/sitemap-news.xml"))
    urls = urlset.findall(f"{SM}url")
    assert len(urls) == 1
    assert urlsplit(urls[0].findtext(f"{SM}loc")).path == recent.get_absolute_url()
    news = urls[0].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Báo Điện Biên Phủ"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "vi"
    assert news.findtext(f"{NEWS}title") == "Tin nóng & mới"
    assert news.findtext(f"{NEWS}publication_date").startswith(str(timezone.localdate(recent.published_at)))


def test_news_sitemap_holds_at_most_1000(client, publication, settings, django_assert_max_num_queries):
    settings.NEWSROOM_NEWS_SITEMAP_MAX = 3
    for i in range(5):
        ArticleFactory(title=f"Tin {i}", published_at=timezone.now() - timedelta(minutes=i + 1))
    with django_assert_max_num_queries(2):  # the publication profile, the stories
        urlset = parse(client.get("/sitemap-news.xml"))
    assert [u.find(f"{NEWS}news").findtext(f"{NEWS}title") for u in urlset.findall(f"{SM}url")] == [
        "Tin 0",
        "Tin 1",
        "Tin 2",
    ]


def test_robots_txt_points_to_the_sitemaps(client, publication):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text


def test_feed_and_sitemap_queries_do_not_grow(client, publication, django_assert_max_num_queries):
    for i in range(40):
        ArticleFactory(title=f"Bài {i}", tags=["A", "B"])
    with django_assert_max_num_queries(4):  # publication, stories, their tags, their contributions
        client.get("/rss/home.rss")
    with django_assert_max_num_queries(3):
        client.get("/sitemap-articles.xml")
