"""Reader search on PostgreSQL, faster ranking: two more stored generated
columns, ``search_title`` (the accent-free words of the title) and
``search_lead`` (of the sapo), each with its own GIN index.

Search ranks title matches first, then sapo matches, then the rest. With only
``search_document`` (title, sapo and body in one big tsvector, stored out of
line in TOAST) every "is it in the title?" check read and decompressed the
whole document, and the GIN index could not tell title matches from body
matches. These two are small, stored in the row itself, and their indexes
find each tier directly (docs/search.md has the figures).

Adding a stored generated column rewrites the table: on a big archive, plan a
maintenance window (both columns are added by one statement, one rewrite).
The columns are not model fields: Django never writes them.

On SQLite this migration does nothing: search there uses newsroom_fold()
(newsroom/sqlite.py)."""

from django.db import migrations

FORWARD = [
    """
    ALTER TABLE articles_article
    ADD COLUMN search_title tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, newsroom_unaccent(title))
    ) STORED,
    ADD COLUMN search_lead tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, newsroom_unaccent(lead))
    ) STORED
    """,
    "CREATE INDEX article_search_title_gin ON articles_article USING gin (search_title)",
    "CREATE INDEX article_search_lead_gin ON articles_article USING gin (search_lead)",
    # Newest published first, with the title's words: search walks it without
    # reading the table. (Titles are at most 300 characters, so their words
    # always fit in a btree entry; sapos are longer and stay out.)
    """
    CREATE INDEX article_search_walk_idx ON articles_article (published_at DESC, id DESC)
    INCLUDE (search_title) WHERE status = 'published'
    """,
    "ANALYZE articles_article",
]
BACKWARD = [
    "DROP INDEX IF EXISTS article_search_walk_idx",
    "DROP INDEX IF EXISTS article_search_lead_gin",
    "DROP INDEX IF EXISTS article_search_title_gin",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_lead, DROP COLUMN IF EXISTS search_title",
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
    dependencies = [("articles", "0007_search_unaccent_gin")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
