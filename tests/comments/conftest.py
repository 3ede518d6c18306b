import time

import pytest
from django.conf import settings

from comments.forms import started_token
from tests.factories import ArticleFactory


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
