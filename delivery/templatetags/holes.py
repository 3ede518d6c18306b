"""``{% hole "view-count" article.pk %}``: a marker filled per reader (delivery/holes.py)."""

from django import template

from delivery import holes

register = template.Library()


@register.simple_tag
def hole(name, arg=""):
    return holes.marker(name, arg)
