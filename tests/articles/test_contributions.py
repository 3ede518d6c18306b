"""Contributions: the byline printed from them on the article page in each
paper's style and in the print view, the JSON-LD authors, the feed, the
article form's list of contributors, and the migration that reads the old
text bylines."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles import roles
from articles.contributions import attach_from_byline
from articles.models import Contribution
from authors.bylines import Kind, Role
from authors.models import Author, PenName
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ContributionFactory,
    UserFactory,
    contribution_forms,
)
from tests.seo.test_article_meta import head_of

pytestmark = pytest.mark.django_db


def byline_of(html):
    match = re.search(r'<p class="byline">(.*?)</p>', html, re.S)
    return match.group(1) if match else None


def without_tags(html):
    return re.sub(r"<[^>]+>", "", html)


@pytest.fixture
def production(publication):
    """“Thực hiện: Quàng Hương - Đức Anh”, the second under a pen name."""
    article = ArticleFactory(title="Lễ hội hoa ban", byline="")
    huong = AuthorFactory(name="Quàng Hương")
    duc_anh = AuthorFactory(name="Nguyễn Đức Anh")
    ContributionFactory(article=article, author=huong, role=Role.PRODUCTION, position=1)
    ContributionFactory(article=article, author=duc_anh, role=Role.PRODUCTION, pen_name="Đức Anh", position=2)
    return article


def set_theme(publication, theme):
    publication.theme = theme
    publication.save()


def test_the_article_page_prints_the_byline_from_its_contributions_with_links(client, production):
    html = client.get(production.get_absolute_url()).content.decode()
    assert byline_of(html) == (
        'Thực hiện: <a href="/tac-gia/quang-huong/" rel="author">Quàng Hương</a>'
        ' - <a href="/tac-gia/nguyen-duc-anh/" rel="author">Đức Anh</a>'
    )


@pytest.mark.parametrize(
    ("theme", "printed"),
    [
        ("dienbienphu", "Tin, ảnh: Quang Long; Theo TTXVN"),
        ("backan", "Quang Long; Theo TTXVN"),
        ("laichau", "Quang Long; Theo TTXVN"),
    ],
)
def test_each_theme_prints_the_byline_in_its_paper_s_style(client, publication, theme, printed):
    set_theme(publication, theme)
    article = ArticleFactory(byline="")
    long = AuthorFactory(name="Quang Long")
    ContributionFactory(article=article, author=long, role=Role.NEWS)
    ContributionFactory(article=article, author=long, role=Role.PHOTO)
    ContributionFactory(article=article, author=AuthorFactory(name="TTXVN", kind=Kind.ORGANISATION), role=Role.VIA)
    assert without_tags(byline_of(client.get(article.get_absolute_url()).content.decode())) == printed


def test_an_article_without_contributions_shows_its_text_byline(client, publication):
    article = ArticleFactory(byline="Ảnh cắt từ video: Trung Kiên")
    assert byline_of(client.get(article.get_absolute_url()).content.decode()) == "Ảnh cắt từ video: Trung Kiên"


def test_the_print_view_prints_the_byline_without_links(client, production):
    html = client.get(production.get_print_url()).content.decode()
    assert byline_of(html) == "Thực hiện: Quàng Hương - Đức Anh"


def test_renaming_an_author_shows_on_the_cached_article_page(client, production):
    url = production.get_absolute_url()
    assert "Quàng Hương" in byline_of(client.get(url).content.decode())
    author = Author.objects.get(name="Quàng Hương")
    author.name = "Quàng Thị Hương"
    author.save()
    assert "Quàng Thị Hương" in byline_of(client.get(url).content.decode())


def test_json_ld_names_each_author_as_a_person_or_organisation_with_a_url(client, production):
    ContributionFactory(
        article=production, author=AuthorFactory(name="TTXVN", kind=Kind.ORGANISATION), role=Role.VIA, position=3
    )
    news = head_of(client.get(production.get_absolute_url())).json_ld[0]
    assert news["author"] == [
        {"@type": "Person", "name": "Quàng Hương", "url": "http://testserver/tac-gia/quang-huong/"},
        {"@type": "Person", "name": "Đức Anh", "url": "http://testserver/tac-gia/nguyen-duc-anh/"},
        {"@type": "Organization", "name": "TTXVN", "url": "http://testserver/tac-gia/ttxvn/"},
    ]


def test_json_ld_of_an_unreadable_byline_names_the_paper(client, publication):
    article = ArticleFactory(byline="Nhóm PV")
    news = head_of(client.get(article.get_absolute_url())).json_ld[0]
    assert news["author"] == {"@type": "Organization", "name": publication.name}


def test_the_feed_names_the_authors_not_their_roles(client, production):
    body = client.get("/rss/home.rss").content.decode()
    assert "Quàng Hương - Đức Anh" in body
    assert "Thực hiện" not in body


# ---- the article form -------------------------------------------------------


def member_of(role, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def change_form(article, rows=(), **overrides):
    from tests.workflow.conftest import form_data

    data = form_data(article, **overrides)
    data.update(contribution_forms(article, rows))
    return data


def test_a_reporter_lists_the_contributors_of_his_draft_and_the_byline_follows(client, publication):
    reporter = member_of(roles.REPORTER, "phongvien")
    article = ArticleFactory(draft=True, created_by=reporter, byline="Tin, ảnh: Quang Long")
    long, linh = AuthorFactory(name="Quang Long"), AuthorFactory(name="Hà Linh")
    client.force_login(reporter)
    rows = [
        {"author": long, "role": Role.TEXT, "position": 1},
        {"author": linh, "role": Role.PHOTO, "position": 2},
    ]
    response = client.post(f"/admin/articles/article/{article.pk}/change/", change_form(article, rows))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [(c.author, c.role) for c in article.contributions.all()] == [(long, Role.TEXT), (linh, Role.PHOTO)]
    article.refresh_from_db()
    assert article.byline == "Bài: Quang Long; Ảnh: Hà Linh"
    assert article.revisions.get(version=article.version).data["byline"] == "Bài: Quang Long; Ảnh: Hà Linh"


def test_the_same_author_twice_in_the_same_role_gets_a_message(client, publication):
    reporter = member_of(roles.REPORTER, "phongvien")
    article = ArticleFactory(draft=True, created_by=reporter)
    long = AuthorFactory(name="Quang Long")
    client.force_login(reporter)
    rows = [{"author": long, "role": Role.NEWS}, {"author": long, "role": Role.NEWS}]
    response = client.post(f"/admin/articles/article/{article.pk}/change/", change_form(article, rows))
    assert response.status_code == 200
    assert "Vui lòng sửa" in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_reporter_cannot_change_the_contributors_of_another_s_article(client, publication):
    other = member_of(roles.REPORTER, "phongvien2")
    article = ArticleFactory(draft=True, created_by=other)
    client.force_login(member_of(roles.REPORTER, "phongvien"))
    rows = [{"author": AuthorFactory(name="Quang Long"), "role": Role.NEWS}]
    response = client.post(f"/admin/articles/article/{article.pk}/change/", change_form(article, rows))
    assert response.status_code == 403
    assert not Contribution.objects.exists()


def test_the_article_list_finds_articles_whose_byline_is_still_text(client, publication):
    ArticleFactory(title="Chỉ có dòng chữ", byline="Nhóm PV")
    ContributionFactory(article=ArticleFactory(title="Có danh sách", byline="Quang Long"))
    client.force_login(member_of(roles.SECRETARY, "thuky"))
    html = client.get("/admin/articles/article/", {"ds_tac_gia": "chua"}).content.decode()
    assert "Chỉ có dòng chữ" in html and "Có danh sách" not in html


# ---- from text bylines ----------------------------------------------------------


def test_a_text_byline_becomes_contributions_with_existing_authors_found_by_pen_name(publication):
    hoa = AuthorFactory(name="Thu Hòa")
    PenName.objects.create(author=hoa, name="T.Hòa")
    hoa.update_search_text()
    article = ArticleFactory(byline="Bài: T.Hòa; Ảnh: Quang Long (CTV)")
    assert attach_from_byline(article)
    rows = [(c.author.name, c.role, c.pen_name, c.author.kind) for c in article.contributions.all()]
    assert rows == [("Thu Hòa", Role.TEXT, "T.Hòa", Kind.REPORTER), ("Quang Long", Role.PHOTO, "", Kind.COLLABORATOR)]
    assert not attach_from_byline(article)  # once only


def test_the_command_reports_what_it_could_not_read(publication):
    from io import StringIO

    ArticleFactory(byline="Tin, ảnh: Quang Long")
    unread = ArticleFactory(byline="Nhóm PV")
    out = StringIO()
    call_command("bylines_to_contributions", "--list", stdout=out)
    assert "1 bài đã có danh sách tác giả; 1 bài giữ nguyên dòng chữ" in out.getvalue()
    assert f"#{unread.pk}: Nhóm PV" in out.getvalue()
    assert Contribution.objects.count() == 2


BEFORE = [("articles", "0012_article_contributions"), ("authors", "0002_roles_and_accounts_group")]
AFTER = [("articles", "0013_contributions_from_bylines")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_reads_the_archive_s_bylines_and_back(capsys):
    try:
        old = migrate(BEFORE)
        Category = old.get_model("articles", "Category")
        OldArticle = old.get_model("articles", "Article")
        category = Category.objects.create(name="Xã hội", slug="xa-hoi-bylines")
        common = {"category": category, "lead": "Sapo.", "status": "draft"}
        bylines = {
            "mot": "Tin, ảnh: Quang Long",
            "hai": "Ảnh: Quang Long",
            "ba": "Thực hiện: Quàng Hương - Đức Anh",
            "bon": "Theo TTXVN",
            "nam": "Ảnh cắt từ video: Trung Kiên",
        }
        for slug, byline in bylines.items():
            OldArticle.objects.create(title=slug, slug=f"{slug}-bl", byline=byline, **common)

        new = migrate(AFTER)
        Author = new.get_model("authors", "Author")
        Contribution = new.get_model("articles", "Contribution")
        assert sorted(Author.objects.values_list("name", "slug", "kind")) == [
            ("Quang Long", "quang-long", Kind.COLLABORATOR),
            ("Quàng Hương", "quang-huong", Kind.COLLABORATOR),
            ("TTXVN", "ttxvn", Kind.ORGANISATION),
            ("Đức Anh", "duc-anh", Kind.COLLABORATOR),
        ]
        # “Tin, ảnh: Quang Long” and “Ảnh: Quang Long”: one person, not two.
        long = Author.objects.get(name="Quang Long")
        assert sorted(Contribution.objects.filter(author=long).values_list("article__slug", "role")) == [
            ("hai-bl", Role.PHOTO),
            ("mot-bl", Role.PHOTO),
            ("mot-bl", Role.NEWS),
        ]
        assert not Contribution.objects.filter(article__slug="nam-bl").exists()
        assert "4 bài đã có danh sách tác giả, 1 bài giữ nguyên dòng chữ" in capsys.readouterr().out
        # The text bylines are left as they were.
        assert new.get_model("articles", "Article").objects.get(slug="nam-bl").byline == bylines["nam"]

        back = migrate(BEFORE)
        assert not back.get_model("articles", "Contribution").objects.exists()
        assert not back.get_model("authors", "Author").objects.exists()
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
