"""The importer's HTTP: polite, bounded, and never off the named hosts."""

import time

import pytest

from imports.fetch import Fetcher, FetchError


def test_a_slow_server_times_out(web):
    web.add("/cham.html", "<p>chậm</p>", delay=2)
    fetcher = Fetcher(["127.0.0.1"], rate=0, timeout=0.5, robots=False)
    started = time.monotonic()
    with pytest.raises(FetchError, match="Không tải được"):
        fetcher.get(f"{web.url}/cham.html")
    assert time.monotonic() - started < 1.8


def test_the_rate_limit_spaces_requests(web):
    web.add("/a.html", "<p>a</p>")
    fetcher = Fetcher(["127.0.0.1"], rate=10, robots=False)
    started = time.monotonic()
    for _n in range(6):
        fetcher.get(f"{web.url}/a.html")
    assert time.monotonic() - started >= 0.5  # 6 requests at 10 a second: at least 5 gaps of 0.1 s


def test_a_redirect_to_another_host_is_refused(web):
    web.redirect("/di.html", "http://localhost:1/khac.html")
    fetcher = Fetcher(["127.0.0.1"], rate=0, robots=False)
    with pytest.raises(FetchError, match="không nằm trong danh sách"):
        fetcher.get(f"{web.url}/di.html")
    with pytest.raises(FetchError, match="http"):
        fetcher.get("file:///etc/passwd")


def test_redirects_are_followed_and_remembered(web):
    web.redirect("/cu.html", "/moi.html")
    web.add("/moi.html", "<p>mới</p>")
    response = Fetcher(["127.0.0.1"], rate=0, robots=False).get(f"{web.url}/cu.html")
    assert response.url == f"{web.url}/moi.html" and response.redirected_from == [f"{web.url}/cu.html"]
    assert response.is_html and "mới" in response.text()


def test_a_body_past_the_limit_is_refused(web):
    web.add("/lon.html", "x" * 5000)
    fetcher = Fetcher(["127.0.0.1"], rate=0, robots=False, max_bytes=1000)
    with pytest.raises(FetchError, match="Quá lớn"):
        fetcher.get(f"{web.url}/lon.html")
