"""Property-based: hostile and random paths, query strings, form fields,
headers and methods sent to every public URL pattern and to the comment and
view-count, search and poll endpoints never give a 5xx and never echo
markup unescaped."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from polls import ballots
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory
from tests.polls.conftest import make_poll

pytestmark = pytest.mark.django_db

MARKER = '<script>alert("xss")</script>'
EVIL = [
    MARKER,
    '"><svg onload=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE articles_article; --",
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%00",
    "\x00",
    "%",
    "%ZZ",
    "Điện Biên",
    "Đ" * 5000,
    "a" * 10000,
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "{{ 7*7 }}",
    "${jndi:ldap://evil}",
    "\r\nSet-Cookie: x=1",
]
SETTINGS = hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

# Any text a client can send (lone surrogates cannot be encoded at all; raw
# invalid UTF-8 is sent by test_raw_query_bytes_never_break_a_page).
text = st.one_of(st.sampled_from(EVIL), st.text(st.characters(exclude_categories=("Cs",)), max_size=200))

# A WSGI server hands headers over as latin-1 strings (PEP 3333): whatever
# bytes a client sends arrive as characters below 256.
header_text = text.map(lambda value: value.encode("utf-8", "replace").decode("latin-1"))


@pytest.fixture
def site(publication):
    story = ArticleFactory(title="Điện Biên đón mùa hoa ban", tags=["hoa ban"])
    poll = make_poll()
    return {
        "story": story,
        "poll": poll,
        "paths": [
            "/",
            "/doc-nhieu/",
            story.category.get_absolute_url(),
            story.get_absolute_url(),
            story.get_absolute_url().replace("/", "/ban-in/", 1),
            "/tu-khoa/hoa-ban/",
            f"/binh-luan/{story.pk}/",
            f"/luot-xem/{story.pk}/",
            "/tim-kiem/",
            f"/tham-do/{poll.pk}/",
            f"/tham-do/{poll.pk}/bieu-quyet/",
            "/rss/",
            "/rss/home.rss",
            story.category.get_absolute_url().strip("/").join(["/rss/", ".rss"]),
            "/sitemap.xml",
            "/sitemap-news.xml",
            "/robots.txt",
            "/healthz",
            "/media/",
            "/static/",
        ],
    }


def assert_safe(response, sent=()):
    assert response.status_code < 500, response.status_code
    body = response.content.decode("utf-8", "replace")
    for value in sent:
        if isinstance(value, str) and value and ("<script" in value or "<svg" in value):
            assert value not in body, "unescaped echo"


def client():
    return Client(HTTP_USER_AGENT=BROWSER_UA, raise_request_exception=False)


@given(data=st.data())
@SETTINGS
def test_query_strings_never_break_a_page(site, data):
    path = data.draw(st.sampled_from(site["paths"]))
    params = data.draw(
        st.dictionaries(
            st.sampled_from(["page", "q", "q[]", "p", "trong", "preview", "next", "lua_chon", "x"]) | text,
            text,
            max_size=4,
        )
    )
    response = client().get(path, params)
    assert_safe(response, params.values())


@given(data=st.data(), raw=st.binary(max_size=300))
@SETTINGS
def test_raw_query_bytes_never_break_a_page(site, data, raw):
    path = data.draw(st.sampled_from(site["paths"]))
    query = "".join(f"%{byte:02X}" if byte not in b"=&" else chr(byte) for byte in raw)
    assert_safe(client().get(path, QUERY_STRING=query))


@given(
    suffix=text, prefix=st.sampled_from(["/", "/ban-in/", "/tu-khoa/", "/media/", "/static/", "/binh-luan/", "/admin/"])
)
@SETTINGS
def test_random_paths_are_404_or_a_page_never_500(site, prefix, suffix):
    path = prefix + suffix.replace("?", "").replace("#", "")
    response = client().get(path)
    assert_safe(response, [suffix])


@pytest.mark.parametrize(
    "path",
    [
        "/media/../newsroom/settings/base.py",
        "/media/..%2f..%2fmanage.py",
        "/media/%2e%2e/%2e%2e/manage.py",
        "/media/.env",
        "/media/anh/.htaccess",
        "/static/../manage.py",
        "/.git/config",
        "/.env",
        "/static/.env",
    ],
)
def test_path_traversal_and_dotfiles_are_404(site, path, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / ".env").write_text("SECRET=1")
    (tmp_path / "anh").mkdir()
    (tmp_path / "anh" / ".htaccess").write_text("x")
    response = client().get(path)
    assert response.status_code == 404
    assert b"SECRET" not in response.content


@given(
    method=st.sampled_from(["put", "patch", "delete", "trace"]),
)
@SETTINGS
def test_unsupported_methods_are_405_on_pages(site, method):
    for path in site["paths"][:6]:
        response = getattr(client(), method)(path) if method != "trace" else client().generic("TRACE", path)
        assert response.status_code == 405, (method, path, response.status_code)


@given(
    headers=st.fixed_dictionaries(
        {},
        optional={
            "HTTP_USER_AGENT": header_text,
            "HTTP_ACCEPT_LANGUAGE": header_text,
            "HTTP_REFERER": header_text,
            "HTTP_X_FORWARDED_FOR": header_text,
            "HTTP_X_REQUEST_ID": header_text,
            "HTTP_COOKIE": header_text,
            "HTTP_IF_MODIFIED_SINCE": header_text,
            "HTTP_IF_NONE_MATCH": header_text,
            "HTTP_HOST": st.sampled_from(["evil.example", "127.0.0.1:8000@evil", "localhost\r\nX: y", "", "[::1"]),
        },
    ),
)
@SETTINGS
def test_hostile_headers_never_break_a_page(site, headers):
    for path in site["paths"][:6]:
        response = client().get(path, **headers)
        assert_safe(response, headers.values())
        if "HTTP_HOST" in headers:  # every host above is foreign or malformed
            assert response.status_code == 400


@given(fields=st.dictionaries(st.sampled_from(["name", "email", "body", "website", "started", "parent"]), text))
@SETTINGS
def test_hostile_comment_forms_are_refused_or_held_never_500(site, fields):
    # From this site's page, so the fields reach the form's checks.
    response = client().post(f"/binh-luan/{site['story'].pk}/", fields, HTTP_ORIGIN="http://testserver")
    assert_safe(response, fields.values())


@given(
    fields=st.dictionaries(st.sampled_from(["option", "lua_chon", "csrfmiddlewaretoken", "x"]), text),
    cookie=header_text,
)
@SETTINGS
def test_hostile_poll_votes_are_refused_never_500(site, fields, cookie):
    url = f"/tham-do/{site['poll'].pk}/bieu-quyet/"
    forged = f"{ballots.cookie_name(site['poll'].pk)}={cookie}"
    response = client().post(url, fields, HTTP_COOKIE=forged)
    assert_safe(response, fields.values())


@given(body=text, cookie=header_text)
@SETTINGS
def test_the_view_beacon_takes_any_post(site, body, cookie):
    c = client()
    response = c.post(f"/luot-xem/{site['story'].pk}/", {"x": body}, HTTP_COOKIE=f"nr_xem={cookie}")
    assert response.status_code < 500
