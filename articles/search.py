"""Reader search (``/tim-kiem/?q=``): accent- and case-insensitive Vietnamese.

The query is cleaned here (NFC, control characters and NUL removed, length
and number of words bounded) and folded to lower-case words without accents:
"ĐIỆN BIÊN", "Điện Biên" typed decomposed (NFD) and "dien bien" all become
``["dien", "bien"]``. An article matches when every word occurs in its title,
sapo or body, or when one of its tags contains every word.

Ranking, the same on both databases: title matches first, then sapo matches,
then the rest; newest first within each group.

PostgreSQL (``PgSearch``): full-text search with the ``simple``
configuration (no stemming, no stop words: Vietnamese is written in
syllables) over stored generated tsvector columns of the title, the sapo and
the whole article, each with its GIN index (migrations 0007 and 0008), read
tier by tier and only as far as the page needs. SQLite: the same words,
matched as whole words against text folded by ``newsroom_fold()`` (a Python
function installed on each SQLite connection, newsroom/sqlite.py); it reads
every published row, which is fine for the small sites that run on SQLite.
docs/search.md has the design and the figures.
"""

import functools
import math
import re
import time
import unicodedata

from django.conf import settings
from django.db import connection, connections, router
from django.db.models import BooleanField, Case, Exists, F, Func, OuterRef, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from newsroom.text import fold, nfc

from .models import Article, Tag

MAX_QUERY_LENGTH = 200  # characters kept from what the reader typed
MAX_TERMS = 10  # words searched for
MAX_RESULTS = 1000  # PostgreSQL: results a reader can page through

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
#
# The ranked list is read tier by tier (title, sapo, the rest), each tier
# newest first, and only as far as the page asked for needs (docs/search.md).
# A tier is read one of two ways, whichever costs less for these words:
#
# - *walk*: the newest published articles in order (for the title tier
#   through the covering index ``article_search_walk_idx``: published_at, id
#   and the title's words, no table row read), keeping those that match,
#   until enough are found. Cheap when the words are common: "Điện Biên Phủ"
#   finds its 51 matches among the newest 453. Bounded by ``WALK_ROWS``, then
#   by how dense the matches it found are (``PgSearch._tier``).
# - *index*: every match from the tier's GIN index, sorted. Cheap when the
#   words are rare, and it counts the tier exactly on the way.
#
# PostgreSQL's own choice between the two is wrong for Vietnamese: it
# multiplies the frequencies of the words, but the syllables of one name
# ("điện", "biên", "phủ") come together, so it expects 1,846 articles where
# 27,304 match and reads them all (0.4 s). Here the rarest word decides
# (``PgSearch._common``), from the same statistics.

# Newest articles a tier's first walk reads at most: the
# title words are in the covering index (no table row read), the sapo words
# in the table row, the body's in TOAST (decompressed for each article).
WALK_ROWS = {"title": 10_000, "lead": 2_000, "rest": 500}
RARE_ROWS = 2_000  # words expected in at most this many articles go to the GIN index at once
COUNTED = 50  # results counted exactly; past that the page says "more than 50"
STATS_SECONDS = 600  # how long a worker keeps the word statistics it read

# The SQL of each tier: (column whose statistics decide, walk, GIN index).
# Parameters: q (tsquery: folded words, letters and digits only, joined by
# "&"), now, limit, tags (ids of the matching tags). 'published' is
# Article.Status.PUBLISHED; the partial covering index is on it.
# - walk: the newest published articles in order (the LIMIT inside keeps
#   PostgreSQL from turning it into an index search), then the matches among
#   them;
# - index: every match from the GIN index (MATERIALIZED: not walked in date
#   order), newest first, with their number.
_TIERS = {
    "title": (
        "search_title",
        """
        SELECT id FROM (
            SELECT id, published_at, search_title FROM articles_article
            WHERE status = 'published' AND published_at <= %(now)s
            ORDER BY published_at DESC, id DESC LIMIT %(walk)s
        ) AS newest
        WHERE search_title @@ to_tsquery('simple'::regconfig, %(q)s)
        ORDER BY published_at DESC, id DESC LIMIT %(limit)s
        """,
        """
        WITH matches AS MATERIALIZED (
            SELECT id, published_at FROM articles_article
            WHERE search_title @@ to_tsquery('simple'::regconfig, %(q)s)
              AND status = 'published' AND published_at <= %(now)s
        )
        SELECT id, count(*) OVER () FROM matches ORDER BY published_at DESC, id DESC LIMIT %(limit)s
        """,
    ),
    "lead": (
        "search_lead",
        """
        SELECT id FROM (
            SELECT id, published_at, search_title, search_lead FROM articles_article
            WHERE status = 'published' AND published_at <= %(now)s
            ORDER BY published_at DESC, id DESC LIMIT %(walk)s
        ) AS newest
        WHERE search_lead @@ to_tsquery('simple'::regconfig, %(q)s)
          AND NOT search_title @@ to_tsquery('simple'::regconfig, %(q)s)
        ORDER BY published_at DESC, id DESC LIMIT %(limit)s
        """,
        """
        WITH matches AS MATERIALIZED (
            SELECT id, published_at FROM articles_article
            WHERE search_lead @@ to_tsquery('simple'::regconfig, %(q)s)
              AND NOT search_title @@ to_tsquery('simple'::regconfig, %(q)s)
              AND status = 'published' AND published_at <= %(now)s
        )
        SELECT id, count(*) OVER () FROM matches ORDER BY published_at DESC, id DESC LIMIT %(limit)s
        """,
    ),
    "rest": (
        "search_document",
        """
        SELECT id FROM (
            SELECT id, published_at, search_title, search_lead, search_document FROM articles_article
            WHERE status = 'published' AND published_at <= %(now)s
            ORDER BY published_at DESC, id DESC LIMIT %(walk)s
        ) AS newest
        WHERE NOT search_title @@ to_tsquery('simple'::regconfig, %(q)s)
          AND NOT search_lead @@ to_tsquery('simple'::regconfig, %(q)s)
          AND (
            search_document @@ to_tsquery('simple'::regconfig, %(q)s)
            OR EXISTS (
                SELECT 1 FROM articles_taggedarticle AS t
                WHERE t.content_object_id = newest.id AND t.tag_id = ANY(%(tags)s)
            )
          )
        ORDER BY published_at DESC, id DESC LIMIT %(limit)s
        """,
        """
        WITH matches AS MATERIALIZED (
            SELECT id FROM articles_article WHERE search_document @@ to_tsquery('simple'::regconfig, %(q)s)
            UNION
            SELECT content_object_id FROM articles_taggedarticle WHERE tag_id = ANY(%(tags)s)
        )
        SELECT a.id, count(*) OVER () FROM articles_article AS a JOIN matches USING (id)
        WHERE a.status = 'published' AND a.published_at <= %(now)s
          AND NOT a.search_title @@ to_tsquery('simple'::regconfig, %(q)s)
          AND NOT a.search_lead @@ to_tsquery('simple'::regconfig, %(q)s)
        ORDER BY a.published_at DESC, a.id DESC LIMIT %(limit)s
        """,
    ),
}


def horizon(page):
    """How many results a search reads for ``page`` (PostgreSQL): what the
    page shows, one more (is there a next page?), and at least ``COUNTED``
    + 1 so that small result sets are counted exactly."""
    return min(max(COUNTED, page * settings.NEWSROOM_PAGE_SIZE) + 1, MAX_RESULTS)


class PgSearch:
    """The ranked matches of ``terms`` on PostgreSQL, as a Paginator wants
    them: ``count()`` (exact up to the horizon of ``page``, see
    ``horizon``) and slices of articles. Read once, on first use."""

    def __init__(self, terms, page=1):
        self.terms, self.wanted = list(terms), horizon(page)
        self._ids = self._total = self._tags = self._articles = None

    def count(self):
        self._read()
        return self._total

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        self._read()
        ids = self._ids[index]
        found = Article.objects.for_listing().in_bulk(ids) if ids else {}
        return [found[pk] for pk in ids if pk in found]

    def _read(self):
        if self._ids is not None:
            return
        params = {"q": " & ".join(self.terms), "now": timezone.now()}
        self._articles, columns = _column_stats(int(time.monotonic() // STATS_SECONDS))
        ids, total, exact = [], 0, True
        for tier in ("title", "lead", "rest"):
            if len(ids) >= self.wanted:
                exact = False  # the tiers below were not looked at
                break
            tier_ids, tier_total = self._tier(tier, self.wanted - len(ids), params, columns)
            ids += tier_ids
            if tier_total is None:
                exact = False
            else:
                total += tier_total
        self._ids = ids
        self._total = min(total, MAX_RESULTS) if exact else len(ids)

    def _common(self, frequencies):
        """Is every word frequent enough in this column (``frequencies``: its
        statistics, None if not analysed yet) for a walk to be cheaper than
        the GIN index? The rarest word bounds how many articles can match; a
        word missing from the statistics is rare. Not analysed: yes (a walk
        is bounded, a GIN read of a common word is not)."""
        if frequencies is None:
            return True
        known = [frequencies.get(term) for term in self.terms]
        return None not in known and min(known) * self._articles > RARE_ROWS

    def _tier(self, tier, limit, params, columns):
        """(ids, total) of the newest ``limit`` matches of ``tier``; total
        is None when a walk found ``limit`` (the rest not counted).

        A walk that found some but not enough within its bound tells how
        dense the matches are among the newest articles: if walking on to
        ``limit`` (with half as much again to spare) reads fewer articles
        than the GIN index would return matches, walk that far instead."""
        column, walk_sql, index_sql = _TIERS[tier]
        bound = WALK_ROWS[tier]
        params = {**params, "limit": limit, "walk": bound}
        walk = self._common(columns.get(column))
        if tier == "rest":
            params["tags"] = self._tag_ids()
            walk = walk or bool(params["tags"])
        with _reading() as cursor:
            if walk:
                cursor.execute(walk_sql, params)
                ids = [row[0] for row in cursor.fetchall()]
                further = math.ceil(1.5 * bound * limit / len(ids)) if ids else 0
                if ids and len(ids) < limit and further < len(ids) / bound * self._articles:
                    cursor.execute(walk_sql, {**params, "walk": further})
                    ids = [row[0] for row in cursor.fetchall()]
                if len(ids) == limit:
                    return ids, None
            cursor.execute(index_sql, params)
            rows = cursor.fetchall()
        return [row[0] for row in rows], (rows[0][1] if rows else 0)

    def _tag_ids(self):
        if self._tags is None:
            tags = Tag.objects.filter(PgTagMatches(F("name"), Value(" ".join(self.terms))))
            self._tags = list(tags.values_list("pk", flat=True))
        return self._tags


def _reading():
    """A cursor on the database the ORM reads articles from (the read
    replica when there is one, newsroom/db_router.py)."""
    return connections[router.db_for_read(Article)].cursor()


@functools.lru_cache(maxsize=1)
def _column_stats(period):
    """PostgreSQL's statistics of the articles table: (number of articles,
    {search column: {word: share of articles}}), the most common words of a
    sample (ANALYZE; autovacuum keeps them fresh). Read once per worker every
    ``STATS_SECONDS`` (``period`` changes then). Never analysed: (-1, {})."""
    sql = """
        SELECT c.reltuples, s.attname, s.most_common_elems::text::text[], s.most_common_elem_freqs
        FROM pg_class AS c
        LEFT JOIN pg_stats AS s ON s.schemaname = current_schema() AND s.tablename = 'articles_article'
            AND s.attname IN ('search_title', 'search_lead', 'search_document')
        WHERE c.oid = 'articles_article'::regclass
    """
    with _reading() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    columns = {}
    for _articles, column, words, frequencies in rows:
        if column:
            words = words or []  # (the frequencies end with their minimum and maximum)
            columns[column] = dict(zip(words, (frequencies or [])[: len(words)], strict=True))
    return rows[0][0], columns


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


def search_articles(query, page=1):
    """Published articles matching ``query`` (a SearchQuery), ranked: a
    ``PgSearch`` on PostgreSQL (read as far as ``page`` needs), a queryset
    on SQLite."""
    if not query:
        return Article.objects.none()
    if connection.vendor == "postgresql":
        return PgSearch(query.terms, page)
    parts = _sqlite_filters(query.terms)
    published = Article.objects.published().alias(**parts["alias"])
    tag_ids = parts["tags"].values("pk")
    tagged = Article.tags.through.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
    by_text = published.filter(parts["text"]).order_by().values("pk")
    by_tag = published.filter(Exists(tagged)).order_by().values("pk")
    return (
        Article.objects.filter(pk__in=by_text.union(by_tag))
        .alias(**parts["alias"])
        .for_listing()
        .annotate(
            title_hit=Case(When(parts["title"], then=Value(True)), default=Value(False)),
            lead_hit=Case(When(parts["lead"], then=Value(True)), default=Value(False)),
        )
        .order_by("-title_hit", "-lead_hit", "-published_at", "-id")
    )


def is_capped(count):
    """True when the count is a lower bound: PostgreSQL counts exactly only
    up to ``COUNTED`` (``horizon``)."""
    return connection.vendor == "postgresql" and count > COUNTED


@functools.lru_cache(maxsize=20_000)
def _folded_word(word):
    # A language has a few thousand distinct words: each worker folds each once.
    return fold(word).strip()


def highlight(text, terms):
    """``text`` escaped, with each word whose folded form is one of ``terms``
    wrapped in ``<mark>`` (accent-insensitive: "dien" marks "Điện")."""
    text = unicodedata.normalize("NFC", str(text))
    wanted = set(terms)
    out, last = [], 0
    for match in _WORD.finditer(text):
        if _folded_word(match.group()) in wanted:
            out.append(conditional_escape(text[last : match.start()]))
            out.append(f"<mark>{conditional_escape(match.group())}</mark>")
            last = match.end()
    out.append(conditional_escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308  (every piece escaped above)
