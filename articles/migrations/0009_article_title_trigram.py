"""The admin's title search on PostgreSQL: a trigram index on UPPER(title).

``search_fields = ("title",)`` makes ``UPPER(title) LIKE UPPER('%…%')``, which
no B-tree index can answer: at 300,000 articles every search was a sequential
scan of the table (0.8–1.2 s per query, three such queries per page). A GIN
index with pg_trgm's ``gin_trgm_ops`` on exactly that expression answers it
(Vietnamese letters are word characters for pg_trgm), and ANALYZE gathers
statistics on the expression, without which the planner guesses a search
matches almost nothing and sorts every match instead of walking the newest
articles (docs/performance.md, "Admin changelist", has the plans).

Built CONCURRENTLY (outside a transaction), so editors can keep saving
articles while it builds (16 s at 300,000 articles on the bench machine, and 4 s for ANALYZE).
On SQLite this migration does nothing: its LIKE is our Unicode-aware
function (newsroom/sqlite.py) and a small site's table is scanned quickly."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX CONCURRENTLY article_title_trgm ON articles_article "
    "USING gin (UPPER(title::text) gin_trgm_ops)",
    "ANALYZE articles_article",
]
BACKWARD = [
    "DROP INDEX CONCURRENTLY IF EXISTS article_title_trgm",
    # The extension stays: other code in the database may use it.
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("articles", "0008_search_title_lead")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
