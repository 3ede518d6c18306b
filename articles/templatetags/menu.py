"""``{% main_menu %}``: the main menu's list (templates/layout.html).

It is the same on every page but for the item marked as the page the
reader is on (the home page, a top-level category, the print edition), so
its HTML is cached data under the "site" scope, the category tree's
(articles/categories.py), one per such mark: a page built afresh does not
render twenty categories' links again."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from delivery import data, scopes

from ..categories import category_tree

register = template.Library()

TEMPLATE = "includes/main_menu.html"


def _current(context):
    """What the menu marks with aria-current: "home", "editions", a category's pk, or ""."""
    request = context.get("request")
    if request is not None and request.path == "/":
        return "home"
    match = getattr(request, "resolver_match", None)
    if match is not None and match.app_name == "editions":
        return "editions"
    return getattr(context.get("category"), "pk", None) or ""


@register.simple_tag(takes_context=True)
def main_menu(context):
    current = _current(context)

    def build():
        return render_to_string(TEMPLATE, {"menu": category_tree().menu, "current": current})

    html = data.cached(context.get("request"), "main-menu", [scopes.SITE], build, current)
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped when rendered)
