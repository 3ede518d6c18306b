"""Sidebar widgets, one inclusion tag each, each with its own query budget
(tests/widgets/test_widgets.py pins them):

- ``{% latest_widget %}``: “Mới nhất”, one query.
- ``{% most_read_widget %}``: “Đọc nhiều” from the view counters, one query.
- ``{% featured_widget %}``: “Tin tiêu điểm”, one query.

On an article page the article itself is left out of each. Each list is a
cached fragment (newsroom/fragments.py) fetched one item longer than shown
and shared by every page: the article is left out in Python, so 20,000
articles need one cached list, not 20,000. The rendered sidebar is shared
the same way (``sidebar_article``): only an article that one of the lists
shows gets a sidebar rendered for it."""

from django import template
from django.conf import settings

from articles import selectors
from newsroom import fragments

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
    items = fragments.cached(context.get("request"), name, LISTS[name])
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


@register.simple_tag(takes_context=True)
def sidebar_article(context):
    """The page's article if one of the sidebar's lists holds it, else None.
    The rendered sidebar is cached under this (sidebar.html): an article no
    list shows, nearly every article of the archive, has the same sidebar as
    a page without article, so one rendering serves them all. One cache read
    (the ids of every list, per generation)."""
    article = context.get("article")
    request = context.get("request")
    if article is None or fragments.bypass(request):
        return getattr(article, "pk", None)

    def shown():
        return {item.pk for name, build in LISTS.items() for item in fragments.cached(request, name, build)}

    return article.pk if article.pk in fragments.cached(request, "sidebar-article-ids", shown) else None
