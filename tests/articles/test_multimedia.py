"""Multimedia in articles: allow-listed embeds (sanitiser, facade, CSP), the
genres' layouts (video, photo story, E-magazine), the marks on cards, the
Multimedia listings and feeds, the video sitemap and VideoObject JSON-LD."""

import json
import re

import pytest
from django.conf import settings as django_settings

from articles import embeds
from articles.models import Article, PhotoStoryItem
from articles.sanitize import clean_body
from tests.factories import ArticleFactory, CategoryFactory, UserFactory, library_image, ready_video, role_group
from videos.models import Video

pytestmark = pytest.mark.django_db

YT = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
FB = "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fwatch%2F%3Fv%3D1234567890&show_text=false"
TT = "https://www.tiktok.com/embed/v2/7301234567890123456"
MAP = "https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3724.1!2d103.0!3d21.38!2m3!1f0!2f0!3f0"


@pytest.mark.parametrize(
    ("pasted", "src"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", YT),
        ("https://youtu.be/dQw4w9WgXcQ?si=abc", YT),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", YT),
        (f'<iframe width="560" height="315" src="{YT}" title="YouTube video player"></iframe>', YT),
        ("https://www.facebook.com/baodienbienphu/videos/1234567890/", FB),
        ("https://www.facebook.com/watch/?v=1234567890", FB),
        ("https://www.tiktok.com/@baodienbien/video/7301234567890123456?lang=vi", TT),
        (MAP, MAP),
        ("https://www.google.com/maps?q=%C4%90%E1%BB%93i+A1,+%C4%90i%E1%BB%87n+Bi%C3%AAn+Ph%E1%BB%A7", None),
        ("https://www.google.com/maps/place/%C4%90%E1%BB%93i+A1/@21.38,103.02,17z", None),
    ],
)
def test_pasted_addresses_become_our_own_iframe_address(pasted, src):
    embed = embeds.from_address(pasted)
    assert embed is not None
    if src:
        assert embed.src == src
    else:
        assert embed.src.startswith("https://www.google.com/maps?q=") and embed.src.endswith("&output=embed")
    assert embeds.from_src(embed.src) == embed  # the sanitiser keeps exactly what we build


@pytest.mark.parametrize(
    "pasted",
    [
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/?v=dQw4w9WgXcQ&host=www.youtube.com",
        "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://user@www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ",
        "https://fb.watch/abc/",
        "https://www.facebook.com/baodienbienphu/posts/123",
        "https://www.tiktok.com/@x/photo/7301234567890123456",
        "https://www.google.com/search?q=dien+bien",
        "javascript:alert(1)//https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/12345",
    ],
)
def test_other_addresses_are_refused(pasted):
    assert embeds.from_address(pasted) is None


def test_the_sanitiser_keeps_allowed_iframes_rebuilt_with_our_attributes():
    for src in (YT, FB, TT, MAP):
        stored = src.replace("&", "&amp;")
        body = clean_body(
            f'<p>Xem:</p><iframe src="{stored}" srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;" '
            'sandbox="allow-top-navigation allow-scripts" allow="camera; microphone" onload="alert(1)" '
            'style="position:fixed" width="9999" name="x">fallback <script>alert(1)</script></iframe>'
        )
        iframes = re.findall(r"<iframe[^>]*>", body)
        assert len(iframes) == 1, body
        tag = iframes[0]
        assert f'src="{stored}"' in tag
        assert (
            'sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation"'
            in tag
        )
        assert "camera" not in tag and "microphone" not in tag and "top-navigation" not in tag
        assert 'loading="lazy"' in tag
        for hostile in ("srcdoc", "onload", "style", "9999", "name=", "<script", "fallback"):
            assert hostile not in body
        assert clean_body(body) == body  # saving again changes nothing


@pytest.mark.parametrize(
    "iframe",
    [
        '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',  # not the privacy-enhanced host
        '<iframe src="https://www.youtube-nocookie.com.evil.example/embed/dQw4w9WgXcQ"></iframe>',
        '<iframe src="https://evil.example/www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>',
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;origin=evil"></iframe>',
        '<iframe src="http://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>',
        '<iframe src="https://www.google.com/search?q=x"></iframe>',
        '<iframe src="https://www.facebook.com/plugins/like.php?href=x"></iframe>',
        '<iframe src="https://WWW.YOUTUBE-NOCOOKIE.COM/embed/dQw4w9WgXcQ"></iframe>',
    ],
)
def test_iframes_from_elsewhere_become_links(iframe):
    body = clean_body(f"<p>Xem</p>{iframe}")
    assert "<iframe" not in body
    assert re.search(r'<a href="https?://[^"]+" rel="noopener noreferrer">', body)


@pytest.mark.parametrize(
    "iframe",
    [
        '<iframe src="javascript:alert(1)"></iframe>',
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
        '<iframe src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
        "<iframe></iframe>",
        '<IFRAME SRC="vbscript:x"></IFRAME>',
    ],
)
def test_hostile_iframes_are_removed(iframe):
    body = clean_body(f"<p>Xem</p>{iframe}")
    assert body == "<p>Xem</p>"


def test_videos_in_a_body_keep_only_our_media():
    body = clean_body(
        '<video src="/media/videos/2026/12/0123456789abcdef0123456789abcdef/720p.mp4" poster="javascript:alert(1)" '
        'onplay="alert(1)" autoplay>x</video><video src="https://evil.example/x.mp4"></video>'
        '<video src="/media/../etc/passwd"></video>'
    )
    assert body == (
        '<video src="/media/videos/2026/12/0123456789abcdef0123456789abcdef/720p.mp4" title="" '
        'controls preload="none"></video>'
    )


def test_csp_frame_src_is_exactly_the_embed_hosts(client, publication):
    ArticleFactory()
    response = client.get("/")
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )
    assert sorted(directives["frame-src"].split()) == sorted(embeds.FRAME_HOSTS)
    assert sorted(django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]) == sorted(embeds.FRAME_HOSTS)


def test_readers_get_a_facade_and_nothing_from_the_provider(client, publication):
    article = ArticleFactory(body=f'<p>Mời xem.</p><iframe src="{YT}" title="Lễ hội Hoa Ban"></iframe>')
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<iframe" not in page
    assert "youtube-nocookie.com/embed/dQw4w9WgXcQ" in page  # only as data for the script
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in page  # without JavaScript: a link
    assert "Xem video YouTube: Lễ hội Hoa Ban" in page
    assert "js/embeds.js" in page
    # No address on the page makes the browser fetch from the provider.
    for attribute in re.findall(r'\s(?:src|srcset|href)="([^"]+)"', page):
        if "youtube" in attribute:
            assert attribute == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    printed = client.get(article.get_print_url()).content.decode()
    assert "Nội dung nhúng từ YouTube: https://www.youtube.com/watch?v=dQw4w9WgXcQ" in printed


def test_an_editor_saving_a_foreign_iframe_is_told_and_the_article_saves(client, publication):
    from articles import roles

    from .test_admin import article_form

    user = UserFactory(username="btv", is_staff=True)
    user.groups.add(role_group(roles.SECRETARY))
    client.force_login(user)
    category = CategoryFactory()
    data = article_form(category, body='<p>Xem</p><iframe src="https://evil.example/player"></iframe>')
    response = client.post("/admin/articles/article/add/", data, follow=True)
    assert response.status_code == 200
    article = Article.objects.get()
    assert '<a href="https://evil.example/player"' in article.body and "<iframe" not in article.body
    assert "Khung nhúng từ “evil.example” không nằm trong danh sách cho phép" in response.content.decode()


def test_the_editor_embed_check(client):
    from articles import roles

    user = UserFactory(username="pv", is_staff=True)
    user.groups.add(role_group(roles.REPORTER))
    client.force_login(user)
    answer = client.get("/admin/articles/article/nhung/", {"url": "https://youtu.be/dQw4w9WgXcQ"})
    assert answer.status_code == 200 and answer.json()["src"] == YT
    refused = client.get("/admin/articles/article/nhung/", {"url": "https://vimeo.com/1"})
    assert refused.status_code == 400 and "sẽ chèn thành liên kết" in refused.json()["message"]


def test_a_video_article_has_the_player_json_ld_and_a_print_poster(client, publication):
    video = ready_video(captions="videos/phu-de/2026/12/ab.vtt")
    article = ArticleFactory(format=Article.Format.VIDEO, lead_video=video, body=f"<p>Mở đầu.</p>{video.body_html()}")
    page = client.get(article.get_absolute_url()).content.decode()
    base = "/media/videos/2026/12/0123456789abcdef0123456789abcdef"
    assert page.count('<video class="video-player" controls preload="none" playsinline') == 2  # lead and body
    assert f'poster="{base}/poster.jpg" width="1280" height="720" aria-label="Lễ hội Hoa Ban"' in page
    assert (
        f'<source src="{base}/720p.mp4" type="video/mp4" media="(min-width: 700px)">'
        f'<source src="{base}/360p.mp4" type="video/mp4">' in page
    )
    assert (
        '<track kind="captions" src="/media/videos/phu-de/2026/12/ab.vtt" srclang="vi" label="Tiếng Việt" default>'
        in page
    )
    data = [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    ]
    video_ld = next(d["video"] for d in data if d.get("@type") == "NewsArticle")
    assert video_ld["@type"] == "VideoObject" and video_ld["duration"] == "PT2M5S"
    assert video_ld["contentUrl"] == f"http://testserver{base}/720p.mp4"
    assert video_ld["thumbnailUrl"] == [f"http://testserver{base}/poster.jpg"]
    printed = client.get(article.get_print_url()).content.decode()
    assert "<video" not in printed
    assert f'<img src="{base}/poster.jpg"' in printed
    assert f"Xem tại http://testserver{article.get_absolute_url()}" in printed


def test_a_video_not_ready_is_not_shown(client, publication):
    video = ready_video(status=Video.Status.FAILED, files_dir="", renditions=[], width=None)
    article = ArticleFactory(format=Article.Format.VIDEO, lead_video=video)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<video" not in page and "VideoObject" not in page


def test_a_photo_story_is_a_plain_sequence_without_javascript(client, publication, django_assert_num_queries):
    category = CategoryFactory()
    article = ArticleFactory(format=Article.Format.PHOTO, category=category)
    pictures = [library_image(caption=f"Ảnh số {n} trong thư viện") for n in range(3)]
    for position, image in enumerate(pictures):
        PhotoStoryItem.objects.create(
            article=article, image=image, position=position, caption="Chú thích riêng" if position == 1 else ""
        )
    page = client.get(article.get_absolute_url()).content.decode()
    items = re.findall(r'<li class="photo-story-item" id="anh-(\d)">(.*?)</li>', page, re.S)
    assert [n for n, _ in items] == ["1", "2", "3"]
    assert "1/3</span> Ảnh số 0 trong thư viện" in items[0][1]
    assert "2/3</span> Chú thích riêng" in items[1][1]
    assert 'loading="eager"' in items[0][1] and 'loading="lazy"' in items[2][1]
    assert "js/photo-story.js" in page
    # The card on the category page says “Ảnh”.
    listing = client.get(category.get_absolute_url()).content.decode()
    assert re.search(r'<span class="media-mark media-mark-photo">.*?Ảnh</span>', listing, re.S)


def test_the_long_form_layout_has_a_cover_and_a_table_of_contents(client, publication):
    image = library_image(width=1920, height=1080)
    article = ArticleFactory(
        format=Article.Format.EMAGAZINE,
        featured_image=image,
        body="<p>Mở.</p><h2>Những ngày đầu</h2><p>a</p><blockquote><p>Câu nói nổi bật</p></blockquote>"
        "<h2>Những ngày đầu</h2><p>b</p><h2>Về <em>Mường Phăng</em></h2>",
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="article article-format-emagazine article-longform"' in page
    assert re.search(r'<div class="longform-cover">\s*<figure class="article-figure">', page)
    assert '<a href="#nhung-ngay-dau">Những ngày đầu</a>' in page
    assert '<a href="#nhung-ngay-dau-2">Những ngày đầu</a>' in page
    assert '<a href="#ve-muong-phang">Về Mường Phăng</a>' in page
    assert '<h2 id="ve-muong-phang">Về <em>Mường Phăng</em></h2>' in page
    assert 'class="sidebar' not in page


def test_multimedia_listings_gather_the_genres_across_categories(client, publication):
    video = ArticleFactory(format=Article.Format.VIDEO, title="Bài video")
    photo = ArticleFactory(format=Article.Format.PHOTO, title="Bài ảnh")
    longform = ArticleFactory(format=Article.Format.EMAGAZINE, title="Bài dài")
    ArticleFactory(title="Bài thường")
    ArticleFactory(format=Article.Format.VIDEO, title="Bài video nháp", draft=True)

    def titles(url):
        response = client.get(url)
        assert response.status_code == 200
        return re.findall(r'<h2 class="card-title">.*?<a href="[^"]+">([^<]+)</a>', response.content.decode(), re.S)

    assert titles("/da-phuong-tien/") == ["Bài dài", "Bài ảnh", "Bài video"]
    assert titles("/da-phuong-tien/video/") == ["Bài video"]
    assert titles("/da-phuong-tien/anh/") == ["Bài ảnh"]
    assert titles("/da-phuong-tien/e-magazine/") == ["Bài dài"]
    assert client.get("/da-phuong-tien/khong-co/").status_code == 404
    assert client.get("/da-phuong-tien/?page=abc").status_code == 404
    feed = client.get("/rss/da-phuong-tien/video.rss").content.decode()
    assert "<title>Bài video</title>" in feed and "Bài ảnh" not in feed
    assert "Bài dài" in client.get("/rss/da-phuong-tien.rss").content.decode()
    assert {video.pk, photo.pk, longform.pk}


def test_no_category_can_take_the_multimedia_address():
    from django.core.exceptions import ValidationError

    from articles.models import Category

    category = Category(name="Đa phương tiện", slug="da-phuong-tien")
    with pytest.raises(ValidationError):
        category.clean()
    assert Category.objects.create(name="Đa phương tiện").slug != "da-phuong-tien"


def test_the_video_sitemap(client, publication):
    video = ready_video()
    article = ArticleFactory(format=Article.Format.VIDEO, lead_video=video)
    ArticleFactory(
        lead_video=ready_video(key="f" * 32, status=Video.Status.FAILED, files_dir="", renditions=[], width=None)
    )
    xml = client.get("/sitemap-videos.xml").content.decode()
    assert xml.count("<video:video>") == 1
    assert f"<loc>http://testserver{article.get_absolute_url()}</loc>" in xml
    assert (
        "<video:content_loc>http://testserver/media/videos/2026/12/0123456789abcdef0123456789abcdef/720p.mp4</video:content_loc>"
        in xml
    )
    assert "<video:duration>125</video:duration>" in xml
    assert "Sitemap: http://testserver/sitemap-videos.xml" in client.get("/robots.txt").content.decode()


def test_pages_of_a_video_article_cost_no_extra_query(client, publication, django_assert_num_queries):
    """The lead video comes with the article (a join); a standard article
    reads no photo-story items."""
    plain = ArticleFactory()
    with_video = ArticleFactory(format=Article.Format.VIDEO, lead_video=ready_video(), category=plain.category)
    client.get(plain.get_absolute_url())
    client.get(with_video.get_absolute_url())
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for article in (plain, with_video):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
