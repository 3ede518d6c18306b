from django import template

from authors import bylines
from newsroom.themes import get_theme

register = template.Library()


@register.inclusion_tag("includes/byline.html", takes_context=True)
def byline(context, article, links=True):
    """The byline at the end of an article, printed from its contributions
    in the theme's style, each name linking to the author's page (``links``;
    not in the print view); an article without contributions shows its text
    byline as typed. No query when the contributions were prefetched
    (``Article.objects.with_contributions()``)."""
    theme = context.get("site_theme") or get_theme(context.get("theme"))
    credits = article.credits()
    return {
        "groups": bylines.groups(credits, show_roles=theme.byline_roles) if credits else [],
        "text": article.byline,
        "links": links,
        "name_separator": bylines.NAME_SEPARATOR,
        "group_separator": bylines.GROUP_SEPARATOR,
    }
