"""Vietnamese text helpers used by every app: slugs, normalisation, date lines.

One slug function for articles, categories and tags: Django's ``slugify`` drops
"Đ" and the admin's urlify.js turns it into "dj"; here "Đắk Lắk" → "dak-lak".
"""

import re
import unicodedata

from django.utils import timezone
from django.utils.translation import gettext as _

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def nfc(value):
    """Return ``value`` in Unicode NFC (Vietnamese typed on some systems arrives
    decomposed, which breaks search, sorting and uniqueness)."""
    if value is None:
        return None
    return unicodedata.normalize("NFC", str(value))


def strip_accents(value):
    """ "Điện Biên Phủ" → "Dien Bien Phu": remove Vietnamese diacritics."""
    text = unicodedata.normalize("NFC", str(value)).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def slugify_vi(value, max_length=200):
    """ASCII slug for Vietnamese text, cut on a word boundary.

    >>> slugify_vi("Điện Biên Phủ đón khách Đắk Lắk")
    'dien-bien-phu-don-khach-dak-lak'
    """
    text = strip_accents(value).encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_ALNUM.sub("-", text).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        if slug[max_length] != "-" and "-" in cut:
            cut = cut.rsplit("-", 1)[0]  # do not end on half a word
        slug = cut.strip("-")
    return slug


def unique_slug(queryset, base, max_length=200):
    """``base`` or ``base-2``, ``base-3``… whichever ``queryset`` does not use yet."""
    base = base[:max_length].strip("-") or "bai-viet"
    candidate, n = base, 1
    while queryset.filter(slug=candidate).exists():
        n += 1
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)].strip("-") + suffix
    return candidate


_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"


def strip_lead_in(text, prefix):
    """``text`` without the paper's sapo prefix typed at its start: with
    prefix "ĐBP", "ĐBP - Đảng bộ…", "ĐBP– Đảng bộ…" and "(ĐBP) - Đảng bộ…" all
    become "Đảng bộ…" (the page adds "ĐBP - " itself). Case and accents as
    typed; a word that merely starts like the prefix is kept."""
    if not text or not prefix:
        return text
    pattern = re.compile(
        r"^\s*\(?" + re.escape(nfc(prefix).strip()) + r"\)?\s*[" + _DASHES + r"]\s*",
        re.IGNORECASE,
    )
    result = nfc(text)
    while True:
        stripped = pattern.sub("", result, count=1)
        if stripped == result:
            return result
        result = stripped


# Python's weekday(): Monday is 0.
def weekday_name(dt):
    names = (
        _("Thứ Hai"),
        _("Thứ Ba"),
        _("Thứ Tư"),
        _("Thứ Năm"),
        _("Thứ Sáu"),
        _("Thứ Bảy"),
        _("Chủ Nhật"),
    )
    return names[dt.weekday()]


# The date line of each theme, as the real papers print it (public-pages.md).
DATELINE_STYLES = ("dienbienphu", "backan", "laichau")


def format_dateline(value, style="dienbienphu"):
    """Format an aware datetime in the site's time zone as a theme prints it.

    dienbienphu: ``09:23 - Chủ Nhật, 31/12/2023``
    backan:      ``09:52, 06/09/2022``
    laichau:     ``08/09/2023 - 02:45 PM``
    """
    if value is None:
        return ""
    local = timezone.localtime(value)
    if style == "backan":
        return f"{local:%H:%M, %d/%m/%Y}"
    if style == "laichau":
        return f"{local:%d/%m/%Y - %I:%M} {'AM' if local.hour < 12 else 'PM'}"
    return f"{local:%H:%M} - {weekday_name(local)}, {local:%d/%m/%Y}"


def machine_datetime(value):
    """``2026-12-04T22:33:17+07:00``: a moment for ``<time datetime>``, JSON-LD
    and ``article:published_time``: local time with its offset, whole seconds
    (HTML refuses six-digit fractions of a second). ``""`` for no value."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


def format_today(value):
    """The header's date: ``Thứ Hai, 23/11/2026``."""
    local = timezone.localtime(value)
    return f"{weekday_name(local)}, {local:%d/%m/%Y}"


# Characters a reader cannot see but that change what others read: zero-width
# spaces and joiners, the BOM, and the bidirectional controls used to make a
# name display backwards ("Trojan source"-style spoofing).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff]")
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def strip_invisible(value):
    """Remove zero-width and bidirectional control characters (for names)."""
    return _INVISIBLE.sub("", value)


def strip_bidi(value):
    """Remove bidirectional control characters only (for longer text, where a
    zero-width joiner may belong to an emoji)."""
    return _BIDI.sub("", value)


def fold(value):
    """Lower case, accents removed, runs of anything but letters and digits as
    one space, padded: " dien bien phu ". For accent-insensitive word matching."""
    text = strip_accents(nfc(value)).lower()
    return " " + " ".join(re.findall(r"[^\W_]+", text)) + " "
