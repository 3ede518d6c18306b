from django import template

from newsroom.text import format_dateline

register = template.Library()


@register.filter
def dateline(value, style="dienbienphu"):
    """``{{ article.published_at|dateline:theme }}`` → ``09:23 - Chủ Nhật, 31/12/2023``."""
    return format_dateline(value, style)
