"""Reader search on PostgreSQL: the unaccent extension, an IMMUTABLE wrapper
around it (an index expression must be immutable; unaccent() itself is only
STABLE because its dictionary could change), and a GIN index on the
accent-free text of title, sapo and body. On SQLite this migration does
nothing: search there uses newsroom_fold() (newsroom/sqlite.py)."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    CREATE OR REPLACE FUNCTION newsroom_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    """,
    """
    CREATE INDEX IF NOT EXISTS article_search_gin ON articles_article USING gin (
        to_tsvector('simple'::regconfig, newsroom_unaccent(((title || ' ' || lead) || ' ' || body)))
    )
    """,
]
BACKWARD = [
    "DROP INDEX IF EXISTS article_search_gin",
    "DROP FUNCTION IF EXISTS newsroom_unaccent(text)",
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
    dependencies = [("articles", "0003_article_pub_id_idx")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
