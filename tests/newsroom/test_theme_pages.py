"""Themes are structural: every public page, found by walking the URL
resolver (a new pattern fails here until it is given a sample or a reason),
renders under each theme with that theme's masthead."""

from datetime import date

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from newsroom.models import Publication
from newsroom.themes import THEMES
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, ContributionFactory, printed_issue
from tests.polls.conftest import make_poll

pytestmark = pytest.mark.django_db

# What each theme's masthead has that the others do not.
MASTHEADS = {
    "dienbienphu": ('class="no-js theme-dienbienphu"', "css/themes/dienbienphu", 'class="container masthead"'),
    "backan": ('class="no-js theme-backan"', "css/themes/backan", 'class="brand-emblem"'),
    "laichau": ('class="no-js theme-laichau"', "css/themes/laichau", 'class="brand-over"'),
}

# Patterns that are not pages a reader reads in the theme, and why.
NOT_PAGES = {
    "count_view": "POST beacon, JSON",
    "healthz": "monitoring, JSON",
    "comments:post": "POST only; its errors come back on the article page",
    "polls:vote": "POST only",
    "editions:feed": "RSS",
    "editions:download": "the PDF",
    "articles:print": "the print view: a sheet of paper, no masthead on purpose",
    "articles:feed_home": "RSS",
    "articles:feed_category": "RSS",
    "articles:sitemap_index": "XML",
    "articles:sitemap_news": "XML",
    "articles:sitemap_section": "XML",
    "articles:robots_txt": "text",
    None: "media files (development only)",
}


def public_patterns(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from public_patterns(pattern, inner)
        else:
            yield f"{namespace}{pattern.name}" if pattern.name else None


@pytest.fixture
def samples(publication):
    category = CategoryFactory(name="Văn hóa")
    article = ArticleFactory(category=category, title="Lễ hội Hoa Ban", tags=["du lịch"])
    author = AuthorFactory(name="Quang Long")
    ContributionFactory(article=article, author=author)
    poll = make_poll()
    issue = printed_issue(pages=2, number=1234, date=date(2026, 12, 4))
    issue_kwargs = {"edition": issue.edition.slug, "year": "2026", "number": "1234"}
    return {
        "polls:detail": {"pk": poll.pk},
        "editions:archive": {},
        "editions:page_search": {},
        "editions:edition": {"edition": issue.edition.slug},
        "editions:year": {"edition": issue.edition.slug, "year": "2026"},
        "editions:month": {"edition": issue.edition.slug, "year": "2026", "month": "12"},
        "editions:issue": issue_kwargs,
        "editions:page": {**issue_kwargs, "page": "1"},
        "articles:home": {},
        "articles:feeds": {},
        "articles:search": {},
        "articles:most_read": {},
        "articles:tag": {"slug": article.tags.first().slug},
        "articles:author": {"slug": author.slug},
        "articles:detail": {"category": category.slug, "slug": article.slug, "pk": article.pk},
        "articles:category": {"slug": category.slug},
    }


def test_every_public_pattern_has_a_sample_or_a_reason(samples):
    unknown = [name for name in public_patterns() if name not in samples and name not in NOT_PAGES]
    assert unknown == []


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_public_page_has_the_theme_masthead(samples, theme):
    publication = Publication.objects.get()
    publication.theme = theme
    publication.save()
    urls = {reverse(name, kwargs=kwargs): 200 for name, kwargs in samples.items()}
    urls.update({"/tim-kiem/?q=hoa+ban": 200, "/bao-in/tim-kiem/?q=trang": 200, "/khong-co-trang-nay/": 404})
    wrong = []
    for url, status in urls.items():
        response = Client(HTTP_USER_AGENT=BROWSER_UA).get(url)
        html = response.content.decode()
        if response.status_code != status or not all(mark in html for mark in MASTHEADS[theme]):
            wrong.append((url, response.status_code))
    assert wrong == []
