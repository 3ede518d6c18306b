from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client

from articles.models import Article
from counters.models import ArticleViewCount, DailyViews
from counters.services import record_view, view_count
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory


def get_page(url, user_agent):
    """One reader's page load, on the calling thread's own database connection."""
    try:
        return Client(HTTP_USER_AGENT=user_agent).get(url).status_code
    finally:
        connections.close_all()


def load_concurrently(url, user_agents, workers=16, alongside=None):
    """Load ``url`` once per user agent from ``workers`` threads, with
    ``alongside`` (if given) running in one of them meanwhile; return the
    status codes."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        side = pool.submit(alongside) if alongside else None
        statuses = list(pool.map(lambda agent: get_page(url, agent), user_agents))
        if side:
            side.result()
    return statuses


@pytest.mark.django_db
def test_record_view_counts_up_from_nothing():
    article = ArticleFactory()
    assert view_count(article.pk) == 0
    assert [record_view(article.pk) for _ in range(3)] == [1, 2, 3]
    assert view_count(article.pk) == 3


@pytest.mark.django_db
def test_counting_never_saves_the_article_row():
    article = ArticleFactory(title="Tiêu đề gốc")
    updated_at = article.updated_at
    # An editor changes the title after the page was loaded; a count made
    # from the stale object must not put the old title back.
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề đã sửa")
    record_view(article.pk)
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã sửa"
    assert article.updated_at == updated_at


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_page_loads_count_exactly_200(publication):
    """Real concurrency: 16 threads, each with its own database connection,
    load the article page 200 times in all (on PostgreSQL in CI too)."""
    article = ArticleFactory()
    url = article.get_absolute_url()

    statuses = load_concurrently(url, [BROWSER_UA] * 200)

    assert statuses == [200] * 200
    assert ArticleViewCount.objects.get(article=article).views == 200


@pytest.mark.django_db(transaction=True)
def test_50_concurrent_bot_loads_count_nothing(publication):
    article = ArticleFactory()
    url = article.get_absolute_url()
    agents = ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0", ""]

    statuses = load_concurrently(url, [agents[i % 3] for i in range(50)])

    assert statuses == [200] * 50
    assert view_count(article.pk) == 0


@pytest.mark.django_db(transaction=True)
def test_editor_saving_while_readers_are_counted_both_survive(publication):
    """An editor saves the article (full ``save()``, as the admin does) over
    and over while 100 readers load it: the editor's last change and all 100
    counts are there at the end."""
    article = ArticleFactory(title="Bản đầu")
    url = article.get_absolute_url()

    def edit():
        try:
            for i in range(20):
                story = Article.objects.get(pk=article.pk)
                story.title = f"Bản sửa {i}"
                story.save()
        finally:
            connections.close_all()

    statuses = load_concurrently(url, [BROWSER_UA] * 100, workers=12, alongside=edit)

    assert statuses == [200] * 100
    article.refresh_from_db()
    assert article.title == "Bản sửa 19"
    assert view_count(article.pk) == 100
    assert DailyViews.objects.get(article=article).views == 100


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_page_loads_with_the_redis_backend_flush_to_exactly_200(publication, redis_backend):
    from django.core.management import call_command

    article = ArticleFactory()
    url = article.get_absolute_url()

    statuses = load_concurrently(url, [BROWSER_UA] * 200)

    assert statuses == [200] * 200
    assert view_count(article.pk) == 200  # stored 0 + pending 200
    call_command("flush_view_counts", batch_size=1)
    assert ArticleViewCount.objects.get(article=article).views == 200
    assert DailyViews.objects.get(article=article).views == 200
