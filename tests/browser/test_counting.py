"""The counting beacon in a real browser (pages served from a cache)."""

import pytest
from playwright.sync_api import expect

from counters.services import view_count
from tests.factories import ArticleFactory


@pytest.fixture
def beacon(settings):
    settings.NEWSROOM_COUNT_WITH_BEACON = True


def test_script_counts_the_view_once_and_shows_the_number(page, live_server, publication, beacon, screenshot):
    article = ArticleFactory()
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator(".article-meta [data-views]")).to_have_text("1")
    screenshot(page)
    page.reload()
    expect(page.locator(".article-meta [data-views]")).to_have_text("1")
    page.wait_for_load_state("networkidle")
    assert view_count(article.pk) == 1
