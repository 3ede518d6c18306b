import unicodedata
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Category, Tag
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_published_shows_published_articles_whose_time_has_come():
    visible = ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(status=Article.Status.IN_APPROVAL, published_at=timezone.now() - timedelta(days=1))
    ArticleFactory(status=Article.Status.UNPUBLISHED, published_at=timezone.now() - timedelta(days=1))
    ArticleFactory(published_at=timezone.now() + timedelta(minutes=5))  # scheduled
    assert list(Article.objects.published()) == [visible]


def test_a_scheduled_article_appears_when_its_time_passes(monkeypatch):
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(minutes=5))
    assert not Article.objects.published().exists()
    later = timezone.now() + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert list(Article.objects.published()) == [scheduled]


def test_database_refuses_a_published_article_without_a_date():
    article = ArticleFactory(draft=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)


def test_publishing_without_a_date_sets_it_to_now():
    article = ArticleFactory(draft=True)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.published_at is not None
    assert article.published_at <= timezone.now()


def test_slug_is_made_from_the_vietnamese_title():
    article = ArticleFactory(title="Điện Biên Phủ đón khách Đắk Lắk")
    assert article.slug == "dien-bien-phu-don-khach-dak-lak"


def test_slugs_stay_unique():
    first = ArticleFactory(title="Mùa hoa ban")
    second = ArticleFactory(title="Mùa hoa ban")
    third = ArticleFactory(title="Mùa hoa ban")
    assert [first.slug, second.slug, third.slug] == ["mua-hoa-ban", "mua-hoa-ban-2", "mua-hoa-ban-3"]


def test_database_refuses_duplicate_article_slugs():
    ArticleFactory(slug="mua-hoa-ban")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="mua-hoa-ban")


def test_text_is_stored_in_nfc():
    decomposed = unicodedata.normalize("NFD", "Mường Phăng mùa lúa chín")
    article = ArticleFactory(title=decomposed, lead=decomposed, byline=decomposed)
    article.refresh_from_db()
    for value in (article.title, article.lead, article.byline):
        assert value == "Mường Phăng mùa lúa chín"
        assert unicodedata.is_normalized("NFC", value)


def test_body_is_sanitised_on_save():
    article = ArticleFactory(
        body=(
            '<p onclick="steal()">Đoạn <strong>đậm</strong></p>'
            "<script>alert(1)</script>"
            '<a href="javascript:alert(1)">xấu</a>'
            '<a href="https://example.vn/">tốt</a>'
            '<img src="x.jpg" onerror="alert(1)" alt="Ảnh">'
            '<iframe src="https://evil.example"></iframe>'
            '<p style="color:red">kiểu</p>'
        )
    )
    body = article.body
    assert "<script" not in body and "alert(1)" not in body.replace("javascript", "")
    assert "onclick" not in body and "onerror" not in body and "style=" not in body
    assert "<iframe" not in body and "javascript:" not in body
    assert "<p>Đoạn <strong>đậm</strong></p>" in body
    assert '<a href="https://example.vn/" rel="noopener noreferrer">tốt</a>' in body
    assert '<img src="x.jpg" alt="Ảnh">' in body


def test_category_slug_from_name_and_reserved_words():
    assert CategoryFactory(name="Quốc phòng - An ninh").slug == "quoc-phong-an-ninh"
    assert CategoryFactory(name="Xây dựng Đảng").slug == "xay-dung-dang"
    # A category named like a fixed page gets another slug, not the page's.
    assert CategoryFactory(name="Admin").slug == "admin-tin"


def test_category_clean_refuses_reserved_slug_and_cycles():
    category = CategoryFactory(slug="tim-kiem-x")
    category.slug = "tim-kiem"
    with pytest.raises(ValidationError) as error:
        category.full_clean()
    assert "slug" in error.value.message_dict

    parent = CategoryFactory()
    child = CategoryFactory(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError) as error:
        parent.full_clean()
    assert "parent" in error.value.message_dict


def test_category_slug_must_be_lowercase_ascii():
    category = Category(name="Thể thao", slug="The_Thao")
    with pytest.raises(ValidationError) as error:
        category.full_clean()
    assert "slug" in error.value.message_dict


def test_tags_get_vietnamese_slugs_and_are_case_insensitive():
    article = ArticleFactory(tags=["Điện Biên Phủ", "Nông thôn mới"])
    other = ArticleFactory(tags=["điện biên phủ"])
    assert sorted(Tag.objects.values_list("slug", flat=True)) == ["dien-bien-phu", "nong-thon-moi"]
    assert list(other.tags.all()) == [Tag.objects.get(slug="dien-bien-phu")]
    assert article.tags.count() == 2


def test_in_category_includes_sub_categories():
    parent = CategoryFactory(name="Kinh tế")
    child = CategoryFactory(name="Nông nghiệp", parent=parent)
    in_parent = ArticleFactory(category=parent)
    in_child = ArticleFactory(category=child)
    ArticleFactory()  # elsewhere
    assert set(Article.objects.published().in_category(parent)) == {in_parent, in_child}
    assert set(Article.objects.published().in_category(child)) == {in_child}


def test_str_and_urls():
    article = ArticleFactory(title="Mùa hoa ban", category=CategoryFactory(name="Văn hóa"))
    assert str(article) == "Mùa hoa ban"
    assert article.get_absolute_url() == f"/van-hoa/mua-hoa-ban-{article.pk}.html"
    assert article.get_print_url() == f"/ban-in/van-hoa/mua-hoa-ban-{article.pk}.html"
    assert article.category.get_absolute_url() == "/van-hoa/"
