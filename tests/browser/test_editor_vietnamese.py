"""The body editor speaks Vietnamese: every toolbar button, drop-down option
and dialog, and the admin's calendar and clock, as an editor sees them in
Chromium (tests/english.py says which words are English)."""

import pytest
from playwright.sync_api import expect

from articles import roles
from tests.browser.test_editorial_workflow import log_in
from tests.english import english_in

# What a person reads in an element: its text (an icon's ligature name such
# as "format_bold" is drawn as the icon, not read: its aria-label is), and the
# labels of everything in it.
READ = """(root) => {
    const parts = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const box = node.parentElement;
        if (box.closest('.material-icons') || box.closest('[hidden]')) continue;
        if (getComputedStyle(box).display === 'none') continue;
        parts.push(node.textContent);
    }
    for (const el of [root, ...root.querySelectorAll('*')]) {
        for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
            if (el.getAttribute(name)) parts.push(el.getAttribute(name));
        }
        if (el.tagName === 'INPUT' && ['submit', 'button'].includes(el.type)) parts.push(el.value);
    }
    return parts.join(' ');
}"""


def english_of(locator):
    return english_in(locator.evaluate(READ))


def dialog_text(page, open_it):
    open_it()
    dialog = page.locator("dialog[open]")
    expect(dialog).to_be_visible()
    found = english_of(dialog)
    page.keyboard.press("Escape")
    expect(page.locator("dialog[open]")).to_have_count(0)
    return found


@pytest.mark.parametrize(("username", "role"), [("phongvien", roles.REPORTER), ("thuky", roles.SECRETARY)])
def test_the_editor_and_its_dialogs_are_vietnamese(page, live_server, publication, username, role):
    log_in(page, live_server, username, role)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()
    menubar = page.locator(".prose-menubar").first
    found = {"toolbar": english_of(menubar)}
    assert menubar.locator("button[aria-label='In đậm']").count() == 1

    editor.click()
    page.keyboard.type("Điện Biên Phủ")
    for where, label in (("table", "Chèn bảng"), ("html", "Sửa mã HTML"), ("pictures", "Chèn ảnh từ thư viện ảnh")):
        found[where] = dialog_text(page, menubar.get_by_role("button", name=label).click)

    def link_dialog():
        editor.locator("p", has_text="Điện Biên Phủ").click()
        page.keyboard.press("Home")
        page.keyboard.press("Shift+End")
        menubar.get_by_role("button", name="Chèn liên kết (chọn chữ trước)").click()

    found["link"] = dialog_text(page, link_dialog)

    # The block-type drop-down and its options.
    page.locator(".prose-menubar__selected").first.click()
    picker = page.locator(".prose-menubar__picker:popover-open")
    expect(picker).to_be_visible()
    expect(picker).to_contain_text("Tiêu đề phụ cấp 2")
    found["block types"] = english_of(picker)
    page.keyboard.press("Escape")

    # The admin's own calendar and clock next to the publication time.
    if page.locator("#id_published_at_0").count():
        page.locator("#calendarlink0").click()
        found["calendar"] = english_of(page.locator("#calendarbox0"))
        page.locator("#clocklink0").click()
        found["clock"] = english_of(page.locator("#clockbox0"))

    found = {where: words for where, words in found.items() if words}
    assert not found, found


def test_the_vietnamese_table_dialog_inserts_the_table_asked_for(page, live_server, publication):
    log_in(page, live_server, "phongvien", roles.REPORTER)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()
    editor.click()
    page.locator(".prose-menubar").first.get_by_role("button", name="Chèn bảng").click()
    dialog = page.locator("dialog[open]")
    expect(dialog.locator("h3")).to_have_text("Chèn bảng")
    dialog.get_by_label("Số hàng").fill("2")
    dialog.get_by_label("Số cột").fill("4")
    dialog.get_by_label("Có hàng tiêu đề").select_option("Có")
    dialog.get_by_role("button", name="Chèn bảng").click()
    expect(editor.locator("table tr")).to_have_count(2)
    expect(editor.locator("table tr").first.locator("th")).to_have_count(4)
