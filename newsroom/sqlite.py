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
