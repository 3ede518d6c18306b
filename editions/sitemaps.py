"""The issues of the print edition in the sitemap (``/sitemap-bao-in.xml``,
listed in ``/sitemap.xml``; registered in EditionsConfig.ready())."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from .models import Issue


class IssueSitemap(Sitemap):
    changefreq = "monthly"

    @property
    def limit(self):
        return settings.NEWSROOM_SITEMAP_PAGE_SIZE

    def items(self):
        return Issue.objects.published().select_related("edition").order_by("-date", "-number", "-id")

    def lastmod(self, item):
        return item.updated_at
