"""The video player readers get (docs/multimedia.md): an HTML5 ``<video>``
with the browser's own accessible controls, ``preload="none"`` and the
poster (nothing of the video is downloaded before Play), a source per
rendition (the small one on narrow screens), WebVTT captions as a
``<track>``, width and height (no layout shift), and a download link for
browsers that cannot play it. ``with_players()`` gives a body's library
videos the same player; the print view shows the poster and the address."""

import re

from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

LARGE_FROM = 700  # px of viewport from which the largest rendition plays
VIDEO_TAG = re.compile(r"<video\b[^>]*>.*?</video>", re.S | re.I)
SRC = re.compile(r'\bsrc="([^"]*)"')


def _key_pattern():
    return re.compile(
        re.escape(settings.MEDIA_URL) + r"videos/\d{4}/\d{2}/([0-9a-f]{32})(?:-[0-9a-f]{8})?/[0-9]{2,4}p\.mp4$"
    )


def player(video, *, lazy=True):
    if video is None or not video.is_ready:
        return ""
    sources = video.sources()
    source_tags = format_html_join(
        "",
        '<source src="{}" type="video/mp4"{}>',
        (
            # The larger rendition for screens wider than a phone's; the
            # browser takes the first source whose media matches.
            (url, format_html(' media="(min-width: {}px)"', LARGE_FROM) if index < len(sources) - 1 else "")
            for index, (url, _width, _height) in enumerate(sources)
        ),
    )
    track = ""
    if video.captions:
        track = format_html(
            '<track kind="captions" src="{}" srclang="vi" label="{}" default>',
            video.captions_url,
            video.captions_label or _("Phụ đề"),
        )
    caption_parts = format_html_join(
        " ",
        '<span class="{}">{}</span>',
        [
            (cls, text)
            for cls, text in (("video-caption", video.caption or video.title), ("credit", video.credit))
            if text
        ],
    )
    return format_html(
        '<figure class="video-figure"><video class="video-player" controls preload="none" playsinline '
        'poster="{}" width="{}" height="{}" aria-label="{}">{}{}<a href="{}">{}</a></video>'
        '<figcaption>{} <span class="video-length">{}</span></figcaption></figure>',
        video.poster_url,
        video.width,
        video.height,
        video.title,
        source_tags,
        track,
        video.url,
        _("Tải video (MP4)"),
        caption_parts,
        format_html("({})", video.length) if video.length else "",
    )


def print_figure(video, address):
    """The print view: the poster, the title and where to watch it."""
    if video is None or not video.is_ready:
        return ""
    return format_html(
        '<figure class="video-print"><img src="{}" alt="" width="{}" height="{}">'
        "<figcaption>{} {}<br>{} {}</figcaption></figure>",
        video.poster_url,
        video.width,
        video.height,
        _("Video:"),
        video.title,
        _("Xem tại"),
        address,
    )


def videos_in(html):
    pattern = _key_pattern()
    keys = []
    for tag in VIDEO_TAG.findall(html or ""):
        src = SRC.search(tag)
        match = pattern.match(src.group(1)) if src else None
        if match:
            keys.append(match.group(1))
    return keys


def with_players(html, *, print_address=None):
    """``html`` (a sanitised body) with each library video as its player (or,
    for print, its poster and ``print_address``). One query, none when the
    body has no video; a video no longer in the library is left out."""
    from .models import Video  # noqa: PLC0415

    keys = videos_in(html)
    if not keys:
        return mark_safe(html or "")  # noqa: S308 - the body was sanitised when saved
    videos = {v.key: v for v in Video.objects.ready().filter(key__in=keys).select_related("poster_image")}
    pattern = _key_pattern()

    def replace(match):
        src = SRC.search(match.group(0))
        key = pattern.match(src.group(1)) if src else None
        video = videos.get(key.group(1)) if key else None
        if print_address is not None:
            return str(print_figure(video, print_address))
        return str(player(video))

    return mark_safe(VIDEO_TAG.sub(replace, html))  # noqa: S308 - sanitised body, our own markup
