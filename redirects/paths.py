"""Old addresses as keys: one normal form for what a reader's browser, a
search engine or an old link sends, so that ``/Tin-tuc/12/Điện-Biên``,
``/tin-tuc/12/%C4%90i%E1%BB%87n-Bi%C3%AAn/`` and the same with
``?utm_source=facebook`` are the same key.

- the host: lower case, without a port or a leading ``www.``;
- the path: percent-decoding undone (UTF-8, then Latin-1 for the old
  sites that wrote their URLs in it), NFC, lower case, repeated slashes as
  one, no trailing slash (but ``/`` itself);
- the query string: tracking parameters (``utm_*``, ``fbclid``…) dropped,
  the others sorted; kept as part of the key only when something is left
  (``/index.php?nv=news&op=…``, ``/?p=123``).
"""

import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from newsroom.text import nfc

MAX_PATH_LENGTH = 500
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|zarsrc|_ga|ref)$", re.IGNORECASE)
_SLASHES = re.compile(r"/{2,}")


def normal_host(host):
    host = (host or "").strip().lower().rstrip(".")
    if host.startswith("[") or host.count(":") > 1:  # IPv6 literal: keep as is
        return host
    host = host.split(":", 1)[0]
    return host[4:] if host.startswith("www.") else host


def _decode(text):
    if "%" not in text:
        return text
    try:
        return unquote(text, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        return unquote(text, encoding="latin-1")


def normal_path(path):
    """The path part of a key (no query string)."""
    path = nfc(_decode(path or "/")).lower()
    path = _SLASHES.sub("/", "/" + path.lstrip("/"))
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return path


def normal_query(query):
    pairs = [(k, v) for k, v in parse_qsl(query or "", keep_blank_values=True) if not TRACKING.match(k)]
    pairs = [(nfc(k).lower(), nfc(v)) for k, v in pairs]
    return urlencode(sorted(pairs), safe="/,:")


def keys(path, query=""):
    """The keys to look up for a request, the most precise first: with the
    query string (when it has anything but tracking), then without."""
    base = normal_path(path)
    query = normal_query(query)
    return [f"{base}?{query}", base] if query else [base]


def key_for_url(url):
    """``(host, key)`` of an old URL as found in an export or on a page."""
    parts = urlsplit((url or "").strip())
    return normal_host(parts.hostname or ""), keys(parts.path, parts.query)[0]
