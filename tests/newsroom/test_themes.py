"""Themes: the registry, switching in the admin without a restart, and a
theme never costing a query."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsroom.models import Publication
from newsroom.themes import DEFAULT_THEME, THEMES, get_theme
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory

pytestmark = pytest.mark.django_db

LABELS = {
    # theme: related block, back to top, comments heading with 3 comments
    "dienbienphu": ("Tin khác", "Back To Top", "Bình luận"),
    "backan": ("Xem thêm", "Lên đầu trang", "Bình luận (3)"),
    "laichau": ("Các bài viết khác", "Top", "Ý kiến bạn đọc"),
}


def test_three_themes_ship_with_their_labels():
    assert set(THEMES) == {"dienbienphu", "backan", "laichau"}
    assert DEFAULT_THEME == "dienbienphu"
    for key, (related, back_to_top, comments) in LABELS.items():
        theme = THEMES[key]
        assert (str(theme.related_label), str(theme.back_to_top_label), theme.comments_heading(3)) == (
            related,
            back_to_top,
            comments,
        )


def test_every_theme_has_its_base_template_and_stylesheet():
    for theme in THEMES.values():
        template = Path(settings.BASE_DIR) / "templates" / theme.base_template
        assert template.is_file()
        assert template.read_text().startswith('{% extends "layout.html" %}'), "a theme extends the shared layout"
        assert (Path(settings.BASE_DIR) / "static" / theme.stylesheet).is_file()


def test_an_unknown_theme_falls_back_to_the_default():
    assert get_theme("no-such-theme").key == "dienbienphu"
    assert get_theme("").key == "dienbienphu"


@pytest.fixture
def story(publication):
    category = CategoryFactory(name="Văn hóa")
    ArticleFactory(category=category, title="Tin cùng chuyên mục")
    article = ArticleFactory(category=category, kicker="Nhân kỷ niệm:", lead="Người dân đón mùa lúa mới.")
    CommentFactory.create_batch(3, article=article, approved=True)
    return article


def theme_form(publication, theme, sapo_prefix):
    return {
        "name": publication.name,
        "tagline": "",
        "sapo_prefix": sapo_prefix,
        "theme": theme,
        "hotline": "",
        "email": "",
        "phone": "",
        "address": "",
        "owner": publication.owner,
        "licence": "",
        "editor_in_chief": "",
        "comments_enabled": "on",
    }


@pytest.mark.parametrize("theme", ["backan", "laichau", "dienbienphu"])
def test_switching_the_theme_in_the_admin_changes_the_next_page(client, publication, story, theme):
    """No restart: the profile is cached, and saving it clears the cache."""
    url = story.get_absolute_url()
    assert "Tin khác" in client.get(url).content.decode()  # the default, and now cached

    admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "mat-khau-dai-123")
    staff = client.__class__()
    staff.force_login(admin)
    prefix = THEMES[theme].sapo_prefix
    response = staff.post("/admin/newsroom/publication/1/change/", theme_form(publication, theme, prefix))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Publication.load().theme == theme

    html = client.get(url).content.decode()
    related, back_to_top, comments = LABELS[theme]
    assert f'<h2 id="related-title" class="block-title">{related}</h2>' in html
    assert f'<h2 id="comments-title" class="block-title">{comments}</h2>' in html
    assert back_to_top in html
    assert f'class="no-js theme-{theme}"' in html
    assert f"/static/css/themes/{theme}.css" in html
    assert re.search(
        r'<link rel="stylesheet" href="/static/css/site\.css">\s*<link rel="stylesheet" href="/static/css/themes/', html
    )
    sapo = f"{prefix} - Người dân đón mùa lúa mới." if prefix else "Người dân đón mùa lúa mới."
    assert f'<p class="sapo"><strong>{sapo}</strong></p>' in html


@pytest.mark.parametrize("theme", ["backan", "laichau"])
def test_a_theme_adds_no_query(publication, theme):
    """Every page costs the same queries under each theme as under the default
    one (whose budgets are pinned in tests/articles/test_queries.py)."""
    category = CategoryFactory(name="Xã hội", show_on_home=True)
    for _ in range(6):
        ArticleFactory(category=category, tags=["du lịch"])
    article = ArticleFactory(category=category, tags=["du lịch"])
    CommentFactory.create_batch(3, article=article, approved=True)
    paths = ["/", category.get_absolute_url(), article.get_absolute_url(), article.get_print_url()]

    def queries_per_page(theme_name):
        publication.theme = theme_name
        publication.save()
        client = Client(HTTP_USER_AGENT=BROWSER_UA)  # a new reader: the view is counted each time
        cache.clear()  # each theme starts as cold as the other (the save renewed only the site scope)
        client.get("/")  # warm the profile and category tree caches
        counts = []
        for path in paths:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            counts.append(len(queries))
        return counts

    default = queries_per_page("dienbienphu")
    assert queries_per_page(theme) == default


def test_error_pages_wear_the_theme(client, publication):
    publication.theme = "laichau"
    publication.save()
    html = client.get("/khong-co-trang-nay/").content.decode()
    assert "theme-laichau" in html
    assert "Cổng thông tin điện tử" in html
