"""A reader comments in a real browser; a moderator approves it in the admin;
the reader's comment shows, escaped."""

import pytest
from playwright.sync_api import expect

from articles import roles
from comments.models import Comment
from tests.factories import ArticleFactory, UserFactory, role_group

from .conftest import new_page

NAME = "Lò Văn <b>Thắng</b>"
BODY = 'Mùa hoa ban đẹp quá! <script>document.title="hacked"</script> <img src=x onerror="alert(1)">'


@pytest.fixture
def article(publication, settings):
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 0  # the robot here is us
    return ArticleFactory(title="Điện Biên đón mùa hoa ban")


def test_reader_posts_moderator_approves_reader_sees_it_escaped(page, browser, live_server, article, screenshot):
    page.goto(live_server.url + article.get_absolute_url())
    form = page.locator("form.comment-form")
    expect(page.locator("#binh-luan")).to_contain_text("Bình luận của bạn sẽ được tòa soạn đọc trước khi đăng")
    form.get_by_label("Họ tên").fill(NAME)
    form.get_by_label("Email").fill("thang@example.vn")
    form.get_by_label("Nội dung").fill(BODY)
    form.get_by_role("button", name="Gửi bình luận").click()

    expect(page.locator(".messages")).to_contain_text("Cảm ơn bạn đã gửi bình luận")
    expect(page.locator(".comment-list")).to_have_count(0)  # pending: not shown yet
    screenshot(page, "sent")
    assert Comment.objects.get().status == Comment.Status.PENDING

    moderator = UserFactory(username="bientap", is_staff=True)
    moderator.groups.add(role_group(roles.EDITOR))
    admin = new_page(browser)
    admin.goto(live_server.url + "/admin/comments/comment/")
    admin.locator("#id_username").fill("bientap")
    admin.locator("#id_password").fill("mat-khau-thu-nghiem")
    admin.locator("input[type=submit]").click()
    expect(admin.locator("#content h1")).to_contain_text("1 bình luận chờ duyệt")
    expect(admin.locator("#result_list")).to_contain_text("Lò Văn <b>Thắng</b>")
    admin.locator("input[name=_selected_action]").first.check()
    admin.locator("select[name=action]").select_option("approve_selected")
    admin.locator("button[name=index]").click()
    expect(admin.locator(".messagelist")).to_contain_text("Đã duyệt 1 bình luận.")
    expect(admin.locator("#content h1")).to_contain_text("0 bình luận chờ duyệt")
    admin.context.close()

    page.goto(live_server.url + article.get_absolute_url())
    comment = page.locator(".comment-list .comment")
    expect(comment).to_have_count(1)
    expect(comment.locator(".comment-name")).to_have_text(NAME)
    expect(comment.locator(".comment-body")).to_have_text(BODY)
    expect(comment.locator("script, img, b")).to_have_count(0)
    assert page.title() != "hacked"
    screenshot(page, "approved")


def test_a_comment_sent_back_with_an_error_puts_the_reader_on_the_field(page, live_server, article):
    page.goto(live_server.url + article.get_absolute_url())
    form = page.locator("form.comment-form")
    form.get_by_label("Email").fill("thang@example.vn")
    form.get_by_label("Nội dung").fill("Mùa hoa ban đẹp quá.")
    form.get_by_role("button", name="Gửi bình luận").click()

    name = page.locator("form.comment-form").get_by_label("Họ tên")
    expect(page.locator(".field-error")).to_have_text("Mời bạn nhập họ tên.")
    expect(name).to_be_focused()
    expect(name).to_be_in_viewport()
    expect(page.locator("form.comment-form").get_by_label("Nội dung")).to_have_value("Mùa hoa ban đẹp quá.")
    assert not Comment.objects.exists()
