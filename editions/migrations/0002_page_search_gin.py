"""Printed-page search on PostgreSQL: a GIN index on the words of each
page's folded text (``to_tsvector('simple', search_text)``, the expression
editions/search.py matches). The text is folded already (no accents, lower
case), so no unaccent is needed. On SQLite this migration does nothing:
search there matches each word between spaces."""

from django.db import migrations

FORWARD = (
    "CREATE INDEX editions_page_search_gin ON editions_page "
    "USING gin (to_tsvector('simple'::regconfig, search_text))"
)
BACKWARD = "DROP INDEX IF EXISTS editions_page_search_gin"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("editions", "0001_print_edition")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
