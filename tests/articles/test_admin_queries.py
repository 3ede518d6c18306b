"""The admin's article list makes a fixed number of queries, whatever the
number of articles, with and without filters and search. None of them counts
the whole archive or groups every row (docs/performance.md, "Admin
changelist")."""

from datetime import datetime, timedelta

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/articles/article/"

# Every list page: session, user, the category filter's choices, the year
# filter's first and last year (one MIN/MAX query), the count, the page of
# articles with their categories.
PAGE = 6
# The publication profile (site header), once after the cache was emptied.
COLD = 1
# The unfiltered list on PostgreSQL first reads the table's estimated size
# (pg_class); a table this small is then counted exactly.
ESTIMATE = 1 if connection.vendor == "postgresql" else 0


@pytest.fixture
def editor_client(client, publication):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def categories():
    return [CategoryFactory(name=f"Chuyên mục {i}") for i in range(3)]


def fill(n, categories):
    start = timezone.make_aware(datetime(2023, 6, 1, 8, 0))
    for i in range(n):
        ArticleFactory(category=categories[i % 3], published_at=start + timedelta(days=10 * i))
    ArticleFactory(category=categories[0], draft=True)


@pytest.mark.parametrize("n", [3, 60])
def test_the_list_queries_do_not_grow(editor_client, categories, django_assert_num_queries, n):
    fill(n, categories)
    with django_assert_num_queries(COLD + PAGE + ESTIMATE):
        response = editor_client.get(URL)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == min(n + 1, 50)


@pytest.mark.parametrize("n", [3, 60])
def test_filtered_and_searched_lists_make_the_same_queries(editor_client, categories, django_assert_num_queries, n):
    fill(n, categories)
    editor_client.get(URL)  # the publication profile is cached from here on
    for params in (
        {"status__exact": "published"},
        {"category__id__exact": categories[0].pk},
        {"published_at__year": "2024"},
        {"status__exact": "published", "category__id__exact": categories[1].pk, "published_at__year": "2024"},
        {"q": "điện biên"},
    ):
        with django_assert_num_queries(PAGE):
            response = editor_client.get(URL, params)
        assert response.status_code == 200, params


def test_no_query_groups_or_counts_the_whole_archive(editor_client, categories, django_assert_num_queries):
    fill(5, categories)
    with django_assert_num_queries(COLD + PAGE) as captured:
        editor_client.get(URL, {"status__exact": "published"})
    sql = " ".join(q["sql"] for q in captured.captured_queries).upper()
    assert "DISTINCT" not in sql  # date_hierarchy's year list
    assert "LIMIT 1001" in sql  # the filtered count stops at 1,000


def test_postgresql_title_search_is_the_trigram_index_expression(publication):
    """The condition the admin's search builds is the very expression of the
    index of migration 0009 (else PostgreSQL reads every row of the archive
    for each search: 0.6–1.2 s per query at 300,000 articles)."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return
    ArticleFactory.create_batch(5)
    request = RequestFactory().get(URL, {"q": "điện biên"})
    request.user = UserFactory(username="admin", is_staff=True, is_superuser=True)
    searched, _ = admin.site._registry[Article].get_search_results(request, Article.objects.order_by(), "điện biên")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = searched.explain()
    assert "Bitmap Index Scan on article_title_trgm" in plan, plan


def test_postgresql_reads_a_workflow_queue_newest_first_from_its_index(publication):
    """A page of drafts walks the partial index of migration 0009 instead of
    sorting every draft (drafts have no publication time, so the order is
    their id)."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return
    ArticleFactory.create_batch(5, draft=True)
    drafts = Article.objects.filter(status=Article.Status.DRAFT).order_by("-published_at", "-id")[:50]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = drafts.explain()
    assert "Index Scan using article_workflow_idx" in plan, plan
    assert "Sort" not in plan, plan
