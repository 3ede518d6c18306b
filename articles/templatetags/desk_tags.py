from django import template

from articles import dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_panels(context):
    """Bàn làm việc: the panels of the person logged in (articles/dashboard.py)."""
    return dashboard.panels_for(context["request"].user)
