import json
import unicodedata

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import Article, Category, Tag
from counters.models import ArticleViewCount
from images.models import Image
from links.models import Link
from newsroom.models import Publication
from polls.models import Poll
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

DEMO = settings.BASE_DIR / "fixtures" / "demo" / "newspaper.json"


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_demo_content_is_complete_and_in_nfc():
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    assert len(data["categories"]) >= 12
    assert len(data["articles"]) >= 60
    assert all(unicodedata.is_normalized("NFC", s) for s in strings(data))
    for article in data["articles"]:
        assert not article["lead"].startswith("ĐBP"), "the site adds the sapo prefix"
        if article.get("image"):
            assert (DEMO.parent / "images" / article["image"]).is_file()


def test_load_demo_builds_the_newspaper_and_is_idempotent(client):
    call_command("load_demo", force=True, verbosity=0)
    counts = (Category.objects.count(), Article.objects.count(), Tag.objects.count(), get_user_model().objects.count())
    assert counts[0] >= 12 and counts[1] >= 60
    assert Article.objects.published().count() == counts[1]
    # Demo photos are library images, each added once, with renditions.
    assert Article.objects.filter(featured_image__isnull=False).exists()
    images = Image.objects.count()
    assert 0 < images <= 12
    assert all(image.rendition_widths for image in Image.objects.all())
    assert Publication.load().sapo_prefix == "ĐBP"
    assert ArticleViewCount.objects.count() == counts[1]

    call_command("load_demo", force=True, verbosity=0)
    again = (Category.objects.count(), Article.objects.count(), Tag.objects.count(), get_user_model().objects.count())
    assert again == counts
    assert Image.objects.count() == images

    # The demo accounts log in, each with their role.
    assert client.login(username="thuky", password="newsroom-demo")
    assert get_user_model().objects.get(username="thuky").has_perm("articles.publish_article")
    assert not get_user_model().objects.get(username="phongvien").has_perm("articles.publish_article")
    assert client.get("/").status_code == 200


def test_load_demo_keeps_what_the_newsroom_changed():
    call_command("load_demo", force=True, verbosity=0)
    article = Article.objects.first()
    article.title = "Tiêu đề do biên tập viên sửa"
    article.save()
    call_command("load_demo", force=True, verbosity=0)
    article.refresh_from_db()
    assert article.title == "Tiêu đề do biên tập viên sửa"


def test_load_demo_refuses_production_without_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="mật khẩu công khai"):
        call_command("load_demo", verbosity=0)


def test_generate_articles_adds_published_articles_with_tags():
    CategoryFactory.create_batch(3)
    call_command("generate_articles", count=500, batch_size=200, verbosity=0)
    assert Article.objects.count() == 500
    assert Article.objects.published().count() > 450
    assert Article.objects.filter(tagged_items__isnull=False).distinct().count() == 500
    slugs = list(Article.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 500
    # A second run adds more without slug clashes.
    call_command("generate_articles", count=100, verbosity=0)
    assert Article.objects.count() == 600


def test_generate_articles_needs_categories():
    with pytest.raises(CommandError, match="Chưa có chuyên mục"):
        call_command("generate_articles", count=10, verbosity=0)


@pytest.mark.parametrize("theme", ["backan", "laichau"])
def test_each_theme_has_its_own_demo_paper(theme):
    data = json.loads((DEMO.parent / f"{theme}.json").read_text(encoding="utf-8"))
    assert data["publication"]["theme"] == theme
    assert all(unicodedata.is_normalized("NFC", s) for s in strings(data))
    slugs = {c["slug"] for c in data["categories"]}
    for article in data["articles"]:
        assert article["category"] in slugs
        assert not article["lead"].startswith(("BBK", "ĐBP")), "the site adds the sapo prefix"
        assert (DEMO.parent / "images" / article["image"]).is_file()


def test_load_demo_as_backan_shows_bac_kan_sapos_and_kickers(client):
    call_command("load_demo", force=True, theme="backan", verbosity=0)
    publication = Publication.objects.get()
    assert (publication.name, publication.theme, publication.sapo_lead_in) == ("Báo Bắc Kạn", "backan", "BBK - ")
    article = Article.objects.exclude(kicker="").order_by("published_at").first()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<p class="kicker">{article.kicker}</p>' in html
    assert f'<p class="sapo"><strong>BBK - {article.lead}</strong></p>' in html
    assert '<h2 id="related-title" class="block-title">Xem thêm</h2>' in html
    assert '<h2 id="comments-title" class="block-title">Bình luận (0)</h2>' in html


def test_load_demo_as_laichau_has_the_portal_categories(client):
    call_command("load_demo", force=True, theme="laichau", verbosity=0)
    publication = Publication.objects.get()
    assert (publication.theme, publication.sapo_lead_in) == ("laichau", "")
    menu = list(Category.objects.filter(parent=None).order_by("position").values_list("name", flat=True))
    assert menu == [
        "Chính trị",
        "Xã hội",
        "Văn hoá",
        "Kinh tế",
        "Thế giới",
        "Thể thao",
        "Khoa học đời sống",
        "An ninh quốc phòng",
        "Pháp luật",
    ]
    html = client.get("/").content.decode()
    assert "Cổng thông tin điện tử" in html
    assert "Khoa học đời sống" in html


def test_load_demo_theme_switches_an_existing_profile():
    call_command("load_demo", force=True, verbosity=0)
    call_command("load_demo", force=True, theme="laichau", verbosity=0)
    publication = Publication.objects.get()
    assert publication.theme == "laichau"
    assert publication.name == "Báo Điện Biên Phủ", "what the newsroom set up is kept"


def test_the_demo_sidebar_has_a_poll_and_website_links_once(client):
    call_command("load_demo", force=True, theme="laichau", verbosity=0)
    call_command("load_demo", force=True, theme="laichau", verbosity=0)
    html = client.get("/").content.decode()
    sidebar = html[html.index('<aside class="sidebar"') :]
    assert "Bạn đánh giá thế nào về dịch vụ công trực tuyến của tỉnh?" in sidebar
    assert sidebar.count("--- Website khác ---") == 2  # the portal's two link blocks
    assert "Sở, ban, ngành" in sidebar and "UBND huyện, thành phố" in sidebar
    assert Poll.objects.filter(in_sidebar=True).count() == 1
    assert Link.objects.count() == 6


def test_the_demo_has_authors_collaborators_a_graded_and_an_approved_month(client):
    from authors.models import Author
    from royalties.models import RoyaltyMonth
    from royalties.sheets import sheet_for

    call_command("load_demo", force=True, verbosity=0)
    # Every readable demo byline became contributions, with the paper's authors.
    assert not Article.objects.filter(contributions__isnull=True).exclude(byline="").exists()
    assert Author.objects.get(name="Thu Hòa").pen_names.get().name == "T.Hòa"
    assert Author.objects.filter(kind=Author.Kind.COLLABORATOR, payment_details__isnull=False).count() >= 3
    approved, draft = (
        RoyaltyMonth.objects.get(status=RoyaltyMonth.Status.APPROVED),
        RoyaltyMonth.objects.get(status=RoyaltyMonth.Status.DRAFT),
    )
    assert sheet_for(approved).gross > 0 and approved.approved_by.username == "tongbientap"
    start, end = draft.period()
    if Article.objects.published().filter(published_at__gte=start).exists():  # not so on the 1st, early
        assert draft.grades.exists() and sheet_for(draft).gross == draft.fund
    # Kế toán reads the sheets; the reporter signs as Quang Long and sees his own.
    assert client.login(username="ketoan", password="newsroom-demo")
    assert client.get(f"/admin/royalties/royaltymonth/{approved.pk}/bang/").status_code == 200
    assert client.login(username="phongvien", password="newsroom-demo")
    assert "Nhuận bút của tôi" in client.get("/admin/").content.decode()
