"""What a revision keeps, and how two of them are compared.

``REVISION_FIELDS`` is the one list of what a snapshot holds: add a field
here (and, if it is not a plain value, a line in ``_value``) and revisions,
diffs and restores all follow. Old revisions without the new key show it as
empty."""

import difflib
import re

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from images.models import Image
from videos.models import Video

from .models import Article, Category

# (field name, label shown in the diff, restored by "Khôi phục"?)
# Status and publication time are shown but never restored: a restore brings
# back the words, it does not publish or unpublish.
REVISION_FIELDS = [
    ("kicker", _("Dòng trên tiêu đề"), True),
    ("title", _("Tiêu đề"), True),
    ("lead", _("Sapo"), True),
    ("body", _("Nội dung"), True),
    ("category", _("Chuyên mục"), True),
    ("tags", _("Từ khóa"), True),
    ("byline", _("Tác giả"), True),
    ("featured_image", _("Ảnh đại diện"), True),
    ("featured_image_caption", _("Chú thích ảnh"), True),
    ("featured_image_credit", _("Nguồn ảnh"), True),
    ("format", _("Thể loại trình bày"), True),
    ("lead_video", _("Video đầu bài"), True),
    ("status", _("Trạng thái"), False),
    ("published_at", _("Thời điểm xuất bản"), False),
]
RESTORED_FIELDS = [name for name, _label, restored in REVISION_FIELDS if restored]


def _value(article, name):
    if name == "category":
        return article.category_id
    if name == "featured_image":
        return article.featured_image_id
    if name == "lead_video":
        return article.lead_video_id
    if name == "tags":
        return sorted(article.tags.names())
    if name == "published_at":
        return article.published_at.isoformat() if article.published_at else None
    return getattr(article, name)


def snapshot(article):
    """The article's current values as a JSON-able dict."""
    return {name: _value(article, name) for name, _label, _restored in REVISION_FIELDS}


def after_restore(article, data):
    """The snapshot the article would have after restoring ``data``: its
    words from ``data``, its state and publication time as they are."""
    current = snapshot(article)
    return {**current, **{name: data[name] for name in RESTORED_FIELDS if name in data}}


def apply(article, data):
    """Put the restorable values of ``data`` onto ``article`` (not saved);
    return the tags to set after saving."""
    for name in RESTORED_FIELDS:
        if name in ("tags", "category", "featured_image", "lead_video", "format") or name not in data:
            continue
        setattr(article, name, data[name] or "")
    if data.get("category") and Category.objects.filter(pk=data["category"]).exists():
        article.category_id = data["category"]
    if "featured_image" in data:
        image_id = data["featured_image"]
        if image_id is None or Image.objects.filter(pk=image_id).exists():  # a deleted image is not brought back
            article.featured_image_id = image_id
    if data.get("format") in Article.Format.values:
        article.format = data["format"]
    if "lead_video" in data:
        video_id = data["lead_video"]
        if video_id is None or Video.objects.filter(pk=video_id).exists():  # nor is a deleted video
            article.lead_video_id = video_id
    return data.get("tags", [])


# ---- showing a difference ------------------------------------------------

_WORDS = re.compile(r"\s+|\S+\s*")  # a word with the spaces after it
_BLOCK_END = re.compile(r"(</(?:p|h[2-4]|li|blockquote|figure|figcaption|tr|table|ul|ol)>|<br\s*/?>)", re.I)


def _display(name, value, categories):
    """A field's stored value as plain text to compare (never HTML)."""
    if value in (None, "", []):
        return ""
    if name == "category":
        return categories.get(value, str(value))
    if name == "tags":
        return ", ".join(value)
    if name == "featured_image":
        return _("Ảnh số %(id)s trong thư viện") % {"id": value}
    if name == "lead_video":
        return _("Video số %(id)s trong thư viện") % {"id": value}
    if name == "format":
        return str(Article.Format(value).label) if value in Article.Format.values else str(value)
    if name == "status":
        return str(Article.Status(value).label) if value in Article.Status.values else str(value)
    if name == "body":
        # One block a line, so that a diff lines up paragraph by paragraph;
        # the markup is shown as typed (escaped), not rendered.
        return _BLOCK_END.sub(r"\1\n", value).strip()
    return str(value)


def _marked(words, opcodes, side):
    """Words of one side, with the changed runs in <del> or <ins>; every
    word is escaped."""
    tag = "del" if side == "a" else "ins"
    out = []
    for op, a1, a2, b1, b2 in opcodes:
        lo, hi = (a1, a2) if side == "a" else (b1, b2)
        chunk = escape("".join(words[lo:hi]))
        if not chunk:
            continue
        out.append(chunk if op == "equal" else f"<{tag}>{chunk}</{tag}>")
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def field_changes(old, new):
    """[(label, old html, new html)] for each field that differs between two
    snapshots; the html is escaped text with <del>/<ins> marks."""
    ids = {v for d in (old, new) for v in [d.get("category")] if v}
    categories = dict(Category.objects.filter(pk__in=ids).values_list("pk", "name"))
    rows = []
    for name, label, _restored in REVISION_FIELDS:
        a = _display(name, old.get(name), categories)
        b = _display(name, new.get(name), categories)
        if a == b:
            continue
        a_words = _WORDS.findall(a)
        b_words = _WORDS.findall(b)
        opcodes = difflib.SequenceMatcher(None, a_words, b_words, autojunk=False).get_opcodes()
        rows.append((label, _marked(a_words, opcodes, "a"), _marked(b_words, opcodes, "b")))
    return rows


def diff_table(old, new, old_label, new_label):
    """A side-by-side table of what differs, ready for a template."""
    rows = field_changes(old, new)
    if not rows:
        return format_html("<p>{}</p>", _("Hai phiên bản giống nhau."))
    body = format_html_join(
        "",
        '<tr><th scope="row">{}</th><td class="diff-old">{}</td><td class="diff-new">{}</td></tr>',
        rows,
    )
    return format_html(
        '<table class="revision-diff"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
        '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
        _("Mục"),
        old_label,
        new_label,
        body,
    )
