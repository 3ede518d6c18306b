"""Sitemaps for search engines (django.contrib.sitemaps).

``/sitemap.xml`` is an index of ``/sitemap-<section>.xml`` pages
(``?p=N``); each page holds at most ``NEWSROOM_SITEMAP_PAGE_SIZE`` addresses
(the protocol allows 50,000; smaller pages are cheaper to build).
``/sitemap-news.xml`` is the Google News sitemap (views.news_sitemap)."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef

from .categories import category_tree
from .models import Article, Tag, TaggedArticle


class ArticleSitemap(Sitemap):
    changefreq = "weekly"

    @property
    def limit(self):
        return settings.NEWSROOM_SITEMAP_PAGE_SIZE

    def items(self):
        return (
            Article.objects.published()
            .select_related("category")
            .only("id", "slug", "updated_at", "category__slug")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return category_tree().categories


class TagSitemap(Sitemap):
    changefreq = "daily"

    @property
    def limit(self):
        return settings.NEWSROOM_SITEMAP_PAGE_SIZE

    def items(self):
        published = TaggedArticle.objects.filter(tag=OuterRef("pk"), content_object__in=Article.objects.published())
        return Tag.objects.filter(Exists(published)).order_by("name", "pk")


SITEMAPS = {"articles": ArticleSitemap, "categories": CategorySitemap, "tags": TagSitemap}


def register(section, sitemap):
    """An app above this one adds its section (``/sitemap-<section>.xml``,
    listed in the index) from its AppConfig.ready(): the print edition's issues."""
    SITEMAPS[section] = sitemap
