"""Reader search at /tim-kiem/: accents, case, NFD, tags, ranking, paging,
highlighting and hostile input. Runs on SQLite and on PostgreSQL (full-text
search with unaccent and the GIN index)."""

import unicodedata
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.search import SearchQuery
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_word_statistics():
    """PostgreSQL: each worker keeps the word statistics it read for a while."""
    from articles import search

    search._column_stats.cache_clear()


URL = "/tim-kiem/"


def titles(response):
    return [a.title for a in response.context["articles"]]


@pytest.fixture
def stories(publication):
    return {
        "dbp": ArticleFactory(title="Điện Biên Phủ đón khách du lịch", lead="Mùa hoa ban nở trắng núi rừng."),
        "cafe": ArticleFactory(title="Cà phê Mường Ảng vào mùa thu hoạch", lead="Nông dân phấn khởi."),
        "other": ArticleFactory(title="Tin thể thao", lead="Giải bóng đá thiếu niên."),
    }


@pytest.mark.parametrize(
    "q",
    ["dien bien", "ĐIỆN BIÊN", "Điện Biên", "điện biên phủ", "DIEN BIEN PHU", "  điện   BIÊN  "],
)
def test_accents_and_case_do_not_matter(client, stories, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert titles(response) == ["Điện Biên Phủ đón khách du lịch"]


def test_decomposed_nfd_input_finds_the_precomposed_text(client, stories):
    q = unicodedata.normalize("NFD", "Mường Ảng")
    assert q != "Mường Ảng"
    assert titles(client.get(URL, {"q": q})) == ["Cà phê Mường Ảng vào mùa thu hoạch"]


def test_decomposed_nfd_text_stored_is_found_too(client, publication):
    # The model stores NFC whatever the editor's keyboard sent.
    ArticleFactory(title=unicodedata.normalize("NFD", "Tủa Chùa mùa mận"))
    assert titles(client.get(URL, {"q": "tua chua"})) == ["Tủa Chùa mùa mận"]


def test_whole_words_only(client, stories):
    # "ban" is a word of the sapo ("hoa ban"); "bo" is not a word anywhere
    # (it is inside "bóng" only).
    assert titles(client.get(URL, {"q": "ban"})) == ["Điện Biên Phủ đón khách du lịch"]
    assert titles(client.get(URL, {"q": "bo"})) == []


def test_every_word_must_match(client, stories):
    assert titles(client.get(URL, {"q": "điện biên thể thao"})) == []


def test_body_is_searched_without_its_markup(client, publication):
    ArticleFactory(title="Một bài", body="<p>Xã <strong>Thanh Xương</strong> làm đường.</p>")
    assert titles(client.get(URL, {"q": "thanh xuong"})) == ["Một bài"]
    assert titles(client.get(URL, {"q": "strong"})) == []


def test_tags_are_searched(client, publication):
    ArticleFactory(title="Bài không nhắc tên", lead="Sapo khác.", tags=["Nông thôn mới"])
    assert titles(client.get(URL, {"q": "nong thon moi"})) == ["Bài không nhắc tên"]


def test_title_matches_come_first_then_sapo_then_body(client, publication):
    hour = timedelta(hours=1)
    now = timezone.now()
    ArticleFactory(title="Ở thân bài", lead="Sapo.", body="<p>Na Sang đẹp.</p>", published_at=now - hour)
    ArticleFactory(title="Ở sapo", lead="Xã Na Sang.", published_at=now - 2 * hour)
    ArticleFactory(title="Na Sang vào hè", lead="Sapo.", published_at=now - 30 * hour)
    ArticleFactory(title="Na Sang mùa lúa", lead="Sapo.", published_at=now - 3 * hour)
    assert titles(client.get(URL, {"q": "na sang"})) == ["Na Sang mùa lúa", "Na Sang vào hè", "Ở sapo", "Ở thân bài"]


def test_only_published_articles_are_found(client, publication):
    ArticleFactory(title="Điện Biên đã đăng")
    ArticleFactory(title="Điện Biên bản nháp", draft=True)
    ArticleFactory(title="Điện Biên hẹn giờ", published_at=timezone.now() + timedelta(hours=2))
    ArticleFactory(title="Điện Biên đã gỡ", status=Article.Status.UNPUBLISHED)
    ArticleFactory(title="Điện Biên gắn thẻ nháp", draft=True, tags=["Điện Biên"])
    assert titles(client.get(URL, {"q": "dien bien"})) == ["Điện Biên đã đăng"]


def test_results_are_highlighted_and_escaped(client, publication):
    ArticleFactory(title="<b>Điện Biên</b> & bạn bè", lead="Về Điện Biên.")
    html = client.get(URL, {"q": "dien bien"}).content.decode()
    assert "&lt;b&gt;<mark>Điện</mark> <mark>Biên</mark>&lt;/b&gt; &amp; bạn bè" in html
    assert "Về <mark>Điện</mark> <mark>Biên</mark>." in html
    assert "<b>Điện" not in html


def test_results_are_paginated_with_the_query_kept(client, publication, settings):
    for i in range(20):
        ArticleFactory(title=f"Mường Chà số {i}")
    response = client.get(URL, {"q": "muong cha"})
    assert len(response.context["articles"]) == settings.NEWSROOM_PAGE_SIZE
    html = response.content.decode()
    assert "Có 20 bài viết" in html
    assert 'href="?q=muong%20cha&amp;page=2"' in html
    assert len(client.get(URL, {"q": "muong cha", "page": "2"}).context["articles"]) == 5
    assert client.get(URL, {"q": "muong cha", "page": "3"}).status_code == 404
    assert client.get(URL, {"q": "muong cha", "page": "x"}).status_code == 404


@pytest.mark.parametrize(
    "q",
    [
        "'; DROP TABLE articles_article; --",
        '" OR 1=1 --',
        "dien & !bien | (",
        "a:* <-> b",
        "%_%",
        "\\",
        "điện\x00biên",
        "\x00",
        "🙂",
        "   ",
        "",
        "x" * 10_000,
        "điện biên " * 1000,
    ],
)
def test_hostile_queries_answer_normally(client, stories, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert Article.objects.count() == 3


def test_nul_byte_is_a_separator(client, stories):
    assert titles(client.get(URL, {"q": "điện\x00biên"})) == ["Điện Biên Phủ đón khách du lịch"]


def test_very_long_query_is_cut_with_a_message(client, stories):
    response = client.get(URL, {"q": "điện biên " + "x" * 10_000})
    assert response.status_code == 200
    assert "Từ khóa dài quá: chỉ tìm theo 200 ký tự đầu." in response.content.decode()


def test_array_style_parameter_is_ignored(client, stories):
    response = client.get(URL + "?q[]=dien&q[]=bien")
    assert response.status_code == 200
    assert "Nhập từ khóa để tìm bài viết" in response.content.decode()


def test_repeated_q_uses_the_last(client, stories):
    assert titles(client.get(URL + "?q=xyz&q=dien+bien")) == ["Điện Biên Phủ đón khách du lịch"]


def test_search_query_folding():
    query = SearchQuery("  ĐIỆN   Biên\u0000phủ điện ")
    assert query.terms == ["dien", "bien", "phu"]
    assert not SearchQuery("!!! ---")
    assert len(SearchQuery(" ".join(f"w{i}" for i in range(30))).terms) == 10


def test_search_page_queries(client, stories, django_assert_max_num_queries):
    client.get("/")
    # count, page of results (+ sidebar widgets pinned in tests/articles/test_queries.py)
    with django_assert_max_num_queries(12):
        assert client.get(URL, {"q": "dien bien"}).status_code == 200


def analyse():
    """Fresh planner statistics (PostgreSQL): search reads them to choose how
    to read each tier, so the tests do not depend on autovacuum's timing."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")


def test_search_page_query_count_many_title_matches(client, publication, django_assert_num_queries):
    """Words in more titles than the page needs: one query finds the page
    (the title tier), whatever the statistics say."""
    for i in range(120):
        ArticleFactory(title=f"Mường Chà số {i}")
    client.get(URL, {"q": "xyz"})  # the sidebar fragments
    if connection.vendor == "postgresql":
        # title tier (walk or index), the page's articles; printed pages (editions)
        with django_assert_num_queries(3):
            response = client.get(URL, {"q": "muong cha"})
    else:
        # count, page; printed pages (editions)
        with django_assert_num_queries(3):
            response = client.get(URL, {"q": "muong cha"})
    assert len(titles(response)) == 15
    html = response.content.decode()
    if connection.vendor == "postgresql":
        assert "Có rất nhiều bài viết cho “muong cha” (hơn 50 bài)" in html
        assert "Trang 1<" in html
    else:
        assert "Có 120 bài viết" in html and "Trang 1/8<" in html
    with django_assert_num_queries(0):
        client.get(URL, {"q": "muong cha"})  # cached


def test_search_page_query_count_few_matches(client, stories, django_assert_num_queries):
    """A rare word on PostgreSQL: each tier from its GIN index (title, sapo,
    tags, the rest), the page's articles; then the printed pages (editions)."""
    if connection.vendor == "postgresql":
        analyse()
        expected = 6
    client.get(URL, {"q": "xyz"})  # the sidebar fragments (and word statistics)
    if connection.vendor != "postgresql":
        expected = 3
    with django_assert_num_queries(expected):
        response = client.get(URL, {"q": "hoa ban"})
    assert titles(response) == ["Điện Biên Phủ đón khách du lịch"]
    assert "Có 1 bài viết" in response.content.decode()


def test_title_matches_come_first_however_old(client, publication, monkeypatch):
    """More results than are counted: the title tier still comes first, then
    the sapo tier, newest first in each; the page says there are many and
    the next page goes on where this one stopped."""
    from articles import search

    monkeypatch.setattr(search, "COUNTED", 3)
    now = timezone.now()
    ArticleFactory(title="Nậm Pồ cũ nhất", published_at=now - timedelta(days=900))
    for i in range(20):
        ArticleFactory(title=f"Tin {i}", lead="Huyện Nậm Pồ.", published_at=now - timedelta(hours=i + 1))
    response = client.get(URL, {"q": "nam po"})
    if connection.vendor != "postgresql":  # SQLite counts every match
        assert titles(response)[:3] == ["Nậm Pồ cũ nhất", "Tin 0", "Tin 1"]
        return
    html = response.content.decode()
    assert titles(response) == ["Nậm Pồ cũ nhất"] + [f"Tin {i}" for i in range(14)]
    assert "Có rất nhiều bài viết cho “nam po” (hơn 3 bài)" in html
    assert 'href="?q=nam%20po&amp;page=2"' in html
    assert "Trang 1<" in html
    page2 = client.get(URL, {"q": "nam po", "page": "2"})
    assert titles(page2) == [f"Tin {i}" for i in range(14, 20)]
    assert 'rel="next"' not in page2.content.decode()
    assert client.get(URL, {"q": "nam po", "page": "3"}).status_code == 404


def test_tagged_articles_come_after_title_and_sapo_matches(client, publication):
    now = timezone.now()
    ArticleFactory(title="Chỉ có thẻ", lead="Sapo khác.", tags=["Nông thôn mới"], published_at=now)
    ArticleFactory(title="Xây dựng nông thôn mới", published_at=now - timedelta(days=30))
    ArticleFactory(title="Bài sapo", lead="Nông thôn mới ở Tuần Giáo.", published_at=now - timedelta(days=20))
    assert titles(client.get(URL, {"q": "nong thon moi"})) == ["Xây dựng nông thôn mới", "Bài sapo", "Chỉ có thẻ"]


def test_postgresql_each_tier_has_its_gin_index(publication):
    """The stored words of each tier (title, sapo, everything) have their own
    GIN index, which the tier's condition uses (else PostgreSQL would read
    every row of a big archive). Which way a whole tier query goes depends
    on the table's size: docs/search.md shows the plans on 300,000 articles."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return
    ArticleFactory.create_batch(5)
    plans = {}
    with connection.cursor() as cursor:
        for scan in ("seqscan", "indexscan", "indexonlyscan"):  # what a small table would rather do
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        for column in ("search_title", "search_lead", "search_document"):
            cursor.execute(
                f"EXPLAIN SELECT id FROM articles_article WHERE {column} @@ to_tsquery('simple'::regconfig, %s)",  # noqa: S608
                ["dien & bien"],
            )
            plans[column] = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on article_search_title_gin" in plans["search_title"]
    assert "Bitmap Index Scan on article_search_lead_gin" in plans["search_lead"]
    assert "Bitmap Index Scan on article_search_gin" in plans["search_document"]
