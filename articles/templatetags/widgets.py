"""Sidebar widgets, one tag each, each with its own query budget
(tests/widgets/test_widgets.py pins them):

- ``{% latest_widget %}``: “Mới nhất”, one query.
- ``{% most_read_widget %}``: “Đọc nhiều” from the view counters, one query.
- ``{% featured_widget %}``: “Tin tiêu điểm”, one query.

On an article page the article itself is left out of each. Each list is
cached data under the "listings" scope (delivery/data.py) fetched one item
longer than shown and shared by every page: the article is left out in
Python, so 20,000 articles need one cached list, not 20,000. The widget's
HTML is cached data under the same scope too, rendered once for every page
that does not show one of its items (most of the archive): a page built
afresh then neither unpickles the list nor renders it."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles import selectors
from delivery import data, scopes

register = template.Library()


def _latest():
    return selectors.latest(settings.NEWSROOM_LATEST_COUNT + 1)


def _most_read():
    return selectors.most_read(limit=6)


# name of the cached list: how it is built
LISTS = {"latest-widget": _latest, "most-read-widget": _most_read, "featured-widget": selectors.featured}


def _items(request, name, limit, excluded=None):
    """The first ``limit`` items of the cached list, without ``excluded`` (an article's pk)."""
    items = data.cached(request, name, [scopes.LISTINGS], LISTS[name])
    return [a for a in items if a.pk != excluded][:limit]


def _widget(context, name, limit, template_name):
    """The widget's HTML: the one every page shares (cached data, with the
    pks of the items it shows), unless this page's article is one of them;
    then rendered for this page without it."""
    request = context.get("request")
    excluded = getattr(context.get("article"), "pk", None)

    def shared():
        items = _items(request, name, limit)
        return render_to_string(template_name, {"items": items}), {a.pk for a in items}

    html, shown = data.cached(request, f"{name}-html", [scopes.LISTINGS], shared)
    if excluded in shown:
        html = render_to_string(template_name, {"items": _items(request, name, limit, excluded)})
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped when rendered)


@register.simple_tag(takes_context=True)
def latest_widget(context):
    return _widget(context, "latest-widget", settings.NEWSROOM_LATEST_COUNT, "includes/widget_latest.html")


@register.simple_tag(takes_context=True)
def most_read_widget(context):
    return _widget(context, "most-read-widget", 5, "includes/widget_most_read.html")


@register.simple_tag(takes_context=True)
def featured_widget(context):
    return _widget(context, "featured-widget", settings.NEWSROOM_FEATURED_COUNT, "includes/widget_featured.html")
