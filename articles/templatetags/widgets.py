"""Sidebar widgets, one inclusion tag each, each with its own query budget
(tests/widgets/test_widgets.py pins them):

- ``{% latest_widget %}``: “Mới nhất”, one query.
- ``{% most_read_widget %}``: “Đọc nhiều” from the view counters, one query.
- ``{% featured_widget %}``: “Tin tiêu điểm”, one query.

On an article page the article itself is left out of each. Each list is
cached data under the "listings" scope (delivery/data.py) fetched one item
longer than shown and shared by every page: the article is left out in
Python, so 20,000 articles need one cached list, not 20,000."""

from django import template
from django.conf import settings

from articles import selectors
from delivery import data, scopes

register = template.Library()


def _latest():
    return selectors.latest(settings.NEWSROOM_LATEST_COUNT + 1)


def _most_read():
    return selectors.most_read(limit=6)


# name of the cached list: how it is built
LISTS = {"latest-widget": _latest, "most-read-widget": _most_read, "featured-widget": selectors.featured}


def _items(context, name, limit):
    """The first ``limit`` items of the cached list, without the page's article."""
    article = context.get("article")
    excluded = getattr(article, "pk", None)
    items = data.cached(context.get("request"), name, [scopes.LISTINGS], LISTS[name])
    return [a for a in items if a.pk != excluded][:limit]


@register.inclusion_tag("includes/widget_latest.html", takes_context=True)
def latest_widget(context):
    return {"items": _items(context, "latest-widget", settings.NEWSROOM_LATEST_COUNT)}


@register.inclusion_tag("includes/widget_most_read.html", takes_context=True)
def most_read_widget(context):
    return {"items": _items(context, "most-read-widget", 5)}


@register.inclusion_tag("includes/widget_featured.html", takes_context=True)
def featured_widget(context):
    return {"items": _items(context, "featured-widget", settings.NEWSROOM_FEATURED_COUNT)}
