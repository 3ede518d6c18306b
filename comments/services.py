"""The comment workflow: one atomic function per step, recording who did it."""

import hashlib
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.text import fold, nfc

from .models import BlockedWord, Comment

_LINK = re.compile(r"(?:https?://|www\.|javascript:|data:)", re.IGNORECASE)


def fingerprint(article_id, name, email, body):
    text = "\x1f".join([str(article_id), name.strip().lower(), email.strip().lower(), " ".join(body.split())])
    return hashlib.sha256(nfc(text).encode()).hexdigest()


def count_links(text):
    return len(_LINK.findall(text))


def blocked_words_in(*texts):
    """The blocklist entries found in ``texts``, accents and case ignored."""
    folded = "".join(fold(t) for t in texts)
    return [w for w in BlockedWord.objects.values_list("word", flat=True) if fold(w) != "  " and fold(w) in folded]


@transaction.atomic
def submit_comment(article, *, name, email, body, ip=None):
    """Store a reader's comment for moderation; return ``(comment, created)``.

    A comment with a blocked word goes to spam; one with many links stays
    pending with a flag for the moderator. The same comment sent twice is
    stored once (the database holds that rule)."""
    key = fingerprint(article.pk, name, email, body)
    existing = Comment.objects.filter(article=article, fingerprint=key).first()
    if existing is not None:
        return existing, False
    status, flag = Comment.Status.PENDING, ""
    blocked = blocked_words_in(name, body)
    if blocked:
        status, flag = Comment.Status.SPAM, _("Có từ bị chặn: %(words)s") % {"words": ", ".join(blocked)}
    elif count_links(body) > settings.NEWSROOM_COMMENT_MAX_LINKS:
        flag = _("Nhiều liên kết (%(n)d)") % {"n": count_links(body)}
    comment = Comment(article=article, name=name, email=email, body=body, ip=ip or None, status=status, flag=flag)
    comment.fingerprint = key
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:  # the same comment, sent at the same moment
        return Comment.objects.get(article=article, fingerprint=key), False
    return comment, True


def _moderate(comment, status, by):
    comment.status = status
    comment.moderated_at = timezone.now()
    comment.moderated_by = by
    comment.save(update_fields=["status", "moderated_at", "moderated_by"])
    return comment


@transaction.atomic
def approve(comment, by):
    """Readers see the comment from now on."""
    return _moderate(comment, Comment.Status.APPROVED, by)


@transaction.atomic
def reject(comment, by):
    return _moderate(comment, Comment.Status.REJECTED, by)


@transaction.atomic
def mark_spam(comment, by):
    return _moderate(comment, Comment.Status.SPAM, by)


@transaction.atomic
def reply(comment, text, by):
    """The newsroom's answer, shown as “Tòa soạn trả lời” under the comment.
    An empty ``text`` removes the reply."""
    comment.reply = nfc(text or "").strip()
    comment.replied_at = timezone.now() if comment.reply else None
    comment.replied_by = by if comment.reply else None
    comment.save(update_fields=["reply", "replied_at", "replied_by"])
    return comment
