"""Reader comments and the keyword blocklist."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from newsroom.fields import NFCCharField, NFCTextField


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """What readers may see. The only definition of it."""
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def for_article_page(self, article):
        """The approved comments under an article, oldest first, with only the
        columns the page shows (one query, whatever their number)."""
        return (
            self.approved()
            .filter(article=article)
            .only("id", "article_id", "name", "body", "created_at", "reply", "replied_at")
            .order_by("created_at", "id")
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Từ chối")
        SPAM = "spam", _("Thư rác")

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="comments"
    )
    name = NFCCharField(_("họ tên"), max_length=settings.NEWSROOM_COMMENT_NAME_MAX)
    email = models.EmailField(_("e-mail"), help_text=_("Không hiện cho bạn đọc."))
    body = NFCTextField(_("nội dung"), max_length=settings.NEWSROOM_COMMENT_BODY_MAX)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    flag = NFCCharField(
        _("lưu ý"),
        max_length=200,
        blank=True,
        help_text=_("Vì sao hệ thống giữ lại hoặc xếp vào thư rác, ví dụ “nhiều liên kết”."),
    )
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    fingerprint = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("thời gian gửi"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("thời gian duyệt"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reply = NFCTextField(
        _("tòa soạn trả lời"),
        blank=True,
        max_length=settings.NEWSROOM_COMMENT_BODY_MAX,
        help_text=_("Hiện dưới bình luận với nhãn “Tòa soạn trả lời”."),
    )
    replied_at = models.DateTimeField(_("thời gian trả lời"), null=True, blank=True, editable=False)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bình luận")
        verbose_name_plural = _("bình luận")
        ordering = ["-created_at", "-id"]
        constraints = [
            # The same comment sent twice (double click, reload) is stored once.
            models.UniqueConstraint(fields=["article", "fingerprint"], name="comment_once_per_article"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected", "spam"]), name="comment_status_valid"
            ),
            models.CheckConstraint(condition=~Q(name="") & ~Q(body=""), name="comment_has_name_and_body"),
            models.CheckConstraint(condition=Q(reply="") | Q(replied_at__isnull=False), name="comment_reply_has_time"),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="comment_status_created_idx"),
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status_idx"),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#binh-luan-{self.pk}"


class BlockedWord(models.Model):
    """A word or phrase that sends a comment straight to spam. Matched as whole
    words, without accents and case: “cá độ” also catches “ca do”, “CÁ ĐỘ”."""

    word = NFCCharField(
        _("từ bị chặn"),
        max_length=100,
        unique=True,
        help_text=_("Một từ hoặc cụm từ. So khớp cả từ, không phân biệt hoa thường và dấu."),
    )
    created_at = models.DateTimeField(_("ngày thêm"), auto_now_add=True)

    class Meta:
        verbose_name = _("từ bị chặn")
        verbose_name_plural = _("từ bị chặn")
        ordering = ["word"]
        constraints = [models.CheckConstraint(condition=~Q(word=""), name="blocked_word_not_empty")]

    def __str__(self):
        return self.word
