"""Article pages: canonical link, description from the sapo, Open Graph and
Twitter tags, NewsArticle and BreadcrumbList JSON-LD, share links."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, CategoryFactory, library_image

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """Collects <meta>, <link rel=canonical> and JSON-LD scripts, as a crawler does."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self.scripts = {}, {}, [], []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif tag == "link":
            self.links[attrs.get("rel")] = attrs.get("href")
        elif tag == "script":
            self.scripts.append(attrs)
            self._in_ld = attrs.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))


def head_of(response):
    assert response.status_code == 200
    parser = Head()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def article(publication):
    parent = CategoryFactory(name="Xã hội")
    category = CategoryFactory(name="Giáo dục", parent=parent)
    return ArticleFactory(
        title="Khai giảng năm học mới ở Mường Nhé",
        lead="Hơn 10.000 học sinh vùng cao bước vào năm học mới.",
        byline="Tin, ảnh: Quang Long",
        category=category,
    )


def test_canonical_description_and_open_graph(client, article):
    head = head_of(client.get(article.get_absolute_url()))
    url = f"http://testserver{article.get_absolute_url()}"
    assert head.links["canonical"] == url
    assert head.meta["description"] == article.lead
    assert head.meta["og:title"] == article.title
    assert head.meta["og:description"] == article.lead
    assert head.meta["og:url"] == url
    assert head.meta["og:type"] == "article"
    assert head.meta["og:site_name"] == "Báo Điện Biên Phủ"
    # A story without a picture shows the paper's default picture.
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["og:image"] == "http://testserver/static/img/share-default.png"
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1200", "630")


def test_news_article_json_ld(client, article):
    head = head_of(client.get(article.get_absolute_url()))
    news, breadcrumb = head.json_ld
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == article.title
    # The byline's person, not its text (“Tin, ảnh: …” is no one's name).
    assert news["author"] == [{"@type": "Person", "name": "Quang Long"}]
    assert news["publisher"]["name"] == "Báo Điện Biên Phủ"
    # Local time with its offset, whole seconds.
    local = timezone.localtime(article.published_at).replace(microsecond=0)
    assert news["datePublished"] == local.isoformat()
    assert news["datePublished"].endswith("+07:00")
    assert news["mainEntityOfPage"]["@id"] == f"http://testserver{article.get_absolute_url()}"
    assert breadcrumb["@type"] == "BreadcrumbList"
    assert [i["name"] for i in breadcrumb["itemListElement"]] == [
        "Báo Điện Biên Phủ",
        "Xã hội",
        "Giáo dục",
        article.title,
    ]
    assert [i["position"] for i in breadcrumb["itemListElement"]] == [1, 2, 3, 4]


def test_featured_image_in_open_graph_and_json_ld(client, article, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article.featured_image = library_image(2000, 1000, alt_text="Ruộng bậc thang Mường Phăng")
    article.save()
    head = head_of(client.get(article.get_absolute_url()))
    # The 1280-px JPEG rendition (the closest at or above 1200), with its own size.
    assert head.meta["og:image"] == f"http://testserver{article.featured_image.rendition_url(1200)}"
    assert head.meta["og:image"].endswith(".jpg") and "1280" in head.meta["og:image"]
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1280", "640")
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.json_ld[0]["image"] == [head.meta["og:image"]]


def test_json_ld_cannot_be_broken_out_of(client, publication):
    evil = ArticleFactory(title="</script><script>alert(1)</script><!--", lead="A & B <b>")
    html = client.get(evil.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 2
    assert "<" not in blocks[0] and ">" not in blocks[0]
    assert json.loads(blocks[0])["headline"] == "</script><script>alert(1)</script><!--"
    assert "<script>alert(1)" not in html


def test_no_inline_script_other_than_json_ld(client, article):
    head = head_of(client.get(article.get_absolute_url()))
    for attrs in head.scripts:
        assert attrs.get("src") or attrs.get("type") == "application/ld+json"
    assert " onclick=" not in client.get(article.get_absolute_url()).content.decode()


def test_share_links_need_no_third_party_script(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    quoted = "http%3A%2F%2Ftestserver" + article.get_absolute_url().replace("/", "%2F")
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={quoted}"' in html
    assert "zalo.me" in html and quoted in html
    assert re.search(r'<a class="share share-copy" href="http://testserver[^"]+" data-copy-link', html)
    assert "Sao chép liên kết" in html
    srcs = re.findall(r'<script[^>]* src="([^"]+)"', html)
    assert srcs and all(src.startswith("/static/") for src in srcs)


def test_preview_is_not_indexed_and_has_no_json_ld(admin_client, publication):
    draft = ArticleFactory(draft=True)
    head = head_of(admin_client.get(draft.get_absolute_url()))
    assert head.meta["robots"] == "noindex"
    assert head.json_ld == []
