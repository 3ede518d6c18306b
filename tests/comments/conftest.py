import time

import pytest
from django.conf import settings
from django.test import Client

from comments.forms import started_token
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory

# What a browser sends with a form posted from this site's page: the comment
# form has no CSRF token and is checked by origin (guard/origin.py).
SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture
def client():
    """A reader's browser on the article page: its posts come from this site."""
    return Client(HTTP_USER_AGENT=BROWSER_UA, **SAME_ORIGIN)


@pytest.fixture
def article(publication):
    return ArticleFactory(title="Điện Biên đón mùa hoa ban")


def comment_data(article, **overrides):
    """What the form sends, filled in by a person who took their time."""
    data = {
        "name": "Lò Văn Thắng",
        "email": "thang@example.vn",
        "body": "Mùa hoa ban năm nay đẹp quá, cảm ơn tòa soạn.",
        "website": "",
        "started": started_token(article.pk, time.time() - settings.NEWSROOM_COMMENT_MIN_SECONDS - 1),
    }
    data.update(overrides)
    return data


def post_url(article):
    return f"/binh-luan/{article.pk}/"
