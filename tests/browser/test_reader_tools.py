"""In a real browser: voting in the sidebar poll (and being refused a second
time), the links dropdown opening a site in a new tab (a plain list without
JavaScript), the A−/A+ buttons remembered across pages, copy-link."""

import pytest
from playwright.sync_api import expect

from links.models import Link, LinkGroup
from tests.factories import ArticleFactory
from tests.polls.conftest import make_poll

from .conftest import new_page


@pytest.fixture
def article(publication):
    ArticleFactory(title="Một tin khác")
    return ArticleFactory(title="Điện Biên đón mùa hoa ban")


def test_reader_votes_in_the_sidebar_poll_once(page, live_server, article, screenshot):
    poll = make_poll(question="Bạn thích đọc tin trên thiết bị nào?", options=("Điện thoại", "Máy tính", "Báo in"))
    old_tab = page.context.new_page()  # opened before the vote, still showing the form
    old_tab.goto(live_server.url + article.get_absolute_url())
    page.goto(live_server.url + article.get_absolute_url())
    widget = page.locator(".widget-poll")
    expect(widget).to_contain_text("Thăm dò ý kiến")
    expect(widget).to_contain_text("Bạn thích đọc tin trên thiết bị nào?")
    widget.get_by_label("Máy tính").check()
    widget.get_by_role("button", name="Biểu quyết").click()

    expect(page.locator(".messages")).to_contain_text("Cảm ơn bạn đã biểu quyết.")
    expect(page.locator("main .poll-results")).to_contain_text("Máy tính")
    expect(page.locator("main .poll-results")).to_contain_text("1 phiếu (100%)")
    screenshot(page, "voted")

    # Back on the article, the sidebar shows results instead of the form.
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator(".widget-poll form")).to_have_count(0)
    expect(page.locator(".widget-poll")).to_contain_text("Tổng cộng: 1 phiếu")

    # A second vote from the same browser (the old tab) is refused with a message.
    old_tab.locator(".widget-poll").get_by_label("Báo in").check()
    old_tab.locator(".widget-poll").get_by_role("button", name="Biểu quyết").click()
    expect(old_tab.locator(".messages")).to_contain_text("Bạn đã biểu quyết trong cuộc thăm dò này rồi.")
    expect(old_tab.locator("main .poll-total")).to_have_text("Tổng cộng: 1 phiếu")
    screenshot(old_tab, "refused")
    assert [o.votes for o in poll.options.order_by("position")] == [0, 1, 0]


def test_links_dropdown_opens_the_chosen_site_in_a_new_tab(page, live_server, article, screenshot):
    group = LinkGroup.objects.create(name="Báo địa phương")
    Link.objects.create(group=group, title="Báo Lai Châu", url=live_server.url + "/rss/")
    page.goto(live_server.url + "/")
    select = page.locator(".widget-links select")
    expect(select).to_be_visible()
    expect(select.locator("option").first).to_have_text("--- Website khác ---")
    expect(page.locator(".widget-links .link-list")).to_be_hidden()
    with page.context.expect_page() as new_tab:
        select.select_option(label="Báo Lai Châu")
    opened = new_tab.value
    opened.wait_for_load_state()
    assert opened.url == live_server.url + "/rss/"
    assert page.url == live_server.url + "/"  # the paper stays open
    expect(select).to_have_value("")
    screenshot(page)


def test_links_are_a_plain_list_without_javascript(browser, live_server, article):
    group = LinkGroup.objects.create(name="Báo địa phương")
    Link.objects.create(group=group, title="Báo Bắc Kạn", url="https://baobackan.vn/")
    page = new_page(browser, java_script_enabled=False)
    page.goto(live_server.url + "/")
    expect(page.locator(".widget-links select")).to_be_hidden()
    link = page.locator(".widget-links .link-list a", has_text="Báo Bắc Kạn")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("target", "_blank")
    expect(page.locator("[data-font-size-tools]")).to_have_count(0)  # home page: no article tools
    page.context.close()


def test_font_size_buttons_are_remembered_by_the_browser(page, live_server, article, screenshot):
    page.goto(live_server.url + article.get_absolute_url())
    body = page.locator(".article-body")
    normal = body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    bigger = body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert bigger > normal * 1.15

    other = ArticleFactory(title="Bài thứ ba")
    page.goto(live_server.url + other.get_absolute_url())
    assert page.locator(".article-body").evaluate("e => parseFloat(getComputedStyle(e).fontSize)") == bigger
    page.get_by_role("button", name="Giảm cỡ chữ").click()
    page.get_by_role("button", name="Giảm cỡ chữ").click()
    assert page.locator(".article-body").evaluate("e => parseFloat(getComputedStyle(e).fontSize)") == normal
    screenshot(page)


def test_font_size_buttons_hidden_without_javascript(browser, live_server, article):
    page = new_page(browser, java_script_enabled=False)
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("[data-font-size-tools]")).to_be_hidden()
    expect(page.locator(".share-copy")).to_have_attribute("href", live_server.url + article.get_absolute_url())
    page.context.close()


def test_copy_link_copies_the_address(browser, live_server, article):
    page = new_page(browser, permissions=["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("link", name="Sao chép liên kết").click()
    expect(page.locator("[data-copy-status]")).to_have_text("Đã sao chép liên kết")
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + article.get_absolute_url()
    assert page.url == live_server.url + article.get_absolute_url()
    page.context.close()
