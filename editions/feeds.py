"""``/bao-in/rss.xml``: an RSS 2.0 feed of the newest published issues of
every edition (django.contrib.syndication)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _

from newsroom.models import Publication

from .models import Issue


class IssueFeed(Feed):
    language = "vi"

    def items(self):
        return list(Issue.objects.published().for_listing()[: settings.NEWSROOM_FEED_SIZE])

    def title(self):
        return _("Báo in – %(name)s") % {"name": Publication.load().name}

    def link(self):
        return reverse("editions:archive")

    def description(self):
        return _("Các số báo in mới nhất của %(name)s, đọc từng trang trên mạng.") % {"name": Publication.load().name}

    def feed_url(self):
        return reverse("editions:feed")

    def item_title(self, item):
        return f"{item.edition.name} – {item.label}"

    def item_description(self, item):
        return _("%(pages)s trang, tải về bản PDF (%(size)s).") % {
            "pages": item.page_count,
            "size": filesizeformat(item.pdf_bytes),
        }

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.edition.name]
