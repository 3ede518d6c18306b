"""Server-side cleaning of article HTML with nh3. An editor's browser is not
trusted with scripts, styles or event handlers: only the structure a news
story needs survives.

Links keep http, https, mailto and tel addresses or relative ones, and always
get ``rel="noopener noreferrer"``; images (``<figure><img><figcaption>``, as
the editor and the image picker make them) keep only http(s) or relative
sources. ``javascript:`` and ``data:`` addresses, ``<script>``, ``<style>``,
``on*`` handlers and ``style`` attributes are removed.

Two kinds of media are kept, exactly:

- ``<iframe>`` only when its ``src`` is, character for character, an
  address that articles/embeds.py builds (YouTube's privacy-enhanced host,
  Facebook video, TikTok, Google Maps). It is then rewritten whole with our
  own ``sandbox``, ``allow``, ``loading="lazy"`` and title, whatever the
  pasted one said (``srcdoc``, ``allow-top-navigation``…). Any other iframe
  with an http(s) address becomes a plain link to it; one without is removed.
- ``<video>`` of the video library: ``src`` and ``poster`` must be files
  under ``MEDIA_URL`` (public pages show the player instead:
  videos/markup.py)."""

import html
import re

import nh3
from django.conf import settings
from django.utils.html import format_html

from . import embeds

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
    "iframe",
    "video",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title", "loading", "srcset", "sizes"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "iframe": {"src", "title"},
    "video": {"src", "poster", "title"},
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
    if tag == "video" and attribute in ("src", "poster"):
        return value if _media_url(value) else None
    return value


def _media_url(url):
    """A file of our own media (the video library, a poster from the image
    library): under MEDIA_URL, no way out of it."""
    url = url.strip()
    return (
        url.startswith(settings.MEDIA_URL)
        and ".." not in url
        and "\\" not in url
        and not any(c in url for c in "\"'<> ")
    )


IFRAME = re.compile(r"<iframe\b([^>]*)>.*?</iframe>", re.S | re.I)
VIDEO = re.compile(r"<video\b([^>]*)>.*?</video>", re.S | re.I)
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def _attributes(text):
    return {name: html.unescape(value) for name, value in ATTRIBUTE.findall(text)}


def _iframe(match):
    attrs = _attributes(match.group(1))
    src = attrs.get("src", "")
    embed = embeds.from_src(src)
    if embed is not None:
        return embeds.iframe_html(embed, attrs.get("title", "")[:200])
    if src.lower().startswith(("http://", "https://")):
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', src, src)
    return ""


def _video(match):
    attrs = _attributes(match.group(1))
    if not attrs.get("src"):
        return ""
    return format_html(
        '<video src="{}"{} title="{}" controls preload="none"></video>',
        attrs["src"],
        format_html(' poster="{}"', attrs["poster"]) if attrs.get("poster") else "",
        attrs.get("title", "")[:300],
    )


def clean_body(html):
    """Return ``html`` with everything but the allowed tags and attributes
    removed; links get ``rel="noopener noreferrer"``."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_filter_attribute,
    ).strip()
    # nh3's output: attributes double-quoted and escaped, an iframe's or a
    # video's content up to its closing tag. Both are rebuilt whole.
    return VIDEO.sub(_video, IFRAME.sub(_iframe, cleaned))
