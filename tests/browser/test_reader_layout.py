"""The reader's layout at phone, tablet and desktop widths (320, 390, 768,
1280 px): the menu folds on phones without JavaScript and opens with the
keyboard, home cards without a picture and poll options hold, printing any
page leaves only its content. Screenshots in test-artifacts/screenshots/."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import ArticleFactory, CategoryFactory, library_image
from tests.polls.conftest import make_poll

from .conftest import new_page, save_screenshot

WIDTHS = [320, 390, 768, 1280]
FOLDED_BELOW = 900  # site.css: the menu folds under this width
LONG_OPTION = "Đọc trên điện thoại di động thông minh, cả khi đang đi làm nương xa nhà ở các bản vùng cao"


@pytest.fixture
def site(publication):
    now = timezone.now()
    categories = [
        CategoryFactory(name=name, show_on_home=True)
        for name in ("Thời sự", "Chính trị", "Kinh tế", "Văn hóa", "Xã hội", "Thể thao", "Quốc phòng - An ninh")
    ]
    picture = library_image()
    lead = "Bà con các bản vùng cao phấn khởi đón mùa lúa mới, năng suất cao hơn mọi năm."
    for n, category in enumerate(categories):
        # The first story of each block has a picture, the others have none.
        ArticleFactory(
            category=category,
            title=f"Tin có ảnh của chuyên mục {category.name}",
            lead=lead,
            featured_image=picture,
            published_at=now - timedelta(hours=n, minutes=5),
        )
        for k in range(2):
            ArticleFactory(
                category=category,
                title=f"Tin không có ảnh số {k + 1} của chuyên mục {category.name}, tiêu đề khá dài",
                lead=lead,
                published_at=now - timedelta(hours=n, minutes=10 + k),
            )
    poll = make_poll(question="Bạn đọc báo trên thiết bị nào nhiều nhất?", options=(LONG_OPTION, "Máy tính"))
    article = ArticleFactory(
        category=categories[0],
        title="Bài để in: lễ hội xuống đồng",
        lead=lead,
        body="".join(f"<p>Đoạn {n} của bài viết.</p>" for n in range(1, 6)),
        tags=["lễ hội"],
        published_at=now - timedelta(minutes=1),
    )
    return {"poll": poll, "article": article}


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_menu_folds_on_phones_and_opens_with_the_keyboard(browser, live_server, site, width):
    page = new_page(browser, viewport={"width": width, "height": 800}, java_script_enabled=False)
    page.goto(live_server.url + "/")
    summary = page.locator("nav.main-nav summary")
    first_item = page.locator("nav.main-nav .menu a", has_text="Chính trị").first
    if width < FOLDED_BELOW:
        expect(summary).to_be_visible()
        expect(summary).to_have_text("☰ Chuyên mục")
        expect(first_item).to_be_hidden()
        # One row, not five: the folded menu is a single bar.
        assert page.locator("nav.main-nav").bounding_box()["height"] < 60
        page.keyboard.press("Tab")  # the skip link
        while page.evaluate("document.activeElement.tagName") != "SUMMARY":
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(first_item).to_be_visible()
        save_screenshot(page, f"reader-menu-open-{width}")
        page.keyboard.press("Enter")
        expect(first_item).to_be_hidden()
    else:
        expect(summary).to_be_hidden()
        expect(first_item).to_be_visible()
    assert no_horizontal_scroll(page)
    save_screenshot(page, f"reader-home-{width}")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_cards_without_a_picture_use_the_whole_width(browser, live_server, site, width):
    page = new_page(browser, viewport={"width": width, "height": 800})
    page.goto(live_server.url + "/")
    cards = page.locator(".block-category .card:not(:has(.card-image))")
    assert cards.count() >= 7
    for i in range(cards.count()):
        card, title = cards.nth(i).bounding_box(), cards.nth(i).locator(".card-title").bounding_box()
        assert title["width"] >= card["width"] * 0.9, (width, i, title, card)
    assert no_horizontal_scroll(page)
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_poll_options_stay_beside_their_radio_buttons(browser, live_server, site, width):
    page = new_page(browser, viewport={"width": width, "height": 800})
    page.goto(live_server.url + site["poll"].get_absolute_url())
    options = page.locator("main .poll-option")
    assert options.count() == 2
    for i in range(2):
        radio = options.nth(i).locator("input").bounding_box()
        text = options.nth(i).locator(".poll-option-text").bounding_box()
        assert text["x"] >= radio["x"] + radio["width"], (width, radio, text)  # beside, never under
        assert abs(text["y"] - radio["y"]) < 12, (width, radio, text)  # starting on the same line
    long_text = options.nth(0).locator(".poll-option-text").bounding_box()
    radio = options.nth(0).locator("input").bounding_box()
    assert long_text["x"] + long_text["width"] <= width  # wraps under itself, inside the page
    assert radio["x"] >= 0
    assert no_horizontal_scroll(page)
    save_screenshot(page, f"reader-poll-{width}")
    page.context.close()


PRINT_HIDDEN = [
    ".search-box",
    ".main-nav",
    ".font-size-tools",
    ".share-links",
    ".views",
    ".print-link",
    ".sidebar",
    ".site-footer",
    ".back-to-top",
    ".breadcrumb",
    ".related",
    ".comments",
]


@pytest.mark.parametrize("name", ["article", "home", "category", "poll"])
def test_printing_a_page_leaves_only_its_content(browser, live_server, site, name):
    page = new_page(browser, viewport={"width": 1280, "height": 900})
    url = {
        "article": site["article"].get_absolute_url(),
        "home": "/",
        "category": "/thoi-su/",
        "poll": site["poll"].get_absolute_url(),
    }[name]
    page.goto(live_server.url + url)
    expect(page.locator(".search-box")).to_be_visible()  # on screen
    page.emulate_media(media="print")
    for selector in PRINT_HIDDEN:
        for i in range(page.locator(selector).count()):
            expect(page.locator(selector).nth(i)).to_be_hidden()
    expect(page.locator("main h1").first).to_be_attached()
    if name == "article":
        expect(page.locator(".article-title")).to_be_visible()
        expect(page.locator(".article-body")).to_contain_text("Đoạn 5 của bài viết.")
        expect(page.locator(".dateline")).to_be_visible()
    else:
        expect(page.locator("main")).to_be_visible()
    save_screenshot(page, f"reader-print-{name}")
    page.context.close()
