from django import template

from .. import money

register = template.Library()


@register.filter
def dong(amount):
    """``{{ total.gross|dong }}`` → “1.234.567”."""
    return "" if amount is None or amount == "" else money.format_dong(amount)


@register.filter
def points(value, places=2):
    """``{{ line.points|points }}`` → “12,50”."""
    return "" if value is None or value == "" else money.format_points(value, int(places))


@register.filter
def in_words(amount):
    """``{{ sheet.net|in_words }}`` → “Hai triệu đồng”."""
    return money.in_words(amount)
