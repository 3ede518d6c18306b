"""Under the real Content-Security-Policy, Chromium refuses nothing on the
public pages or in the admin: every script and style the pages need comes
from our own static files."""

from playwright.sync_api import expect

from tests.factories import ArticleFactory

from .test_admin_slug import log_in


def csp_violations(page):
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    return refused


def test_public_pages_run_under_the_policy(page, live_server, publication):
    story = ArticleFactory(title="Mùa hoa ban trên cao nguyên", tags=["hoa ban"])
    refused = csp_violations(page)
    for path in ["/", story.category.get_absolute_url(), story.get_absolute_url(), "/tu-khoa/hoa-ban/"]:
        page.goto(f"{live_server.url}{path}")
    assert refused == []


def test_the_admin_runs_under_the_policy(page, live_server, publication):
    refused = csp_violations(page)
    log_in(page, live_server)
    for path in ["/admin/", "/admin/articles/article/", "/admin/articles/article/add/", "/admin/comments/comment/"]:
        page.goto(f"{live_server.url}{path}")
    # The admin's own scripts work: the date shortcuts ("Hôm nay") are added by JS.
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    expect(page.locator(".datetimeshortcuts").first).to_be_visible()
    assert refused == []
