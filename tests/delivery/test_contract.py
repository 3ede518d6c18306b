"""The page contract's hooks (delivery/pages.py): variants of one address
and holes registered by the apps that own them."""

import pytest
from django.test import Client

from delivery import holes, variants
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(publication):
    return ArticleFactory(title="Mùa lúa mới ở Mường Thanh", category=CategoryFactory(name="Xã hội"))


@pytest.fixture
def light_edition():
    """A variant as the light edition registers one: ``?nhe=1`` or its cookie."""

    def light(request):
        return "nhe" if request.GET.get("nhe") == "1" or request.COOKIES.get("nhe") == "1" else ""

    variants.register(light)
    yield light
    variants.unregister(light)


def test_a_variant_has_its_own_entry(story, light_edition, monkeypatch):
    plain = Client().get("/").content
    monkeypatch.setattr(
        "articles.views.HomeView.template_name", "articles/most_read.html"
    )  # what a variant could change
    light = Client()
    light.cookies["nhe"] = "1"
    assert light.get("/").content != plain  # built for its variant, not the plain entry
    assert Client().get("/").content == plain  # the plain entry is untouched


def test_without_a_variant_readers_share_one_entry(story, monkeypatch):
    first = Client().get("/").content
    monkeypatch.setattr("articles.views.HomeView.template_name", "articles/most_read.html")
    assert Client().get("/?utm_source=zalo").content == first  # a parameter the view does not read


def test_an_unknown_hole_is_a_programming_error():
    with pytest.raises(KeyError):
        holes.marker("no-such-hole", 1)


def test_holes_are_filled_on_pages_built_for_one_reader_too(story):
    """A reader with a personal cookie gets a page built for him: its holes
    are filled the same way."""
    own = Client(HTTP_USER_AGENT=BROWSER_UA)  # a browser: counted
    own.cookies["poll-1"] = "x"
    html = own.get(story.get_absolute_url()).content.decode()
    assert "nrhole." not in html and "Lượt xem: 1" in html
