"""Embeds from an allow-list (docs/multimedia.md): YouTube (its
privacy-enhanced host), Facebook video, TikTok and Google Maps.

- ``from_address()``: what an editor pastes — a watch page, a share link, the
  ``src`` of an "embed" code — becomes an Embed with the one iframe address
  we build for it, or None (the editor then inserts a plain link).
- ``from_src()``: only that exact iframe address (the sanitiser's test); any
  other host, a look-alike, another path or extra parameters is None.
- ``iframe_html()``: the iframe as stored in a body, always with our own
  ``sandbox``, ``allow``, ``loading="lazy"`` and referrer policy.
- ``facade_html()``: what readers get instead of it: a link to the provider
  styled as a player, which the page's script (static/js/embeds.js) replaces
  by the iframe when clicked. Nothing is loaded from the provider before
  that click; without JavaScript the link opens the provider's page.

``FRAME_HOSTS`` is the CSP's ``frame-src`` (newsroom/settings/base.py)."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlsplit

from django.utils.html import format_html
from django.utils.translation import gettext as _

YOUTUBE_HOST = "www.youtube-nocookie.com"
FACEBOOK_HOST = "www.facebook.com"
TIKTOK_HOST = "www.tiktok.com"
MAPS_HOST = "www.google.com"
FRAME_HOSTS = tuple(f"https://{host}" for host in (YOUTUBE_HOST, FACEBOOK_HOST, TIKTOK_HOST, MAPS_HOST))

SANDBOX = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation"
PROVIDERS = {
    # name: (label, shape, allow)
    "youtube": ("YouTube", "wide", "accelerometer; encrypted-media; gyroscope; picture-in-picture; fullscreen"),
    "facebook": ("Facebook", "wide", "encrypted-media; picture-in-picture; fullscreen"),
    "tiktok": ("TikTok", "tall", "encrypted-media; fullscreen"),
    "maps": ("Google Maps", "map", "fullscreen"),
}

YOUTUBE_ID = r"[A-Za-z0-9_-]{11}"
FB_ID = r"[0-9]{5,25}"
TIKTOK_ID = r"[0-9]{5,25}"
PB = r"[A-Za-z0-9!._%*-]{1,2000}"
QUERY = r"[A-Za-z0-9%._+-]{1,600}"

SRC_PATTERNS = {
    "youtube": re.compile(rf"^https://www\.youtube-nocookie\.com/embed/(?P<id>{YOUTUBE_ID})$"),
    "facebook": re.compile(
        rf"^https://www\.facebook\.com/plugins/video\.php\?href=https%3A%2F%2Fwww\.facebook\.com%2Fwatch%2F%3Fv%3D(?P<id>{FB_ID})&show_text=false$"
    ),
    "tiktok": re.compile(rf"^https://www\.tiktok\.com/embed/v2/(?P<id>{TIKTOK_ID})$"),
    "maps": re.compile(rf"^https://www\.google\.com/maps(?:/embed\?pb=(?P<pb>{PB})|\?q=(?P<q>{QUERY})&output=embed)$"),
}


@dataclass(frozen=True)
class Embed:
    provider: str
    src: str  # the iframe's address, built here
    link: str  # the provider's own page, for readers without JavaScript

    @property
    def label(self):
        return PROVIDERS[self.provider][0]

    @property
    def shape(self):
        return PROVIDERS[self.provider][1]

    @property
    def allow(self):
        return PROVIDERS[self.provider][2]


def youtube(video_id):
    return Embed("youtube", f"https://{YOUTUBE_HOST}/embed/{video_id}", f"https://www.youtube.com/watch?v={video_id}")


def facebook(video_id):
    page = f"https://www.facebook.com/watch/?v={video_id}"
    return Embed(
        "facebook", f"https://{FACEBOOK_HOST}/plugins/video.php?href={quote(page, safe='')}&show_text=false", page
    )


def tiktok(video_id):
    src = f"https://{TIKTOK_HOST}/embed/v2/{video_id}"
    return Embed("tiktok", src, src)


def maps_pb(pb):
    src = f"https://{MAPS_HOST}/maps/embed?pb={pb}"
    return Embed("maps", src, src)


def maps_query(query):
    q = quote(query.strip()[:300], safe="")
    return Embed("maps", f"https://{MAPS_HOST}/maps?q={q}&output=embed", f"https://{MAPS_HOST}/maps?q={q}")


def from_src(src):
    """The Embed whose iframe address is exactly ``src``, else None."""
    src = (src or "").strip()
    for provider, pattern in SRC_PATTERNS.items():
        match = pattern.match(src)
        if match is None:
            continue
        if provider == "youtube":
            return youtube(match["id"])
        if provider == "facebook":
            return facebook(match["id"])
        if provider == "tiktok":
            return tiktok(match["id"])
        return maps_pb(match["pb"]) if match["pb"] else Embed("maps", src, src.replace("&output=embed", ""))
    return None


IFRAME_SRC = re.compile(r"""<iframe\b[^>]*\bsrc\s*=\s*["']([^"']+)["']""", re.I)


def from_address(address):
    """An Embed for what an editor pasted, or None. Only https addresses of
    the providers' own hosts; the iframe address is always rebuilt."""
    address = (address or "").strip()
    found = IFRAME_SRC.search(address)  # a whole "embed" code: its src
    if found:
        address = found.group(1).replace("&amp;", "&")
    if len(address) > 2500 or any(c.isspace() or ord(c) < 32 for c in address):
        return None
    embed = from_src(address)
    if embed is not None:
        return embed
    try:
        parts = urlsplit(address)
    except ValueError:
        return None
    if parts.scheme != "https" or parts.username or parts.password or parts.port:
        return None
    host, path, query = parts.hostname or "", parts.path, parse_qs(parts.query)
    if host in ("www.youtube.com", "youtube.com", "m.youtube.com", "www.youtube-nocookie.com", "youtu.be"):
        candidates = [path.lstrip("/")] if host == "youtu.be" else []
        candidates += query.get("v", [])
        match = re.match(r"^/(?:embed|shorts|live)/([^/]+)/?$", path)
        if match:
            candidates.append(match.group(1))
        for candidate in candidates:
            if re.fullmatch(YOUTUBE_ID, candidate):
                return youtube(candidate)
        return None
    if host in ("www.facebook.com", "facebook.com", "m.facebook.com", "web.facebook.com"):
        if path.startswith("/plugins/video.php"):
            inner = query.get("href", [""])[0]
            return from_address(unquote(inner)) if inner.startswith("https://") else None
        candidates = query.get("v", []) if path.rstrip("/") == "/watch" else []
        match = re.match(rf"^/(?:[^/]+/videos/(?:[^/]+/)?|reel/)({FB_ID})/?$", path)
        if match:
            candidates.append(match.group(1))
        for candidate in candidates:
            if re.fullmatch(FB_ID, candidate):
                return facebook(candidate)
        return None
    if host in ("www.tiktok.com", "tiktok.com", "m.tiktok.com"):
        match = re.match(rf"^/(?:@[A-Za-z0-9._-]{{1,40}}/video|embed/v2|embed)/({TIKTOK_ID})/?$", path)
        return tiktok(match.group(1)) if match else None
    if host in ("www.google.com", "google.com", "maps.google.com") and (
        path.startswith("/maps") or host == "maps.google.com"
    ):
        pb = query.get("pb", [""])[0]
        if path.startswith("/maps/embed") and re.fullmatch(PB, pb or "-") and pb:
            return maps_pb(quote(pb, safe="!._*-"))
        q = (query.get("q") or query.get("query") or [""])[0]
        if not q:
            match = re.match(r"^/maps/place/([^/@]+)", path)
            q = unquote(match.group(1)).replace("+", " ") if match else ""
        if not q:
            match = re.search(r"/@(-?\d{1,3}\.\d+),(-?\d{1,3}\.\d+)", path)
            q = f"{match.group(1)},{match.group(2)}" if match else ""
        return maps_query(q) if q.strip() else None
    return None


def iframe_html(embed, title=""):
    """The iframe as stored in an article body."""
    return format_html(
        '<iframe src="{}" title="{}" sandbox="{}" allow="{}" loading="lazy" '
        'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>',
        embed.src,
        title or embed.label,
        SANDBOX,
        embed.allow,
    )


def facade_html(embed, title=""):
    """What a reader sees before asking for the provider's player."""
    title = title if title and title != embed.label else ""
    action = _("Xem bản đồ %(label)s") if embed.provider == "maps" else _("Xem video %(label)s")
    action = action % {"label": embed.label}
    note = _("Bấm để tải nội dung từ %(host)s. Trước khi bấm, trang không tải gì từ %(label)s.") % {
        "host": urlsplit(embed.src).hostname,
        "label": embed.label,
    }
    return format_html(
        '<figure class="embed embed-{} embed-{}"><div class="embed-box" data-embed-src="{}" data-embed-allow="{}" '
        'data-embed-sandbox="{}" data-embed-title="{}">'
        '<a class="embed-start" href="{}" rel="noopener noreferrer external">'
        '<span class="embed-play" aria-hidden="true"></span>'
        '<span class="embed-action">{}{}</span><span class="embed-note">{}</span></a></div></figure>',
        embed.provider,
        embed.shape,
        embed.src,
        embed.allow,
        SANDBOX,
        title or embed.label,
        embed.link,
        action,
        format_html(": {}", title) if title else "",
        note,
    )
