"""What a reader sees and does on the public pages, in a real browser."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import ArticleFactory, CategoryFactory

from .conftest import PHONE, new_page

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
DATELINE = re.compile(r"\d{2}:\d{2} - (Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ Nhật), \d{2}/\d{2}/\d{4}")
LEAD = "Hàng nghìn du khách về thăm Di tích lịch sử Chiến trường Điện Biên Phủ dịp cuối tuần."
BYLINE = "Bài, ảnh: Quang Long"
SKIP_LINK = "Bỏ qua, đến nội dung chính"


@pytest.fixture
def story(publication):
    """A long published article (40 paragraphs, so the page scrolls far), with
    tags, in a category that has three other stories for “Tin khác”."""
    category = CategoryFactory(name="Văn hóa - Du lịch")
    now = timezone.now()
    others = [
        ArticleFactory(
            category=category,
            title=f"Tin cùng chuyên mục số {n}",
            published_at=now - timedelta(hours=2 + n),
        )
        for n in range(1, 4)
    ]
    paragraphs = "".join(
        f"<p>Đoạn {n}: Bảo tàng Chiến thắng lịch sử Điện Biên Phủ đón đoàn khách từ các tỉnh miền xuôi, "
        "hướng dẫn viên kể lại những trận đánh trên đồi A1 và cứ điểm Him Lam.</p>"
        for n in range(1, 41)
    )
    article = ArticleFactory(
        category=category,
        title="Điện Biên Phủ đón lượng khách kỷ lục dịp cuối tuần",
        lead=LEAD,
        body=paragraphs,
        byline=BYLINE,
        tags=["Điện Biên Phủ", "du lịch"],
        published_at=now - timedelta(minutes=30),
    )
    return {"article": article, "others": others, "category": category, "publication": publication}


def open_article(page, live_server, article):
    page.goto(live_server.url + article.get_absolute_url())
    return page


def assert_in_order(text, parts):
    """Each of ``parts`` appears in ``text``, each after the one before."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found != -1, f"{part!r} missing, or not after {text[:position][-80:]!r}"
        position = found + len(part)


# The article page


def test_article_page_shows_the_story_in_reading_order(page, live_server, story, screenshot):
    article, others = story["article"], story["others"]
    open_article(page, live_server, article)
    screenshot(page)

    main = page.locator("main")
    expect(main.locator(".article-label")).to_have_text("VĂN HÓA - DU LỊCH")
    expect(main.locator("h1")).to_have_text(article.title)
    local = timezone.localtime(article.published_at)
    expect(main.locator("time.dateline")).to_have_text(f"{local:%H:%M} - {WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y}")
    expect(main.locator("time.dateline")).to_have_text(DATELINE)
    expect(main.locator(".article-meta")).to_contain_text("Lượt xem: 1")
    expect(main.get_by_role("link", name="In bài viết")).to_be_visible()
    expect(main.locator(".sapo")).to_have_text(f"ĐBP - {LEAD}")
    expect(main.locator(".article-body p")).to_have_count(40)
    expect(main.locator(".byline")).to_have_text(BYLINE)
    tags = main.locator(".tags a[rel=tag]")
    expect(tags).to_have_count(2)
    expect(main.locator(".tags")).to_contain_text("Từ khóa:")
    expect(main.get_by_role("link", name="Điện Biên Phủ", exact=True)).to_have_attribute(
        "href", "/tu-khoa/dien-bien-phu/"
    )
    expect(main.get_by_role("link", name="du lịch", exact=True)).to_have_attribute("href", "/tu-khoa/du-lich/")
    related = main.locator("section.related")
    expect(related.get_by_role("heading")).to_have_text("Tin khác")
    expect(related.locator("li a")).to_have_text([other.title for other in others])  # newest first
    expect(related).not_to_contain_text(article.title)

    assert_in_order(
        main.text_content(),  # the DOM's text: “Tin khác” is upper-cased by CSS only
        [
            "VĂN HÓA - DU LỊCH",
            article.title,
            f"{local:%H:%M} - ",
            "Lượt xem: 1",
            "In bài viết",
            "ĐBP - ",
            "Đoạn 1:",
            "Đoạn 40:",
            BYLINE,
            "Từ khóa:",
            "Tin khác",
            others[0].title,
        ],
    )


def test_back_to_top_appears_after_scrolling_and_returns_to_the_top(page, live_server, story, screenshot):
    open_article(page, live_server, story["article"])
    back_to_top = page.locator("[data-back-to-top]")
    expect(back_to_top).to_have_text("Back To Top")
    expect(back_to_top).to_be_hidden()

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(back_to_top).to_be_visible()
    expect(back_to_top).to_be_in_viewport()
    screenshot(page)

    back_to_top.click()
    # (wait_for_function evaluates a string, which the page's CSP forbids)
    for _ in range(50):
        if page.evaluate("window.scrollY") == 0:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("window.scrollY") == 0
    expect(page.locator("#top")).to_be_focused()
    expect(back_to_top).to_be_hidden()


def test_back_to_top_is_a_plain_link_without_javascript(browser, live_server, story, screenshot):
    page = new_page(browser, java_script_enabled=False)
    try:
        open_article(page, live_server, story["article"])
        screenshot(page)
        back_to_top = page.get_by_role("link", name="Back To Top")
        expect(back_to_top).to_be_visible()
        expect(back_to_top).to_have_attribute("href", "#top")
        back_to_top.click()
        expect(page).to_have_url(re.compile(r"#top$"))
    finally:
        page.context.close()


def test_print_view_shows_only_the_story_and_prints_on_request(page, live_server, story, screenshot):
    article, publication = story["article"], story["publication"]
    page.add_init_script("window.printCalls = 0; window.print = () => { window.printCalls += 1; };")
    open_article(page, live_server, article)
    page.get_by_role("link", name="In bài viết").click()
    expect(page).to_have_url(live_server.url + article.get_print_url())
    screenshot(page)

    expect(page.locator("nav.main-nav")).to_have_count(0)
    expect(page.locator(".sidebar")).to_have_count(0)
    expect(page.locator("[data-back-to-top]")).to_have_count(0)
    expect(page.locator(".print-masthead")).to_contain_text(publication.name)
    expect(page.locator("h1")).to_have_text(article.title)
    expect(page.locator("time.dateline")).to_have_text(DATELINE)
    expect(page.locator(".sapo")).to_have_text(f"ĐBP - {LEAD}")
    expect(page.locator(".byline")).to_have_text(BYLINE)
    address = live_server.url + article.get_absolute_url()
    expect(page.locator(".print-footer")).to_contain_text(address)
    expect(page.locator(".print-footer a")).to_have_attribute("href", address)

    print_button = page.get_by_role("button", name="In", exact=True)
    expect(print_button).to_be_visible()
    print_button.click()
    assert page.evaluate("window.printCalls") == 1


def test_first_tab_reveals_the_skip_link(page, live_server, story, screenshot):
    open_article(page, live_server, story["article"])
    skip_link = page.get_by_role("link", name=SKIP_LINK)
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    expect(skip_link).to_have_attribute("href", "#main")
    screenshot(page)


# The home page


def test_home_page_shows_featured_and_latest_stories(page, live_server, story, screenshot):
    featured = ArticleFactory(category=story["category"], title="Khai mạc Lễ hội Hoa Ban 2025", featured_position=1)
    page.goto(live_server.url + "/")
    screenshot(page)

    featured_block = page.locator("section.block-featured")
    expect(featured_block.get_by_role("heading", level=2)).to_have_text("Tin tiêu điểm")
    expect(featured_block.locator(".card-title")).to_have_text([featured.title])
    latest_block = page.locator("section.block-latest")
    expect(latest_block.get_by_role("heading", level=2)).to_have_text("Mới nhất")
    expect(latest_block.locator(".card-title")).to_have_text(
        [story["article"].title, *(other.title for other in story["others"])]
    )


# Phones


@pytest.mark.parametrize("which", ["home", "article"])
def test_pages_fit_a_phone_screen_without_horizontal_scroll(browser, live_server, story, screenshot, which):
    page = new_page(browser, viewport=PHONE)
    try:
        path = "/" if which == "home" else story["article"].get_absolute_url()
        page.goto(live_server.url + path)
        screenshot(page)
        widths = page.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
        assert widths["scroll"] <= widths["inner"], f"horizontal scroll on a phone: {widths}"
    finally:
        page.context.close()
