"""The print edition in a real browser, in every theme: the page viewer
(next and previous page by click, keys and swipe; zoom in place), the same
viewer without JavaScript (plain links), and axe-core on its pages at phone
and desktop widths (screenshots: test-artifacts/screenshots/print-edition-<theme>-<page>-<width>.png)."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from editions.models import PrintedArticle
from newsroom.themes import THEMES
from tests.factories import ArticleFactory, printed_issue

from .conftest import DESKTOP, PHONE, new_page, save_screenshot
from .test_themes import run_axe

TEXTS = [
    "Tỉnh Điện Biên đón hơn 20 nghìn lượt khách dịp lễ hội Hoa Ban.",
    "Bắc Kạn: mùa lúa mới trên ruộng bậc thang ở Ba Bể.",
    "Thể thao: giải bóng chuyền các dân tộc huyện Mường Ảng.",
]


@pytest.fixture(params=sorted(THEMES))
def issue(request, publication):
    publication.theme = request.param
    publication.save()
    issue = printed_issue(pages=3, texts=TEXTS, number=1234, date=date(2026, 12, 4))
    PrintedArticle.objects.create(issue=issue, article=ArticleFactory(title="Lễ hội Hoa Ban 2026"), page_number=1)
    issue.theme = request.param
    return issue


def test_viewer_turns_pages_by_click_keys_and_swipe(browser, live_server, issue):
    page = new_page(browser, has_touch=True)
    try:
        page.goto(live_server.url + issue.page_url(1))
        expect(page.locator("html")).to_have_class(re.compile(rf"\btheme-{issue.theme}\b"))
        expect(page.locator("[data-viewer-help]")).to_be_visible()
        page.get_by_role("link", name="Trang sau ›").click()
        expect(page).to_have_url(re.compile(r"/so-1234/trang-2/$"))
        page.keyboard.press("ArrowRight")
        expect(page).to_have_url(re.compile(r"/so-1234/trang-3/$"))
        page.keyboard.press("ArrowLeft")
        expect(page).to_have_url(re.compile(r"/so-1234/trang-2/$"))
        swipe(page, from_x=600, to_x=200)  # to the left: the next page
        expect(page).to_have_url(re.compile(r"/so-1234/trang-3/$"))
        swipe(page, from_x=200, to_x=600)
        expect(page).to_have_url(re.compile(r"/so-1234/trang-2/$"))
    finally:
        page.context.close()


def swipe(page, from_x, to_x, y=400):
    page.locator("[data-viewer-frame]").evaluate(
        """(frame, [fromX, toX, y]) => {
            const touch = (x) => new Touch({identifier: 1, target: frame, clientX: x, clientY: y});
            const start = touch(fromX), end = touch(toX);
            const event = (type, touches, changed) =>
                new TouchEvent(type, {touches: touches, changedTouches: changed, bubbles: true});
            frame.dispatchEvent(event('touchstart', [start], [start]));
            frame.dispatchEvent(event('touchend', [], [end]));
        }""",
        [from_x, to_x, y],
    )


def test_zoom_enlarges_the_page_in_place_and_escape_returns(browser, live_server, issue):
    page = new_page(browser)
    try:
        page.goto(live_server.url + issue.page_url(2))
        image = page.locator(".viewer-image")
        normal = image.bounding_box()["width"]
        zoom = page.get_by_role("button", name="Phóng to")
        expect(zoom).to_have_attribute("aria-pressed", "false")
        zoom.click()
        expect(page.get_by_role("button", name="Thu nhỏ")).to_have_attribute("aria-pressed", "true")
        assert image.bounding_box()["width"] == 2000 > normal
        expect(page).to_have_url(re.compile(r"/trang-2/$"))  # still the viewer, not the image file
        frame = page.get_by_role("region", name=re.compile("Trang phóng to"))
        frame.focus()
        page.keyboard.press("ArrowRight")  # zoomed, the arrows move the page, not to the next one
        expect(page).to_have_url(re.compile(r"/trang-2/$"))
        violations = run_axe(page)
        assert violations == [], "\n".join(violations)
        page.keyboard.press("Escape")
        expect(page.get_by_role("button", name="Phóng to")).to_have_attribute("aria-pressed", "false")
        assert image.bounding_box()["width"] == normal
        page.keyboard.press("+")
        expect(page.locator("[data-viewer]")).to_have_class(re.compile(r"\bis-zoomed\b"))
    finally:
        page.context.close()


def test_without_javascript_the_viewer_is_plain_links(browser, live_server, issue):
    page = new_page(browser, java_script_enabled=False)
    try:
        page.goto(live_server.url + issue.page_url(1))
        expect(page.locator("[data-viewer-help]")).to_be_hidden()
        page.get_by_role("link", name="Trang sau ›").click()
        expect(page).to_have_url(re.compile(r"/so-1234/trang-2/$"))
        page.get_by_role("link", name="3", exact=True).click()
        expect(page).to_have_url(re.compile(r"/so-1234/trang-3/$"))
        with page.expect_response(re.compile(r"trang-003-2000\.jpg$")) as zoomed:
            page.get_by_role("link", name="Phóng to").click()
        assert zoomed.value.status == 200
        assert zoomed.value.headers["content-type"] == "image/jpeg"
    finally:
        page.context.close()


def test_print_edition_pages_are_accessible(browser, live_server, issue):
    """The archive, the issue, the viewer and search with printed pages, at
    both widths: no horizontal scrolling, no serious axe violation."""
    urls = {
        "archive": "/bao-in/",
        "issue": issue.get_absolute_url(),
        "page": issue.page_url(1),
        "search": "/tim-kiem/?q=dien+bien",
    }
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = new_page(browser, viewport=viewport)
        try:
            for page_type, url in urls.items():
                page.goto(live_server.url + url)
                expect(page.locator("h1").first).to_be_visible()
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (
                    page_type,
                    label,
                )
                save_screenshot(page, f"print-edition/{issue.theme}-{page_type}-{label}")
                violations = run_axe(page)
                assert violations == [], f"{issue.theme} {page_type} at {label} width:\n" + "\n".join(violations)
        finally:
            page.context.close()
