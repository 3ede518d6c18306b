"""Finding English in what an editor reads.

The words to look for are the English of every catalog an editor can meet
(Django's core, admin, auth and contenttypes messages, the admin's
JavaScript) and of the body editor (django-prose-editor: its dialogs and its
toolbar labels, read from its sources). A word found in a page is reported
unless it is a proper name or abbreviation, or a Vietnamese syllable that
is spelt like an English word ("in": print, "to": big)."""

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import django_prose_editor

DJANGO_DIR = Path(django.__file__).parent
EDITOR_MAP = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js.map"
CATALOGS = [
    DJANGO_DIR / "conf/locale/en/LC_MESSAGES/django.po",
    DJANGO_DIR / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    DJANGO_DIR / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po",
    DJANGO_DIR / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    DJANGO_DIR / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
]

# Proper names and abbreviations that read the same in Vietnamese.
PROPER = {
    "html", "url", "csv", "jpeg", "jpg", "png", "gif", "webp", "svg", "mp3", "m4a", "ogg", "gmt", "utc",
    "exif", "gps", "xmp", "id", "ip", "ipv4", "ipv6", "rss", "email", "mail", "zalo", "facebook", "google",
    "newsroom", "django", "ok", "pm", "am", "kb", "mb", "gb", "tb", "pb", "ldap", "sso",
    "control", "command", "mac",  # key names: "Nhấn giữ phím “Control”, hoặc “Command” trên máy Mac"
}  # fmt: skip
# Vietnamese syllables without marks that English also has.
VIETNAMESE = {
    "in", "to", "an", "do", "so", "me", "con", "ban", "bay", "hay", "sang", "than", "tin", "may", "long", "thu",
    "web",  # "trang web": the Vietnamese word for a website
}  # fmt: skip
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>")
WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]{2,}(?![A-Za-z0-9_])")


def _words(text):
    return {w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text))}


def _msgids(path):
    text = path.read_text(encoding="utf-8")
    for block in re.findall(r'^msgid(?:_plural)? ((?:".*"\n?)+)', text, re.M):
        yield "".join(json.loads(line) for line in block.strip().splitlines())


def _editor_sources():
    data = json.loads(EDITOR_MAP.read_text(encoding="utf-8"))
    for name, source in zip(data["sources"], data.get("sourcesContent") or [], strict=False):
        if name.startswith("src/") and source is not None:
            yield source


def editor_messages():
    """What the body editor passes to window.gettext, from its own sources."""
    return sorted({m for source in _editor_sources() for m in re.findall(r'gettext\(\s*"([^"]+)"', source)})


def _editor_labels():
    """The editor's English: what it passes to gettext and the labels of its
    toolbar buttons and menu options, from its own sources."""
    labels = editor_messages()
    for source in _editor_sources():
        labels += re.findall(r'(?:material|svg|text)\(\s*(?:"[^"]*"|`[^`]*`|\w+),\s*"([^"]+)"', source)
        labels += re.findall(r'textContent: "([^"]+)"', source)
        labels += re.findall(r"textContent: `([A-Za-z ]+)\$", source)
    return labels


@functools.cache
def english_words():
    words = set()
    for path in CATALOGS:
        for msgid in _msgids(path):
            words |= _words(msgid)
    for label in _editor_labels():
        words |= _words(label)
    return frozenset(words - PROPER - VIETNAMESE)


class _Visible(HTMLParser):
    """Text a person reads: text nodes (not scripts, styles, icons) and the
    attributes that are read out or shown (title, aria-label, placeholder,
    alt, a button's value)."""

    SKIP = {"script", "style", "svg", "template", "noscript", "textarea"}
    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIP:
            self.skipping += 1
        for name in self.ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html):
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")
# A masked secret (the password hash summary shows a random salt's first
# letters, "is******"): data, not words.
MASKED = re.compile(r"\S*\*{4,}\S*")


def english_in(text, allowed=()):
    """The English words in ``text`` (web and e-mail addresses aside), each
    with a little context."""
    vocabulary = english_words()
    text = MASKED.sub(" ", ADDRESS.sub(" ", text))
    found = []
    for match in WORD.finditer(text):
        word = match.group(0).lower()
        if word in vocabulary and word not in allowed:
            found.append(f"{match.group(0)!r} in …{text[max(match.start() - 40, 0) : match.end() + 40]}…")
    return found
