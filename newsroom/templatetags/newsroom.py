from django import template

from newsroom.text import format_dateline, machine_datetime

register = template.Library()


@register.filter
def dateline(value, style="dienbienphu"):
    """``{{ article.published_at|dateline:theme }}`` → ``09:23 - Chủ Nhật, 31/12/2023``."""
    return format_dateline(value, style)


@register.filter
def machine(value):
    """``<time datetime="{{ article.published_at|machine }}">`` →
    ``2026-12-04T22:33:17+07:00`` (whole seconds, with the time zone)."""
    return machine_datetime(value)
