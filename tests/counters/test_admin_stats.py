"""Thống kê lượt xem in the admin: windows, categories, authors (and the
text bylines of articles without contributions), per day, CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from authors.bylines import Role
from counters import stats
from counters.models import ArticleViewCount, DailyViews
from counters.services import record_view
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/counters/articleviewcount/"


@pytest.fixture
def data(publication):
    thoi_su, the_thao = CategoryFactory(name="Thời sự"), CategoryFactory(name="Thể thao")
    a = ArticleFactory(title="Bầu cử", category=thoi_su, byline="Quang Long")
    b = ArticleFactory(title="Bóng đá", category=the_thao, byline="Minh Anh")
    c = ArticleFactory(title="=HYPERLINK(1)", category=the_thao, byline="Minh Anh")
    today = timezone.localdate()
    for article, day, n in ((a, 0, 30), (a, 10, 100), (b, 2, 50), (c, 0, 5)):
        DailyViews.objects.create(article=article, day=today - timedelta(days=day), views=n)
    for article, n in ((a, 1130), (b, 50), (c, 5)):
        ArticleViewCount.objects.create(article=article, views=n)
    long, minh_anh = AuthorFactory(name="Quang Long"), AuthorFactory(name="Minh Anh")
    ContributionFactory(article=a, author=long, role=Role.NEWS)
    ContributionFactory(article=a, author=long, role=Role.PHOTO)  # his once, whatever his roles
    ContributionFactory(article=b, author=minh_anh)
    ContributionFactory(article=b, author=long, role=Role.PHOTO)
    return a, b, c


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_statistics_page_by_window(editor_client, data):
    page = editor_client.get(URL).content.decode()  # 7 days by default
    assert "Thống kê lượt xem" in page
    assert page.index("Bóng đá") < page.index("Bầu cử")
    page = editor_client.get(URL + "?cua-so=30").content.decode()
    assert page.index("Bầu cử") < page.index("Bóng đá")
    assert "130" in page


def test_statistics_by_category(editor_client, data):
    a, b, _ = data
    page = editor_client.get(f"{URL}?cua-so=30&chuyen-muc={a.category_id}").content.decode()
    top = page[page.index("stats-top") : page.index("stats-categories")]
    assert "Bầu cử" in top and "Bóng đá" not in top


def test_csv_exports(editor_client, data):
    articles = rows(editor_client.get(URL + "?cua-so=30&xuat=bai-viet"))
    assert articles[0] == ["ID", "Tiêu đề", "Chuyên mục", "Tác giả", "Ngày đăng", "Lượt xem"]
    assert [(r[1], r[5]) for r in articles[1:]] == [("Bầu cử", "130"), ("Bóng đá", "50"), ("'=HYPERLINK(1)", "5")]
    assert rows(editor_client.get(URL + "?cua-so=30&xuat=chuyen-muc"))[1:] == [["Thời sự", "130"], ["Thể thao", "55"]]
    # Authors (c has none: its byline is only text, listed apart).
    assert rows(editor_client.get(URL + "?cua-so=0&xuat=tac-gia"))[1:] == [["Quang Long", "1180"], ["Minh Anh", "50"]]
    assert rows(editor_client.get(URL + "?cua-so=0&xuat=dong-tac-gia"))[1:] == [["Minh Anh", "5"]]


def test_statistics_per_author_link_to_their_pages(editor_client, data):
    page = editor_client.get(URL + "?cua-so=30").content.decode()
    authors = page[page.index("stats-authors") : page.index("stats-bylines")]
    assert authors.index('<a href="/tac-gia/quang-long/">Quang Long</a>') < authors.index("Minh Anh")
    assert "180" in authors


def test_article_page_has_total_chart_and_days(editor_client, data):
    a, *_ = data
    page = editor_client.get(f"{URL}bai-viet/{a.pk}/").content.decode()
    assert '<strong class="total">1.130</strong>' in page or '<strong class="total">1130</strong>' in page
    assert page.count("<rect ") == 30
    assert "<script" not in page.split("views-chart")[1].split("</svg>")[0]
    days = rows(editor_client.get(f"{URL}bai-viet/{a.pk}/?xuat=csv"))
    assert len(days) == 31 and days[-1] == [timezone.localdate().isoformat(), "30"]


def test_statistics_need_the_permission(client, data):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}bai-viet/{data[0].pk}/").status_code == 403


def test_statistics_are_read_only(editor_client, data):
    assert editor_client.get(URL + "add/").status_code == 403


@pytest.mark.parametrize("role", ["Phóng viên", "Biên tập viên", "Thư ký tòa soạn", "Tổng biên tập"])
def test_every_newsroom_role_sees_the_statistics(client, data, role):
    from django.contrib.auth.models import Group

    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    assert client.get(URL).status_code == 200
    assert client.get(f"{URL}bai-viet/{data[0].pk}/").status_code == 200


@pytest.mark.parametrize("local_time", ["00:30", "12:00", "23:45"])
def test_the_24_hour_statistics_are_the_last_24_hours_not_today_and_yesterday(
    editor_client, publication, monkeypatch, local_time
):
    """As the public "Đọc nhiều": a view 25 hours old is out of "24 giờ",
    one 23 hours old is in it, in the article list, the categories, the
    authors and the text bylines alike, at any time of day."""
    hour, minute = map(int, local_time.split(":"))
    now = timezone.localtime().replace(hour=hour, minute=minute, second=5, microsecond=0)
    recent = ArticleFactory(title="Đọc 23 giờ trước", category=CategoryFactory(name="Thời sự"), byline="Lò Văn Thắng")
    older = ArticleFactory(title="Đọc 25 giờ trước", category=CategoryFactory(name="Văn hóa"), byline="Quàng Hương")
    ContributionFactory(article=recent, author=AuthorFactory(name="Lò Thị Mai"))
    for article, ago, n in ((recent, timedelta(hours=23), 3), (older, timedelta(hours=25), 4)):
        for _ in range(n):
            monkeypatch.setattr(timezone, "now", lambda moment=now - ago: moment)
            record_view(article.pk)
    monkeypatch.setattr(timezone, "now", lambda: now)

    assert [(r["title"], r["n"]) for r in stats.top_articles(1)] == [("Đọc 23 giờ trước", 3)]
    assert stats.per_category(1) == [{"name": "Thời sự", "n": 3}]
    assert [(r["name"], r["n"]) for r in stats.per_author(1)] == [("Lò Thị Mai", 3)]
    assert stats.per_byline(1) == []  # the only text byline was read 25 hours ago
    assert [(r["name"], r["n"]) for r in stats.per_byline(7)] == [("Quàng Hương", 4)]
    assert {r["title"]: r["n"] for r in stats.top_articles(7)} == {"Đọc 23 giờ trước": 3, "Đọc 25 giờ trước": 4}
    page = editor_client.get(URL + "?cua-so=1").content.decode()
    assert "Đọc 23 giờ trước" in page and "Đọc 25 giờ trước" not in page
