"""The editor sees the right Vietnamese slug while typing a title (Django's
urlify.js would show "djien-bien-phu-…")."""

from playwright.sync_api import expect

from tests.factories import UserFactory


def log_in(page, live_server):
    UserFactory(username="bientap", is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_contain_text("Quản trị tòa soạn")


def test_article_slug_follows_the_title_in_vietnamese(page, live_server, publication):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially("Điện Biên Phủ đón khách Đắk Lắk")
    expect(page.locator("#id_slug")).to_have_value("dien-bien-phu-don-khach-dak-lak")


def test_a_slug_typed_by_the_editor_is_kept(page, live_server, publication):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/articles/category/add/")
    page.locator("#id_name").press_sequentially("Quốc phòng - An ninh")
    expect(page.locator("#id_slug")).to_have_value("quoc-phong-an-ninh")
    page.locator("#id_slug").fill("an-ninh")
    page.locator("#id_name").press_sequentially(" biên giới")
    expect(page.locator("#id_slug")).to_have_value("an-ninh")
