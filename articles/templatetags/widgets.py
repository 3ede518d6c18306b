"""Sidebar widgets, one inclusion tag each, each with its own query budget
(tests/widgets/test_widgets.py pins them):

- ``{% latest_widget %}``: “Mới nhất”, one query.
- ``{% most_read_widget %}``: “Đọc nhiều” from the view counters, one query.
- ``{% featured_widget %}``: “Tin tiêu điểm”, one query.

On an article page the article itself is left out of each. Each list is a
cached fragment (newsroom/fragments.py) fetched one item longer than shown
and shared by every page: the article is left out in Python, so 20,000
articles need one cached list, not 20,000."""

from django import template
from django.conf import settings

from articles import selectors
from newsroom import fragments

register = template.Library()


def _items(context, name, build, limit):
    """The first ``limit`` items of the cached list, without the page's article."""
    article = context.get("article")
    excluded = getattr(article, "pk", None)
    items = fragments.cached(context.get("request"), name, build)
    return [a for a in items if a.pk != excluded][:limit]


@register.inclusion_tag("includes/widget_latest.html", takes_context=True)
def latest_widget(context):
    limit = settings.NEWSROOM_LATEST_COUNT
    return {"items": _items(context, "latest-widget", lambda: selectors.latest(limit + 1), limit)}


@register.inclusion_tag("includes/widget_most_read.html", takes_context=True)
def most_read_widget(context):
    return {"items": _items(context, "most-read-widget", lambda: selectors.most_read(limit=6), 5)}


@register.inclusion_tag("includes/widget_featured.html", takes_context=True)
def featured_widget(context):
    return {"items": _items(context, "featured-widget", selectors.featured, settings.NEWSROOM_FEATURED_COUNT)}
