import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles import selectors
from articles.models import Article
from delivery import data, scopes
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def text_of(response, part=None):
    """The page as a reader reads it: tags removed, spaces collapsed.
    ``part`` keeps only the first element that starts with that HTML."""
    html = response.content.decode()
    if part:
        start = html.index(part)
        tag = part[1:].split()[0].rstrip(">")
        html = html[start : html.index(f"</{tag}>", start)]
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def article(publication):
    category = CategoryFactory(name="Xã hội")
    return ArticleFactory(
        title="Mường Phăng vào mùa hoa ban",
        kicker="Nhân dịp đầu xuân:",
        genre="Phóng sự",
        lead="Những cánh rừng ban nở trắng núi đồi.",
        body="<p>Đoạn mở đầu thân bài.</p><h2>Tiêu đề phụ</h2><p>Đoạn kết.</p>",
        byline="Tin, ảnh: Quang Long",
        category=category,
        published_at=timezone.make_aware(timezone.datetime(2023, 12, 31, 9, 23)),
        tags=["Điện Biên Phủ", "du lịch"],
    )


def test_article_page_shows_its_parts_in_order(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = text_of(response, "<main")
    parts = [
        "Trang chủ",
        "PHÓNG SỰ",
        "Nhân dịp đầu xuân:",
        "Mường Phăng vào mùa hoa ban",
        "09:23 - Chủ Nhật, 31/12/2023",
        "Lượt xem: 1",
        "In bài viết",
        "ĐBP - Những cánh rừng ban nở trắng núi đồi.",
        "Đoạn mở đầu thân bài.",
        "Tiêu đề phụ",
        "Tin, ảnh: Quang Long",
        "Từ khóa:",
    ]
    positions = [page.find(part) for part in parts]
    assert -1 not in positions, dict(zip(parts, positions, strict=True))
    assert positions == sorted(positions)


def test_article_page_html_structure(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<html lang="vi"' in html
    assert html.count("<h1") == 1
    assert '<h1 class="article-title">Mường Phăng vào mùa hoa ban</h1>' in html
    assert f'href="{article.get_print_url()}"' in html
    assert '<p class="sapo"><strong>ĐBP - Những cánh rừng ban nở trắng núi đồi.</strong></p>' in html
    assert '<a class="tag" href="/tu-khoa/dien-bien-phu/" rel="tag">Điện Biên Phủ</a>' in html
    assert '<a href="#top" class="back-to-top" data-back-to-top>Back To Top</a>' in html
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html


def test_label_is_the_category_when_there_is_no_genre(client, publication):
    article = ArticleFactory(genre="", category=CategoryFactory(name="Xã luận"))
    assert "XÃ LUẬN" in text_of(client.get(article.get_absolute_url()))


def test_sapo_has_no_prefix_when_the_publication_has_none(client, publication, article):
    publication.sapo_prefix = ""
    publication.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<p class="sapo"><strong>Những cánh rừng' in html


def test_each_page_load_adds_one_view(article):
    # Three readers (three browsers); a reload by one browser is not counted
    # again (tests/counters/test_rules.py).
    for expected in (1, 2, 3):
        reader = Client(HTTP_USER_AGENT=BROWSER_UA)
        assert f"Lượt xem: {expected}" in text_of(reader.get(article.get_absolute_url()))


def test_tin_khac_lists_other_stories_of_the_category_newest_first(client, article):
    now = timezone.now()
    older = ArticleFactory(category=article.category, title="Tin cũ hơn", published_at=now - timedelta(days=2))
    newer = ArticleFactory(category=article.category, title="Tin mới hơn", published_at=now - timedelta(hours=2))
    ArticleFactory(category=article.category, title="Bản nháp ẩn", draft=True)
    elsewhere = ArticleFactory(title="Tin chuyên mục khác", published_at=now - timedelta(minutes=5))
    response = client.get(article.get_absolute_url())
    page = text_of(response)
    related = text_of(response, '<section class="related"')
    assert related.startswith(" Tin khác")
    assert related.index(newer.title) < related.index(older.title)
    assert article.title not in related
    assert "Bản nháp ẩn" not in page
    # The category's own stories first; the newest of the paper fill the rest.
    assert [a.pk for a in response.context["related"]] == [newer.pk, older.pk, elsewhere.pk]
    assert related.index(older.title) < related.index("Tin chuyên mục khác")


def test_articles_of_a_category_share_one_cached_tin_khac_list(client, article, django_assert_num_queries):
    """20,000 old articles of a category need one "Tin khác" list, not
    20,000 (the page of each is cached whole; this is the list it is built
    from): each article leaves itself out of the category's newest."""
    now = timezone.now()
    stories = [
        ArticleFactory(category=article.category, title=f"Tin số {n}", published_at=now - timedelta(hours=n))
        for n in range(1, 11)
    ]
    first = client.get(stories[0].get_absolute_url())
    assert [a.title for a in first.context["related"]] == [f"Tin số {n}" for n in range(2, 10)]
    with django_assert_num_queries(0):  # the list, read from the cache for another article of the category
        newest = data.cached(
            None, "category-newest", [scopes.LISTINGS], lambda: pytest.fail("built again"), article.category_id
        )
    assert [a.title for a in selectors.related(stories[1], newest=newest)] == [
        f"Tin số {n}" for n in (1, *range(3, 10))
    ]
    second = client.get(stories[1].get_absolute_url())
    assert [a.title for a in second.context["related"]] == ["Tin số 1", *(f"Tin số {n}" for n in range(3, 10))]
    assert "Tin số 2" not in text_of(second, '<section class="related"')


def test_a_category_with_one_story_shows_the_newest_stories_as_related(client, article):
    now = timezone.now()
    others = [ArticleFactory(title=f"Tin mới số {n}", published_at=now - timedelta(hours=n)) for n in range(1, 11)]
    response = client.get(article.get_absolute_url())
    related = text_of(response, '<section class="related"')
    assert related.startswith(" Tin khác")
    assert [a.title for a in response.context["related"]] == [a.title for a in others[:8]]
    assert "Tin mới số 1 " in related and "Tin mới số 9" not in related


def test_wrong_slug_or_category_redirects_permanently_to_canonical(client, article):
    canonical = article.get_absolute_url()
    for wrong in (
        f"/xa-hoi/ten-cu-{article.pk}.html",
        f"/van-hoa/muong-phang-vao-mua-hoa-ban-{article.pk}.html",
        f"/xa-hoi/-{article.pk}.html",
    ):
        response = client.get(wrong)
        assert response.status_code == 301, wrong
        assert response["Location"] == canonical


def test_print_view_wrong_slug_redirects_to_canonical_print_url(client, article):
    response = client.get(f"/ban-in/xa-hoi/sai-{article.pk}.html")
    assert response.status_code == 301
    assert response["Location"] == article.get_print_url()


@pytest.mark.parametrize(
    "make",
    [
        lambda: ArticleFactory(draft=True),
        lambda: ArticleFactory(published_at=timezone.now() + timedelta(hours=1)),
        lambda: ArticleFactory(status=Article.Status.UNPUBLISHED),
    ],
    ids=["draft", "scheduled", "unpublished"],
)
def test_readers_get_404_for_what_is_not_published(client, publication, make):
    article = make()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(article.get_print_url()).status_code == 404
    # Not even a redirect that would leak the current slug.
    assert client.get(f"/x/y-{article.pk}.html").status_code == 404


def test_staff_preview_of_a_draft_is_marked_and_not_counted(client, publication):
    draft = ArticleFactory(draft=True, title="Bài chưa đăng")
    editor = UserFactory(username="bientap", is_staff=True, is_superuser=True)
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    page = text_of(response)
    assert "Bản xem trước" in page
    assert "Lượt xem: 0" in page
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/khong-co/",
        "/khong-co/bai-viet-999998.html",
        "/xa-hoi/bai-viet-999999999.html",
        "/xa-hoi/bai-viet-99999999999999999999999.html",
        "/" + "a" * 300 + "/",
        "/xa-hoi/" + "b" * 5000 + "-1.html",
        "/XA-HOI/",
        "/tu-khoa/khong-co/",
        "/ban-in/xa-hoi/bai-viet-12345.html",
    ],
)
def test_unknown_pages_are_friendly_404s(client, article, path):
    response = client.get(path)
    assert response.status_code == 404
    page = text_of(response)
    assert "Không tìm thấy trang" in page
    assert "Về trang chủ" in page


def test_category_page_lists_its_stories_and_sub_categories(client, publication):
    economy = CategoryFactory(name="Kinh tế")
    farming = CategoryFactory(name="Nông nghiệp", parent=economy)
    ArticleFactory(category=economy, title="Giá cà phê tăng")
    ArticleFactory(category=farming, title="Lúa ruộng bậc thang chín vàng")
    ArticleFactory(category=economy, title="Bản nháp kinh tế", draft=True)
    response = client.get("/kinh-te/")
    page = text_of(response)
    assert response.status_code == 200
    assert "Giá cà phê tăng" in page and "Lúa ruộng bậc thang chín vàng" in page
    assert "Bản nháp kinh tế" not in page
    assert f'href="{farming.get_absolute_url()}"' in response.content.decode()
    assert "Trang chủ › " not in page  # the separator is CSS, the links are real
    assert response.context["category"] == economy


def test_category_pagination(client, publication):
    category = CategoryFactory(name="Thể thao")
    ArticleFactory.create_batch(20, category=category)
    first = client.get("/the-thao/")
    assert len(first.context["articles"]) == 15
    assert 'href="?page=2"' in first.content.decode()
    second = client.get("/the-thao/?page=2")
    assert second.status_code == 200
    assert len(second.context["articles"]) == 5
    assert "Trang 2/2" in text_of(second)


@pytest.mark.parametrize("page", ["abc", "0", "-1", "3", "999999", "last", "1.5", "٣", "9" * 40])
def test_bad_page_numbers_are_404(client, publication, page):
    category = CategoryFactory(name="Thể thao")
    ArticleFactory.create_batch(20, category=category)
    assert client.get("/the-thao/", {"page": page}).status_code == 404


def test_empty_category_page_says_so(client, publication):
    CategoryFactory(name="Y tế")
    response = client.get("/y-te/")
    assert response.status_code == 200
    assert "Chuyên mục này chưa có bài viết." in text_of(response)


def test_home_page_blocks(client, publication):
    politics = CategoryFactory(name="Chính trị", show_on_home=True)
    culture = CategoryFactory(name="Văn hóa", show_on_home=True)
    ArticleFactory(title="Tin tiêu điểm số một", category=politics, featured_position=1)
    ArticleFactory(title="Tin văn hóa mới", category=culture)
    ArticleFactory(title="Tin nháp", category=culture, draft=True)
    response = client.get("/")
    page = text_of(response)
    assert response.status_code == 200
    assert "Tin tiêu điểm" in page and "Tin tiêu điểm số một" in page
    assert "Mới nhất" in page and "Tin văn hóa mới" in page
    assert "Tin nháp" not in page
    assert response.content.decode().count("Tin tiêu điểm số một</a>") == 1  # not repeated below


def test_home_page_header_and_footer_come_from_the_publication(client, publication):
    page = text_of(client.get("/"))
    for fact in (
        "Báo Điện Biên Phủ",
        "0215 3830 000",
        "toasoan@example.vn",
        "Tỉnh ủy Điện Biên",
        "Giấy phép số 00/GP-BTTTT",
        "Nguyễn Văn Mẫu",
    ):
        assert fact in page
    assert re.search(r"(Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ Nhật), \d{2}/\d{2}/\d{4}", page)


def test_menu_lists_menu_categories_with_sub_menus(client, publication):
    economy = CategoryFactory(name="Kinh tế", position=1)
    CategoryFactory(name="Doanh nghiệp", parent=economy)
    CategoryFactory(name="Ẩn khỏi menu", show_in_menu=False)
    html = client.get("/").content.decode()
    nav = html[html.index('<nav class="main-nav"') : html.index("</nav>", html.index('<nav class="main-nav"'))]
    assert '<a href="/kinh-te/"' in nav and '<a href="/doanh-nghiep/">Doanh nghiệp</a>' in nav
    assert "Ẩn khỏi menu" not in nav


def test_tag_page_lists_published_stories_with_the_tag(client, article):
    ArticleFactory(title="Bài nháp có thẻ", draft=True, tags=["Điện Biên Phủ"])
    response = client.get("/tu-khoa/dien-bien-phu/")
    assert response.status_code == 200
    page = text_of(response)
    assert "Điện Biên Phủ" in page and article.title in page
    assert "Bài nháp có thẻ" not in page


def test_print_view_has_the_story_and_nothing_else(client, article):
    response = client.get(article.get_print_url())
    assert response.status_code == 200
    html = response.content.decode()
    page = text_of(response)
    for part in (
        "Báo Điện Biên Phủ",
        "Mường Phăng vào mùa hoa ban",
        "09:23 - Chủ Nhật, 31/12/2023",
        "ĐBP - Những cánh rừng ban nở trắng núi đồi.",
        "Đoạn mở đầu thân bài.",
        "Tin, ảnh: Quang Long",
        f"http://testserver{article.get_absolute_url()}",
    ):
        assert part in page, part
    assert "data-print" in html
    for absent in ('class="main-nav"', 'class="sidebar"', "data-back-to-top", "Tin khác", "Lượt xem"):
        assert absent not in html, absent


def test_print_view_does_not_count_a_view(client, article):
    client.get(article.get_print_url())
    assert "Lượt xem: 1" in text_of(client.get(article.get_absolute_url()))


def test_body_html_from_the_database_is_shown_as_html_but_titles_are_escaped(client, publication):
    article = ArticleFactory(title="<script>alert(1)</script> Tiêu đề", lead="<b>sapo</b>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Tiêu đề" in html
    assert "&lt;b&gt;sapo&lt;/b&gt;" in html


def test_head_request_does_not_count(client, article):
    client.head(article.get_absolute_url())
    assert "Lượt xem: 1" in text_of(client.get(article.get_absolute_url()))


def test_sidebar_on_an_article_page_does_not_list_that_article(client, article):
    other = ArticleFactory(title="Một tin khác trong ngày")
    response = client.get(article.get_absolute_url())
    sidebar = text_of(response, '<aside class="sidebar"')
    assert other.title in sidebar
    assert article.title not in sidebar
