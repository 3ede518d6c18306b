from django import template

from articles.search import highlight as _highlight

register = template.Library()


@register.filter
def highlight(text, query):
    """``{{ item.title|highlight:query }}``: the searched words in ``<mark>``."""
    return _highlight(text, query.terms if query else ())
