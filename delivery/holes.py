"""Holes: the parts of a cached page that differ per reader (docs/caching.md).

A template leaves a marker with ``{% hole "name" arg %}`` (delivery's
``holes`` tag library); the page is cached with the marker, and for every
reader, cached page or not, ``fill`` replaces each marker by what the app
owning that hole registered::

    holes.register("view-count", fill_view_count)  # in counters' AppConfig.ready()

A fill function gets ``(request, response, arg)`` and returns the text to
put in (it is HTML-escaped); it may set a cookie or headers on the
response (counters set their reload cookie and ``private``). ``arg`` is the
digits given in the template (an article's id), or "".
"""

import hashlib
import re
import zlib

from django.utils.html import escape
from django.utils.http import quote_etag

MARK = b"nrhole."
SEPARATOR = b"\x1f"  # between a reader's values in his ETag's checksum
PATTERN = re.compile(rb"nrhole\.([a-z][a-z0-9-]*)\.([0-9]*)\.")

_registry = {}


def register(name, fill_fn):
    _registry[name] = fill_fn


def marker(name, arg=""):
    """What the template leaves: letters, digits, dots and dashes, which
    HTML escaping does not change."""
    if name not in _registry:
        raise KeyError(f"No hole named {name!r} is registered")
    return f"nrhole.{name}.{arg}."


def fill(request, response, body=None):
    """Fill the holes of ``response`` (or of ``body``, then put in the
    response) for this reader. Returns the response."""
    if body is None:
        if response.streaming or MARK not in response.content:
            return response
        body = response.content
    if MARK in body:

        def value(match):
            fill_fn = _registry[match.group(1).decode()]
            return escape(fill_fn(request, response, match.group(2).decode())).encode()

        body = PATTERN.sub(value, body)
    response.content = body
    return response


class Page:
    """A cached page with holes, cut once at its markers (kept so in each
    process's memory, delivery/pages.py): each reader's answer is a join of
    the pieces and his values, with an ETag made from the page's digest
    (taken once) and his values, instead of ConditionalGetMiddleware
    hashing the whole filled page for every reader."""

    __slots__ = ("digest", "pieces")

    def __init__(self, body):
        self.pieces = PATTERN.split(body)  # text, name, arg, text, name, arg, …, text
        self.digest = hashlib.md5(body, usedforsecurity=False).hexdigest()

    def fill(self, request, response):
        pieces = self.pieces
        out, values = [pieces[0]], []
        for i in range(1, len(pieces), 3):
            value = escape(_registry[pieces[i].decode()](request, response, pieces[i + 1].decode())).encode()
            values.append(value)
            out += (value, pieces[i + 2])
        response.content = b"".join(out)
        checksum = zlib.crc32(SEPARATOR.join(values))
        response["ETag"] = quote_etag(f"{self.digest}-{checksum:08x}")
        return response
