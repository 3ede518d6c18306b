"""The video library's workflow (docs/multimedia.md):

- ``stage_upload``: a checked upload (videos/forms.py probed it) is kept in
  a private folder and its transcoding queued (videos/tasks.py);
- ``process_video``: the background work. ffmpeg writes into a work folder;
  only when every rendition and the poster are made is the folder renamed
  into place and the row marked ready. On failure nothing is left but the
  row, which says why; the uploaded original is removed either way.
- ``save_captions``: a WebVTT file, checked, under a random name.
- ``articles_using``: the articles that show a video (deleting one is refused).

Files live under ``MEDIA_ROOT`` on a file system every web server and worker
shares, like the print edition's."""

import logging
import secrets
import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from delivery import scopes
from newsroom.text import nfc

from . import ffmpeg
from .models import Video

logger = logging.getLogger(__name__)

UPLOAD_ROOT = "videos/.tai-len"  # uploads waiting for transcoding (a dot folder: never linked)
WORK_ROOT = "videos/.xu-ly"  # transcoding in progress
SOURCE = "source"


def media_path(name):
    return Path(settings.MEDIA_ROOT) / name


def stage_upload(video, upload, *, by=None, queue=True):
    """Save ``video`` (a new row, its title filled in) with ``upload``
    waiting for the background work, queued once the transaction commits.
    ``upload`` was probed by the form (``ffmpeg.probe``). Returns the token."""
    from . import tasks

    token = secrets.token_hex(16)
    folder = media_path(f"{UPLOAD_ROOT}/{token}")
    folder.mkdir(parents=True)
    try:
        with open(folder / SOURCE, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        with transaction.atomic():
            if not video.key:
                video.key = uuid.uuid4().hex
            video.upload_token = token
            video.status = Video.Status.QUEUED
            video.progress = 0
            video.error = ""
            video.source_bytes = (folder / SOURCE).stat().st_size
            video.original_filename = nfc(getattr(upload, "name", "") or "")[:255]
            if by is not None and video.uploaded_by_id is None:
                video.uploaded_by = by
            video.save()
            if queue:
                transaction.on_commit(lambda: tasks.transcode_video.enqueue(video.pk, token))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    logger.info("video %s: upload of %d bytes queued", video.pk, video.source_bytes)
    return token


def _current(video_id, token):
    return Video.objects.filter(pk=video_id, upload_token=token)


def process_video(video_id, token):
    """Probe again, transcode, put the files in place. Returns what happened."""
    staging = media_path(f"{UPLOAD_ROOT}/{token}")
    work = media_path(f"{WORK_ROOT}/{token}")
    video = _current(video_id, token).first()
    if video is None:  # deleted, or a newer upload came
        shutil.rmtree(staging, ignore_errors=True)
        return "superseded"
    final = None
    try:
        source = staging / SOURCE
        if not source.exists():
            raise ffmpeg.VideoProblem(_("Tệp tải lên không còn trên máy chủ. Hãy tải lên lại."))
        probed = ffmpeg.probe(source)
        _current(video_id, token).update(status=Video.Status.RUNNING, progress=0)

        def report(percent):
            _current(video_id, token).update(progress=percent)

        renditions, poster = ffmpeg.transcode(source, work / "files", probed, on_progress=report)
        files_dir = f"videos/{timezone.now():%Y/%m}/{video.key}"
        final = media_path(files_dir)
        if final.exists():  # a re-upload of this video: its new files go in a new folder
            files_dir = f"{files_dir}-{secrets.token_hex(4)}"
            final = media_path(files_dir)
        final.parent.mkdir(parents=True, exist_ok=True)
        (work / "files").rename(final)
        _install(video_id, token, files_dir, probed, renditions, poster)
        final = None  # in place: no longer ours to remove
        return "done"
    except _Superseded:
        return "superseded"
    except ffmpeg.VideoProblem as problem:
        _fail(video_id, token, str(problem))
        return "failed"
    except Exception:
        logger.exception("video %s: processing failed", video_id)
        _fail(video_id, token, _("Lỗi không mong đợi khi xử lý video. Hãy tải lên lại; nếu vẫn lỗi, báo quản trị."))
        return "failed"
    finally:
        if final is not None:
            shutil.rmtree(final, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)


class _Superseded(Exception):
    pass


@transaction.atomic
def _install(video_id, token, files_dir, probed, renditions, poster):
    video = Video.objects.select_for_update().filter(pk=video_id).first()
    if video is None or video.upload_token != token:
        remove_files(files_dir)
        raise _Superseded
    old_dir = video.files_dir
    Video.objects.filter(pk=video_id).update(
        files_dir=files_dir,
        renditions=renditions,
        poster_frame=poster["name"],
        duration=probed.duration,
        width=renditions[0]["width"],
        height=renditions[0]["height"],
        status=Video.Status.READY,
        progress=100,
        error="",
        upload_token="",
    )
    # .update() sends no signal: the pages showing the video change.
    scopes.bump(*[scopes.article(pk) for pk in articles_using(video).values_list("pk", flat=True)])
    if old_dir and old_dir != files_dir:
        transaction.on_commit(lambda: remove_files(old_dir))


def _fail(video_id, token, message):
    """The video keeps what it had (nothing, or its previous files: then it
    stays ready) and says why."""
    video = _current(video_id, token).first()
    if video is None:
        return
    status = Video.Status.READY if video.files_dir else Video.Status.FAILED
    _current(video_id, token).update(status=status, progress=0, error=message, upload_token="")


def remove_files(name):
    """A video's folder, or its captions file, after its row is gone."""
    if not name or not name.startswith("videos/") or ".." in name:
        return
    path = media_path(name)
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        default_storage.delete(name)


def remove_upload(token):
    if token:
        shutil.rmtree(media_path(f"{UPLOAD_ROOT}/{token}"), ignore_errors=True)


def check_captions(upload):
    """A WebVTT file: UTF-8 text starting with ``WEBVTT``, small. Returns its
    text (normalised line ends) or raises ValidationError."""
    if upload.size > settings.NEWSROOM_VIDEO_CAPTIONS_MAX_BYTES:
        raise ValidationError(_("Tệp phụ đề quá lớn (tối đa 512 KB)."), code="too_big")
    data = upload.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Tệp phụ đề phải là văn bản UTF-8 (WebVTT)."), code="encoding") from None
    first = text.split("\n", 1)[0].strip()
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))) or "\x00" in text:
        raise ValidationError(_("Tệp phụ đề không phải WebVTT (dòng đầu phải là “WEBVTT”)."), code="not_vtt")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def save_captions(video, text):
    """Store checked captions under a random name; the old file goes after commit."""
    old = video.captions.name
    name = default_storage.save(
        f"videos/phu-de/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.vtt", ContentFile(text.encode())
    )
    video.captions.name = name
    if old:
        transaction.on_commit(lambda: remove_files(old))


def articles_using(video):
    """The articles that show ``video``: as lead media or in the body."""
    from django.db.models import Q

    from articles.models import Article  # the articles decide; they sit above videos

    return Article.objects.filter(Q(lead_video=video) | Q(body__contains=video.key)).order_by("-id")
