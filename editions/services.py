"""The print edition's workflow: one function per step, each recording who
did it. Files are written outside the database transaction and put in place
only once everything succeeded; side effects on files come after commit.

- ``stage_upload``: the desk uploads an issue's PDF(s); they are kept in a
  private folder and the processing is queued (editions/tasks.py).
- ``process_issue``: the background work (editions/processing.py renders in
  a child process); on success the new files replace the old in one step, on
  failure nothing is left and the desk sees why.
- ``publish`` / ``unpublish``, ``numbering_warnings``, ``make_digest``.

The files live under ``MEDIA_ROOT`` on a file system that every web server
and worker shares (the folder of an issue is renamed into place)."""

import json
import logging
import re
import secrets
import shutil
from collections import OrderedDict
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles.models import Article
from articles.services import record_revision
from audit.models import AuditEntry
from audit.services import record
from delivery import scopes
from newsroom.text import fold, nfc

from . import processing
from .models import Issue, Page

logger = logging.getLogger(__name__)

UPLOAD_ROOT = "bao-in/.tai-len"  # uploads waiting for processing (a dot folder: never served)
WORK_ROOT = "bao-in/.xu-ly"  # processing in progress
NAMES_FILE = "names.json"


def media_path(name):
    return Path(settings.MEDIA_ROOT) / name


def _natural_key(name):
    """``trang-2.pdf`` before ``trang-10.pdf``."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


def stage_upload(issue, files, *, by=None, queue=True):
    """Keep ``files`` (uploaded PDFs: one for the whole issue, or one per
    page, put in order by their names) for the background processing and
    queue it once the transaction commits (``queue=False``: the caller runs
    ``process_issue`` itself, as the demo loader does). An earlier upload
    still waiting is dropped. The issue's current pages stay as they are
    until the new ones are ready. Returns the upload's token."""
    from . import tasks

    files = sorted(files, key=lambda f: _natural_key(f.name))
    token = secrets.token_hex(16)
    folder = media_path(f"{UPLOAD_ROOT}/{token}")
    folder.mkdir(parents=True)
    try:
        for position, upload in enumerate(files, start=1):
            with open(folder / f"{position:03d}.pdf", "wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
        (folder / NAMES_FILE).write_text(json.dumps([f.name for f in files], ensure_ascii=False), encoding="utf-8")
        with transaction.atomic():
            previous = Issue.objects.select_for_update().values_list("upload_token", flat=True).get(pk=issue.pk)
            Issue.objects.filter(pk=issue.pk).update(
                upload_token=token,
                processing=Issue.Processing.QUEUED,
                pages_done=0,
                pages_total=0,
                processing_error="",
                updated_at=timezone.now(),
            )
            if previous:
                transaction.on_commit(
                    lambda: shutil.rmtree(media_path(f"{UPLOAD_ROOT}/{previous}"), ignore_errors=True)
                )
            if queue:
                transaction.on_commit(lambda: tasks.process_issue.enqueue(issue.pk, token))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    issue.upload_token, issue.processing = token, Issue.Processing.QUEUED
    logger.info("print issue %s: upload of %d file(s) queued by user %s", issue.pk, len(files), getattr(by, "pk", None))
    return token


class _Superseded(Exception):
    """A newer upload replaced the one being processed."""


def _still_current(issue_id, token):
    return Issue.objects.filter(pk=issue_id, upload_token=token)


def process_issue(issue_id, token):
    """The background work for upload ``token`` of issue ``issue_id``:
    check and render it, then put its files and pages in place in one step.
    Returns what happened (for the task's result)."""
    issue = Issue.objects.select_related("edition").filter(pk=issue_id, upload_token=token).first()
    staging = media_path(f"{UPLOAD_ROOT}/{token}")
    work = media_path(f"{WORK_ROOT}/{token}")
    if issue is None:  # deleted, or a newer upload came: nothing to do
        shutil.rmtree(staging, ignore_errors=True)
        return "superseded"
    final = None
    try:
        sources = sorted(staging.glob("*.pdf"))
        names = json.loads((staging / NAMES_FILE).read_text(encoding="utf-8")) if sources else []
        if not sources or len(names) != len(sources):
            raise processing.ProcessingFailed("broken")
        _still_current(issue_id, token).update(processing=Issue.Processing.RUNNING, pages_done=0)
        files_dir = f"bao-in/{issue.edition.slug}/{issue.date.year}/{issue.number}-{secrets.token_hex(8)}"

        def report(done, total):
            _still_current(issue_id, token).update(pages_done=done, pages_total=total)

        pages, pdf_name = processing.run(
            sources, names, work, files_dir, processing.Limits.from_settings(), on_progress=report
        )
        final = media_path(files_dir)
        final.parent.mkdir(parents=True, exist_ok=True)
        (work / "files").rename(final)
        _install(issue_id, token, files_dir, pages, f"{files_dir}/{pdf_name}")
        final = None  # in place: no longer ours to remove
        return "done"
    except _Superseded:
        return "superseded"
    except processing.ProcessingFailed as failure:
        _fail(issue_id, token, str(failure))
        return "failed"
    except Exception:
        logger.exception("print issue %s: processing failed", issue_id)
        _fail(issue_id, token, _("Lỗi không mong đợi khi xử lý tệp. Hãy tải lên lại; nếu vẫn lỗi, báo quản trị."))
        return "failed"
    finally:
        if final is not None:
            shutil.rmtree(final, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)


def _fail(issue_id, token, message):
    """The upload failed: the issue keeps what it had (nothing, or its
    previous pages) and says why."""
    _still_current(issue_id, token).update(
        processing=Issue.Processing.FAILED, processing_error=message, upload_token="", updated_at=timezone.now()
    )


@transaction.atomic
def _install(issue_id, token, files_dir, pages, pdf_name):
    issue = Issue.objects.select_for_update().filter(pk=issue_id).first()
    if issue is None or issue.upload_token != token:  # deleted, or a newer upload came
        raise _Superseded
    old_dir = issue.files_dir
    issue.pages.all().delete()
    Page.objects.bulk_create(
        Page(
            issue=issue,
            number=page["number"],
            width=page["width"],
            height=page["height"],
            text=nfc(page["text"]),
            search_text=fold(page["text"]),
        )
        for page in pages
    )
    scopes.bump(scopes.LISTINGS)  # bulk_create and .update() send no signal: its new pages
    Issue.objects.filter(pk=issue_id).update(
        files_dir=files_dir,
        pdf_name=pdf_name,
        pdf_bytes=media_path(pdf_name).stat().st_size,
        page_count=len(pages),
        cover_width=pages[0]["width"],
        cover_height=pages[0]["height"],
        processing=Issue.Processing.DONE,
        pages_done=len(pages),
        pages_total=len(pages),
        processing_error="",
        upload_token="",
        updated_at=timezone.now(),
    )
    if old_dir:
        transaction.on_commit(lambda: remove_files(old_dir))


def remove_files(files_dir):
    """An issue's folder, after its rows are gone or replaced."""
    if files_dir and files_dir.startswith("bao-in/"):
        shutil.rmtree(media_path(files_dir), ignore_errors=True)


def remove_upload(token):
    if token:
        shutil.rmtree(media_path(f"{UPLOAD_ROOT}/{token}"), ignore_errors=True)


@transaction.atomic
def publish(issue, *, by):
    """Readers see the issue from now on. Only an issue with pages."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if not issue.page_count:
        raise ValidationError(_("Số báo chưa có trang nào: hãy tải tệp PDF lên và chờ xử lý xong rồi mới xuất bản."))
    if issue.status != Issue.Status.PUBLISHED:
        issue.status = Issue.Status.PUBLISHED
        issue.published_at = timezone.now()
        issue.save(update_fields=["status", "published_at", "updated_at"])
        record(AuditEntry.Action.PUBLISH, issue, by=by, detail=_("Xuất bản số báo in"))
    return issue


@transaction.atomic
def unpublish(issue, *, by):
    """Readers no longer see the issue (its files stay for the desk)."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status == Issue.Status.PUBLISHED:
        issue.status = Issue.Status.DRAFT
        issue.published_at = None
        issue.save(update_fields=["status", "published_at", "updated_at"])
        record(AuditEntry.Action.UNPUBLISH, issue, by=by, detail=_("Gỡ số báo in khỏi trang"))
    return issue


MAX_LISTED_GAPS = 10


def numbering_warnings(issue):
    """What the desk should look at in the numbering of ``issue``'s edition
    and year: another issue on the same day, missing numbers, a number
    smaller than that of an earlier day's issue. Vietnamese sentences."""
    warnings = []
    same_year = Issue.objects.filter(edition_id=issue.edition_id, date__year=issue.date.year)
    same_day = same_year.filter(date=issue.date).exclude(pk=issue.pk).order_by("number")
    for other in same_day[:3]:
        warnings.append(
            _("Ngày %(date)s đã có số %(number)s của ấn phẩm này: có phải trùng?")
            % {"date": f"{issue.date:%d/%m/%Y}", "number": other.number}
        )
    earlier = same_year.filter(date__lt=issue.date, number__gt=issue.number).order_by("date").first()
    if earlier:
        warnings.append(
            _("Số %(number)s nhỏ hơn số %(other)s của ngày %(date)s trước đó: kiểm tra lại số báo.")
            % {"number": issue.number, "other": earlier.number, "date": f"{earlier.date:%d/%m/%Y}"}
        )
    bounds = same_year.aggregate(low=Min("number"), high=Max("number"))
    if bounds["low"] is not None and bounds["high"] - bounds["low"] < 10_000:
        present = set(same_year.values_list("number", flat=True))
        missing = [n for n in range(bounds["low"], bounds["high"] + 1) if n not in present]
        if missing:
            listed = ", ".join(str(n) for n in missing[:MAX_LISTED_GAPS])
            if len(missing) > MAX_LISTED_GAPS:
                listed += "…"
            warnings.append(
                _("Năm %(year)s của ấn phẩm này còn thiếu %(count)s số: %(numbers)s.")
                % {"year": issue.date.year, "count": len(missing), "numbers": listed}
            )
    return warnings


def make_digest(issue, *, by):
    """A draft “Điểm báo in” article for ``issue``: one line per published
    article printed in it, ``>> Headline (Xem trang 3, 5)``, linking to the
    article and to the pages, for an editor to finish. Returns it."""
    edition = issue.edition
    if edition.digest_category_id is None:
        raise ValidationError(
            _("Hãy chọn “chuyên mục của bài Điểm báo in” cho ấn phẩm “%(edition)s” trước.") % {"edition": edition}
        )
    pages_of = OrderedDict()
    placements = (
        issue.printed_articles.filter(article__in=Article.objects.published())
        .select_related("article__category")
        .order_by("page_number", "id")
    )
    for placement in placements:
        pages_of.setdefault(placement.article, []).append(placement.page_number)
    if not pages_of:
        raise ValidationError(_("Số báo này chưa có bài nào đã xuất bản trên mạng được gắn với trang báo in."))
    lines = []
    for article, pages in pages_of.items():
        page_links = ", ".join(f'<a href="{issue.page_url(n)}">{n}</a>' for n in pages)
        lines.append(
            f'<p>&gt;&gt; <a href="{article.get_absolute_url()}">{escape(article.title)}</a> '
            f"({_('Xem trang')} {page_links})</p>"
        )
    values = {"edition": edition.name, "number": issue.number, "date": f"{issue.date:%d/%m/%Y}"}
    with transaction.atomic():
        article = Article.objects.create(
            title=_("Điểm báo in số %(number)s ngày %(date)s") % values,
            lead=_("Mời bạn đọc điểm qua những bài đáng chú ý trên %(edition)s số %(number)s, phát hành ngày %(date)s.")
            % values,
            body="".join(lines),
            category_id=edition.digest_category_id,
            status=Article.Status.DRAFT,
            created_by=by,
        )
        record_revision(article, by=by)
        Issue.objects.filter(pk=issue.pk).update(digest=article)
    issue.digest = article
    return article
