"""Old addresses answer 301 to the new page in one hop, with one indexed
lookup, and only when the normal pages answered 404."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redirects.middleware import find
from redirects.models import OldAddress
from tests.factories import ArticleFactory, CategoryFactory, UserFactory


@pytest.fixture
def article(publication):
    category = CategoryFactory(name="Văn hóa")
    return ArticleFactory(title="Lễ hội hoa ban 2024", category=category)


def redirect_of(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 301, response.status_code
    return response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stored", "requested"),
    [
        ("/tin-tuc/van-hoa/123/le-hoi-hoa-ban", "/tin-tuc/van-hoa/123/le-hoi-hoa-ban"),
        ("/tin-tuc/5/lễ-hội-hoa-ban", "/Tin-tuc/5/L%E1%BB%85-h%E1%BB%99i-hoa-ban/"),
        ("/le-hoi-hoa-ban-post123.html", "/le-hoi-hoa-ban-post123.html?utm_source=facebook&fbclid=abc"),
        ("/ban-in/van-hoa/123/le-hoi-hoa-ban", "/ban-in//van-hoa/123/le-hoi-hoa-ban/"),
        ("/index.php?nv=news&op=van-hoa/le-hoi-123", "/index.php?op=van-hoa/le-hoi-123&nv=news"),
    ],
)
def test_old_paths_answer_301_to_the_article(client, article, stored, requested):
    old = OldAddress(path=stored, article=article)
    old.full_clean()
    old.save()
    assert redirect_of(client, requested) == article.get_absolute_url()


@pytest.mark.django_db
def test_wordpress_home_query_redirects_though_the_home_page_exists(client, article):
    OldAddress.objects.create(path="/?p=123", article=article)
    assert redirect_of(client, "/?p=123") == article.get_absolute_url()
    assert client.get("/?nhe=1").status_code == 200


@pytest.mark.django_db
def test_the_lookup_is_one_query(article, django_assert_num_queries):
    OldAddress.objects.create(path="/tin-tuc/van-hoa/123/le-hoi", article=article)
    OldAddress.objects.bulk_create(
        OldAddress(path=f"/tin-tuc/van-hoa/{n}/bai", target_path="/bao-in/") for n in range(200)
    )
    with django_assert_num_queries(1):
        assert find("baodienbien.vn", "/tin-tuc/van-hoa/123/le-hoi/", "utm_source=x") == article.get_absolute_url()


@pytest.mark.django_db
def test_normal_pages_pay_nothing(client, article):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert not [q for q in queries.captured_queries if "redirects_oldaddress" in q["sql"]]


@pytest.mark.django_db
def test_the_slug_changed_since_the_import_still_one_hop(client, article):
    OldAddress.objects.create(path="/tin-tuc/1/cu", article=article)
    article.slug = "le-hoi-hoa-ban-moi"
    article.save()
    assert redirect_of(client, "/tin-tuc/1/cu") == article.get_absolute_url()
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_category_image_and_path_targets(client, article):
    OldAddress.objects.create(path="/chuyen-muc/van-hoa", category=article.category)
    OldAddress.objects.create(path="/bao-giay", target_path="/bao-in/")
    assert redirect_of(client, "/chuyen-muc/van-hoa") == article.category.get_absolute_url()
    assert redirect_of(client, "/bao-giay") == "/bao-in/"


@pytest.mark.django_db
def test_a_draft_is_not_revealed(client, publication):
    draft = ArticleFactory(draft=True)
    OldAddress.objects.create(path="/tin-tuc/1/nhap", article=draft)
    assert client.get("/tin-tuc/1/nhap").status_code == 404


@pytest.mark.django_db
def test_an_unknown_old_address_is_a_404_with_a_search_suggestion(client, publication):
    response = client.get("/tin-tuc/van-hoa/999/le-hoi-hoa-ban-999.html")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Không tìm thấy trang" in text
    assert 'value="le hoi hoa ban"' in text
    assert "/tim-kiem/?q=le%20hoi%20hoa%20ban" in text


@pytest.mark.django_db
def test_a_host_counts_over_any_host(client, article, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".baodienbien.vn"]
    other = ArticleFactory(category=article.category)
    OldAddress.objects.create(host="baodienbien.vn", path="/a", article=article)
    OldAddress.objects.create(host="", path="/a", article=other)
    assert redirect_of(client, "/a", HTTP_HOST="www.baodienbien.vn") == article.get_absolute_url()
    assert redirect_of(client, "/a") == other.get_absolute_url()


@pytest.mark.django_db
def test_a_retired_site_redirects_in_one_hop(client, article, settings):
    settings.NEWSROOM_RETIRED_HOSTS = ["baolaichau.vn"]
    settings.NEWSROOM_SITE_URL = "https://baodienbienphu.vn"
    settings.ALLOWED_HOSTS = ["testserver", "baolaichau.vn", "www.baolaichau.vn"]
    OldAddress.objects.create(host="baolaichau.vn", path="/tin-tuc/7/le-hoi", article=article)
    location = redirect_of(client, "/Tin-tuc/7/le-hoi", HTTP_HOST="www.baolaichau.vn")
    assert location == "https://baodienbienphu.vn" + article.get_absolute_url()
    assert redirect_of(client, "/", HTTP_HOST="baolaichau.vn") == "https://baodienbienphu.vn/"
    assert (
        redirect_of(client, "/tim-kiem/?q=lai", HTTP_HOST="baolaichau.vn")
        == "https://baodienbienphu.vn/tim-kiem/?q=lai"
    )


@pytest.mark.django_db
def test_the_admin_form_normalises_and_refuses_two_targets(article):
    old = OldAddress(host="WWW.BaoDienBien.vn:443", path="/Tin-Tuc/%C4%90BP/?utm_source=x", article=article)
    old.full_clean()
    assert (old.host, old.path) == ("baodienbien.vn", "/tin-tuc/đbp")
    with pytest.raises(ValidationError):
        OldAddress(path="/x", article=article, target_path="/y").full_clean()
    with pytest.raises(ValidationError):
        OldAddress(path="x", target_path="/y").full_clean()


@pytest.mark.django_db
def test_the_admin_lists_and_searches(client, article):
    OldAddress.objects.create(path="/tin-tuc/van-hoa/123/le-hoi", article=article)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/redirects/oldaddress/?q=le-hoi")
    assert response.status_code == 200
    assert "/tin-tuc/van-hoa/123/le-hoi" in response.content.decode()
    assert article.get_absolute_url() in response.content.decode()


@pytest.mark.django_db
def test_nginx_map_export(article, tmp_path, settings):
    settings.NEWSROOM_RETIRED_HOSTS = ["baolaichau.vn"]
    settings.NEWSROOM_SITE_URL = "https://baodienbienphu.vn"
    OldAddress.objects.create(path="/tin-tuc/5/lễ-hội", article=article)
    OldAddress.objects.create(host="baolaichau.vn", path="/a b", target_path="/bao-in/")
    out = tmp_path / "redirects.map"
    call_command("export_redirects_nginx", str(out), stdout=io.StringIO())
    text = out.read_text(encoding="utf-8")
    assert f'"/tin-tuc/5/lễ-hội" "{article.get_absolute_url()}";' in text
    assert '"baolaichau.vn/a b" "https://baodienbienphu.vn/bao-in/";' in text
    assert '"www.baolaichau.vn/a b/" "https://baodienbienphu.vn/bao-in/";' in text
    assert "map $uri $newsroom_old_path" in text


@pytest.mark.parametrize(("path", "status"), [("/%00", 404), ("/tin-tuc/%00/12/bai-cu", 404), ("/?p=1%00", 200)])
def test_an_address_with_a_nul_is_not_an_old_address(client, publication, path, status):
    # PostgreSQL refuses a NUL in a query (a 500 before): the lookup sends none.
    assert client.get(path).status_code == status
