"""The editorial workflow: one function per step, each atomic, each recording
who did it, when, and the note (``Transition``), a revision of the article and,
for the steps the desk answers for, an entry in the audit log.

Who may do what is decided here (``can_edit``, ``allowed_transitions``), so
the admin's buttons and a forged POST meet the same rules."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import Action, record
from delivery import scopes

from . import revisions
from .models import Article, Revision, Transition

S = Article.Status

PUBLISH = "articles.publish_article"
REVIEW = "articles.review_article"


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: tuple
    target: str
    permission: str | None  # None: the article's author (or anyone who may edit it)
    note_required: bool = False
    audit: str | None = None


STEPS = {
    step.name: step
    for step in (
        Step("submit", _("Gửi biên tập"), (S.DRAFT, S.RETURNED), S.IN_EDITING, None, audit=Action.SUBMIT),
        Step(
            "send_for_approval",
            _("Gửi duyệt"),
            (S.IN_EDITING,),
            S.IN_APPROVAL,
            REVIEW,
            audit=Action.SEND_FOR_APPROVAL,
        ),
        Step(
            "send_back",
            _("Trả lại"),
            (S.IN_EDITING, S.IN_APPROVAL, S.UNPUBLISHED),
            S.RETURNED,
            REVIEW,
            note_required=True,
            audit=Action.RETURN,
        ),
        Step(
            "publish",
            _("Xuất bản"),
            (S.DRAFT, S.IN_EDITING, S.IN_APPROVAL, S.RETURNED, S.UNPUBLISHED),
            S.PUBLISHED,
            PUBLISH,
            audit=Action.PUBLISH,
        ),
        Step("unpublish", _("Gỡ bài"), (S.PUBLISHED,), S.UNPUBLISHED, PUBLISH, audit=Action.UNPUBLISH),
    )
}


def is_author(user, article):
    return article.pk is None or (article.created_by_id is not None and article.created_by_id == user.pk)


def can_edit(user, article):
    """May ``user`` change this article's text?

    The desk (publish_article) edits any article; an editor (review_article)
    edits what waits for editing and his own drafts; a reporter edits his own
    article while it is a draft or has been sent back."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if user.is_superuser or user.has_perm(PUBLISH):
        return True
    if article.status in (S.DRAFT, S.RETURNED) and is_author(user, article):
        return True
    return article.status == S.IN_EDITING and user.has_perm(REVIEW)


def may(user, step, article):
    """A step is taken on an article one may edit, by one holding the step's
    permission (the author's own steps need none beyond editing)."""
    if article.status not in step.sources or not can_edit(user, article):
        return False
    return step.permission is None or user.has_perm(step.permission)


def allowed_transitions(user, article):
    """The steps ``user`` may take from the article's current state."""
    return [step for step in STEPS.values() if may(user, step, article)]


def by_has(user, permission):
    return user.is_active and user.has_perm(permission)


def check(user, article, name, note=""):
    """Raise ValidationError (Vietnamese) if ``user`` may not take step ``name`` now."""
    step = STEPS.get(name)
    if step is None:
        raise ValidationError(_("Thao tác không hợp lệ."))
    if step.permission is not None and not by_has(user, step.permission):
        raise PermissionDenied(_("Bạn không có quyền “%(step)s”.") % {"step": step.label})
    if article.status not in step.sources:
        raise ValidationError(
            _("Không thể “%(step)s” bài đang ở trạng thái “%(status)s”.")
            % {"step": step.label, "status": article.get_status_display()}
        )
    if not may(user, step, article):
        raise PermissionDenied(_("Bạn không có quyền “%(step)s” bài này.") % {"step": step.label})
    if step.note_required and not note.strip():
        raise ValidationError(_("Hãy ghi lý do trả lại bài cho phóng viên."))
    return step


def record_revision(article, by, restored_from=None):
    """Keep the article as it is now (after a save) as a revision."""
    revision, _created = Revision.objects.update_or_create(
        article=article,
        version=article.version,
        defaults={"created_by": by, "data": revisions.snapshot(article), "restored_from": restored_from},
    )
    return revision


@transaction.atomic
def transition(article, name, *, by, note="", published_at=None):
    """Take workflow step ``name``: check, move, save, record. ``published_at``
    (publish only) schedules the article; without it, publishing is now
    unless the article already carries a time."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    step = check(by, article, name, note)
    source = article.status
    article.status = step.target
    audit_action = step.audit
    if step.name == "publish":
        if published_at is not None:
            article.published_at = published_at
        if article.published_at is None:
            article.published_at = timezone.now()
        if article.published_at > timezone.now():
            audit_action = Action.SCHEDULE
    if step.name == "unpublish":
        # Off the site at once, and out of the home page's blocks for good.
        article.featured_position = None
        article.pinned_position = None
    article.save()
    Transition.objects.create(article=article, from_status=source, to_status=step.target, by=by, note=note.strip())
    record_revision(article, by)
    if audit_action:
        detail = note.strip()
        if audit_action == Action.SCHEDULE:
            detail = _("Hẹn giờ: %(at)s") % {"at": timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M")}
        record(audit_action, article, by=by, detail=detail)
    return article


def submit(article, *, by, note=""):
    return transition(article, "submit", by=by, note=note)


def send_for_approval(article, *, by, note=""):
    return transition(article, "send_for_approval", by=by, note=note)


def send_back(article, *, by, note):
    return transition(article, "send_back", by=by, note=note)


def publish(article, *, by, published_at=None, note=""):
    return transition(article, "publish", by=by, note=note, published_at=published_at)


def unpublish(article, *, by, note=""):
    return transition(article, "unpublish", by=by, note=note)


@transaction.atomic
def restore(article, revision, *, by):
    """Bring back the words of ``revision`` (not its state); the result is
    itself a new revision."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if revision.article_id != article.pk:
        raise ValidationError(_("Phiên bản không thuộc bài này."))
    if not can_edit(by, article):
        raise PermissionDenied(_("Bạn không có quyền sửa bài này."))
    tags = revisions.apply(article, revision.data)
    article.save()
    article.tags.set(tags)
    new = record_revision(article, by, restored_from=revision)
    record(
        Action.RESTORE,
        article,
        by=by,
        detail=_("Khôi phục phiên bản %(old)s thành phiên bản %(new)s") % {"old": revision.version, "new": new.version},
    )
    return new


@transaction.atomic
def set_home_positions(article, *, by, featured_position, pinned_position):
    """Curation: put the article in (or take it out of) Tin tiêu điểm and its
    category's pinned stories."""
    if not by.has_perm(PUBLISH):
        raise PermissionDenied(_("Bạn không có quyền sắp xếp trang chủ."))
    Article.objects.filter(pk=article.pk).update(featured_position=featured_position, pinned_position=pinned_position)
    scopes.bump(scopes.article(article.pk), scopes.LISTINGS)  # .update() sends no signal
    record(Action.CURATION, article, by=by, detail=curation_detail(featured_position, pinned_position))


def curation_detail(featured_position, pinned_position):
    return _("Tin tiêu điểm: %(f)s; ghim chuyên mục: %(p)s") % {
        "f": featured_position if featured_position is not None else "—",
        "p": pinned_position if pinned_position is not None else "—",
    }


@transaction.atomic
def delete(article, *, by):
    record(Action.DELETE, article, by=by, detail=article.get_absolute_url())
    article.delete()
