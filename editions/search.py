"""Finding printed pages by their words, accent-insensitive, as the article
search does (articles/search.py: the same SearchQuery, the same folded
words): "dien bien" finds a page that prints "Điện Biên".

Each page keeps its text folded (``Page.search_text``: " dien bien phu ").
PostgreSQL matches the words with full-text search over a GIN index on
``to_tsvector('simple', search_text)`` (migration 0002); SQLite matches each
word between spaces. Results: pages of published issues, newest issue
first, then by page number."""

import re

from django.db import connection
from django.db.models import BooleanField, Func

from articles.search import highlight
from newsroom.text import fold

from .models import Issue, Page

SNIPPET_WORDS = 36  # words shown around the first match
_WORD = re.compile(r"[^\W_]+")


class _PgWordsMatch(Func):
    """``to_tsvector('simple', search_text) @@ to_tsquery('simple', 'w1 & w2')``:
    the expression of the GIN index ``editions_page_search_gin``."""

    output_field = BooleanField()

    def __init__(self, expression, terms):
        super().__init__(expression)
        self.query = " & ".join(terms)

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        sql = f"to_tsvector('simple'::regconfig, {column}) @@ to_tsquery('simple'::regconfig, %s)"
        return sql, [*params, self.query]


def search_pages(query):
    """Pages of published issues having every word of ``query`` (an
    articles.search.SearchQuery), newest issue first; with their issue and
    edition, without the folded text."""
    if not query:
        return Page.objects.none()
    pages = Page.objects.filter(issue__in=Issue.objects.published())
    if connection.vendor == "postgresql":
        pages = pages.filter(_PgWordsMatch("search_text", query.terms))
    else:
        for term in query.terms:
            pages = pages.filter(search_text__contains=f" {term} ")
    return (
        pages.select_related("issue__edition")
        .defer("search_text")
        .order_by("-issue__date", "-issue__number", "-issue__id", "number")
    )


def snippet(text, terms, words=SNIPPET_WORDS):
    """About ``words`` words of ``text`` around the first word that matches,
    escaped, with the matching words marked (articles.search.highlight)."""
    tokens = list(_WORD.finditer(text))
    if not tokens:
        return ""
    wanted = set(terms)
    first = next((i for i, m in enumerate(tokens) if fold(m.group()).strip() in wanted), 0)
    start = max(0, first - words // 3)
    end = min(len(tokens), start + words)
    piece = " ".join(text[tokens[start].start() : tokens[end - 1].end()].split())
    before = "… " if start > 0 else ""
    after = " …" if end < len(tokens) else ""
    return highlight(f"{before}{piece}{after}", terms)
