"""Request logs: one JSON line per request with its id; errors with their
traceback in the log and not on the page; no personal data."""

import io
import json
import logging

import pytest
from django.test import Client

from ops.logs import JsonFormatter, RequestIdFilter
from tests.comments.conftest import SAME_ORIGIN, comment_data, post_url
from tests.factories import ArticleFactory, UserFactory


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


@pytest.mark.django_db
def test_each_request_logs_one_json_line_with_the_id_it_returns(client, publication, log_lines):
    response = client.get("/?page=1&q=bí+mật")
    request_id = response["X-Request-ID"]
    access = [e for e in log_lines() if e["logger"] == "newsroom.request"]
    assert len(access) == 1
    entry = access[0]
    assert entry["request_id"] == request_id
    assert entry["method"] == "GET"
    assert entry["path"] == "/"
    assert entry["status"] == 200
    assert entry["duration_ms"] >= 0
    assert "bí mật" not in json.dumps(entry, ensure_ascii=False)  # no query strings


@pytest.mark.django_db
def test_a_request_id_is_taken_only_from_a_trusted_proxy(client, publication, settings):
    settings.NEWSROOM_TRUSTED_PROXIES = ["10.0.0.1"]
    forged = client.get("/", HTTP_X_REQUEST_ID="abc-123", REMOTE_ADDR="203.0.113.1")
    assert forged["X-Request-ID"] != "abc-123"
    proxied = client.get("/", HTTP_X_REQUEST_ID="abc-123", REMOTE_ADDR="10.0.0.1")
    assert proxied["X-Request-ID"] == "abc-123"
    hostile = client.get("/", HTTP_X_REQUEST_ID="x\n{evil}", REMOTE_ADDR="10.0.0.1")
    assert hostile["X-Request-ID"] != "x\n{evil}"


@pytest.mark.urls("tests.newsroom.test_errors")
@pytest.mark.django_db
def test_an_error_goes_to_the_log_with_its_traceback_not_to_the_page(publication, log_lines):
    response = Client(raise_request_exception=False).get("/hong/")
    assert response.status_code == 500
    assert "Traceback" not in response.content.decode()
    errors = [e for e in log_lines() if e["level"] == "ERROR"]
    assert errors and "RuntimeError: lỗi thử nghiệm" in errors[0]["traceback"]
    assert errors[0]["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
def test_no_email_or_password_reaches_the_log(client, publication, log_lines, settings):
    article = ArticleFactory()
    response = client.post(post_url(article), comment_data(article, email="bimat.doc.gia@example.vn"), **SAME_ORIGIN)
    assert response.status_code == 302  # taken, so its email went through the request log's path
    UserFactory(username="thuky", is_staff=True)
    client.post("/admin/login/", {"username": "thuky", "password": "MatKhauRatBiMat!"})
    client.post("/admin/login/", {"username": "thuky", "password": "mat-khau-thu-nghiem"})
    text = json.dumps(log_lines(), ensure_ascii=False)
    assert "newsroom.request" in text
    assert "bimat.doc.gia" not in text
    assert "MatKhauRatBiMat" not in text
    assert "mat-khau-thu-nghiem" not in text
