from django import template
from django.core.cache import cache
from django.db.models import Prefetch

from links.models import Banner, Link, LinkGroup
from links.signals import CACHE_KEY

register = template.Library()

CACHE_SECONDS = 600


def _widget_data():
    data = cache.get(CACHE_KEY)
    if data is None:
        groups = LinkGroup.objects.prefetch_related(
            Prefetch("links", queryset=Link.objects.order_by("position", "title"))
        )
        data = {
            "groups": [(g, list(g.links.all())) for g in groups if g.links.all()],
            "banners": list(Banner.objects.active()),
        }
        cache.set(CACHE_KEY, data, CACHE_SECONDS)
    return data


@register.inclusion_tag("links/links_widget.html")
def links_widget():
    """“Liên kết website”: each group as a dropdown (a plain list without
    JavaScript), then the banners. Cached (links/signals.py clears it); when
    cold, three queries: groups, their links, banners."""
    return _widget_data()
