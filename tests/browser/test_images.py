"""Library images as a reader sees them in Chromium: a body figure with its
caption, loaded from a rendition of the right size; the featured image."""

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, library_image

from .conftest import PHONE, new_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def story(publication):
    featured = library_image(1600, 1000, caption="Cánh đồng Mường Thanh mùa lúa chín.", credit="Ảnh: Quang Long")
    inline = library_image(1200, 800, caption="Phiên chợ Mường Lay.", credit="Ảnh: Minh Đức")
    body = (
        "<p>Đoạn mở đầu của bài viết.</p>"
        + inline.figure_html(caption="Bà con bản Na Sang mang nông sản xuống chợ.")
        + "<p>Đoạn cuối của bài viết.</p>"
    )
    return ArticleFactory(title="Chợ phiên vùng cao", body=body, featured_image=featured), featured, inline


def test_body_figure_with_caption_shows_on_the_article_page(live_server, page, story, screenshot):
    article, featured, inline = story
    page.goto(live_server.url + article.get_absolute_url())
    figure = page.locator(".article-body figure")
    expect(figure).to_be_visible()
    expect(figure.locator("figcaption")).to_have_text("Bà con bản Na Sang mang nông sản xuống chợ. Ảnh: Minh Đức")
    img = figure.locator("img")
    img.scroll_into_view_if_needed()
    expect(img).to_have_attribute("loading", "lazy")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    # Chromium chose one of the WebP renditions, not the original.
    current = img.evaluate("img => img.currentSrc")
    assert inline.key in current and current.endswith(".webp"), current
    box = img.bounding_box()
    assert box["width"] > 300 and abs(box["height"] / box["width"] - 800 / 1200) < 0.02

    top = page.locator(".article-figure img")
    expect(top).to_be_visible()
    expect(page.locator(".article-figure figcaption")).to_contain_text("Cánh đồng Mường Thanh mùa lúa chín.")
    assert top.evaluate("img => img.naturalWidth") > 0
    screenshot(page)


def test_phone_gets_a_small_rendition(live_server, browser, story):
    article, featured, _inline = story
    page = new_page(browser, viewport=PHONE)
    try:
        page.goto(live_server.url + article.get_absolute_url())
        top = page.locator(".article-figure img")
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=top.element_handle())
        width = top.evaluate("img => img.naturalWidth")
        assert width <= 1280, width  # 390 px wide at the device's pixel ratio: never the 1600 px one
        assert featured.key in top.evaluate("img => img.currentSrc")
    finally:
        page.context.close()
