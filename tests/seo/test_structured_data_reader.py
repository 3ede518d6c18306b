"""What an independent structured-data reader (``extruct``, the library
news crawlers use; pinned in requirements-dev.txt) finds on our pages: a
NewsArticle a news search engine accepts, complete Open Graph and Twitter
tags, feed autodiscovery, and the paper's logo and icons once uploaded."""

import io
import re
from datetime import timedelta

import extruct
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.contributions import attach_from_byline
from newsroom.models import Publication
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

ISO_WITH_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
LONG_TITLE = (
    "Tỉnh triển khai đồng bộ nhiều giải pháp ứng phó mưa lớn, sạt lở đất và lũ quét tại các huyện vùng cao "
    "trong những ngày cuối năm để bảo đảm an toàn cho người dân"
)


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    data = extruct.extract(html, base_url=f"http://testserver{url}", syntaxes=["json-ld", "opengraph"], uniform=True)
    return html, data


def news_article(data):
    found = [item for item in data["json-ld"] if item.get("@type") == "NewsArticle"]
    assert len(found) == 1, data["json-ld"]
    return found[0]


def png(width, height, colour=(163, 23, 28)):
    data = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(data, "PNG")
    return data.getvalue()


@pytest.fixture
def story(publication):
    category = CategoryFactory(name="Thời sự", slug="thoi-su")
    article = ArticleFactory(
        category=category,
        title=LONG_TITLE,
        lead="Các huyện vùng cao sẵn sàng phương án di dời dân khỏi vùng nguy hiểm.",
        byline="Tin, ảnh: Quang Long",
        published_at=timezone.now().replace(microsecond=123456) - timedelta(hours=1),
    )
    attach_from_byline(article)  # Quang Long gets his author page
    return article


def test_news_article_as_a_news_search_engine_reads_it(client, story):
    _, data = read(client, story.get_absolute_url())
    news = news_article(data)
    assert len(news["headline"]) <= 110
    assert news["headline"].endswith("…") and LONG_TITLE.startswith(news["headline"][:-1])
    # No picture: the paper's default image, absolute.
    assert news["image"] == ["http://testserver/static/img/share-default.png"]
    assert ISO_WITH_ZONE.match(news["datePublished"]) and news["datePublished"].endswith("+07:00")
    assert ISO_WITH_ZONE.match(news["dateModified"])
    assert news["author"] == [{"@type": "Person", "name": "Quang Long", "url": "http://testserver/tac-gia/quang-long/"}]
    publisher = news["publisher"]
    assert publisher["name"] == "Báo Điện Biên Phủ"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"] == "http://testserver/static/img/publisher-logo.png"
    assert (publisher["logo"]["width"], publisher["logo"]["height"]) == (60, 60)


def test_open_graph_and_twitter_tags_are_complete(client, story):
    html, data = read(client, story.get_absolute_url())
    (og,) = data["opengraph"]
    assert og["@type"] == "article"  # extruct's uniform form keeps og:type as @type
    for prop in ("og:site_name", "og:title", "og:description", "og:url", "og:image", "og:locale"):
        assert og.get(prop), prop
    assert og["og:image"].startswith("http://testserver/")
    assert ISO_WITH_ZONE.match(og["article:published_time"])
    twitter = dict(re.findall(r'<meta name="(twitter:[a-z:]+)" content="([^"]*)"', html))
    assert twitter["twitter:card"] == "summary_large_image"
    assert twitter["twitter:title"] == LONG_TITLE
    assert twitter["twitter:image"] == og["og:image"]
    assert twitter["twitter:description"] and twitter["twitter:image:alt"]


def feeds_of(html):
    return re.findall(r'<link rel="alternate" type="application/rss\+xml" title="([^"]+)" href="([^"]+)">', html)


def test_home_and_category_pages_declare_their_feeds(client, story):
    home, data = read(client, "/")
    assert feeds_of(home) == [("Báo Điện Biên Phủ – Tin mới nhất", "/rss/home.rss")]
    assert data["opengraph"][0]["@type"] == "website"
    category, _ = read(client, "/thoi-su/")
    assert feeds_of(category) == [
        ("Báo Điện Biên Phủ – Tin mới nhất", "/rss/home.rss"),
        ("Thời sự – RSS", "/rss/thoi-su.rss"),
    ]
    # Both addresses are feeds.
    for _title, href in feeds_of(category):
        response = client.get(href)
        assert response.status_code == 200 and b"<rss" in response.content


def test_uploaded_logo_and_icons_appear_in_every_theme_and_the_publisher(client, story, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    publication = Publication.load()
    publication.logo = SimpleUploadedFile("logo.png", png(400, 80))
    publication.favicon = SimpleUploadedFile("favicon.png", png(48, 48))
    publication.touch_icon = SimpleUploadedFile("touch.png", png(180, 180))
    publication.full_clean()
    publication.save()
    for theme in ("dienbienphu", "backan", "laichau"):
        Publication.objects.filter(pk=1).update(theme=theme)
        Publication.load().save()
        html, data = read(client, story.get_absolute_url())
        logo = re.search(r'<img class="brand-logo" src="([^"]+)" alt="([^"]+)" width="(\d+)" height="(\d+)">', html)
        assert logo, theme
        assert logo.groups()[1:] == ("Báo Điện Biên Phủ", "400", "80")
        assert 'class="brand-name"' not in html  # the logo replaces the text masthead
        assert re.search(r'<link rel="icon" href="/media/publication/favicon[^"]*\.png">', html)
        assert re.search(r'<link rel="apple-touch-icon" href="/media/publication/touch[^"]*\.png">', html)
        assert news_article(data)["publisher"]["logo"]["url"] == f"http://testserver{logo.group(1)}"
        assert client.get(logo.group(1)).status_code == 200


def test_text_masthead_without_a_logo(client, story):
    html, _ = read(client, "/")
    assert 'class="brand-logo"' not in html
    assert '<span class="brand-name">Báo Điện Biên Phủ</span>' in html
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
