import pytest
from django.core.cache import cache
from django.test import Client

from delivery import data, pages, scopes
from newsroom.models import Publication


@pytest.fixture(autouse=True)
def _clear_cache():
    """The publication profile and category tree are cached; every test
    starts cold, in the shared cache and in this process's memory of data,
    pages and scope versions (kept for NEWSROOM_SCOPE_SECONDS, which some
    tests turn on), and leaves none of it to the next."""

    def forget():
        cache.clear()
        data.forget_local()
        pages.forget_local()
        scopes.forget_memo()

    forget()
    yield
    forget()


@pytest.fixture
def publication(db):
    publication, _ = Publication.objects.update_or_create(
        pk=1,
        defaults={
            "name": "Báo Điện Biên Phủ",
            "sapo_prefix": "ĐBP",
            "hotline": "0215 3830 000",
            "email": "toasoan@example.vn",
            "owner": "Tỉnh ủy Điện Biên",
            "licence": "Giấy phép số 00/GP-BTTTT",
            "editor_in_chief": "Nguyễn Văn Mẫu",
            "address": "Phường Mường Thanh, TP. Điện Biên Phủ",
            "theme": "dienbienphu",
        },
    )
    return publication


# Page loads in tests are a reader's browser: a request with no User-Agent is
# not counted as a view (counters/rules.py).
BROWSER_UA = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"


@pytest.fixture
def client():
    return Client(HTTP_USER_AGENT=BROWSER_UA)
