"""What readers get: responsive pictures with srcset (WebP and JPEG),
width/height, sizes and lazy loading below the fold; body figures too; media
served with its type and nosniff."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory, CategoryFactory, library_image

from . import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return library_image(1500, 1000, caption="Ruộng bậc thang Mù Cang Chải.", credit="Ảnh: Quang Long")


def pictures(html):
    return re.findall(r"<picture.*?</picture>", html, re.S)


def test_article_page_featured_image_is_responsive_and_not_lazy(client, publication, image):
    article = ArticleFactory(featured_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="article-figure">.*?</figure>', html, re.S).group(0)
    assert f'type="image/webp" srcset="/media/{image.stem}-320.webp 320w, ' in figure
    assert f"/media/{image.stem}-1500.jpg 1500w" in figure
    assert 'sizes="(min-width: 1200px) 840px' in figure
    assert f'src="/media/{image.stem}-1280.jpg"' in figure
    assert 'width="1280" height="853"' in figure
    assert 'loading="eager"' in figure  # the top image is above the fold
    assert "Ruộng bậc thang Mù Cang Chải." in figure and '<span class="credit">Ảnh: Quang Long</span>' in figure


def test_article_caption_and_credit_override_the_library_ones(client, publication, image):
    article = ArticleFactory(
        featured_image=image, featured_image_caption="Mùa nước đổ.", featured_image_credit="Ảnh: TTXVN"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Mùa nước đổ." in html and "Ảnh: TTXVN" in html
    assert "Ruộng bậc thang Mù Cang Chải." not in html.split('class="article-body"')[0].split("</header>")[1]


def test_listing_cards_use_small_renditions_lazily_below_the_top(client, publication, image):
    category = CategoryFactory()
    for _ in range(4):
        ArticleFactory(category=category, featured_image=image)
    html = client.get(category.get_absolute_url()).content.decode()
    cards = pictures(html)
    assert len(cards) == 4
    assert 'loading="eager"' in cards[0]
    assert all('loading="lazy"' in card for card in cards[1:])
    assert all('sizes="(min-width: 600px) 220px, 120px"' in card for card in cards)
    assert all(re.search(r'<img [^>]*width="\d+" height="\d+"', card) for card in cards)


def test_body_figure_of_a_library_image_gets_renditions(client, publication, image):
    body = f"<p>Đoạn một.</p>{image.figure_html(caption='Thửa ruộng nhìn từ trên cao.')}<p>Đoạn hai.</p>"
    article = ArticleFactory(body=body)
    assert "<figure>" in article.body and "srcset" not in article.body  # stored plain
    html = client.get(article.get_absolute_url()).content.decode()
    body_html = re.search(r'<div class="article-body">(.*?)</div>', html, re.S).group(1)
    assert f"/media/{image.stem}-640.webp 640w" in body_html
    assert f"/media/{image.stem}-640.jpg 640w" in body_html
    assert 'loading="lazy"' in body_html and 'width="1280" height="853"' in body_html
    assert "<figcaption>Thửa ruộng nhìn từ trên cao. Ảnh: Quang Long</figcaption>" in body_html
    # The print view loads it at once.
    printed = client.get(article.get_print_url()).content.decode()
    assert f"{image.stem}-640.jpg 640w" in printed and 'loading="lazy"' not in printed


def test_body_images_from_elsewhere_are_left_alone(client, publication):
    article = ArticleFactory(body='<figure><img src="https://example.vn/anh.jpg" alt="x"></figure>')
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<img src="https://example.vn/anh.jpg" alt="x">' in html


def queries_for(path):
    """How many queries a first-time reader's request for ``path`` costs."""
    reader = Client(HTTP_USER_AGENT=BROWSER_UA)  # a new reader: the view is counted
    with CaptureQueriesContext(connection) as queries:
        response = reader.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_article_page_with_body_figures_adds_one_query(client, publication):
    images = [library_image(800, 600) for _ in range(3)]
    plain = ArticleFactory(body="<p>Không có ảnh.</p>")
    article = ArticleFactory(body="".join(image.figure_html() for image in images))
    # Warm what every article page shares (profile, tree, sidebar) with a third
    # article; each measured article's own fragments are then still cold.
    client.get(ArticleFactory().get_absolute_url())
    # One query for all the body's library images, whatever their number.
    assert queries_for(article.get_absolute_url())[0] == queries_for(plain.get_absolute_url())[0] + 1


def test_home_with_featured_images_makes_no_extra_query(client, publication):
    for _ in range(6):
        ArticleFactory(featured_position=1)
    cache.clear()
    without_images, _ = queries_for("/")
    image = library_image(800, 600)
    Article.objects.update(featured_image=image)
    cache.clear()
    # Both measured cold (no fragment cached): the images come with the
    # stories (select_related), never one query per card.
    with_images, html = queries_for("/")
    assert with_images == without_images
    assert html.count("<picture") == 6


def test_media_is_served_with_its_type_and_nosniff(client, publication, image):
    for name, content_type in ((image.file.name, "image/jpeg"), (image.rendition_name(320, "webp"), "image/webp")):
        response = client.get(f"/media/{name}")
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        b"".join(response.streaming_content)


def test_uploaded_files_never_keep_a_dangerous_name(client, publication):
    from images.services import add_image_from_file

    image = add_image_from_file(files.upload(files.png(), "trang.html"), original_filename="trang.html")
    assert image.file.name.endswith(".png")
