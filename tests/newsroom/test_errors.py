import psycopg
import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import path

from newsroom.urls import urlpatterns as site_urls


def broken_view(request):
    raise RuntimeError("lỗi thử nghiệm")


def database_away_view(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


def connection_lost_view(request):
    raise InterfaceError("connection already closed")


def postgresql_starting_view(request):
    """What Django raises while PostgreSQL is starting after a restart."""
    cause = psycopg.errors.CannotConnectNow("FATAL: the database system is not yet accepting connections")
    raise OperationalError(str(cause)) from cause


def postgresql_refused_view(request):
    """libpq could not reach the server: no SQLSTATE."""
    cause = psycopg.OperationalError("connection failed: Connection refused")
    raise OperationalError(str(cause)) from cause


def query_cancelled_view(request):
    """A query PostgreSQL answered with an error (statement_timeout): a bug
    or an overload to look at, not maintenance."""
    cause = psycopg.errors.QueryCanceled("canceling statement due to statement timeout")
    raise OperationalError(str(cause)) from cause


urlpatterns = [
    path("dang-khoi-dong/", postgresql_starting_view),
    path("tu-choi/", postgresql_refused_view),
    path("het-gio/", query_cancelled_view),
    path("hong/", broken_view),
    path("bao-tri/", database_away_view),
    path("mat-ket-noi/", connection_lost_view),
    *site_urls,
]
handler500 = "newsroom.views.server_error"
handler404 = "newsroom.views.page_not_found"
handler400 = "newsroom.views.bad_request"


@pytest.mark.urls("tests.newsroom.test_errors")
@pytest.mark.django_db
def test_server_error_page_is_friendly_and_vietnamese():
    client = Client(raise_request_exception=False)
    response = client.get("/hong/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Trang đang gặp sự cố" in html
    assert "lỗi thử nghiệm" not in html  # nothing internal leaks


@pytest.mark.django_db
def test_a_forged_host_header_is_a_400_page(client, publication):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


@pytest.fixture
def database_away(db, monkeypatch):
    """The database no longer answers (a restart, a fail-over)."""
    from django.db import connection

    connection.ensure_connection()
    monkeypatch.setattr(connection, "is_usable", lambda: False)


@pytest.mark.urls("tests.newsroom.test_errors")
@pytest.mark.parametrize("path", ["/bao-tri/", "/mat-ket-noi/"])
def test_an_unreachable_database_is_a_503_maintenance_page_to_retry(database_away, path):
    client = Client(raise_request_exception=False)
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"  # never kept by nginx or a CDN
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Trang đang bảo trì" in html
    assert "5432" not in html and "connection" not in html  # nothing internal leaks


@pytest.mark.urls("tests.newsroom.test_errors")
@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/hong/", "/bao-tri/", "/het-gio/"])
def test_errors_while_the_database_answers_stay_500_not_maintenance(path):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "bảo trì" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["127.0.0.1:99999999999", "127.0.0.1:65536", "127.0.0.1:0", "localhost:00000"])
def test_a_host_with_a_port_outside_1_to_65535_is_a_400(client, publication, host):
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["127.0.0.1:1", "127.0.0.1:8000", "localhost:65535", "127.0.0.1"])
def test_a_host_with_a_real_port_is_served(client, publication, host):
    assert client.get("/", HTTP_HOST=host).status_code == 200


@pytest.mark.urls("tests.newsroom.test_errors")
@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/dang-khoi-dong/", "/tu-choi/"])
def test_postgresql_saying_it_cannot_serve_is_maintenance_even_if_it_is_back_by_the_error_page(path):
    """A restart takes about a second: the request fails while PostgreSQL is
    starting and the database answers again by the time the error page is
    made. PostgreSQL's own error decides (the services test saw 500s here)."""
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Trang đang bảo trì" in response.content.decode()
