"""Multimedia in the browser: an embed loads nothing from its provider until
the reader clicks (requests counted), photo-story navigation by keyboard in
the lightbox, the long-form page axe-clean in every theme, and the editor's
embed button."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from articles import roles
from articles.models import Article, PhotoStoryItem
from newsroom.themes import THEMES
from tests.browser.test_editorial_workflow import log_in
from tests.browser.test_themes import run_axe
from tests.factories import ArticleFactory, CategoryFactory, library_image

from .conftest import PHONE, new_page, save_screenshot

YT = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
MAP = "https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3724.1!2d103.0!3d21.38"


def third_party(requests, live_server):
    own = urlsplit(live_server.url).netloc
    return [url for url in requests if urlsplit(url).netloc not in (own, "")]


def test_embeds_load_nothing_from_the_provider_before_the_click(page, live_server, publication):
    article = ArticleFactory(
        body=f'<p>Mời xem video.</p><iframe src="{YT}" title="Lễ hội Hoa Ban"></iframe>'
        f'<p>Bản đồ:</p><iframe src="{MAP}" title="Đồi A1"></iframe>'
    )
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    # The providers are not reachable from the test machine: answer for them,
    # so the test sees the frame's request and does not wait on the network.
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(body="<p>YouTube</p>", content_type="text/html"),
    )
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".embed-start")).to_have_count(2)
    assert third_party(requests, live_server) == []
    assert page.locator("iframe").count() == 0
    save_screenshot(page, "multimedia-embed-facade")

    page.get_by_role("link", name="Xem video YouTube: Lễ hội Hoa Ban").click()
    frame = page.locator("figure.embed-youtube iframe")
    expect(frame).to_have_attribute("src", f"{YT}?autoplay=1")
    expect(frame).to_have_attribute(
        "sandbox", "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation"
    )
    page.wait_for_load_state("networkidle")
    assert third_party(requests, live_server) == [f"{YT}?autoplay=1"]  # the map still loads nothing
    assert page.locator("figure.embed-maps iframe").count() == 0


def test_embeds_without_javascript_are_links(browser, live_server, publication):
    article = ArticleFactory(body=f'<iframe src="{YT}" title="Lễ hội Hoa Ban"></iframe>')
    page = new_page(browser, java_script_enabled=False)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    link = page.get_by_role("link", name="Xem video YouTube: Lễ hội Hoa Ban")
    expect(link).to_have_attribute("href", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    page.context.close()


def photo_story():
    article = ArticleFactory(
        format=Article.Format.PHOTO, title="Mùa hoa ban Điện Biên", category=CategoryFactory(name="Ảnh")
    )
    for n in range(3):
        PhotoStoryItem.objects.create(
            article=article, image=library_image(caption=f"Ảnh thứ {n + 1} của phóng sự"), position=n
        )
    return article


def test_photo_story_lightbox_with_keyboard(page, live_server, publication):
    article = photo_story()
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.locator(".photo-story-item")).to_have_count(3)
    page.locator(".photo-story-open").first.focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator(".photo-story-open").nth(1)).to_be_focused()
    page.keyboard.press("Enter")
    lightbox = page.locator("dialog.lightbox")
    expect(lightbox).to_be_visible()
    expect(lightbox.locator(".lightbox-caption")).to_contain_text("2/3 Ảnh thứ 2 của phóng sự")
    page.keyboard.press("ArrowRight")
    expect(lightbox.locator(".lightbox-caption")).to_contain_text("3/3 Ảnh thứ 3")
    page.keyboard.press("ArrowRight")  # wraps to the first
    expect(lightbox.locator(".lightbox-caption")).to_contain_text("1/3 Ảnh thứ 1")
    page.keyboard.press("ArrowLeft")
    expect(lightbox.locator(".lightbox-caption")).to_contain_text("3/3")
    save_screenshot(page, "multimedia-photo-story-lightbox")
    page.keyboard.press("Escape")
    expect(lightbox).to_be_hidden()
    expect(page.locator(".photo-story-open").nth(2)).to_be_focused()


def test_photo_story_swipe_on_a_phone(browser, live_server, publication):
    article = photo_story()
    page = new_page(browser, viewport=PHONE, has_touch=True, is_mobile=True)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.locator(".photo-story-open").first.tap()
    lightbox = page.locator("dialog.lightbox")
    expect(lightbox.locator(".lightbox-caption")).to_contain_text("1/3")
    page.evaluate(
        """() => {
            const d = document.querySelector('dialog.lightbox');
            const touch = (x) => new Touch({identifier: 1, target: d, clientX: x, clientY: 300});
            d.dispatchEvent(new TouchEvent('touchstart', {touches: [touch(300)], changedTouches: [touch(300)]}));
            d.dispatchEvent(new TouchEvent('touchend', {touches: [], changedTouches: [touch(100)]}));
        }"""
    )
    expect(lightbox.locator(".lightbox-caption")).to_contain_text("2/3")
    page.context.close()


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_long_form_page_is_accessible_in_every_theme(browser, live_server, publication, theme):
    publication.theme = theme
    publication.save()
    article = ArticleFactory(
        format=Article.Format.EMAGAZINE,
        title="Điện Biên: bảy mươi năm sau",
        featured_image=library_image(width=1920, height=1080, caption="Đồi A1 hôm nay"),
        body="<p>Mở đầu.</p><h2>Những ngày đầu</h2><p>Đoạn một.</p>"
        "<blockquote><p>“Quyết chiến, quyết thắng”</p></blockquote>"
        f"<h2>Mường Phăng</h2>{library_image(caption='Rừng Mường Phăng').figure_html()}<p>Đoạn hai.</p>"
        f'<iframe src="{YT}" title="Phóng sự"></iframe>',
    )
    page = new_page(browser)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.locator("nav.toc a")).to_have_count(2)
    page.get_by_role("link", name="Mường Phăng").click()
    expect(page).to_have_url(f"{live_server.url}{article.get_absolute_url()}#muong-phang")
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page scrolls sideways: {width}"
    violations = run_axe(page)
    save_screenshot(page, f"multimedia-longform-{theme}")
    page.context.close()
    assert violations == []


def test_the_editor_inserts_an_embed_at_the_cursor_and_a_link_for_other_addresses(page, live_server, publication):
    secretary = log_in(page, live_server, "thuky", roles.SECRETARY)
    article = ArticleFactory(draft=True, created_by=secretary, body="<p>Đoạn mở đầu.</p><p>Đoạn kết.</p>")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()
    editor.get_by_text("Đoạn mở đầu.").click()
    page.keyboard.press("End")
    page.get_by_role("button", name="Chèn video YouTube, Facebook, TikTok hoặc bản đồ Google Maps").click()
    dialog = page.locator("dialog").filter(has_text="Chèn video hoặc bản đồ nhúng")
    dialog.get_by_label("Địa chỉ (YouTube, Facebook, TikTok, Google Maps)").fill("https://youtu.be/dQw4w9WgXcQ")
    dialog.get_by_role("button", name="Chèn vào bài").click()
    expect(editor.locator(".editor-embed")).to_contain_text("www.youtube-nocookie.com")
    page.on("dialog", lambda alert: alert.accept())
    editor.get_by_text("Đoạn kết.").click()
    page.keyboard.press("End")
    page.get_by_role("button", name="Chèn video YouTube, Facebook, TikTok hoặc bản đồ Google Maps").click()
    dialog = page.locator("dialog").filter(has_text="Chèn video hoặc bản đồ nhúng")
    dialog.get_by_label("Địa chỉ (YouTube, Facebook, TikTok, Google Maps)").fill("https://vimeo.com/123")
    dialog.get_by_role("button", name="Chèn vào bài").click()
    expect(editor.locator("a[href='https://vimeo.com/123']")).to_have_count(1)
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    body = article.body
    assert body.index("Đoạn mở đầu.") < body.index(f'<iframe src="{YT}"') < body.index("Đoạn kết.")
    assert 'sandbox="allow-scripts' in body
    assert '<a href="https://vimeo.com/123"' in body
