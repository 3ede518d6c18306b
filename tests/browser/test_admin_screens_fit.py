"""Screens that fit: at 1280 and 1024 px the article list, the home-page
curation screen, the image library and the comment queue show all their
columns: no horizontal scrolling (of the page or of the table), titles
wide enough to read, and every input of the list in view."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import roles
from tests.browser.conftest import new_page, save_screenshot
from tests.browser.test_editorial_workflow import log_in
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, library_image

WIDTHS = [1280, 1024]
# name: (address, the column people read: the title, caption or comment)
SCREENS = {
    "article-list": ("/admin/articles/article/", "field-title"),
    "curation": ("/admin/articles/homepagestory/", "field-title"),
    "image-library": ("/admin/images/image/", "field-caption"),
    "comment-queue": ("/admin/comments/comment/", "field-excerpt"),
}
# The narrowest a title (or caption, or comment) column may get and still be
# read without breaking every second word.
READABLE = 180

MEASURE = """() => {
    const results = document.querySelector('#changelist-form .results');
    const table = document.querySelector('#result_list');
    const first = table.querySelector('tbody tr');
    const cells = [...first.children].map((cell) => {
        const box = cell.getBoundingClientRect();
        return {cls: cell.className, left: box.left, right: box.right, width: box.width};
    });
    const inputs = [...table.querySelectorAll('tbody input:not([type=hidden]), tbody select, tbody textarea')]
        .map((input) => {
            const box = input.getBoundingClientRect();
            return {name: input.name, type: input.type, left: box.left, right: box.right, width: box.width};
        });
    return {
        viewport: window.innerWidth,
        pageScroll: document.documentElement.scrollWidth,
        resultsScroll: results.scrollWidth,
        resultsWidth: results.clientWidth,
        cells,
        inputs,
    };
}"""


@pytest.fixture
def newsroom(publication):
    culture = CategoryFactory(name="Văn hóa - Xã hội", show_on_home=True)
    long_title = "Đồng bào các dân tộc huyện Mường Nhé phấn khởi đón nhận công trình nước sạch sau nhiều năm mong đợi"
    now = timezone.now()
    for i in range(12):
        ArticleFactory(
            category=culture,
            title=f"{long_title} (số {i})",
            byline="Tin, ảnh: Nguyễn Thị Phương Thảo",
            published_at=now - timedelta(hours=i),
            featured_position=i + 1 if i < 3 else None,
        )
    article = ArticleFactory(category=culture, title=long_title)
    CommentFactory.create_batch(
        5, article=article, body="Bài viết rất hay, mong tòa soạn tiếp tục phản ánh đời sống bà con. " * 3
    )
    for i in range(4):
        library_image(width=800, height=533, caption=f"Bà con bản Mường Phăng thu hoạch lúa trên ruộng bậc thang ({i})")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_desk_screens_show_all_their_columns(browser, live_server, newsroom, width):
    page = new_page(browser, viewport={"width": width, "height": 900})
    try:
        log_in(page, live_server, "thuky", roles.SECRETARY)
        problems = []
        for name, (url, reading) in SCREENS.items():
            page.goto(f"{live_server.url}{url}")
            expect(page.locator("#result_list tbody tr").first).to_be_visible()
            m = page.evaluate(MEASURE)
            if m["pageScroll"] > m["viewport"]:
                problems.append(f"{name}: the page scrolls sideways ({m['pageScroll']} > {m['viewport']})")
            if m["resultsScroll"] > m["resultsWidth"] + 1:
                problems.append(f"{name}: the table scrolls sideways ({m['resultsScroll']} > {m['resultsWidth']})")
            for cell in m["cells"]:
                if cell["right"] > m["viewport"] + 1:
                    problems.append(f"{name}: column {cell['cls']} is off screen")
            title = next(cell for cell in m["cells"] if reading in cell["cls"].split())
            if title["width"] < READABLE:
                problems.append(f"{name}: the {reading} column is {title['width']:.0f} px wide")
            for field in m["inputs"]:
                narrowest = 10 if field["type"] == "checkbox" else 30
                if field["width"] < narrowest or field["left"] < 0 or field["right"] > m["viewport"]:
                    problems.append(f"{name}: input {field['name']} is hidden or cut ({field})")
            save_screenshot(page, f"desk-{name}-{width}")
        assert not problems, "\n".join(problems)
    finally:
        page.context.close()
