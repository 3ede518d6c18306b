"""The video library: the newsroom's own videos, stored once and shown in
any number of articles (as their lead media or at a place in the body).

A video's files live in one folder, ``Video.files_dir``
(``videos/YYYY/MM/<key>/``, ``key`` random): the renditions (``720p.mp4``,
``360p.mp4``: H.264/AAC, +faststart, no metadata), the poster frame
``poster.jpg`` and the captions (``phu-de-<random>.vtt``). The folder is made
by the background work (videos/services.py) and put in place only once
everything in it is ready; the uploaded original is not kept."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.fields import NFCCharField

from .ffmpeg import clock


class VideoQuerySet(models.QuerySet):
    def ready(self):
        """Transcoded: what pages and the editor's picker may show."""
        return self.filter(status=Video.Status.READY)


class Video(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Chờ xử lý")
        RUNNING = "running", _("Đang chuyển mã")
        READY = "ready", _("Đã sẵn sàng")
        FAILED = "failed", _("Lỗi")

    title = NFCCharField(_("tên video"), max_length=300, help_text=_("Ví dụ “Lễ hội Hoa Ban 2026 ở Điện Biên”."))
    caption = NFCCharField(_("chú thích"), max_length=500, blank=True, help_text=_("Hiện dưới trình phát."))
    credit = NFCCharField(_("nguồn video"), max_length=200, blank=True, help_text=_("Ví dụ “Video: Quang Long”."))
    key = models.CharField(_("mã tệp"), max_length=32, unique=True, editable=False)
    files_dir = models.CharField(_("thư mục tệp"), max_length=200, blank=True, editable=False)
    status = models.CharField(_("xử lý"), max_length=10, choices=Status.choices, default=Status.QUEUED, editable=False)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0, editable=False)
    error = models.TextField(_("lỗi xử lý"), blank=True, editable=False)
    upload_token = models.CharField(max_length=32, blank=True, editable=False)
    duration = models.FloatField(_("độ dài (giây)"), null=True, blank=True, editable=False)
    width = models.PositiveIntegerField(_("chiều rộng"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("chiều cao"), null=True, blank=True, editable=False)
    renditions = models.JSONField(_("các bản đã chuyển mã"), default=list, blank=True, editable=False)
    poster_frame = models.CharField(_("khung hình đại diện"), max_length=40, blank=True, editable=False)
    poster_image = models.ForeignKey(
        "images.Image",
        verbose_name=_("ảnh đại diện thay khung hình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="poster_of",
        help_text=_("Để trống để dùng khung hình lấy tự động từ video; chọn một ảnh trong thư viện ảnh để thay."),
    )
    captions = models.FileField(_("phụ đề (WebVTT)"), max_length=200, blank=True, editable=False)
    captions_label = NFCCharField(_("tên phụ đề"), max_length=60, default="Tiếng Việt", blank=True)
    source_bytes = models.PositiveBigIntegerField(_("dung lượng tệp gốc (byte)"), default=0, editable=False)
    original_filename = NFCCharField(_("tên tệp gốc"), max_length=255, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="videos_uploaded",
        editable=False,
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    objects = VideoQuerySet.as_manager()

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("thư viện video")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="video_progress_percent"),
            models.CheckConstraint(
                condition=~Q(status="ready") | (~Q(files_dir="") & Q(duration__gt=0) & Q(width__gt=0)),
                name="video_ready_has_files",
            ),
        ]
        indexes = [models.Index(fields=["status", "-uploaded_at"], name="video_status_idx")]

    def __str__(self):
        return f"{self.title[:80]} (#{self.pk})" if self.pk else self.title[:80]

    def get_absolute_url(self):
        return reverse("admin:videos_video_change", args=[self.pk])

    @property
    def is_ready(self):
        return self.status == self.Status.READY and bool(self.files_dir)

    def file_url(self, name):
        return default_storage.url(f"{self.files_dir}/{name}")

    def sources(self):
        """``(url, width, height)`` of each rendition, largest first."""
        return [(self.file_url(r["name"]), r["width"], r["height"]) for r in self.renditions]

    @property
    def url(self):
        """The largest rendition: what is linked and put in the sitemap."""
        return self.file_url(self.renditions[0]["name"]) if self.renditions else ""

    @property
    def poster_url(self):
        if self.poster_image_id:
            return self.poster_image.rendition_url(1280)
        return self.file_url(self.poster_frame) if self.poster_frame else ""

    @property
    def captions_url(self):
        return self.captions.url if self.captions else ""

    @property
    def length(self):
        """``2:05``."""
        return clock(self.duration) if self.duration else ""

    @property
    def iso_duration(self):
        """``PT2M5S`` for JSON-LD."""
        seconds = round(self.duration or 0)
        return f"PT{seconds // 60}M{seconds % 60}S"

    def body_html(self):
        """What the editor puts in an article body for this video; public
        pages replace it with the player (videos/markup.py)."""
        from django.utils.html import format_html

        return format_html(
            '<video src="{}" poster="{}" title="{}" controls preload="none"></video>',
            self.url,
            self.poster_url,
            self.title,
        )
