"""The change form's background helpers: autosave and presence.

Autosave keeps what an editor types, every few seconds, in one rolling
``Autosave`` row per article and person. It never saves the article: no
revision, no new version, nothing readers see, no cache emptied. A save
made on an older version than the article's (someone saved since the form
was opened) or an older save of the same page arriving late is refused
(409) and overwrites nothing; a person who may not edit the article gets a
403. The copy is offered back when the form is opened again and dropped
when the person saves the article.

Presence: the change form of the person editing an article holds its
``EditLock`` and says so every ``NEWSROOM_PRESENCE_SECONDS / 3`` seconds; a
lock not confirmed for ``NEWSROOM_PRESENCE_SECONDS`` is free again.
Someone else who opens the form reads "Nguyễn Văn A đang sửa bài này từ
09:12" and may take it over; the optimistic lock on save
(articles/forms.py) still stops a stale save."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.text import nfc

from . import services
from .models import Article, Autosave, EditLock
from .sanitize import clean_body

# The form's fields an autosave keeps, with their longest allowed value.
# Choices (category, images) are not kept: the words are what is lost.
AUTOSAVE_FIELDS = {
    "kicker": 300,
    "title": 300,
    "genre": 60,
    "lead": 1000,
    "body": 1_000_000,
    "byline": 200,
    "tags": 2000,
    "featured_image_caption": 500,
    "featured_image_credit": 200,
    "transition_note": 2000,
}


class Stale(Exception):
    """An autosave that would overwrite something newer (answered 409).
    ``code``: "version" (the article was saved since the form was opened)
    or "order" (a later autosave of the same page came first)."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


class BadAutosave(ValueError):
    """An autosave whose data is not text the form could hold (answered 400)."""


def person_name(user):
    """ "Nguyễn Văn A": họ (last name) then tên (first name), else the username."""
    if user is None:
        return ""
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


def local_hm(moment):
    return timezone.localtime(moment).strftime("%H:%M")


# ---- autosave -----------------------------------------------------------


def clean_autosave_data(post):
    """The kept fields of a POST, as NFC text within their lengths."""
    data = {}
    for name, limit in AUTOSAVE_FIELDS.items():
        if name not in post:
            continue
        value = post[name]
        if not isinstance(value, str) or "\x00" in value:
            raise BadAutosave(_("Dữ liệu tự động lưu không hợp lệ."))
        if len(value) > limit:
            raise BadAutosave(_("Ô “%(field)s” dài quá %(limit)s ký tự.") % {"field": name, "limit": limit})
        data[name] = clean_body(value) if name == "body" else nfc(value)
    if not data:
        raise BadAutosave(_("Không có nội dung nào để tự động lưu."))
    return data


def _int(value):
    value = str(value or "")
    if not (value.isascii() and value.isdigit() and len(value) < 10):
        raise BadAutosave(_("Dữ liệu tự động lưu không hợp lệ."))
    return int(value)


@transaction.atomic
def autosave(article, user, post):
    """Keep what ``user`` typed (``post``: the form's fields, ``edit_version``,
    ``page`` and ``sequence``) as his rolling copy for ``article`` (None: an
    article not created yet). Raises PermissionDenied, Stale or
    BadAutosave; nothing is written then."""
    data = clean_autosave_data(post)
    page = str(post.get("page", ""))[:40]
    sequence = _int(post.get("sequence"))
    base_version = None
    if article is None:
        if not user.has_perm("articles.add_article"):
            raise PermissionDenied(_("Bạn không có quyền viết bài."))
    else:
        article = Article.objects.select_for_update().only("pk", "status", "created_by", "version").get(pk=article.pk)
        if not services.can_edit(user, article):
            raise PermissionDenied(_("Bạn không có quyền sửa bài này."))
        base_version = _int(post.get("edit_version"))
        if base_version != article.version:
            raise Stale(
                _(
                    "Bài đã được lưu (phiên bản %(v)s) sau khi bạn mở nó: bản tự động lưu không ghi đè lên đó. "
                    "Bản bạn gõ vẫn giữ trong trình duyệt này."
                )
                % {"v": article.version},
                "version",
            )
    current = Autosave.objects.select_for_update().filter(article=article, user=user).first()
    if current is not None and current.page == page and current.sequence >= sequence:
        raise Stale(_("Một lần tự động lưu mới hơn đã đến trước; lần này bị bỏ qua."), "order")
    if current is None:
        current = Autosave(article=article, user=user)
    current.data = data
    current.base_version = base_version
    current.page = page
    current.sequence = sequence
    current.saved_at = timezone.now()
    try:
        with transaction.atomic():
            current.save()
    except IntegrityError as error:  # another request of the same person created it first
        raise Stale(_("Một lần tự động lưu khác đang ghi; lần này bị bỏ qua."), "order") from error
    return current


def autosave_for(article, user):
    """``user``'s unsaved copy of ``article`` (None: a new article), if any."""
    return Autosave.objects.filter(article=article, user=user).first()


def discard_autosave(article, user):
    Autosave.objects.filter(article=article, user=user).delete()


def autosave_offer(article, user):
    """What the form offers back: the copy, as JSON-able data, if it differs
    from the article as saved (None otherwise)."""
    copy = autosave_for(article, user)
    if copy is None:
        return None
    if article is not None:
        saved = {
            "kicker": article.kicker,
            "title": article.title,
            "genre": article.genre,
            "lead": article.lead,
            "body": article.body,
            "byline": article.byline,
            "featured_image_caption": article.featured_image_caption,
            "featured_image_credit": article.featured_image_credit,
        }
        if all(copy.data.get(name, value) == value for name, value in saved.items()) and not copy.data.get(
            "transition_note"
        ):
            return None
    return {
        "fields": copy.data,
        "savedAt": copy.saved_at.isoformat(),
        "savedAtLabel": timezone.localtime(copy.saved_at).strftime("%d/%m/%Y %H:%M"),
        "baseVersion": copy.base_version,
        "behind": article is not None and copy.base_version != article.version,
    }


# ---- presence -----------------------------------------------------------


def presence_seconds():
    return settings.NEWSROOM_PRESENCE_SECONDS


def _fresh(lock, now):
    return lock is not None and lock.seen_at >= now - timedelta(seconds=presence_seconds())


def describe(lock, user, article):
    """The presence answer the change form reads."""
    if lock is None or lock.user_id is None:
        return {"state": "free", "version": article.version}
    holder = person_name(lock.user)
    state = "editing" if lock.user_id == user.pk else "held"
    answer = {"state": state, "holder": holder, "since": local_hm(lock.since), "version": article.version}
    if state == "held":
        answer["message"] = _("%(who)s đang sửa bài này từ %(since)s.") % {"who": holder, "since": answer["since"]}
    return answer


def _save(lock):
    """Save ``lock``; when two forms create the article's first lock at the
    same instant (PostgreSQL does not lock a row that does not exist yet),
    the second finds the first's (the one-to-one constraint)."""
    try:
        with transaction.atomic():
            lock.save()
    except IntegrityError:
        return EditLock.objects.select_related("user").get(article=lock.article_id)
    return lock


@transaction.atomic
def heartbeat(article, user, *, editing):
    """The change form of ``user`` is open on ``article``. ``editing``: his
    form is in editing mode, so he takes the lock if it is free (or his).
    Returns ``describe()``'s answer."""
    now = timezone.now()
    lock = EditLock.objects.select_for_update().select_related("user").filter(article=article).first()
    free = lock is None or lock.user_id == user.pk or not _fresh(lock, now)
    if free and editing and services.can_edit(user, article):
        if lock is None:
            lock = EditLock(article=article, user=user, since=now)
        elif lock.user_id != user.pk:
            lock.user, lock.since, lock.taken_from = user, now, None
        lock.seen_at = now
        lock = _save(lock)
    elif lock is not None and not _fresh(lock, now):
        lock = None  # a lock nobody confirmed lately is nobody's
    return describe(lock, user, article)


@transaction.atomic
def take_over(article, user):
    """``user`` takes the article over from whoever holds it (he has been
    asked to confirm). Needs the right to edit it."""
    if not services.can_edit(user, article):
        raise PermissionDenied(_("Bạn không có quyền sửa bài này."))
    now = timezone.now()
    lock = EditLock.objects.select_for_update().select_related("user").filter(article=article).first()
    if lock is None:
        lock = _save(EditLock(article=article, user=user, since=now, seen_at=now))
        if lock.user_id == user.pk:
            return describe(lock, user, article)
        # Someone else's form took it this very instant: take it from him.
        lock = EditLock.objects.select_for_update().select_related("user").get(pk=lock.pk)
    previous = lock.user if lock.user_id != user.pk else None
    lock.user, lock.since, lock.seen_at, lock.taken_from = user, now, now, previous
    lock.save()
    return describe(lock, user, article)


def release(article, user):
    """The form of ``user`` was closed: free the article if he held it."""
    EditLock.objects.filter(article=article, user=user).delete()


def holder_of(article, user):
    """For the form as it is drawn: the presence answer without writing,
    after taking the lock when ``user`` may edit and it is free."""
    return heartbeat(article, user, editing=True)
