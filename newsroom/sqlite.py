"""SQLite's LIKE folds case for ASCII only, so on SQLite "điện" does not match
"Điện" in ``iexact``/``icontains`` lookups (admin search, taggit's
case-insensitive tags). We replace LIKE with a Unicode-aware version on every
new SQLite connection. PostgreSQL needs nothing: its UPPER() is Unicode-aware.
"""

import re
from functools import lru_cache


@lru_cache(maxsize=1024)
def _like_regex(pattern, escape):
    parts, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if escape and char == escape and i + 1 < len(pattern):
            parts.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        parts.append(".*" if char == "%" else "." if char == "_" else re.escape(char))
        i += 1
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def unicode_like(pattern, value, escape=None):
    if pattern is None or value is None:
        return None
    return _like_regex(str(pattern), escape).fullmatch(str(value)) is not None


def install_unicode_like(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        raw = connection.connection
        raw.create_function("like", 2, unicode_like, deterministic=True)
        raw.create_function("like", 3, unicode_like, deterministic=True)


def _fold(value):
    from .text import fold

    return None if value is None else fold(value)


def _fold_html(value):
    from django.utils.html import strip_tags

    from .text import fold

    return None if value is None else fold(strip_tags(value).replace("&nbsp;", " "))


def install_search_functions(sender, connection, **kwargs):
    """``newsroom_fold(text)`` and ``newsroom_fold_html(html)`` → " dien bien phu ":
    the SQLite side of reader search (articles/search.py)."""
    if connection.vendor == "sqlite":
        raw = connection.connection
        raw.create_function("newsroom_fold", 1, _fold, deterministic=True)
        raw.create_function("newsroom_fold_html", 1, _fold_html, deterministic=True)
