from django import template
from django.db.models import Prefetch

from delivery import data, scopes
from links.models import Banner, Link, LinkGroup

register = template.Library()


def _widget_data():
    groups = LinkGroup.objects.prefetch_related(Prefetch("links", queryset=Link.objects.order_by("position", "title")))
    return {
        "groups": [(g, list(g.links.all())) for g in groups if g.links.all()],
        "banners": list(Banner.objects.active()),
    }


@register.inclusion_tag("links/links_widget.html")
def links_widget():
    """“Liên kết website”: each group as a dropdown (a plain list without
    JavaScript), then the banners. Cached under the "site" scope (a change
    to a group, link or banner bumps it: links/delivery.py); when cold,
    three queries: groups, their links, banners."""
    return data.cached(None, "links-widget", [scopes.SITE], _widget_data)
