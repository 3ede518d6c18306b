"""Pictures where the editor wants them: picked from the image library (or
uploaded) in the body editor, inserted at the cursor with caption and
credit, shown on the public page with the library's renditions."""

import io

from PIL import Image as PILImage
from playwright.sync_api import expect

from articles import roles
from articles.models import Article
from images.models import Image
from tests.browser.conftest import save_screenshot
from tests.browser.test_editorial_workflow import log_in
from tests.factories import ArticleFactory, CategoryFactory, library_image


def open_draft(page, live_server, user, **fields):
    article = ArticleFactory(
        draft=True,
        created_by=user,
        category=CategoryFactory(name="Văn hóa"),
        body="<p>Đoạn mở đầu về lễ hội.</p><p>Đoạn kết của bài.</p>",
        **fields,
    )
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()
    return article, editor


def put_cursor_after(editor, text):
    editor.get_by_text(text).click()
    editor.page.keyboard.press("End")


def test_a_library_picture_goes_in_at_the_cursor_and_shows_with_renditions(page, live_server, publication):
    library_image(caption="Ruộng bậc thang mùa nước đổ")
    wanted = library_image(caption="Hoa ban nở trắng Mường Phăng", credit="Ảnh: Thu Hà")
    secretary = log_in(page, live_server, "thuky", roles.SECRETARY)
    article, editor = open_draft(page, live_server, secretary, title="Lễ hội hoa ban")
    put_cursor_after(editor, "Đoạn mở đầu về lễ hội.")

    page.get_by_role("button", name="Chèn ảnh từ thư viện ảnh").click()
    dialog = page.locator("dialog.library-picker")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".library-image")).to_have_count(2)
    expect(dialog.locator(".library-image").first).to_contain_text("Hoa ban nở trắng")  # newest first
    dialog.get_by_label("Tìm ảnh theo chú thích").fill("ruộng")
    expect(dialog.locator(".library-image")).to_have_count(1)
    expect(dialog.locator(".library-image")).to_contain_text("Ruộng bậc thang")
    dialog.get_by_label("Tìm ảnh theo chú thích").fill("hoa ban")
    expect(dialog.locator(".library-image")).to_contain_text("Hoa ban nở trắng")
    expect(dialog.locator(".library-image")).to_have_count(1)
    dialog.locator(".library-image").click()
    expect(dialog.get_by_label("Chú thích trong bài")).to_have_value("Hoa ban nở trắng Mường Phăng")
    dialog.get_by_label("Chú thích trong bài").fill("Hoa ban nở trắng bản Mường Phăng ngày hội.")
    save_screenshot(page, "desk-image-picker")
    dialog.get_by_role("button", name="Chèn vào bài").click()
    expect(dialog).to_have_count(0)
    expect(editor.locator("figure img")).to_have_attribute("src", f"/media/{wanted.stem}-1200.jpg")

    page.get_by_role("button", name="Xuất bản").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã xuất bản")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    body = article.body
    assert body.index("Đoạn mở đầu về lễ hội.") < body.index("<figure>") < body.index("Đoạn kết của bài.")

    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    figure = page.locator("article figure", has=page.locator("figcaption", has_text="Hoa ban nở trắng bản"))
    expect(figure.locator("figcaption")).to_have_text("Hoa ban nở trắng bản Mường Phăng ngày hội. Ảnh: Thu Hà")
    expect(figure.locator("picture source[type='image/webp']")).to_have_attribute("srcset", wanted.srcset("webp"))
    order = page.evaluate(
        """() => {
            const text = document.querySelector('figure').closest('div, section, article').innerText;
            return [text.indexOf('Đoạn mở đầu'), text.indexOf('Ảnh: Thu Hà'), text.indexOf('Đoạn kết')];
        }"""
    )
    assert order[0] < order[1] < order[2], order


def jpeg_bytes():
    out = io.BytesIO()
    PILImage.new("RGB", (900, 600), (30, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def test_a_reporter_uploads_a_new_picture_from_the_editor(page, live_server, publication):
    reporter = log_in(page, live_server, "phongvien", roles.REPORTER)
    article, editor = open_draft(page, live_server, reporter)
    put_cursor_after(editor, "Đoạn kết của bài.")
    page.get_by_role("button", name="Chèn ảnh từ thư viện ảnh").click()
    dialog = page.locator("dialog.library-picker")
    expect(dialog.locator(".library-state").first).to_contain_text("Không có ảnh nào")
    dialog.locator("summary", has_text="Tải ảnh mới lên thư viện").click()
    dialog.get_by_label("Tệp ảnh").set_input_files(
        {"name": "cho-phien.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}
    )
    dialog.get_by_label("Chú thích", exact=True).fill("Chợ phiên Mường Lay")
    dialog.locator(".library-upload").get_by_label("Nguồn ảnh").fill("Ảnh: Quang Long")
    dialog.get_by_role("button", name="Tải lên").click()
    expect(dialog.get_by_label("Chú thích trong bài")).to_have_value("Chợ phiên Mường Lay")
    dialog.get_by_role("button", name="Chèn vào bài").click()
    expect(editor.locator("figure figcaption")).to_have_text("Chợ phiên Mường Lay Ảnh: Quang Long")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    image = Image.objects.get()
    assert image.uploaded_by == reporter and image.caption == "Chợ phiên Mường Lay"
    article.refresh_from_db()
    assert f"/media/{image.stem}-900.jpg" in article.body
    assert article.body.endswith("<figcaption>Chợ phiên Mường Lay Ảnh: Quang Long</figcaption></figure>")


def test_a_bad_upload_says_why_in_vietnamese(page, live_server, publication):
    reporter = log_in(page, live_server, "phongvien", roles.REPORTER)
    open_draft(page, live_server, reporter)
    page.get_by_role("button", name="Chèn ảnh từ thư viện ảnh").click()
    dialog = page.locator("dialog.library-picker")
    dialog.locator("summary", has_text="Tải ảnh mới lên thư viện").click()
    dialog.get_by_label("Tệp ảnh").set_input_files(
        {"name": "bao-cao.jpg", "mimeType": "image/jpeg", "buffer": b"<html>not an image</html>"}
    )
    dialog.get_by_role("button", name="Tải lên").click()
    expect(dialog.locator(".library-upload .library-state")).to_contain_text("ảnh")
    expect(dialog.locator(".library-upload .library-state")).not_to_contain_text("Đang tải lên")
    assert not Image.objects.exists()
