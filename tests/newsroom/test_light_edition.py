"""Bản nhẹ, the light edition (newsroom/light_edition.py): text first, no
pictures unless asked, no sidebar, no script, under 15 KB compressed per
article page; switched on for everyone in the profile by the Tổng biên tập,
or chosen by a reader with ?nhe=1 (remembered, ?nhe=0 goes back); cached
like every page, in its own variant."""

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

from articles import roles
from newsroom.models import Publication
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, UserFactory, library_image
from tests.polls.conftest import make_poll

pytestmark = pytest.mark.django_db

NOTE = "Bạn đang xem bản nhẹ: chỉ có chữ, tải nhanh khi mạng yếu."
LIGHT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "light.css"


@pytest.fixture
def story(publication):
    category = CategoryFactory(name="Thời sự", show_on_home=True)
    picture = library_image()
    for n in range(12):
        ArticleFactory(category=category, title=f"Tin thời sự số {n}", featured_image=picture)
    paragraphs = "".join(
        f"<p>Đoạn {n}: mưa lớn kéo dài làm sạt lở nhiều tuyến đường lên các bản vùng cao, "
        "lực lượng chức năng đang khắc phục để thông xe trong ngày.</p>"
        for n in range(1, 31)
    )
    body = (
        paragraphs
        + f'<figure><img src="{picture.file.url}" alt="Đường bị sạt lở"><figcaption>Sạt lở.</figcaption></figure>'
    )
    article = ArticleFactory(
        category=category,
        title="Mưa lớn gây sạt lở nhiều tuyến đường vùng cao",
        lead="Nhiều tuyến đường lên các bản vùng cao bị sạt lở sau ba ngày mưa lớn.",
        body=body,
        byline="Tin, ảnh: Quang Long",
        tags=["mưa lũ", "sạt lở"],
        featured_image=picture,
    )
    CommentFactory.create_batch(3, article=article, approved=True)
    make_poll()
    return article


def reader():
    return Client(HTTP_USER_AGENT=BROWSER_UA)


def is_light(html):
    return "light-edition" in html.split("<head>", 1)[0] and NOTE in html


def assert_text_first(html):
    assert is_light(html)
    assert "<img" not in html and "<picture" not in html and "<source" not in html
    assert "<script" not in html.replace('<script type="application/ld+json">', "")
    assert 'class="sidebar"' not in html
    assert "site.css" not in html and "/static/css/light.css" in html
    assert "@font-face" not in LIGHT_CSS.read_text(encoding="utf-8")


def test_a_reader_chooses_the_light_edition_and_it_is_remembered(story):
    browser = reader()
    full = browser.get(story.get_absolute_url()).content.decode()
    assert not is_light(full) and "<picture" in full
    assert (
        '<a href="/' + story.get_absolute_url().lstrip("/") + '?nhe=1" rel="nofollow">Bản nhẹ (khi mạng yếu)</a>'
        in full
    )
    response = browser.get(story.get_absolute_url() + "?nhe=1")
    assert response.cookies["nhe"].value == "1"
    assert_text_first(response.content.decode())
    # Remembered: every page, without the parameter.
    for url in ("/", story.category.get_absolute_url(), story.get_absolute_url(), "/tim-kiem/?q=mưa"):
        assert_text_first(browser.get(url).content.decode())
    # A link back, and ?nhe=0 returns to the full site, remembered too.
    light = browser.get("/").content.decode()
    assert '<a href="/?nhe=0">Xem bản đầy đủ</a>' in light
    back = browser.get("/?nhe=0")
    assert back.cookies["nhe"].value == "0"
    assert not is_light(back.content.decode())
    assert not is_light(browser.get(story.get_absolute_url()).content.decode())


def test_pictures_are_links_until_the_reader_asks(story):
    html = reader().get(story.get_absolute_url() + "?nhe=1").content.decode()
    links = re.findall(r'<a class="light-image" href="([^"]+)">([^<]+)</a>', html)
    # The body's picture (its rendition, as the full page shows it).
    assert [text for _href, text in links] == ["Xem ảnh: Đường bị sạt lở"]
    stem = story.featured_image.file.name.rsplit("/", 1)[-1].split(".")[0]
    assert links[0][0].startswith("/media/") and stem in links[0][0]
    assert f'href="{story.featured_image.rendition_url()}">Xem ảnh: ' in html
    assert reader().get(story.featured_image.rendition_url()).status_code == 200


def test_an_article_page_weighs_under_15_kb_compressed(story):
    response = reader().get(story.get_absolute_url() + "?nhe=1")
    html = response.content
    page = len(gzip.compress(html, compresslevel=6))
    stylesheet = len(gzip.compress(LIGHT_CSS.read_bytes(), compresslevel=6))
    full = len(gzip.compress(reader().get(story.get_absolute_url()).content, compresslevel=6))
    # Everything the light page loads: its HTML and its one stylesheet.
    print(f"light article page: {page} B + light.css {stylesheet} B gzipped; full page {full} B")
    assert page + stylesheet < 15 * 1024, (page, stylesheet)
    assert page < full
    assert "Đoạn 30: mưa lớn" in html.decode()  # the whole story is there


def test_the_editor_in_chief_turns_it_on_for_everyone(story):
    Publication.objects.update(light_edition=True)
    Publication.load().save()
    for url in ("/", story.get_absolute_url(), "/doc-nhieu/", "/rss/", "/khong-co/"):
        response = reader().get(url)
        assert is_light(response.content.decode()), url
    # A reader on a good connection may still ask for the full site.
    assert not is_light(reader().get("/?nhe=0").content.decode())


def test_only_the_editor_in_chief_may_change_the_switch(story, client):
    secretary = UserFactory(username="thuky", is_staff=True)
    secretary.groups.add(Group.objects.get(name=roles.SECRETARY))
    chief = UserFactory(username="tongbientap", is_staff=True)
    chief.groups.add(Group.objects.get(name=roles.EDITOR_IN_CHIEF))
    url = "/admin/newsroom/publication/1/change/"
    publication = Publication.load()
    data = {
        "name": publication.name,
        "sapo_prefix": publication.sapo_prefix,
        "theme": publication.theme,
        "comments_enabled": "on",
        "light_edition": "on",
    }
    client.force_login(secretary)
    assert client.post(url, data).status_code == 403
    assert Publication.objects.get().light_edition is False
    client.force_login(chief)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Publication.objects.get().light_edition is True


def test_both_editions_are_cached_apart_and_the_cookie_does_not_bypass_the_cache(story, django_assert_num_queries):
    full_reader, light_reader = reader(), reader()
    light_reader.cookies["nhe"] = "1"
    full = full_reader.get("/").content
    light = light_reader.get("/").content
    assert full != light and is_light(light.decode()) and not is_light(full.decode())
    with django_assert_num_queries(0):  # both from the page cache
        assert reader().get("/").content == full
        other = reader()
        other.cookies["nhe"] = "1"
        assert other.get("/").content == light
    # The reader's own choice is never kept by nginx or a CDN for everyone.
    assert "private" in light_reader.get("/").headers["Cache-Control"]
