"""The admin's paginator for the article archive (newsroom/paginators.py);
what the list shows with it is tested in tests/articles/test_admin.py."""

import pytest
from django.db import connection

from articles.models import Article
from newsroom.paginators import estimated_row_count, round_estimate
from tests.factories import ArticleFactory, CategoryFactory


@pytest.mark.django_db
def test_postgresql_estimates_the_size_of_a_table_and_sqlite_does_not():
    ArticleFactory.create_batch(5, category=CategoryFactory())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_article")  # what autovacuum does after enough writes
        assert estimated_row_count(Article, "default") == 5
    else:
        assert estimated_row_count(Article, "default") is None


def test_an_estimate_keeps_three_figures():
    assert [round_estimate(n) for n in (7, 999, 1234, 299_947, 1_234_567)] == [7, 999, 1230, 300_000, 1_230_000]
