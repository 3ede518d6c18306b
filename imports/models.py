"""What the archive importer remembers: each run (with its cursor, to go on
after an interruption, and its counts), each item it brought in (so a second
run updates instead of duplicating), and each item it could not take, with
the reason."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    WORDPRESS = "wordpress", _("WordPress (tệp WXR)")
    NUKEVIET = "nukeviet", _("NukeViet 4")
    CRAWL = "crawl", _("Đọc trang công khai")


class ImportRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Đang chạy hoặc bị ngắt")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Dừng vì lỗi")

    source = models.CharField(_("nguồn"), max_length=20, choices=Source.choices)
    location = models.CharField(
        _("tệp hoặc địa chỉ"),
        max_length=1000,
        help_text=_("Tệp, chuỗi kết nối (không có mật khẩu) hoặc trang bắt đầu."),
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    cursor = models.PositiveBigIntegerField(
        _("đã đọc đến mục"), default=0, help_text=_("Số mục của nguồn đã xử lý xong; lần chạy sau đi tiếp từ đây.")
    )
    created = models.PositiveIntegerField(_("tạo mới"), default=0)
    updated = models.PositiveIntegerField(_("cập nhật"), default=0)
    skipped = models.PositiveIntegerField(_("bỏ qua"), default=0)
    failed = models.PositiveIntegerField(_("lỗi"), default=0)
    started_at = models.DateTimeField(_("bắt đầu"), default=timezone.now)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    message = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("lần nhập")
        verbose_name_plural = _("các lần nhập")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["source", "location", "status"], name="importrun_resume_idx")]

    def __str__(self):
        return f"{self.get_source_display()} – {self.location}"


class ImportedItem(models.Model):
    """One thing of the old site brought in: its identity there (``source``
    names the old site, ``kind`` and ``source_id`` the thing) and the row it
    became here. ``checksum`` tells an unchanged item (skipped) from one to
    update."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Bài viết")
        CATEGORY = "category", _("Chuyên mục")
        TAG = "tag", _("Từ khóa")
        IMAGE = "image", _("Ảnh")
        COMMENT = "comment", _("Bình luận")

    source = models.CharField(_("nguồn"), max_length=200, help_text=_("Ví dụ “wordpress:baodienbien.vn”."))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    source_id = models.CharField(_("mã ở nguồn"), max_length=500)
    object_id = models.PositiveBigIntegerField(_("mã ở đây"))
    checksum = models.CharField(_("dấu nội dung"), max_length=64, blank=True)
    imported_at = models.DateTimeField(_("thời điểm nhập"), default=timezone.now)

    class Meta:
        verbose_name = _("mục đã nhập")
        verbose_name_plural = _("mục đã nhập")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "source_id"], name="importeditem_once"),
        ]
        indexes = [models.Index(fields=["kind", "checksum"], name="importeditem_checksum_idx")]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.source_id} → #{self.object_id}"


class ImportProblem(models.Model):
    run = models.ForeignKey(ImportRun, verbose_name=_("lần nhập"), on_delete=models.CASCADE, related_name="problems")
    item = models.CharField(_("mục"), max_length=500)
    reason = models.TextField(_("lý do"))
    skipped = models.BooleanField(_("chỉ bỏ qua"), default=False, help_text=_("Bỏ qua có chủ ý, không phải lỗi."))

    class Meta:
        verbose_name = _("mục không nhập")
        verbose_name_plural = _("mục không nhập")
        ordering = ["run", "id"]

    def __str__(self):
        return f"{self.item}: {self.reason}"
