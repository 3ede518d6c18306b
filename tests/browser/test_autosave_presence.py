"""Autosave and presence in a real browser: the network dies while an editor
types and the text comes back; two editors on one article see each other,
and the second takes over with a confirmation."""

import re

import pytest
from playwright.sync_api import expect

from articles import roles
from articles.models import Article, Autosave
from tests.browser.conftest import new_page, save_screenshot
from tests.browser.test_editorial_workflow import log_in
from tests.factories import ArticleFactory, CategoryFactory


@pytest.fixture
def quick(settings):
    """Autosave after one second, heartbeats every second."""
    settings.NEWSROOM_AUTOSAVE_SECONDS = 1
    settings.NEWSROOM_PRESENCE_SECONDS = 3


def change_url(live_server, article):
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


def test_text_typed_while_the_network_is_down_comes_back(browser, live_server, publication, quick):
    page = new_page(browser)
    try:
        reporter = log_in(page, live_server, "phongvien", roles.REPORTER)
        article = ArticleFactory(
            draft=True, created_by=reporter, category=CategoryFactory(name="Thời sự"), title="Bài về mùa lúa"
        )
        page.goto(change_url(live_server, article))
        editor = page.locator(".ProseMirror[contenteditable=true]")
        expect(editor).to_be_visible()
        editor.click()
        page.keyboard.press("Control+End")
        page.keyboard.type(" Đoạn gõ khi còn mạng.")
        expect(page.locator("#autosave-status")).to_contain_text("Đã tự động lưu lúc")
        assert "Đoạn gõ khi còn mạng." in Autosave.objects.get().data["body"]

        page.context.set_offline(True)
        page.fill("#id_title", "Bài về mùa lúa bội thu")
        editor.click()
        page.keyboard.press("Control+End")
        page.keyboard.type(" Đoạn gõ lúc mất mạng.")
        expect(page.locator("#autosave-status")).to_contain_text("Không lưu được lên máy chủ")
        save_screenshot(page, "desk-autosave-offline")
        page.close()  # the tab crashes with the network down
        page = page.context.new_page()
        page.context.set_offline(False)

        page.goto(change_url(live_server, article))
        offer = page.locator(".autosave-offer")
        expect(offer).to_contain_text("trong trình duyệt này")
        offer.get_by_role("button", name="Khôi phục bản này").click()
        expect(page.locator("#id_title")).to_have_value("Bài về mùa lúa bội thu")
        expect(page.locator(".ProseMirror[contenteditable]")).to_contain_text("Đoạn gõ lúc mất mạng.")
        page.locator("input[name=_continue]").click()
        expect(page.locator(".messagelist")).to_be_visible()
        article.refresh_from_db()
        assert article.title == "Bài về mùa lúa bội thu"
        assert "Đoạn gõ khi còn mạng." in article.body and "Đoạn gõ lúc mất mạng." in article.body
        assert not Autosave.objects.exists()
        # Saved: nothing is offered any more.
        page.reload()
        expect(page.locator(".ProseMirror[contenteditable]")).to_contain_text("Đoạn gõ lúc mất mạng.")
        expect(page.locator(".autosave-offer")).to_have_count(0)
    finally:
        page.context.close()


def test_two_editors_on_one_article_see_each_other_and_one_takes_over(browser, live_server, publication, quick):
    article = ArticleFactory(
        draft=True, status=Article.Status.IN_EDITING, category=CategoryFactory(name="Thời sự"), title="Bài hai người mở"
    )
    first, second = new_page(browser), new_page(browser)
    try:
        editor = log_in(first, live_server, "bientap", roles.EDITOR)
        editor.last_name, editor.first_name = "Nguyễn", "Văn A"
        editor.save()
        log_in(second, live_server, "thuky", roles.SECRETARY)
        first.goto(change_url(live_server, article))
        expect(first.locator(".ProseMirror[contenteditable=true]")).to_be_visible()

        second.goto(change_url(live_server, article))
        held = second.locator(".presence-held")
        expect(held).to_contain_text(re.compile(r"Nguyễn Văn A đang sửa bài này từ \d\d:\d\d\."))
        expect(held).to_have_count(1)
        expect(second.locator("#id_title")).to_be_disabled()
        expect(second.locator(".ProseMirror[contenteditable]")).to_have_attribute("contenteditable", "false")
        expect(second.locator("input[name=_save]")).to_be_hidden()
        save_screenshot(second, "desk-presence-held")

        questions = []
        second.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
        held.get_by_role("button", name="Tiếp quản").click()
        expect(second.locator("#id_title")).to_be_enabled()
        assert "Nguyễn Văn A đang sửa bài này" in questions[0] and "Tiếp quản?" in questions[0]
        expect(second.locator(".presence-held")).to_have_count(0)

        taken = first.locator(".presence-taken")
        expect(taken).to_contain_text("thuky đã tiếp quản bài này lúc", timeout=8_000)
        expect(first.locator("#id_title")).to_be_disabled()
        save_screenshot(first, "desk-presence-taken")
    finally:
        first.context.close()
        second.context.close()


def test_declining_the_confirmation_keeps_the_form_read_only(browser, live_server, publication, quick):
    article = ArticleFactory(draft=True, status=Article.Status.IN_EDITING, category=CategoryFactory())
    first, second = new_page(browser), new_page(browser)
    try:
        log_in(first, live_server, "bientap", roles.EDITOR)
        log_in(second, live_server, "thuky", roles.SECRETARY)
        first.goto(change_url(live_server, article))
        expect(first.locator("#id_title")).to_be_enabled()
        second.goto(change_url(live_server, article))
        second.once("dialog", lambda dialog: dialog.dismiss())
        second.locator(".presence-held").get_by_role("button", name="Tiếp quản").click()
        expect(second.locator("#id_title")).to_be_disabled()
        assert article.edit_lock.user.username == "bientap"
    finally:
        first.context.close()
        second.context.close()


def test_a_new_article_saved_leaves_nothing_to_offer(page, live_server, publication, quick):
    category = CategoryFactory(name="Thể thao")
    log_in(page, live_server, "phongvien", roles.REPORTER)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_be_visible()
    page.fill("#id_title", "Giải bóng đá thanh niên")
    page.fill("#id_lead", "Mười đội tham dự.")
    page.locator("#id_category + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill(category.name)
    page.locator(".select2-results__option", has_text=category.name).click()
    expect(page.locator("#autosave-status")).to_contain_text("Đã tự động lưu lúc")
    assert Autosave.objects.get(article=None).data["title"] == "Giải bóng đá thanh niên"
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Article.objects.filter(title="Giải bóng đá thanh niên").exists()
    assert not Autosave.objects.exists()
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_be_visible()
    page.wait_for_function("() => document.getElementById('editing-config') !== null")
    expect(page.locator(".autosave-offer")).to_have_count(0)
    stored = page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('newsroom:autosave:'))")
    assert stored == []
