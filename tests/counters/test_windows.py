"""Daily buckets: "Đọc nhiều" over 24 hours / 7 days / 30 days, and pruning."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles import selectors
from counters.models import ArticleViewCount, DailyViews
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
