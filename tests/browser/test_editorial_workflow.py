"""The editor's screens in a real browser: the rich-text widget saves bold
text, and a stale save is stopped with a Vietnamese message that keeps the
text."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from articles import roles
from articles.models import Article, EditLock
from tests.browser.conftest import SCREENSHOT_DIR, new_page, save_screenshot
from tests.factories import ArticleFactory, CategoryFactory, UserFactory, role_group


def log_in(page, live_server, username, role):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(role_group(role))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_contain_text("Quản trị tòa soạn")
    return user


def test_the_editor_widget_saves_bold_text_and_submits(page, live_server, publication):
    category = CategoryFactory(name="Thời sự")
    log_in(page, live_server, "phongvien", roles.REPORTER)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title", "Mùa hoa ban trên núi")
    page.fill("#id_lead", "Hoa ban nở trắng các bản vùng cao.")
    page.locator("#id_category + .select2 .select2-selection").click()  # Django's autocomplete widget
    page.locator(".select2-search__field").fill(category.name)
    page.locator(".select2-results__option", has_text=category.name).click()
    editor = page.locator(".ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.type("Hoa ban ")
    page.keyboard.press("Control+b")
    page.keyboard.type("nở rộ")
    page.keyboard.press("Control+b")
    page.keyboard.type(" khắp Điện Biên.")
    page.screenshot(path=str(SCREENSHOT_DIR / "article-editor.png"), full_page=True)
    page.get_by_role("button", name="Gửi biên tập").click()
    expect(page.locator(".messagelist")).to_contain_text("Chờ biên tập")
    article = Article.objects.get()
    assert "<strong>nở rộ</strong>" in article.body
    assert article.status == Article.Status.IN_EDITING


def test_a_stale_save_is_stopped_in_vietnamese_and_keeps_the_text(browser, live_server, publication, settings):
    """Presence makes a second editor read or take over; a form whose hold
    on the article lapsed (a laptop asleep for more than
    NEWSROOM_PRESENCE_SECONDS) can still be saved stale, and the optimistic
    lock stops that save."""
    settings.NEWSROOM_PRESENCE_SECONDS = 3600  # no heartbeat during the test
    category = CategoryFactory(name="Thời sự")
    article = ArticleFactory(category=category, draft=True, status=Article.Status.IN_EDITING, lead="Sapo gốc.")
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    first, second = new_page(browser), new_page(browser)
    try:
        log_in(first, live_server, "bientap", roles.EDITOR)
        log_in(second, live_server, "thuky", roles.SECRETARY)
        second.goto(url)
        EditLock.objects.filter(article=article).update(seen_at=timezone.now() - timedelta(hours=2))  # lapsed
        first.goto(url)
        first.fill("#id_lead", "Sapo của biên tập viên.")
        first.click("input[name=_continue]")
        expect(first.locator(".messagelist")).to_be_visible()
        second.fill("#id_lead", "Sapo của thư ký, không được mất.")
        second.click("input[name=_continue]")
        expect(second.locator(".edit-conflict")).to_contain_text("Có người khác vừa lưu bài này")
        expect(second.locator(".edit-conflict")).to_contain_text("bientap")
        expect(second.locator(".errorlist")).to_contain_text("bản của bạn chưa được lưu")
        expect(second.locator("#id_lead")).to_have_value("Sapo của thư ký, không được mất.")
        save_screenshot(second, "edit-conflict")
        article.refresh_from_db()
        assert article.lead == "Sapo của biên tập viên."
        second.click("input[name=_continue]")
        expect(second.locator(".messagelist")).to_be_visible()
        article.refresh_from_db()
        assert article.lead == "Sapo của thư ký, không được mất."
        assert re.search("biên tập", second.content())
    finally:
        first.context.close()
        second.context.close()
