from django import template
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from delivery import data, scopes
from links.models import Banner, Link, LinkGroup

register = template.Library()

TEMPLATE = "links/links_widget.html"


def _widget_data():
    groups = LinkGroup.objects.prefetch_related(Prefetch("links", queryset=Link.objects.order_by("position", "title")))
    return {
        "groups": [(g, list(g.links.all())) for g in groups if g.links.all()],
        "banners": list(Banner.objects.active()),
    }


@register.simple_tag
def links_widget():
    """“Liên kết website”: each group as a dropdown (a plain list without
    JavaScript), then the banners. Its HTML is cached under the "site"
    scope (a change to a group, link or banner bumps it: links/delivery.py)
    and shared by every page; when cold, three queries: groups, their
    links, banners."""
    html = data.cached(None, "links-widget-html", [scopes.SITE], lambda: render_to_string(TEMPLATE, _widget_data()))
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped when rendered)
