"""The audit log: who did what to the newsroom's articles, home page and
accounts. Written only through ``audit.services.record``; never edited."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.fields import NFCCharField, NFCTextField


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        SUBMIT = "submit", _("Gửi biên tập")
        SEND_FOR_APPROVAL = "approval", _("Gửi duyệt")
        RETURN = "return", _("Trả lại")
        PUBLISH = "publish", _("Xuất bản")
        SCHEDULE = "schedule", _("Hẹn giờ xuất bản")
        UNPUBLISH = "unpublish", _("Gỡ bài")
        RESTORE = "restore", _("Khôi phục phiên bản")
        DELETE = "delete", _("Xóa bài")
        CURATION = "curation", _("Sắp xếp trang chủ")
        PERMISSIONS = "permissions", _("Đổi quyền")
        IMAGE_TEXT = "image", _("Sửa chú thích ảnh")
        TAG = "tag", _("Sửa từ khóa")
        CATEGORY = "category", _("Sửa chuyên mục")
        MERGE_AUTHORS = "merge_authors", _("Gộp tác giả")
        ROYALTY_VALUE = "royalty_value", _("Đặt giá trị điểm nhuận bút")
        ROYALTY_APPROVE = "royalty_approve", _("Duyệt và khóa bảng nhuận bút")
        ROYALTY_REOPEN = "royalty_reopen", _("Mở lại bảng nhuận bút")

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("việc"), max_length=20, choices=Action.choices)
    # What the action was done to, kept as text so that the entry outlives it
    # (a deleted article, a deleted group).
    target_type = models.CharField(_("loại đối tượng"), max_length=100)
    target_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    target_repr = NFCCharField(_("đối tượng"), max_length=300)
    detail = NFCTextField(_("chi tiết"), blank=True)

    class Meta:
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký tòa soạn")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["action", "-at"], name="audit_action_at_idx"),
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.target_repr}"
