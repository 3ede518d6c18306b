"""Server-side cleaning of article HTML with nh3. An editor's browser is not
trusted with scripts, styles or event handlers: only the structure a news
story needs survives.

Links keep http, https, mailto and tel addresses or relative ones, and always
get ``rel="noopener noreferrer"``; images (``<figure><img><figcaption>``, as
the editor and the image picker make them) keep only http(s) or relative
sources. ``javascript:`` and ``data:`` addresses, ``<script>``, ``<style>``,
``<iframe>``, ``on*`` handlers and ``style`` attributes are removed."""

import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "figure",
    "figcaption",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "hr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title", "loading", "srcset", "sizes"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
DIMENSION = re.compile(r"^\d{1,5}$")


def _image_url(url):
    """http(s) or relative (no scheme before the first "/")."""
    url = url.strip()
    if url.lower().startswith(("http://", "https://")):
        return True
    return bool(url) and ":" not in url.split("/", 1)[0]


def _filter_attribute(tag, attribute, value):
    """Per-attribute rules nh3's allow-list cannot express."""
    if tag == "img":
        if attribute == "src":
            return value if _image_url(value) else None
        if attribute == "srcset":
            candidates = [c.strip() for c in value.split(",") if c.strip()]
            return value if candidates and all(_image_url(c.split()[0]) for c in candidates) else None
        if attribute in ("width", "height"):
            return value if DIMENSION.match(value) else None
        if attribute == "loading":
            return value if value in ("lazy", "eager") else None
    return value


def clean_body(html):
    """Return ``html`` with everything but the allowed tags and attributes
    removed; links get ``rel="noopener noreferrer"``."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_filter_attribute,
    ).strip()
