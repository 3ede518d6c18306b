"""The desk in a real browser, as each role uses it: dates typed by hand the
Vietnamese way, a scheduled story that says "Hẹn giờ", and Bàn làm việc
counting the work after each workflow step."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from articles import roles
from articles.models import Article
from tests.browser.conftest import new_page, save_screenshot
from tests.browser.test_editorial_workflow import log_in
from tests.factories import ArticleFactory, CategoryFactory


def panel(page, key):
    return page.locator(f".desk-panel.desk-{key}")


def count_of(page, key):
    return panel(page, key).locator(".desk-count")


def test_a_date_typed_day_first_schedules_and_says_hen_gio(page, live_server, publication):
    article = ArticleFactory(
        draft=True, status=Article.Status.IN_APPROVAL, category=CategoryFactory(name="Thời sự"), title="Bài hẹn giờ"
    )
    log_in(page, live_server, "thuky", roles.SECRETARY)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    # The calendar writes the way the form reads: dd/mm/yyyy.
    page.locator("#id_published_at_0").locator("xpath=..").get_by_role("link", name="Hôm nay").click()
    today = timezone.localtime(timezone.now())
    expect(page.locator("#id_published_at_0")).to_have_value(today.strftime("%d/%m/%Y"))
    expect(page.locator(".field-published_at .help")).to_contain_text("giờ Việt Nam, GMT+7")

    # A day that does not exist is a Vietnamese error, and nothing is published.
    page.fill("#id_published_at_0", "31/02/2026")
    page.fill("#id_published_at_1", "14:30")
    page.get_by_role("button", name="Xuất bản").click()
    expect(page.locator(".errorlist")).to_contain_text("Ngày không đúng")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_APPROVAL

    at = (today.replace(day=1) + timedelta(days=32)).replace(day=4)  # the 4th of next month
    typed = at.strftime("%d/%m/%Y")
    assert typed.startswith("04/")  # a day below 13: read as a day, not a month
    page.fill("#id_published_at_0", typed)
    page.fill("#id_published_at_1", "14:30")
    page.get_by_role("button", name="Xuất bản").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Hẹn giờ {typed} 14:30")
    expect(page.locator(".messagelist")).not_to_contain_text("Đã xuất bản")
    expect(page.locator(".workflow-state")).to_contain_text(f"Hẹn giờ {typed} 14:30")
    article.refresh_from_db()
    local = timezone.localtime(article.published_at)
    assert (local.day, local.month, local.hour, local.minute) == (4, at.month, 14, 30)

    page.goto(f"{live_server.url}/admin/articles/article/")
    page.locator("#changelist-filter").get_by_role("link", name="Hẹn giờ").click()
    row = page.locator("#result_list tbody tr", has_text="Bài hẹn giờ")
    expect(row).to_contain_text(f"Hẹn giờ {typed} 14:30")


def test_the_desk_counts_the_work_after_each_step(browser, live_server, publication):
    category = CategoryFactory(name="Kinh tế")
    reporter_page, editor_page, desk_page = new_page(browser), new_page(browser), new_page(browser)
    try:
        reporter = log_in(reporter_page, live_server, "phongvien", roles.REPORTER)
        log_in(editor_page, live_server, "bientap", roles.EDITOR)
        log_in(desk_page, live_server, "thuky", roles.SECRETARY)
        article = ArticleFactory(draft=True, created_by=reporter, category=category, title="Giá cà phê tăng mạnh")
        home = f"{live_server.url}/admin/"

        reporter_page.goto(home)
        expect(count_of(reporter_page, "drafts")).to_have_text("1")
        panel(reporter_page, "drafts").get_by_role("link", name="Giá cà phê tăng mạnh").click()
        reporter_page.get_by_role("button", name="Gửi biên tập").click()
        expect(reporter_page.locator(".messagelist")).to_contain_text("Chờ biên tập")
        reporter_page.goto(home)
        expect(count_of(reporter_page, "drafts")).to_have_text("0")
        expect(panel(reporter_page, "waiting")).to_contain_text("Giá cà phê tăng mạnh")

        editor_page.goto(home)
        expect(count_of(editor_page, "editing")).to_have_text("1")
        panel(editor_page, "editing").get_by_role("link", name="Chờ biên tập").click()
        expect(editor_page.locator("#result_list")).to_contain_text("Giá cà phê tăng mạnh")
        editor_page.get_by_role("link", name="Giá cà phê tăng mạnh").click()
        editor_page.fill("#id_transition_note", "Thiếu số liệu của Sở Nông nghiệp.")
        editor_page.get_by_role("button", name="Trả lại").click()
        expect(editor_page.locator(".messagelist")).to_contain_text("Trả lại")

        reporter_page.goto(home)
        returned = panel(reporter_page, "returned")
        expect(returned.locator(".desk-count")).to_have_text("1")
        expect(returned).to_contain_text("Thiếu số liệu của Sở Nông nghiệp.")
        save_screenshot(reporter_page, "desk-reporter")
        returned.get_by_role("link", name="Giá cà phê tăng mạnh").click()
        reporter_page.get_by_role("button", name="Gửi biên tập").click()
        expect(reporter_page.locator(".messagelist")).to_be_visible()

        editor_page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
        editor_page.get_by_role("button", name="Gửi duyệt").click()
        expect(editor_page.locator(".messagelist")).to_contain_text("Chờ duyệt")
        editor_page.goto(home)
        expect(count_of(editor_page, "editing")).to_have_text("0")

        desk_page.goto(home)
        expect(count_of(desk_page, "approval")).to_have_text("1")
        expect(count_of(desk_page, "scheduled")).to_have_text("0")
        panel(desk_page, "approval").get_by_role("link", name="Giá cà phê tăng mạnh").click()
        soon = timezone.localtime(timezone.now() + timedelta(hours=3))
        desk_page.fill("#id_published_at_0", soon.strftime("%d/%m/%Y"))
        desk_page.fill("#id_published_at_1", soon.strftime("%H:%M"))
        desk_page.get_by_role("button", name="Xuất bản").click()
        expect(desk_page.locator(".messagelist")).to_contain_text("Hẹn giờ")
        desk_page.goto(home)
        expect(count_of(desk_page, "approval")).to_have_text("0")
        expect(count_of(desk_page, "scheduled")).to_have_text("1")
        expect(panel(desk_page, "scheduled")).to_contain_text(re.compile(r"lên trang lúc \d\d/\d\d \d\d:\d\d"))
        save_screenshot(desk_page, "desk-secretary")
    finally:
        for page in (reporter_page, editor_page, desk_page):
            page.context.close()
