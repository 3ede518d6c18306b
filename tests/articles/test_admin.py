import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group

from articles import roles
from articles.admin import ArticleAdmin
from articles.models import Article, Tag
from newsroom.paginators import LargeTablePaginator
from tests.factories import ArticleFactory, CategoryFactory, UserFactory, contribution_forms

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
CHANGELIST = "/admin/articles/article/"


def member_of(role, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def article_form(category, **overrides):
    data = {
        "kicker": "",
        "title": "Điện Biên Phủ đón khách Đắk Lắk",
        "slug": "",
        "genre": "",
        "lead": "Đoàn khách tham quan Di tích Chiến trường Điện Biên Phủ.",
        "body": "<p>Nội dung bài.</p>",
        "byline": "Minh Đức",
        "category": category.pk,
        "tags": "Điện Biên Phủ, du lịch",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "featured_position": "",
        "allow_comments": "on",
        "featured_image_caption": "",
        "featured_image_credit": "",
    }
    data.update(contribution_forms())
    data.update(overrides)
    return data


def test_roles_exist_with_their_permissions():
    for role, perms in roles.ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        have = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert have == set(perms), role


def test_admin_is_in_vietnamese(client, publication):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    html = client.get("/admin/").content.decode()
    assert "Quản trị tòa soạn" in html
    assert "Bài viết" in html and "Chuyên mục" in html


def test_reporter_writes_a_draft_and_the_server_makes_the_slug(client, publication):
    category = CategoryFactory(name="Du lịch")
    reporter = member_of(roles.REPORTER, "phongvien")
    client.force_login(reporter)
    response = client.post(ADD_URL, article_form(category, body='<p onclick="x()">Nội dung</p><script>x()</script>'))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.slug == "dien-bien-phu-don-khach-dak-lak"
    assert article.created_by == reporter
    assert article.body == "<p>Nội dung</p>"
    assert sorted(article.tags.names()) == ["du lịch", "Điện Biên Phủ"]


def test_a_reporter_cannot_publish_even_with_a_forged_post(client, publication):
    category = CategoryFactory()
    client.force_login(member_of(roles.REPORTER, "phongvien"))
    form = article_form(
        category, status=Article.Status.PUBLISHED, published_at_0="01/01/2024", published_at_1="08:00:00"
    )
    client.post(ADD_URL, form)  # status is read-only for everyone: only a step moves it
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert not Article.objects.published().exists()


def test_the_newsroom_secretary_publishes(client, publication):
    category = CategoryFactory()
    client.force_login(member_of(roles.SECRETARY, "thuky"))
    response = client.post(ADD_URL, article_form(category, _transition="publish"))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at is not None
    assert client.get(article.get_absolute_url()).status_code == 200


def test_publishing_without_a_sapo_is_refused_with_a_message(client, publication):
    category = CategoryFactory()
    client.force_login(member_of(roles.SECRETARY, "thuky"))
    response = client.post(ADD_URL, article_form(category, _transition="publish", lead=""))
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not Article.objects.exists()


def test_a_bad_slug_typed_by_an_editor_gets_a_vietnamese_message(client, publication):
    category = CategoryFactory()
    client.force_login(member_of(roles.SECRETARY, "thuky"))
    response = client.post(ADD_URL, article_form(category, slug="Điện_Biên"))
    assert response.status_code == 200
    assert "Đường dẫn chỉ gồm chữ thường không dấu" in response.content.decode()


def test_changelist_search_ignores_vietnamese_case(client, publication):
    ArticleFactory(title="Điện Biên Phủ mùa hoa ban")
    ArticleFactory(title="Lai Châu mùa lúa chín")
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    response = client.get("/admin/articles/article/", {"q": "điện biên"})
    assert [a.title for a in response.context["cl"].result_list] == ["Điện Biên Phủ mùa hoa ban"]


def test_changelist_has_view_on_site_links_and_stable_query_count(client, publication, django_assert_max_num_queries):
    categories = [CategoryFactory() for _ in range(3)]
    for i in range(30):
        ArticleFactory(category=categories[i % 3])
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    with django_assert_max_num_queries(12):
        response = client.get("/admin/articles/article/")
    html = response.content.decode()
    article = Article.objects.first()
    assert f'href="{article.get_absolute_url()}"' in html
    assert "Xem trên trang" in html


def test_tag_autocomplete_answers_reporters(client, publication):
    ArticleFactory(tags=["Điện Biên Phủ", "Điện lực"])
    Tag.objects.create(name="Du lịch")
    client.force_login(member_of(roles.REPORTER, "phongvien"))
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "tags", "term": "điện"},
    )
    assert response.status_code == 200
    assert sorted(r["text"] for r in response.json()["results"]) == ["Điện Biên Phủ", "Điện lực"]


def test_article_form_carries_the_vietnamese_slug_script(client, publication):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    html = client.get(ADD_URL).content.decode()
    assert "js/admin-slug.js" in html
    assert 'data-slug-from="title"' in html
    assert "prepopulate" not in html.split("<form", 1)[1].split("</form>")[0]


def test_publication_profile_is_a_single_form(client, publication):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    response = client.get("/admin/newsroom/publication/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/newsroom/publication/1/change/"
    assert client.get("/admin/newsroom/publication/add/").status_code == 403
    form = client.get("/admin/newsroom/publication/1/change/").content.decode()
    assert "Báo Điện Biên Phủ" in form


def test_saving_the_profile_shows_at_once_on_the_site(client, publication):
    client.get("/")  # cache the profile
    publication.name = "Báo Bắc Kạn"
    publication.save()
    assert "Báo Bắc Kạn" in client.get("/").content.decode()


def test_only_our_tag_model_is_in_the_admin(client, publication):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    html = client.get("/admin/").content.decode()
    assert "/admin/articles/tag/" in html
    assert "/admin/taggit/" not in html


# ---- the article list at archive scale (docs/performance.md, "Admin changelist")


def as_superuser(client):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    return client


def text_of(html):
    """The page's text as a person reads it, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_year_filter_offers_every_year_newest_first_in_vietnam_time(client, publication):
    category = CategoryFactory()
    ArticleFactory(category=category, title="Mùa hoa ban năm ấy", published_at=datetime(2023, 3, 1, 1, 0, tzinfo=UTC))
    # 20:00 UTC on 31 December 2024 is 03:00 on 1 January 2025 in Hà Nội.
    ArticleFactory(category=category, title="Đêm giao thừa", published_at=datetime(2024, 12, 31, 20, 0, tzinfo=UTC))
    ArticleFactory(category=category, title="Bài nháp chưa có ngày", draft=True)
    as_superuser(client)

    html = client.get(CHANGELIST).content.decode()
    assert "năm xuất bản" in text_of(html)  # the filter's title
    assert re.findall(r'href="\?published_at__year=(\d{4})">Năm (\d{4})<', html) == [
        ("2025", "2025"),
        ("2024", "2024"),
        ("2023", "2023"),
    ]

    listed = client.get(CHANGELIST, {"published_at__year": "2025"}).context["cl"].result_list
    assert [a.title for a in listed] == ["Đêm giao thừa"]
    listed = client.get(CHANGELIST, {"published_at__year": "2024"}).context["cl"].result_list
    assert list(listed) == []


def test_a_year_that_is_not_a_year_is_refused_without_an_error(client, publication):
    ArticleFactory()
    as_superuser(client)
    response = client.get(CHANGELIST, {"published_at__year": "hai nghìn"})
    assert response.status_code == 302  # Django's own answer to a bad filter: the list's "?e=1" page
    assert response["Location"].endswith("?e=1")


def test_the_whole_archive_shows_an_estimated_count(client, publication, monkeypatch):
    # PostgreSQL's estimate of a 300,000-article table (pg_class.reltuples).
    monkeypatch.setattr("newsroom.paginators.estimated_row_count", lambda model, using: 299_947)
    ArticleFactory.create_batch(3, category=CategoryFactory())
    as_superuser(client)

    html = client.get(CHANGELIST).content.decode()
    text = text_of(html)
    assert "khoảng 300.000 bài viết" in text
    assert "khoảng 300.000 kết quả" in text  # beside the search box
    assert "Hãy chọn tất cả khoảng 300.000 bài viết" in text
    assert 'href="?p=6000"' in html  # the last page by the estimate

    # A filtered list is counted (here exactly: fewer rows than the limit).
    text = text_of(client.get(CHANGELIST, {"status__exact": "published"}).content.decode())
    assert "3 bài viết" in text and "khoảng" not in text


def test_the_last_pages_by_the_estimate_are_counted_exactly(client, publication, monkeypatch):
    # The estimate lags behind: 45 where there are 60 articles.
    monkeypatch.setattr("newsroom.paginators.estimated_row_count", lambda model, using: 45)
    monkeypatch.setattr(LargeTablePaginator, "estimate_from", 40)
    monkeypatch.setattr(ArticleAdmin, "list_per_page", 10)
    category = CategoryFactory()
    start = datetime(2025, 1, 1, 1, 0, tzinfo=UTC)
    for i in range(60):
        ArticleFactory(category=category, title=f"Bản tin số {i}", published_at=start + timedelta(hours=i))
    as_superuser(client)

    html = client.get(CHANGELIST).content.decode()
    assert "khoảng 45 bài viết" in text_of(html)
    assert 'href="?p=5"' in html and "?p=6" not in html

    # The last page the estimate knows of is counted exactly: the real last
    # page appears, and the oldest article is on it.
    html = client.get(CHANGELIST, {"p": "5"}).content.decode()
    assert "60 bài viết" in text_of(html)
    assert 'href="?p=6"' in html
    response = client.get(CHANGELIST, {"p": "6"})
    assert [a.title for a in response.context["cl"].result_list][-1] == "Bản tin số 0"


def test_a_filtered_list_counts_up_to_a_limit_then_exactly_at_its_end(client, publication, monkeypatch):
    monkeypatch.setattr(ArticleAdmin, "list_per_page", 10)
    monkeypatch.setattr(LargeTablePaginator, "count_limit", 20)
    category = CategoryFactory()
    start = datetime(2025, 1, 1, 1, 0, tzinfo=UTC)
    for i in range(30):
        ArticleFactory(category=category, title=f"Bản tin số {i}", published_at=start + timedelta(hours=i))
    ArticleFactory(category=category, draft=True)
    as_superuser(client)

    html = client.get(CHANGELIST, {"status__exact": "published"}).content.decode()
    text = text_of(html)
    assert "hơn 20 bài viết" in text
    assert "hơn 20 kết quả" in text
    assert "Hãy chọn tất cả hơn 20 bài viết" in text
    assert "p=2" in html and "p=3" not in html

    # The last page the links offer is counted exactly, and shows what follows.
    html = client.get(CHANGELIST, {"status__exact": "published", "p": "2"}).content.decode()
    assert "30 bài viết" in text_of(html)
    assert "p=3" in html
    response = client.get(CHANGELIST, {"status__exact": "published", "p": "3"})
    assert [a.title for a in response.context["cl"].result_list][-1] == "Bản tin số 0"


def test_a_search_counts_up_to_a_limit(client, publication, monkeypatch):
    monkeypatch.setattr(ArticleAdmin, "list_per_page", 10)
    monkeypatch.setattr(LargeTablePaginator, "count_limit", 20)
    category = CategoryFactory()
    for i in range(25):
        ArticleFactory(category=category, title=f"Điện Biên Phủ mùa hoa ban, kỳ {i}")
    ArticleFactory(category=category, title="Lai Châu mùa lúa chín")
    as_superuser(client)

    text = text_of(client.get(CHANGELIST, {"q": "hoa ban"}).content.decode())
    assert "hơn 20 kết quả" in text
    text = text_of(client.get(CHANGELIST, {"q": "lúa chín"}).content.decode())
    assert "1 kết quả" in text and "1 bài viết" in text
