"""Reader search on PostgreSQL: the unaccent extension, an IMMUTABLE wrapper
around it (a generated column must be immutable; unaccent() itself is only
STABLE because its dictionary could change), a stored generated column
``search_document`` (the accent-free words of title, sapo and body, weighted
A, B and C, kept up to date by PostgreSQL itself on every write) and a GIN
index on it. Matching and "title first" then read the stored words instead
of parsing each article again (docs/search.md has the figures). The column is
not a model field: Django never writes it.

On SQLite this migration does nothing: search there uses newsroom_fold()
(newsroom/sqlite.py)."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    CREATE OR REPLACE FUNCTION newsroom_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    """,
    """
    ALTER TABLE articles_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, newsroom_unaccent(title)), 'A')
        || setweight(to_tsvector('simple'::regconfig, newsroom_unaccent(lead)), 'B')
        || setweight(to_tsvector('simple'::regconfig, newsroom_unaccent(body)), 'C')
    ) STORED
    """,
    "CREATE INDEX article_search_gin ON articles_article USING gin (search_document)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS article_search_gin",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document",
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
    dependencies = [("articles", "0006_article_image_and_audio")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
