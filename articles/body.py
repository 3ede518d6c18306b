"""An article body as readers get it, built once per content generation
(the "body" fragment, articles/views.py): the sanitised HTML with

- library images as responsive pictures (images/markup.py),
- library videos as the player, or in print their poster and the article's
  address (videos/markup.py),
- allow-listed embeds as a click-to-load facade (articles/embeds.py), or in
  print a line naming the provider and the address,
- for the long-form (E-magazine) layout, an ``id`` on every ``<h2>`` and the
  table of contents built from them.
"""

import html
import re
from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from images import markup as image_markup
from newsroom.text import slugify_vi
from videos import markup as video_markup

from . import embeds

IFRAME = re.compile(r"<iframe\b([^>]*)>\s*</iframe>", re.I)
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
H2 = re.compile(r"<h2>(.*?)</h2>", re.S)
TAGS = re.compile(r"<[^>]+>")


@dataclass
class Body:
    html: SafeString
    toc: list = field(default_factory=list)  # (anchor, heading text)


def _facades(text, print_view):
    def replace(match):
        attrs = {name: html.unescape(value) for name, value in ATTRIBUTE.findall(match.group(1))}
        embed = embeds.from_src(attrs.get("src", ""))
        if embed is None:  # cannot happen after the sanitiser; nothing then
            return ""
        if print_view:
            return str(
                format_html('<p class="embed-print">{} {}: {}</p>', _("Nội dung nhúng từ"), embed.label, embed.link)
            )
        return str(embeds.facade_html(embed, attrs.get("title", "")))

    return IFRAME.sub(replace, text)


def _headings(text):
    toc, used = [], set()

    def replace(match):
        label = html.unescape(TAGS.sub("", match.group(1))).strip()
        anchor = slugify_vi(label, 60) or "muc"
        base, n = anchor, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        toc.append((anchor, label))
        return f'<h2 id="{anchor}">{match.group(1)}</h2>'

    return H2.sub(replace, text), toc


def render(article, *, print_address=None, with_toc=False):
    """The Body of ``article`` (print view: ``print_address`` is its address)."""
    printing = print_address is not None
    text = str(image_markup.with_renditions(article.body, lazy=not printing))
    text = str(video_markup.with_players(text, print_address=print_address))
    if "<iframe" in text:
        text = _facades(text, printing)
    toc = []
    if with_toc:
        text, toc = _headings(text)
    return Body(html=mark_safe(text), toc=toc)  # noqa: S308 - sanitised body, our own markup
