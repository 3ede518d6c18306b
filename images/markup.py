"""Responsive markup for library images: a <picture> with a WebP srcset and
a JPEG fallback, width/height (no layout shift), sizes and lazy loading; and
the render-time pass that gives body figures the same treatment."""

import re

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# The space the image takes in each place, for the browser to pick a width.
SIZES = {
    "article": "(min-width: 1200px) 840px, (min-width: 900px) calc(100vw - 360px), 100vw",
    "card": "(min-width: 600px) 220px, 120px",
    "card-large": "(min-width: 900px) 560px, 100vw",
    "print": "700px",
}


def picture(image, *, sizes="article", alt=None, lazy=True, fallback_width=1280, css_class=""):
    """``<picture>`` for a library image. ``alt=None`` uses the image's own
    description; pass "" for a decorative image."""
    if image is None:
        return ""
    width, height = image.rendition_size(fallback_width)
    sizes = SIZES.get(sizes, sizes)
    return format_html(
        '<picture{}><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async"></picture>',
        format_html(' class="{}"', css_class) if css_class else "",
        image.srcset("webp"),
        sizes,
        image.rendition_url(fallback_width),
        image.srcset("jpg"),
        sizes,
        width,
        height,
        image.description if alt is None else alt,
        "lazy" if lazy else "eager",
    )


IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTR = re.compile(r'\b(src|alt)="([^"]*)"')


def _key_pattern():
    media = re.escape(settings.MEDIA_URL)
    return re.compile(media + r"(images/\d{4}/\d{2}/)([0-9a-f]{32})(?:-\d+)?\.(?:jpg|png|gif|webp)$")


def library_images_in(html):
    """{key: file-name stem} of the library images an HTML body shows."""
    pattern = _key_pattern()
    found = {}
    for tag in IMG_TAG.findall(html or ""):
        attrs = dict(ATTR.findall(tag))
        match = pattern.match(attrs.get("src", ""))
        if match:
            found[match.group(2)] = match.group(1) + match.group(2)
    return found


def with_renditions(html, lazy=True):
    """``html`` (a sanitised article body) with each <img> that shows a
    library image replaced by its responsive <picture>, keeping the alt text
    written in the body. One query, and only when the body has such images;
    anything else in the body is left exactly as it is."""
    from .models import Image  # noqa: PLC0415 - models import this module's users

    found = library_images_in(html)
    if not found:
        return mark_safe(html or "")  # noqa: S308 - the body was sanitised when saved
    names = [f"{stem}.{ext}" for stem in found.values() for ext in ("jpg", "png", "gif", "webp")]
    images = {image.key: image for image in Image.objects.filter(file__in=names)}
    pattern = _key_pattern()

    def replace(match):
        tag = match.group(0)
        attrs = dict(ATTR.findall(tag))
        key = pattern.match(attrs.get("src", ""))
        image = images.get(key.group(2)) if key else None
        if image is None:
            return tag
        # The alt attribute is already escaped by the sanitiser: keep it as is.
        return str(picture(image, alt=mark_safe(attrs.get("alt", "")), lazy=lazy))  # noqa: S308

    return mark_safe(IMG_TAG.sub(replace, html))  # noqa: S308 - sanitised body, our own markup


_PICTURE_OR_IMG = re.compile(r"<picture\b.*?</picture>|<img\b[^>]*>", re.IGNORECASE | re.DOTALL)
_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc=\"([^\"]+)\"", re.IGNORECASE)
_IMG_ALT = re.compile(r"<img\b[^>]*?\balt=\"([^\"]*)\"", re.IGNORECASE)


def text_only(html, label):
    """The light edition's body (newsroom/light_edition.py): each picture
    becomes a link to it, ``Xem ảnh: <its description>``, so nothing but
    text loads until the reader asks. ``html`` is the sanitised body, its
    attribute values already escaped."""

    def link(match):
        src = _IMG_SRC.search(match.group(0))
        if not src:
            return ""
        alt = _IMG_ALT.search(match.group(0))
        text = f"{label}: {alt.group(1)}" if alt and alt.group(1) else label
        return f'<a class="light-image" href="{src.group(1)}">{text}</a>'

    return mark_safe(_PICTURE_OR_IMG.sub(link, str(html)))  # noqa: S308
