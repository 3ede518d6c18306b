"""Security headers on public pages and the admin, and no inline script
anywhere, so the Content-Security-Policy can forbid them."""

from html.parser import HTMLParser

import pytest

from tests.factories import ArticleFactory, UserFactory


class ScriptAudit(HTMLParser):
    """Collects inline scripts (other than JSON-LD data) and on* handler attributes."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
        for name in ("href", "src", "action", "formaction"):
            if (attrs.get(name) or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:…>")
        # JSON-LD and Django's json_script are data (never run); an import map
        # is allowed by its hash (guard/csp.py).
        data_types = ("application/ld+json", "application/json", "importmap")
        if tag == "script" and not attrs.get("src") and attrs.get("type") not in data_types:
            self._in_inline_script = True
        if tag == "style" or "style" in attrs:
            self.problems.append(f"inline style in <{tag}>")

    def handle_data(self, data):
        if self._in_inline_script and data.strip():
            self.problems.append(f"inline <script>: {data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False


def audit(html):
    parser = ScriptAudit()
    parser.feed(html)
    return parser.problems


@pytest.fixture
def story(publication):
    return ArticleFactory(title="Điện Biên đón mùa hoa ban", tags=["hoa ban"])


@pytest.fixture
def staff_client(client, db):
    user = UserFactory(username="tongbientap", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def public_paths(story):
    return [
        "/",
        story.category.get_absolute_url(),
        story.get_absolute_url(),
        story.get_absolute_url().replace("/", "/ban-in/", 1),
        "/tu-khoa/hoa-ban/",
        "/doc-nhieu/",
        "/khong-co-trang-nay/",
    ]


ADMIN_PATHS = [
    "/admin/",
    "/admin/articles/article/",
    "/admin/articles/article/add/",
    "/admin/articles/category/add/",
    "/admin/comments/comment/",
    "/admin/newsroom/publication/1/change/",
]


def assert_secure_headers(response, admin=False):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    sources = directives["script-src"].split()
    assert sources[0] == "'self'"
    assert all(source.startswith("'sha256-") for source in sources[1:])  # import maps, by hash
    assert "unsafe" not in directives["script-src"]
    # The admin's editor positions its menus with style attributes; public pages allow none.
    assert directives["style-src"] == ("'self' 'unsafe-inline'" if admin else "'self'")
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_send_the_security_headers_and_carry_no_inline_script(client, story):
    for path in public_paths(story):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert_secure_headers(response)
        assert audit(response.content.decode()) == [], path


def test_admin_pages_send_the_security_headers_and_carry_no_inline_script(staff_client, story):
    for path in [*ADMIN_PATHS, f"/admin/articles/article/{story.pk}/change/"]:
        response = staff_client.get(path)
        assert response.status_code == 200, path
        assert_secure_headers(response, admin=True)
        assert audit(response.content.decode()) == [], path


def test_the_login_page_too(client, db):
    response = client.get("/admin/login/")
    assert_secure_headers(response, admin=True)
    assert audit(response.content.decode()) == []


def test_the_audit_catches_what_it_looks_for():
    assert audit('<p onclick="x()">a</p>') == ["<p onclick=…>"]
    assert audit("<script>alert(1)</script>")
    assert audit('<script type="application/ld+json">{"a": 1}</script>') == []
    assert audit('<script id="editing-config" type="application/json">{"a": 1}</script>') == []
    assert audit('<script type="text/javascript">{"a": 1}</script>')
    assert audit('<a href="javascript:alert(1)">x</a>')
    assert audit('<div style="color:red">x</div>')


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only_and_same_site(client, publication):
    UserFactory(username="thuky", is_staff=True)
    client.get("/admin/login/")
    response = client.post("/admin/login/", {"username": "thuky", "password": "mat-khau-thu-nghiem"})
    session = response.cookies["sessionid"]
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["samesite"] == "Lax"


def test_an_import_map_is_allowed_by_its_hash_and_nothing_else(rf):
    import base64
    import hashlib

    from django.http import HttpResponse

    from guard.csp import EditorPolicyMiddleware

    script = b'{"imports": {"editor": "/static/editor.js"}}'
    page = b'<html><script type="importmap">' + script + b"</script><script>alert(1)</script></html>"
    response = EditorPolicyMiddleware(lambda request: HttpResponse(page))(rf.get("/admin/"))
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
    assert response._csp_update == {"script-src": [expected], "style-src": ["'unsafe-inline'"]}
    public = EditorPolicyMiddleware(lambda request: HttpResponse(b"<p>x</p>"))(rf.get("/"))
    assert not hasattr(public, "_csp_update")
