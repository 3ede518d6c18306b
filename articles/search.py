"""Reader search (``/tim-kiem/?q=``): accent- and case-insensitive Vietnamese.

The query is cleaned here (NFC, control characters and NUL removed, length
and number of words bounded) and folded to lower-case words without accents:
"ĐIỆN BIÊN", "Điện Biên" typed decomposed (NFD) and "dien bien" all become
``["dien", "bien"]``. An article matches when every word occurs in its title,
sapo or body, or when one of its tags contains every word.

PostgreSQL: full-text search over ``newsroom_unaccent(title || lead || body)``
with the ``simple`` configuration (no stemming, no stop words: Vietnamese is
written in syllables), served by the GIN index made in migration
``0007_search_unaccent_gin``. SQLite: the same words, matched as whole words
against text folded by ``newsroom_fold()`` (a Python function installed on
each SQLite connection, newsroom/sqlite.py); it reads every published row,
which is fine for the small sites that run on SQLite.

Ranking, the same on both: title matches first, then sapo matches, then the
rest; newest first within each group.
"""

import re
import unicodedata

from django.db import connection
from django.db.models import BooleanField, Case, Exists, F, Func, OuterRef, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from newsroom.text import fold, nfc

from .models import Article, Tag

MAX_QUERY_LENGTH = 200  # characters kept from what the reader typed
MAX_TERMS = 10  # words searched for
MAX_RESULTS = 1000  # PostgreSQL: the newest matches ranked, per branch (text, tags)

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[^\W_]+")


class SearchQuery:
    """What the reader typed, cleaned: ``text`` (shown back), ``terms`` (the
    folded words searched for) and ``truncated`` (too long, cut)."""

    def __init__(self, raw):
        raw = raw if isinstance(raw, str) else ""
        text = _CONTROL.sub(" ", nfc(raw))
        self.truncated = len(text) > MAX_QUERY_LENGTH
        self.text = " ".join(text[:MAX_QUERY_LENGTH].split())
        terms = []
        for term in fold(self.text).split():
            if term not in terms:
                terms.append(term)
        self.too_many_terms = len(terms) > MAX_TERMS
        self.terms = terms[:MAX_TERMS]

    def __bool__(self):
        return bool(self.terms)


# PostgreSQL ---------------------------------------------------------------


class PgMatches(Func):
    """``<table>.search_document @@ to_tsquery('simple', 'dien:A & bien:A')``.

    ``search_document`` is the stored generated column of migration 0006
    (title weighted A, sapo B, body C) with its GIN index; ``weights`` "A"
    asks for title matches only, "AB" for title or sapo, "" for anywhere.
    Terms are folded words (letters and digits only), so they cannot carry
    tsquery syntax."""

    output_field = BooleanField()

    def __init__(self, terms, weights=""):
        self.terms, self.weights = list(terms), weights
        super().__init__(F("pk"))

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, params = compiler.compile(self.source_expressions[0])
        column = pk_sql.rsplit(".", 1)[0] + '."search_document"' if "." in pk_sql else '"search_document"'
        suffix = f":{self.weights}" if self.weights else ""
        query = " & ".join(f"{term}{suffix}" for term in self.terms)
        return f"{column} @@ to_tsquery('simple'::regconfig, %s)", (*params, query)


class PgTagMatches(Func):
    """``to_tsvector('simple', newsroom_unaccent(name)) @@ plainto_tsquery(…)``
    (the tag table is small: no index)."""

    output_field = BooleanField()
    arity = 2

    def as_sql(self, compiler, connection, **extra_context):
        name, name_params = compiler.compile(self.source_expressions[0])
        query, query_params = compiler.compile(self.source_expressions[1])
        sql = (
            f"to_tsvector('simple'::regconfig, newsroom_unaccent({name})) "
            f"@@ plainto_tsquery('simple'::regconfig, {query})"
        )
        return sql, (*name_params, *query_params)


def _pg_filters(terms):
    return {
        "text": PgMatches(terms),
        "tags": Tag.objects.filter(PgTagMatches(F("name"), Value(" ".join(terms)))),
        "title": PgMatches(terms, "A"),
        "lead": PgMatches(terms, "B"),
    }


# SQLite -------------------------------------------------------------------


class Fold(Func):
    """``newsroom_fold(text)``: " dien bien phu ", see newsroom/sqlite.py."""

    function = "newsroom_fold"
    arity = 1
    output_field = TextField()


class FoldHtml(Fold):
    """``newsroom_fold_html(body)``: the same, for HTML (tags are not words)."""

    function = "newsroom_fold_html"


def _all_words(expression, terms):
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{expression}__contains": f" {term} "})
    return condition


def _sqlite_filters(terms):
    tags = Tag.objects.alias(folded=Fold(F("name"))).filter(_all_words("folded", terms))
    return {
        "alias": {
            "folded_title": Fold(F("title")),
            "folded_lead": Fold(F("lead")),
            "folded_text": Concat(Fold(F("title")), Fold(F("lead")), FoldHtml(F("body")), output_field=TextField()),
        },
        "text": _all_words("folded_text", terms),
        "tags": tags,
        "title": _all_words("folded_title", terms),
        "lead": _all_words("folded_lead", terms),
    }


def search_articles(query):
    """Published articles matching ``query`` (a SearchQuery), ranked."""
    if not query:
        return Article.objects.none()
    published = Article.objects.published()
    if connection.vendor == "postgresql":
        parts = _pg_filters(query.terms)
    else:
        parts = _sqlite_filters(query.terms)
        published = published.alias(**parts["alias"])
    # The matching tags first (a small table, one query): with their ids in
    # hand PostgreSQL estimates how common they are and, for a common tag,
    # walks the newest articles checking each instead of fetching all of them.
    tag_ids = list(parts["tags"].values_list("pk", flat=True))
    tagged = Article.tags.through.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
    by_text = published.filter(parts["text"]).order_by().values("pk")
    by_tag = published.filter(Exists(tagged)).order_by().values("pk")
    if connection.vendor == "postgresql":
        # Rank only the newest matches of each branch: a word found in tens
        # of thousands of articles would otherwise be ranked in full
        # (docs/search.md). SQLite cannot limit inside a UNION.
        newest = ("-published_at", "-id")
        by_text = by_text.order_by(*newest)[:MAX_RESULTS]
        by_tag = by_tag.order_by(*newest)[:MAX_RESULTS]
    matches = Article.objects.filter(pk__in=by_text.union(by_tag))
    if connection.vendor != "postgresql":
        matches = matches.alias(**parts["alias"])
    return (
        matches.for_listing()
        .annotate(
            title_hit=Case(When(parts["title"], then=Value(True)), default=Value(False)),
            lead_hit=Case(When(parts["lead"], then=Value(True)), default=Value(False)),
        )
        .order_by("-title_hit", "-lead_hit", "-published_at", "-id")
    )


def is_capped(count):
    """True when only the newest matches were ranked (PostgreSQL)."""
    return connection.vendor == "postgresql" and count >= MAX_RESULTS


def highlight(text, terms):
    """``text`` escaped, with each word whose folded form is one of ``terms``
    wrapped in ``<mark>`` (accent-insensitive: "dien" marks "Điện")."""
    text = unicodedata.normalize("NFC", str(text))
    wanted = set(terms)
    out, last = [], 0
    for match in _WORD.finditer(text):
        if fold(match.group()).strip() in wanted:
            out.append(conditional_escape(text[last : match.start()]))
            out.append(f"<mark>{conditional_escape(match.group())}</mark>")
            last = match.end()
    out.append(conditional_escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308  (every piece escaped above)
