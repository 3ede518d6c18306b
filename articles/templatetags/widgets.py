"""Sidebar widgets, one inclusion tag each, each with its own query budget
(tests/widgets/test_widgets.py pins them):

- ``{% latest_widget %}``: “Mới nhất”, one query.
- ``{% most_read_widget %}``: “Đọc nhiều” from the view counters, one query.
- ``{% featured_widget %}``: “Tin tiêu điểm”, one query.

On an article page the article itself is left out of each."""

from django import template

from articles import selectors

register = template.Library()


def _exclude(context):
    article = context.get("article")
    return [article.pk] if getattr(article, "pk", None) else []


@register.inclusion_tag("includes/widget_latest.html", takes_context=True)
def latest_widget(context):
    return {"items": selectors.latest(exclude_ids=_exclude(context))}


@register.inclusion_tag("includes/widget_most_read.html", takes_context=True)
def most_read_widget(context):
    return {"items": selectors.most_read(exclude_ids=_exclude(context))}


@register.inclusion_tag("includes/widget_featured.html", takes_context=True)
def featured_widget(context):
    exclude = set(_exclude(context))
    return {"items": [a for a in selectors.featured() if a.pk not in exclude]}
