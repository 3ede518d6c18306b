"""Each theme in a real browser: its labels and date line, no serious or
critical axe-core violations, a visible focus, and screenshots of every page
type at phone and desktop widths (test-artifacts/screenshots/themes-<theme>-<page>-<width>.png)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from articles.contributions import attach_from_byline
from newsroom.themes import THEMES
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory

from .conftest import DESKTOP, PHONE, new_page, save_screenshot

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")

# What each paper prints (public-pages.md). Written out here, not read from
# newsroom/themes.py, so a wrong registry entry fails.
EXPECTED = {
    "dienbienphu": {
        "name": "Báo Điện Biên Phủ",
        "prefix": "ĐBP",
        "related": "Tin khác",
        "comments": "Bình luận",
        "back_to_top": "Back To Top",
        "dateline": re.compile(
            r"^\d{2}:\d{2} - (Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ Nhật), \d{2}/\d{2}/\d{4}$"
        ),
    },
    "backan": {
        "name": "Báo Bắc Kạn",
        "prefix": "BBK",
        "related": "Xem thêm",
        "comments": "Bình luận (2)",
        "back_to_top": "Lên đầu trang",
        "dateline": re.compile(r"^\d{2}:\d{2}, \d{2}/\d{2}/\d{4}$"),
    },
    "laichau": {
        "name": "Lai Châu",
        "prefix": "",
        "related": "Các bài viết khác",
        "comments": "Ý kiến bạn đọc",
        "back_to_top": "Top",
        "dateline": re.compile(r"^\d{2}/\d{2}/\d{4} - (0\d|1[0-2]):\d{2} (AM|PM)$"),
    },
}
LEAD = "Người dân các bản vùng cao phấn khởi đón mùa lúa mới."


def expected_dateline(theme, value):
    local = timezone.localtime(value)
    if theme == "backan":
        return f"{local:%H:%M, %d/%m/%Y}"
    if theme == "laichau":
        return f"{local:%d/%m/%Y - %I:%M} {'AM' if local.hour < 12 else 'PM'}"
    return f"{local:%H:%M} - {WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y}"


@pytest.fixture(params=sorted(THEMES))
def paper(request, publication):
    """The publication switched to one theme (as an editor does in the admin),
    with a category of stories, one of them with a kicker and two comments."""
    theme = request.param
    publication.theme = theme
    publication.name = EXPECTED[theme]["name"]
    publication.sapo_prefix = EXPECTED[theme]["prefix"]
    publication.save()
    category = CategoryFactory(name="Văn hóa - Du lịch", show_on_home=True)
    now = timezone.now()
    for n in range(1, 4):
        ArticleFactory(
            category=category, title=f"Tin cùng chuyên mục số {n}", published_at=now - timedelta(hours=n + 1)
        )
    article = ArticleFactory(
        category=category,
        title="Lễ hội xuống đồng của đồng bào Tày thu hút du khách",
        kicker="Nhân kỷ niệm 99 năm Ngày Báo chí cách mạng Việt Nam:",
        lead=LEAD,
        body="".join(f"<p>Đoạn {n}: lễ hội có ném còn, kéo co và thi hát then.</p>" for n in range(1, 25)),
        byline="Tin, ảnh: Thu Hà",
        tags=["lễ hội", "du lịch"],
        published_at=now - timedelta(minutes=30),
        featured_position=1,
    )
    CommentFactory.create_batch(2, article=article, approved=True)
    attach_from_byline(article)  # “Tin, ảnh: Thu Hà”, linking to /tac-gia/thu-ha/
    return {"theme": theme, "article": article, "category": category}


def run_axe(page):
    """axe-core's WCAG 2.0, 2.1 and 2.2 A/AA rules on the page as it is; the serious and
    critical violations, as readable strings."""
    if not AXE.is_file():
        pytest.fail(f"axe-core not found at {AXE}: run `make axe` (npm ci).", pytrace=False)
    # Evaluated by the test driver, not added as an inline <script>: the
    # page's Content-Security-Policy rightly refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['targets']}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


def page_urls(paper):
    article = paper["article"]
    return {
        "home": "/",
        "category": paper["category"].get_absolute_url(),
        "article": article.get_absolute_url(),
        "print": article.get_print_url(),
        "author": "/tac-gia/thu-ha/",
    }


@pytest.mark.parametrize("page_type", ["home", "category", "article", "print", "author"])
def test_theme_pages_are_accessible_and_saved_as_screenshots(browser, live_server, paper, page_type):
    theme = paper["theme"]
    url = live_server.url + page_urls(paper)[page_type]
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = new_page(browser, viewport=viewport)
        try:
            page.goto(url)
            expect(page.locator("h1").first).to_be_visible()
            if page_type != "print":
                expect(page.locator("html")).to_have_class(re.compile(rf"\btheme-{theme}\b"))
            # No horizontal scrolling on a phone.
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), label
            path = save_screenshot(page, f"themes/{theme}-{page_type}-{label}")
            assert path.stat().st_size > 5_000
            violations = run_axe(page)
            assert violations == [], f"{theme} {page_type} at {label} width:\n" + "\n".join(violations)
        finally:
            page.context.close()


def test_theme_article_labels_and_date_line(browser, live_server, paper):
    theme, article = paper["theme"], paper["article"]
    expected = EXPECTED[theme]
    page = new_page(browser)
    try:
        page.goto(live_server.url + article.get_absolute_url())
        main = page.locator("main")
        dateline = main.locator("time.dateline")
        expect(dateline).to_have_text(expected_dateline(theme, article.published_at))
        expect(dateline).to_have_text(expected["dateline"])
        expect(main.locator(".kicker")).to_have_text(article.kicker)
        sapo = main.locator(".sapo")
        expect(sapo).to_have_text(f"{expected['prefix']} - {LEAD}" if expected["prefix"] else LEAD)
        expect(main.locator("#related-title")).to_have_text(expected["related"])
        expect(main.locator("#comments-title")).to_have_text(expected["comments"])
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the button appears
        back_to_top = page.get_by_role("link", name=expected["back_to_top"], exact=True)
        expect(back_to_top).to_be_visible()
        expect(back_to_top).to_have_attribute("href", "#top")
        expect(page.locator(".brand-name")).to_have_text(expected["name"])
        # The theme's stylesheet is on top of the shared one.
        stylesheets = page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(l => l.href)")
        assert any(href.endswith("/css/site.css") for href in stylesheets)
        assert any(f"/css/themes/{theme}.css" in href for href in stylesheets)

        page.goto(live_server.url + article.get_print_url())
        expect(page.locator("time.dateline")).to_have_text(expected_dateline(theme, article.published_at))
        expect(page.locator(".print-name")).to_have_text(expected["name"])
    finally:
        page.context.close()


def test_theme_list_date_lines(browser, live_server, paper):
    """Cards on the home and category pages print dates the theme's way too."""
    page = new_page(browser)
    try:
        for path in ("/", paper["category"].get_absolute_url()):
            page.goto(live_server.url + path)
            dates = page.locator("main .card-date time").all_inner_texts()
            assert dates, path
            assert all(EXPECTED[paper["theme"]]["dateline"].match(d) for d in dates), dates
    finally:
        page.context.close()


def test_axe_check_finds_what_it_should(browser, live_server):
    """The accessibility check can fail: a page with an unlabelled field and
    grey-on-grey text has serious violations."""
    page = new_page(browser)
    try:
        page.set_content(
            '<html lang="vi"><body><main><h1>Thử</h1><input type="text">'
            '<p style="color:#aaa;background:#bbb">Chữ khó đọc</p></main></body></html>'
        )
        found = " ".join(run_axe(page))
        assert "label" in found
        assert "color-contrast" in found
    finally:
        page.context.close()


def focus_ring(page):
    """The focused element's outline or box-shadow, or None without a focus."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const s = getComputedStyle(el);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
            const shadow = s.boxShadow && s.boxShadow !== 'none';
            return {tag: el.tagName, text: (el.textContent || el.name || '').trim().slice(0, 40),
                    visible: outline || shadow,
                    key: el.tagName + '|' + (el.getAttribute('href') || el.name || el.id || '')};
        }"""
    )


def test_keyboard_reaches_every_control_with_a_visible_focus(browser, live_server, paper):
    """Tab through the whole article page: every link, button and field that
    is on screen is reached, and each shows a focus ring."""
    page = new_page(browser)
    try:
        page.goto(live_server.url + paper["article"].get_absolute_url())
        # The back-to-top link shows only once the reader has scrolled down, so
        # whether a fast Tab walk meets it is a race; its keyboard use has its
        # own test (tests/browser/test_reader_pages.py).
        controls = set(
            page.evaluate(
                """() => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), textarea, select')]
                    .filter(el => el.offsetParent !== null || getComputedStyle(el).position === 'fixed')
                    .filter(el => el.getAttribute('tabindex') !== '-1' && !el.closest('[aria-hidden=true]'))
                    .filter(el => !el.hasAttribute('data-back-to-top'))
                    .map(el => el.tagName + '|' + (el.getAttribute('href') || el.name || el.id || ''))"""
            )
        )
        reached, without_ring = set(), []
        for _ in range(len(controls) + 60):
            page.keyboard.press("Tab")
            focused = focus_ring(page)
            if focused is None:
                continue
            if not focused["visible"]:
                without_ring.append(focused)
            reached.add(focused["key"])
        assert without_ring == []
        assert controls - reached == set()
    finally:
        page.context.close()
