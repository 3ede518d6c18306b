"""Counting article views. The one entry point the article page calls; the
Redis backend, bot filtering and daily buckets grow behind it."""

from django.db import connection

from .models import ArticleViewCount


def record_view(article_id):
    """Add one view to the article and return its new total.

    One atomic statement (an upsert with ``views = views + 1``): no
    read-modify-write, so concurrent readers never lose a count, and the
    article row itself is never saved."""
    table = connection.ops.quote_name(ArticleViewCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (article_id, views) VALUES (%s, 1) "  # noqa: S608 (table name from _meta)
            "ON CONFLICT (article_id) DO UPDATE SET views = "
            f"{table}.views + 1 RETURNING views",
            [article_id],
        )
        return cursor.fetchone()[0]


def view_count(article_id):
    """The article's total without counting (for previews and the admin)."""
    return ArticleViewCount.objects.filter(article_id=article_id).values_list("views", flat=True).first() or 0


def seed_view_count(article_id, views):
    """Give an article a starting total (demo data, imports from an old site)
    unless it already has one."""
    ArticleViewCount.objects.get_or_create(article_id=article_id, defaults={"views": views})
