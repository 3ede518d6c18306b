"""Daily buckets: "Đọc nhiều" over 24 hours / 7 days / 30 days, and pruning."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles import selectors
from counters.models import ArticleViewCount, DailyViews, HourlyViews
from counters.services import record_view
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def views(article, days_ago, n):
    DailyViews.objects.create(article=article, day=timezone.localdate() - timedelta(days=days_ago), views=n)


@pytest.fixture
def stories(publication):
    today, week, month, old = (ArticleFactory(title=t) for t in ("Hôm nay", "Tuần này", "Tháng này", "Năm ngoái"))
    views(today, 0, 50)
    views(week, 3, 200)
    views(week, 0, 10)
    views(month, 20, 900)
    views(old, 300, 5000)
    ArticleViewCount.objects.create(article=old, views=5000)
    return today, week, month, old


def titles(articles):
    return [a.title for a in articles]


def test_windows(stories):
    assert titles(selectors.most_read(days=1)) == ["Hôm nay", "Tuần này"]
    assert titles(selectors.most_read(days=7)) == ["Tuần này", "Hôm nay"]
    assert titles(selectors.most_read(days=30)) == ["Tháng này", "Tuần này", "Hôm nay"]
    assert titles(selectors.most_read(days=0)) == ["Năm ngoái"]  # all time, from the totals
    assert selectors.most_read(days=7)[0].window_views == 210


def test_window_leaves_out_unpublished_and_excluded(stories):
    today, week, *_ = stories
    week.status = "draft"
    week.save()
    assert titles(selectors.most_read(days=7)) == ["Hôm nay"]
    assert selectors.most_read(days=7, exclude_ids=[today.pk]) == []


def test_sidebar_uses_the_configured_window(client, stories, settings):
    settings.NEWSROOM_MOST_READ_DAYS = 30
    html = client.get("/").content.decode()
    box = html[html.index("widget-most-read") :]
    assert box.index("Tháng này") < box.index("Tuần này") < box.index("Hôm nay")
    assert "Năm ngoái" not in box


def test_a_counted_view_lands_in_todays_bucket(client, publication):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    assert DailyViews.objects.get(article=article).day == timezone.localdate()
    assert titles(selectors.most_read(days=1)) == [article.title]


def test_bucket_per_article_and_day_is_unique(publication):
    from django.db import IntegrityError, transaction

    article = ArticleFactory()
    views(article, 0, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        views(article, 0, 1)


def test_prune_deletes_old_buckets_only(stories, capsys):
    call_command("prune_daily_views", keep_days=40)
    assert "Deleted 1 daily buckets" in capsys.readouterr().out
    assert DailyViews.objects.count() == 4
    # The all-time total is kept.
    assert ArticleViewCount.objects.get(article=stories[3]).views == 5000


def test_prune_refuses_to_eat_the_30_day_window(stories):
    with pytest.raises(CommandError):
        call_command("prune_daily_views", keep_days=7)


def test_most_read_page_switches_windows_with_plain_links(client, stories, django_assert_max_num_queries):
    # + sidebar featured, poll and links (cold cache) since the widgets became
    # inclusion tags, + the next scheduled article (fragment cache expiry)
    with django_assert_max_num_queries(9):
        page = client.get("/doc-nhieu/").content.decode()  # default window: 7 days
    main = page[page.index("most-read-list") :]
    assert main.index("Tuần này") < main.index("Hôm nay")
    assert "Tháng này" not in main[: main.index("</ol>")]
    assert 'href="?trong=30"' in page and 'href="?trong=1"' in page
    month = client.get("/doc-nhieu/?trong=30").content.decode()
    main = month[month.index("most-read-list") :]
    assert main.index("Tháng này") < main.index("Tuần này")
    assert client.get("/doc-nhieu/?trong=365").status_code == 404


def test_sidebar_links_to_the_most_read_page(client, stories):
    assert 'href="/doc-nhieu/"' in client.get("/").content.decode()


def test_doc_nhieu_is_not_a_category_slug(publication):
    from articles.models import RESERVED_SLUGS

    assert {"doc-nhieu", "luot-xem"} <= RESERVED_SLUGS


# Exact windows (hourly buckets for the first, partial day of a window)


@pytest.mark.parametrize("local_time", ["00:30", "06:59", "12:00", "23:45"])
def test_windows_are_exact_to_the_hour_at_any_time_of_day(publication, monkeypatch, local_time):
    hour, minute = map(int, local_time.split(":"))
    now = timezone.localtime().replace(hour=hour, minute=minute, second=5, microsecond=0)
    long_ago = now - timedelta(days=90)
    read_at = {
        "25 giờ trước": timedelta(hours=25),
        "23 giờ trước": timedelta(hours=23),
        "7 ngày 2 giờ trước": timedelta(days=7, hours=2),
        "6 ngày 22 giờ trước": timedelta(days=6, hours=22),
        "31 ngày trước": timedelta(days=31),
        "29 ngày trước": timedelta(days=29),
    }
    articles = {title: ArticleFactory(title=title, published_at=long_ago) for title in read_at}
    for title, ago in read_at.items():
        monkeypatch.setattr(timezone, "now", lambda moment=now - ago: moment)
        record_view(articles[title].pk)
    monkeypatch.setattr(timezone, "now", lambda: now)
    assert titles(selectors.most_read(days=1)) == ["23 giờ trước"]
    assert sorted(titles(selectors.most_read(days=7))) == ["23 giờ trước", "25 giờ trước", "6 ngày 22 giờ trước"]
    assert len(selectors.most_read(days=30, limit=10)) == 5  # all but 31 days ago
    assert "31 ngày trước" not in titles(selectors.most_read(days=30, limit=10))
    assert titles(selectors.most_read(days=0, limit=10)) != []  # all time: every one


def test_a_view_is_in_this_hours_bucket(publication):
    article = ArticleFactory()
    record_view(article.pk)
    record_view(article.pk)
    (bucket,) = HourlyViews.objects.filter(article=article)
    assert bucket.views == 2
    assert bucket.hour == timezone.now().replace(minute=0, second=0, microsecond=0)


def test_pruning_drops_old_hourly_buckets_too(publication):
    article = ArticleFactory()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    HourlyViews.objects.create(article=article, hour=now - timedelta(days=45), views=3)
    HourlyViews.objects.create(article=article, hour=now - timedelta(days=2), views=4)
    call_command("prune_daily_views", stdout=io.StringIO())
    assert list(HourlyViews.objects.values_list("views", flat=True)) == [4]
