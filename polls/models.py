"""Polls (“Thăm dò ý kiến”)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.fields import NFCCharField

MIN_OPTIONS = 2
MAX_OPTIONS = 10


class PollQuerySet(models.QuerySet):
    def visible(self):
        """Readers may see a poll once it has opened (open or closed since)."""
        return self.filter(opens_at__lte=timezone.now())


class Poll(models.Model):
    question = NFCCharField(_("câu hỏi"), max_length=300)
    opens_at = models.DateTimeField(
        _("mở từ"), default=timezone.now, help_text=_("Trước thời điểm này bạn đọc chưa thấy cuộc thăm dò.")
    )
    closes_at = models.DateTimeField(
        _("đóng lúc"),
        null=True,
        blank=True,
        help_text=_("Sau thời điểm này chỉ còn xem kết quả. Để trống: mở đến khi đóng tay."),
    )
    in_sidebar = models.BooleanField(
        _("hiện ở cột bên"),
        default=False,
        help_text=_("Chỉ một cuộc thăm dò hiện ở cột bên của trang; chọn cuộc này sẽ bỏ chọn cuộc trước."),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    objects = PollQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc thăm dò")
        verbose_name_plural = _("thăm dò ý kiến")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["in_sidebar"], condition=Q(in_sidebar=True), name="poll_one_in_sidebar"),
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="poll_closes_after_opening",
                violation_error_message=_("Thời điểm đóng phải sau thời điểm mở."),
            ),
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("polls:detail", kwargs={"pk": self.pk})

    def get_vote_url(self):
        return reverse("polls:vote", kwargs={"pk": self.pk})

    @property
    def is_open(self):
        now = timezone.now()
        return self.opens_at <= now and (self.closes_at is None or now < self.closes_at)


class Option(models.Model):
    poll = models.ForeignKey(Poll, verbose_name=_("cuộc thăm dò"), on_delete=models.CASCADE, related_name="options")
    text = NFCCharField(_("phương án"), max_length=200)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    votes = models.PositiveIntegerField(_("số phiếu"), default=0, editable=False)

    class Meta:
        verbose_name = _("phương án")
        verbose_name_plural = _("phương án")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["poll", "text"], name="option_text_once_per_poll")]

    def __str__(self):
        return self.text


def results(options):
    """``[(option, percent)]`` and the total of votes; percentages rounded to
    whole numbers (they may add up to 99 or 101)."""
    total = sum(o.votes for o in options)
    return [(o, round(o.votes * 100 / total) if total else 0) for o in options], total
