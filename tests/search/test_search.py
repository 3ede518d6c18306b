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


def test_postgresql_text_condition_is_the_gin_index_expression(publication):
    """The condition search builds is the very expression of the index of
    migration 0006 (else PostgreSQL would read every row on a big archive)."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return
    from articles.search import _pg_filters

    ArticleFactory.create_batch(5)
    text_only = Article.objects.filter(_pg_filters(["dien", "bien"])["text"]).order_by()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = text_only.explain()
    assert "Bitmap Index Scan on article_search_gin" in plan


def test_postgresql_ranks_only_the_newest_matches(client, publication, monkeypatch):
    """A word found in a huge number of articles: the newest MAX_RESULTS of
    them are ranked and the page says there are many."""
    from articles import search

    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    now = timezone.now()
    ArticleFactory(title="Nậm Pồ cũ nhất", published_at=now - timedelta(days=9))
    for i in range(4):
        ArticleFactory(title=f"Tin {i}", lead="Huyện Nậm Pồ.", published_at=now - timedelta(hours=i + 1))
    response = client.get(URL, {"q": "nam po"})
    if connection.vendor == "postgresql":
        assert titles(response) == ["Tin 0", "Tin 1", "Tin 2"]
        assert "Có rất nhiều bài viết cho “nam po”" in response.content.decode()
    else:  # SQLite ranks every match
        assert titles(response)[0] == "Nậm Pồ cũ nhất"
        assert len(titles(response)) == 5
