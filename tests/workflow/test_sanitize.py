"""The body is cleaned on the server by an allow-list, whatever the browser sends."""

import pytest

from articles.sanitize import clean_body
from tests.workflow.conftest import change_url, draft_by, form_data

HOSTILE = [
    ("<p>Tin</p><script>alert(1)</script>", "<p>Tin</p>"),
    ('<img src="/media/a.jpg" onerror="alert(1)" alt="Ảnh">', '<img src="/media/a.jpg" alt="Ảnh">'),
    ('<a href="javascript:alert(1)">bấm</a>', '<a rel="noopener noreferrer">bấm</a>'),
    ('<a href="JaVaScRiPt:alert(1)">bấm</a>', '<a rel="noopener noreferrer">bấm</a>'),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "<img>"),
    ('<a href="data:text/html,<script>x</script>">x</a>', '<a rel="noopener noreferrer">x</a>'),
    # Not an allow-listed embed (docs/multimedia.md): a plain link to it.
    (
        '<iframe src="https://www.youtube.com/embed/x" onload="alert(1)"></iframe><p>Sau</p>',
        '<a href="https://www.youtube.com/embed/x" rel="noopener noreferrer">https://www.youtube.com/embed/x</a><p>Sau</p>',
    ),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe><p>Sau</p>', "<p>Sau</p>"),
    ('<p style="color:red" onclick="x()">Chữ</p>', "<p>Chữ</p>"),
    ('<style>p{}</style><svg onload="x()"><p>Ok</p></svg>', "<p>Ok</p>"),
    ('<img src="mailto:a@b.vn">', "<img>"),
    ('<img src="/a.jpg" srcset="/a.jpg 1x, javascript:alert(1) 2x">', '<img src="/a.jpg">'),
    (
        '<a href="https://baodienbienphu.vn/" target="_blank" rel="opener">Báo</a>',
        '<a href="https://baodienbienphu.vn/" rel="noopener noreferrer">Báo</a>',
    ),
]

KEPT = [
    "<h2>Tiêu đề phụ</h2><h3>Nhỏ hơn</h3><h4>Nhỏ nữa</h4>",
    "<p><strong>Đậm</strong> và <em>nghiêng</em></p>",
    "<ul><li>Một</li></ul><ol><li>Hai</li></ol>",
    "<blockquote><p>Trích dẫn</p></blockquote>",
    '<a href="mailto:toasoan@example.vn" rel="noopener noreferrer">Thư</a>',
    '<a href="/thoi-su/" rel="noopener noreferrer">Thời sự</a>',
    "<table><thead><tr><th>Xã</th></tr></thead><tbody><tr><td>Mường Phăng</td></tr></tbody></table>",
    '<figure><img src="https://example.vn/anh.jpg" alt="Cánh đồng Mường Thanh" width="800" height="533" '
    'loading="lazy" srcset="/media/a-400.jpg 400w, /media/a-800.jpg 800w" sizes="(max-width: 600px) 100vw">'
    "<figcaption>Cánh đồng Mường Thanh. Ảnh: Quang Long</figcaption></figure>",
]


@pytest.mark.parametrize("dirty, clean", HOSTILE)
def test_hostile_html_is_cleaned(dirty, clean):
    assert clean_body(dirty) == clean


@pytest.mark.parametrize("html", KEPT)
def test_the_structure_of_a_story_is_kept(html):
    assert clean_body(html) == html


@pytest.mark.django_db
def test_the_admin_cleans_whatever_the_browser_sends(client, reporter, category, publication):
    article = draft_by(reporter, category)
    client.force_login(reporter)
    body = '<p>Tin <strong>nóng</strong></p><script>steal()</script><img src="x.jpg" onerror="steal()">'
    assert client.post(change_url(article), form_data(article, body=body)).status_code == 302
    article.refresh_from_db()
    assert article.body == '<p>Tin <strong>nóng</strong></p><img src="x.jpg">'


@pytest.mark.django_db
def test_the_body_uses_the_prose_editor_widget(client, reporter, category, publication):
    client.force_login(reporter)
    html = client.get("/admin/articles/article/add/").content.decode()
    assert "data-django-prose-editor-configurable" in html
    assert "django_prose_editor/editor.js" in html
