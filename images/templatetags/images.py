from django import template
from django.utils.translation import gettext

from .. import markup

register = template.Library()


@register.simple_tag
def picture(image, sizes="article", lazy=True, alt=None, css_class="", eager=False):
    """``{% picture article.featured_image sizes="card" lazy=False %}``
    (``eager=True`` is the same as ``lazy=False``)."""
    return markup.picture(image, sizes=sizes, lazy=lazy and not eager, alt=alt, css_class=css_class)


@register.filter
def with_renditions(html):
    """``{{ article.body|with_renditions }}``: body figures of library images
    get srcset, sizes, width/height and lazy loading (one query at most)."""
    return markup.with_renditions(html)


@register.filter
def with_renditions_eager(html):
    """The same for the print view: images load at once (a lazy image may
    be missing from the printed page)."""
    return markup.with_renditions(html, lazy=False)


@register.filter
def light_images(html):
    """``{{ body_html|light_images }}``: the pictures as links (the light edition)."""
    return markup.text_only(html, gettext("Xem ảnh"))
