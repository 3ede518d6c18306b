"""Bylines as the papers print them, and back.

Pure functions over text, no database: ``parse()`` reads a free-text byline
(“Tin, ảnh: Quang Long”, “Thực hiện: Quàng Hương - Đức Anh”, “Theo TTXVN”)
into credits, each a role and a name; ``groups()`` and ``text()`` print
credits back in a paper's style. The data migration that turns the old
free-text bylines into contributions, the article page and the importer
(issue 21) all use these. See docs/royalties.md, “Dòng tác giả”.

What ``parse()`` cannot read with confidence it refuses (``None``): the
byline then stays as text for an editor to fix, rather than becoming a
wrong author.
"""

import re
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.text import nfc


class Role(models.TextChoices):
    """What a contributor did. ``AUTHOR`` prints the name alone (“Minh Đức”);
    ``COMPILED`` and ``TRANSLATED`` print after the name (“Minh Đức (tổng
    hợp)”); ``VIA`` and ``SOURCE`` name where the piece comes from (“Theo
    TTXVN”, “Nguồn: VOV”); the others print before the names (“Tin, ảnh:”)."""

    AUTHOR = "tac-gia", _("Tác giả")
    TEXT = "bai", _("Bài")
    NEWS = "tin", _("Tin")
    PHOTO = "anh", _("Ảnh")
    VIDEO = "video", _("Video")
    GRAPHICS = "do-hoa", _("Đồ họa")
    PRODUCTION = "thuc-hien", _("Thực hiện")
    COMPILED = "tong-hop", _("Tổng hợp")
    TRANSLATED = "dich", _("Dịch")
    VIA = "theo", _("Theo")
    SOURCE = "nguon", _("Nguồn")


# How each role is printed: before the names (“Tin, ảnh: …”), after them
# (“… (tổng hợp)”) or as a source (“Theo …”, “Nguồn: …”).
PREFIX_LABELS = {
    Role.TEXT: _("Bài"),
    Role.NEWS: _("Tin"),
    Role.PHOTO: _("Ảnh"),
    Role.VIDEO: _("Video"),
    Role.GRAPHICS: _("Đồ họa"),
    Role.PRODUCTION: _("Thực hiện"),
}
SUFFIX_LABELS = {Role.COMPILED: _("tổng hợp"), Role.TRANSLATED: _("dịch")}
SOURCE_ROLES = (Role.VIA, Role.SOURCE)

NAME_SEPARATOR = " - "
GROUP_SEPARATOR = "; "


class Kind(models.TextChoices):
    """Who an author is. Staff (phóng viên, biên tập viên) are paid with their
    salary's tax rules; a collaborator has tax withheld from royalties above
    the threshold (royalties); an organisation is a source, never paid."""

    REPORTER = "phong-vien", _("Phóng viên")
    EDITOR = "bien-tap-vien", _("Biên tập viên")
    COLLABORATOR = "cong-tac-vien", _("Cộng tác viên")
    ORGANISATION = "co-quan", _("Cơ quan, nguồn tin")


@dataclass(frozen=True)
class Credit:
    """One role of one contributor. ``key`` tells people apart when printing
    (an author's id; the name when there is none), ``url`` is his page."""

    role: str
    name: str
    kind: str = ""  # a Kind when the byline says so (“(CTV)”, “Theo …”), else ""
    url: str = ""
    key: object = None

    @property
    def identity(self):
        return self.key if self.key is not None else self.name


# ---- parsing ---------------------------------------------------------------

_ROLE_WORDS = {
    "bài viết": Role.TEXT,
    "bài": Role.TEXT,
    "nội dung": Role.TEXT,
    "tin": Role.NEWS,
    "ảnh": Role.PHOTO,
    "video": Role.VIDEO,
    "clip": Role.VIDEO,
    "quay phim": Role.VIDEO,
    "đồ họa": Role.GRAPHICS,
    "đồ hoạ": Role.GRAPHICS,
    "minh họa": Role.GRAPHICS,
    "minh hoạ": Role.GRAPHICS,
    "infographic": Role.GRAPHICS,
    "thực hiện": Role.PRODUCTION,
    "tổng hợp": Role.COMPILED,
    "biên dịch": Role.TRANSLATED,
    "lược dịch": Role.TRANSLATED,
    "dịch": Role.TRANSLATED,
}
# Longest first, so “bài viết” wins over “bài”.
_ROLE = "(?:" + "|".join(re.escape(w) for w in sorted(_ROLE_WORDS, key=len, reverse=True)) + ")"
_JOIN = r"\s*(?:,|\bvà\b|&|\+|/|-)\s*"
# A list of roles and a colon: “Tin, ảnh:”, “Bài và ảnh:”, “Thực hiện:”. It
# starts the byline or follows a separator, never the middle of a name.
_HEADER = re.compile(
    rf"(?:^|(?<=[;,.\-])|(?<=[;,.\-]\s))(?P<roles>{_ROLE}(?:{_JOIN}{_ROLE})*)\s*:",
    re.IGNORECASE,
)
_SPLIT_ROLES = re.compile(_JOIN, re.IGNORECASE)
_SPLIT_NAMES = re.compile(r"\s*(?:;|,|-|&|\+|\bvà\b)\s*", re.IGNORECASE)
_VIA = re.compile(r"^(?:\(\s*theo\s*:?\s+(?P<bracketed>.+?)\s*\)|theo\s*:?\s+(?P<name>.+))$", re.IGNORECASE)
_SOURCE = re.compile(r"^nguồn\s*:\s*(?P<name>.+)$", re.IGNORECASE)
_NOTE = re.compile(r"^(?P<name>.+?)\s*\((?P<note>[^()]+)\)$")
_TITLE = re.compile(r"^(?P<title>PV|CTV|BTV)\.?\s+(?P<name>.+)$")

# Notes in brackets after a name, and titles before it.
_NOTES = {
    "ctv": ("kind", Kind.COLLABORATOR),
    "cộng tác viên": ("kind", Kind.COLLABORATOR),
    "pv": ("kind", Kind.REPORTER),
    "phóng viên": ("kind", Kind.REPORTER),
    "btv": ("kind", Kind.EDITOR),
    "tổng hợp": ("role", Role.COMPILED),
    "th": ("role", Role.COMPILED),
    "t/h": ("role", Role.COMPILED),
    "dịch": ("role", Role.TRANSLATED),
    "lược dịch": ("role", Role.TRANSLATED),
    "biên dịch": ("role", Role.TRANSLATED),
}
_TITLES = {"PV": Kind.REPORTER, "CTV": Kind.COLLABORATOR, "BTV": Kind.EDITOR}

# A byline that starts like this names an organisation, not people; it is
# taken whole (“Đài Phát thanh - Truyền hình tỉnh” holds a dash).
_ORGANISATION_STARTS = (
    "báo ",
    "tạp chí ",
    "cổng ",
    "đài ",
    "trung tâm ",
    "ban ",
    "sở ",
    "ubnd ",
    "hội ",
    "bộ ",
    "cục ",
    "văn phòng ",
    "tỉnh ủy",
    "tỉnh uỷ",
    "huyện ủy",
    "huyện uỷ",
    "thông tấn xã",
    "tòa soạn",
    "công an ",
    "bộ chỉ huy ",
)
# Words that say “a team” or “a desk”, not who: such a byline is left as text.
_NOT_NAMES = {"nhóm", "pv", "ctv", "btv", "bbt", "phóng viên", "bạn đọc", "tổng hợp", "nhiều tác giả"}
_MAX_NAME_WORDS = 6
_MAX_NAME_LENGTH = 60


def clean(text):
    """NFC, one kind of space and dash, no trailing full stop."""
    text = nfc(text or "").replace("\u00a0", " ")
    text = re.sub(r"\s*[–—‒]\s*", " - ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<=\w\w)[.\s;,]+$", "", text).strip()


def parse(text):
    """The credits of a byline, in order, or ``None`` if it cannot be read
    with confidence. A blank byline has no credits: ``()``.

    >>> [(c.role, c.name) for c in parse("Tin, ảnh: Quang Long")]
    [('tin', 'Quang Long'), ('anh', 'Quang Long')]
    """
    text = clean(text)
    if not text:
        return ()
    for pattern, role in ((_VIA, Role.VIA), (_SOURCE, Role.SOURCE)):
        match = pattern.match(text)
        if match:
            name = (match.groupdict().get("bracketed") or match["name"]).strip(" :;,.")
            if not name or len(name) > 100:
                return None
            return (Credit(role, name, Kind.ORGANISATION),)
    if _is_organisation(text):
        return (Credit(Role.AUTHOR, text, Kind.ORGANISATION),)
    headers = list(_HEADER.finditer(text))
    segments = []  # (roles, names text)
    start = 0
    roles = (Role.AUTHOR,)
    for header in headers:
        segments.append((roles, text[start : header.start()]))
        roles = tuple(dict.fromkeys(_ROLE_WORDS[w.lower()] for w in _SPLIT_ROLES.split(header["roles"].strip())))
        start = header.end()
    segments.append((roles, text[start:]))
    credits = []
    for position, (roles, names_text) in enumerate(segments):
        names_text = names_text.strip(" ;,.-")
        if not names_text:
            if position == 0 and roles == (Role.AUTHOR,):
                continue  # the byline starts with a role list
            return None
        for raw in _SPLIT_NAMES.split(names_text):
            person = _person(raw, roles)
            if person is None:
                return None
            credits.extend(person)
    return tuple(credits) or None


def _is_organisation(text):
    lowered = text.lower()
    if lowered.startswith(_ORGANISATION_STARTS):
        return True
    # “TTXVN”, “VOV”: one upper-case word of three letters or more.
    return " " not in text and "." not in text and len(text) >= 3 and text.isalpha() and text.isupper()


def _person(raw, roles):
    """Credits for one name of a segment (with its notes), or None."""
    raw = raw.strip()
    kind = ""
    roles = list(roles)
    note = _NOTE.match(raw)
    if note:
        meaning = _NOTES.get(note["note"].strip().lower())
        if meaning is None:
            return None
        raw = note["name"].strip()
        if meaning[0] == "kind":
            kind = meaning[1]
        elif roles == [Role.AUTHOR]:
            roles = [meaning[1]]
        else:
            return None  # “Bài: X (tổng hợp)”: two answers to one question
    title = _TITLE.match(raw)
    if title:
        kind = _TITLES[title["title"]]
        raw = title["name"].strip()
    name = _name(raw)
    if name is None:
        return None
    return [Credit(role, name, kind) for role in roles]


def _name(raw):
    """A person's name as printed, or None if ``raw`` does not look like one:
    1 to 6 words, each capitalised (initials such as “T.Hòa”, “N.T. Hà”
    allowed). An all-capitals name is given ordinary capitals."""
    raw = re.sub(r"\.\s+(?=\w\.)", ".", raw.strip())  # “N. T. Hà” → “N.T. Hà”
    if not raw or len(raw) > _MAX_NAME_LENGTH or raw.lower() in _NOT_NAMES:
        return None
    words = raw.split(" ")
    if len(words) > _MAX_NAME_WORDS or any(w.lower() in _NOT_NAMES for w in words):
        return None
    for word in words:
        parts = word.split(".")
        if parts[-1] == "":
            parts = parts[:-1]  # “T.”
        if not parts or not all(p.replace("'", "").isalpha() and p[0].isupper() for p in parts):
            return None
    if raw.isupper() and (len(words) > 1 or "." in raw):
        raw = " ".join(".".join(p.capitalize() for p in w.split(".")) for w in words)
    return raw


# ---- printing --------------------------------------------------------------


@dataclass
class Group:
    """Part of a printed byline: ``before`` the names (“Tin, ảnh: ”), the
    names, ``after`` them (“ (tổng hợp)”)."""

    before: str = ""
    people: list = field(default_factory=list)  # Credit, one per person
    after: str = ""

    @property
    def text(self):
        return self.before + NAME_SEPARATOR.join(p.name for p in self.people) + self.after


def _label(labels):
    """“Tin, ảnh”: the first capitalised, the others in lower case."""
    words = [str(label) for label in labels]
    return ", ".join([words[0]] + [w[:1].lower() + w[1:] for w in words[1:]])


def groups(credits, show_roles=True):
    """The printed byline as groups. People are listed once each, in the
    order they first appear, and people next to each other with the same
    roles share a group: “Thực hiện: Quàng Hương - Đức Anh”. Sources (“Theo
    TTXVN”) are groups of their own, and always printed. Without
    ``show_roles`` (the papers that print names only, “T.Hòa”) the roles
    printed before names are left out."""
    result = []
    people = {}  # identity -> [first credit, roles]
    order = []
    for credit in credits:
        if credit.role in SOURCE_ROLES:
            order.append(credit)
            continue
        if credit.identity not in people:
            people[credit.identity] = [credit, []]
            order.append(credit.identity)
        if credit.role not in people[credit.identity][1]:
            people[credit.identity][1].append(credit.role)
    previous_roles = None
    for item in order:
        if isinstance(item, Credit):
            before = _("Theo ") if item.role == Role.VIA else _("Nguồn: ")
            result.append(Group(str(before), [item]))
            previous_roles = None
            continue
        credit, roles = people[item]
        suffix = [str(SUFFIX_LABELS[r]) for r in roles if r in SUFFIX_LABELS]
        key = tuple(roles) if show_roles else tuple(suffix)
        if key == previous_roles:
            result[-1].people.append(credit)
            continue
        previous_roles = key
        prefix = [PREFIX_LABELS[r] for r in roles if r in PREFIX_LABELS]
        if prefix and Role.AUTHOR in roles and Role.TEXT not in roles:
            prefix.insert(0, PREFIX_LABELS[Role.TEXT])  # named alone and with a role: the text is his
        result.append(
            Group(
                before=f"{_label(prefix)}: " if prefix and show_roles else "",
                people=[credit],
                after=f" ({', '.join(suffix)})" if suffix else "",
            )
        )
    return result


def text(credits, show_roles=True):
    """The byline as one line of text."""
    return GROUP_SEPARATOR.join(group.text for group in groups(credits, show_roles))
