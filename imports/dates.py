"""Dates as the old sites print and store them, read into aware datetimes.

The papers' date lines (public-pages.md): ``09:23 - Chủ Nhật, 31/12/2023``
(Báo Điện Biên Phủ), ``09:52, 06/09/2022`` (Báo Bắc Kạn), ``08/09/2023 -
02:45 PM`` (Lai Châu). They are local times of the newsroom
(``TIME_ZONE``). A rule file names its formats in ``strptime`` notation;
the weekday words are removed before matching (Python's ``%A`` only knows
English), so ``"%H:%M - %d/%m/%Y"`` reads the first one.
"""

import re
import zoneinfo
from datetime import UTC, datetime

from django.conf import settings

from newsroom.text import nfc

WEEKDAYS = re.compile(r"\b(?:chủ\s+nhật|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|cn)\b\s*,?\s*", re.IGNORECASE)
# The part of a line that can be a date: digits with : / - , . and spaces,
# an optional AM/PM.
CANDIDATE = re.compile(r"\d[\d:/.,\-\s]*\d(?:\s*[AaPp][Mm])?")
DEFAULT_FORMATS = (
    "%H:%M - %d/%m/%Y",  # dienbienphu, weekday removed
    "%H:%M, %d/%m/%Y",  # backan
    "%d/%m/%Y - %I:%M %p",  # laichau
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
)


def local_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _tidy(text):
    text = WEEKDAYS.sub("", nfc(text or ""))
    text = re.sub(r"\s*-\s*,?\s*(?=\d)", " - ", text)  # "09:23 - , 31/12" after a weekday left
    return " ".join(text.replace(",", ", ").split()).replace(" ,", ",")


def parse_local(text, formats=DEFAULT_FORMATS):
    """An aware datetime (UTC) from a date line in the newsroom's time zone,
    or None when no format reads it."""
    cleaned = _tidy(text)
    candidates = [cleaned, *[_tidy(m.group(0)) for m in CANDIDATE.finditer(cleaned)]]
    for candidate in candidates:
        candidate = candidate.strip(" -,|")
        for fmt in formats:
            try:
                naive = datetime.strptime(candidate, fmt)  # noqa: DTZ007 - local time, zone added below
            except ValueError:
                continue
            if naive.year < 1990:
                continue
            return naive.replace(tzinfo=local_zone()).astimezone(UTC)
    return None


def parse_utc(text, fmt="%Y-%m-%d %H:%M:%S"):
    """``2023-12-31 02:23:00`` given in UTC (WordPress's ``post_date_gmt``);
    None for WordPress's empty ``0000-00-00 00:00:00``."""
    text = (text or "").strip()
    if not text or text.startswith("0000"):
        return None
    try:
        return datetime.strptime(text, fmt).replace(tzinfo=UTC)
    except ValueError:
        return None


def from_timestamp(value):
    """A Unix time (NukeViet's ``publtime``) or None."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    if number <= 0:
        return None
    return datetime.fromtimestamp(number, tz=UTC)
