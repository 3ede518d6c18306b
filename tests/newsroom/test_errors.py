import pytest
from django.test import Client
from django.urls import path

from newsroom.urls import urlpatterns as site_urls


def broken_view(request):
    raise RuntimeError("lỗi thử nghiệm")


urlpatterns = [path("hong/", broken_view), *site_urls]
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
