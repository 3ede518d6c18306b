"""Nhuận bút: the paper's scale (kinds of work with their points, and
coefficients), each month's point value or fund, the desk's grade of each
contribution (every change kept), and the sheet the Tổng biên tập approves,
kept as it was approved. See docs/royalties.md."""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from authors.bylines import Kind
from newsroom.fields import NFCCharField, NFCTextField


class WorkType(models.Model):
    """One line of the scale (“khung nhuận bút”): a kind of work and the
    points it may be given."""

    name = NFCCharField(
        _("thể loại tác phẩm"), max_length=80, unique=True, help_text=_("Ví dụ “Tin”, “Bài”, “Phóng sự”, “Ảnh”.")
    )
    min_points = models.DecimalField(
        _("điểm thấp nhất"), max_digits=6, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    max_points = models.DecimalField(_("điểm cao nhất"), max_digits=6, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(
        _("đang dùng"), default=True, help_text=_("Bỏ chọn để không chấm theo thể loại này nữa.")
    )

    class Meta:
        verbose_name = _("thể loại trong khung nhuận bút")
        verbose_name_plural = _("khung nhuận bút: thể loại")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_points__gte=0) & Q(max_points__gt=0) & Q(max_points__gte=models.F("min_points")),
                name="work_type_points_range",
                violation_error_message=_("Điểm cao nhất phải lớn hơn 0 và không nhỏ hơn điểm thấp nhất."),
            ),
        ]

    def __str__(self):
        return _("%(name)s (%(min)s–%(max)s điểm)") % {
            "name": self.name,
            "min": f"{self.min_points.normalize():f}",
            "max": f"{self.max_points.normalize():f}",
        }


class Coefficient(models.Model):
    """A multiplier the grader may add to a work: exclusive news, reporting
    from a hard area, an outstanding piece."""

    name = NFCCharField(_("tên hệ số"), max_length=120, unique=True, help_text=_("Ví dụ “Tin độc quyền”."))
    factor = models.DecimalField(
        _("hệ số"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Nhân với số điểm: 1,20 là thêm 20 %."),
    )
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("hệ số nhuận bút")
        verbose_name_plural = _("khung nhuận bút: hệ số")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(factor__gt=0),
                name="coefficient_positive",
                violation_error_message=_("Hệ số phải lớn hơn 0."),
            ),
        ]

    def __str__(self):
        return f"{self.name} (×{self.factor.normalize():f})"


class RoyaltyMonth(models.Model):
    """A month of royalties: its point value, or its fund from which the
    point value follows, and whether the Tổng biên tập has approved (and so
    locked) its sheet."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang chấm")
        APPROVED = "approved", _("Đã duyệt, khóa")

    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    month = models.PositiveSmallIntegerField(_("tháng"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    point_value = models.DecimalField(
        _("giá trị một điểm (đồng)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Số tiền cho một điểm. Điền giá trị điểm hoặc quỹ nhuận bút, không điền cả hai."),
    )
    fund = models.DecimalField(
        _("quỹ nhuận bút tháng (đồng)"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Tổng số tiền chia cho các tác phẩm theo điểm; giá trị một điểm tự tính ra."),
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)
    # The tax rule in force when the month was approved (settings may change later).
    tax_threshold = models.DecimalField(_("ngưỡng khấu trừ thuế"), max_digits=15, decimal_places=0, null=True)
    tax_rate = models.DecimalField(_("thuế suất"), max_digits=5, decimal_places=4, null=True)

    class Meta:
        verbose_name = _("bảng nhuận bút tháng")
        verbose_name_plural = _("bảng nhuận bút tháng")
        ordering = ["-year", "-month"]
        permissions = [("approve_royaltymonth", _("Có thể duyệt, khóa và mở lại bảng nhuận bút tháng"))]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month"], name="royalty_month_once", violation_error_message=_("Đã có tháng này.")
            ),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="royalty_month_range"),
            models.CheckConstraint(
                condition=Q(point_value__isnull=True) | Q(point_value__gt=0),
                name="royalty_point_value_positive",
                violation_error_message=_("Giá trị một điểm phải lớn hơn 0."),
            ),
            models.CheckConstraint(
                condition=Q(fund__isnull=True) | Q(fund__gt=0),
                name="royalty_fund_positive",
                violation_error_message=_("Quỹ nhuận bút phải lớn hơn 0."),
            ),
            models.CheckConstraint(
                condition=Q(point_value__isnull=True) | Q(fund__isnull=True),
                name="royalty_point_value_or_fund",
                violation_error_message=_("Điền giá trị một điểm hoặc quỹ nhuận bút, không điền cả hai."),
            ),
        ]

    def __str__(self):
        return _("Tháng %(month)02d/%(year)d") % {"month": self.month, "year": self.year}

    @property
    def title(self):
        return _("Bảng nhuận bút tháng %(month)02d/%(year)d") % {"month": self.month, "year": self.year}

    @property
    def is_locked(self):
        return self.status == self.Status.APPROVED

    def period(self):
        """[start, end) of the month in the newsroom's time zone, as aware datetimes."""
        start = timezone.make_aware(datetime(self.year, self.month, 1))
        following = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
        return start, timezone.make_aware(datetime(*following, 1))

    @staticmethod
    def key_for(moment):
        """(year, month) of an aware datetime in the newsroom's time zone."""
        local = timezone.localtime(moment)
        return local.year, local.month


class Grade(models.Model):
    """The desk's grade of one contribution: its kind of work, points within
    the scale, coefficients, and the share of the work that is this
    contributor's (co-authors share as the grader says)."""

    contribution = models.OneToOneField(
        "articles.Contribution",
        verbose_name=_("tác giả của bài"),
        on_delete=models.PROTECT,
        related_name="royalty_grade",
    )
    month = models.ForeignKey(RoyaltyMonth, verbose_name=_("tháng"), on_delete=models.PROTECT, related_name="grades")
    work_type = models.ForeignKey(WorkType, verbose_name=_("thể loại"), on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    coefficients = models.ManyToManyField(Coefficient, verbose_name=_("hệ số"), blank=True, related_name="+")
    # The product of the coefficients when graded (4 decimals, half up): a
    # later change of a coefficient does not change a graded work.
    factor = models.DecimalField(_("hệ số nhân"), max_digits=8, decimal_places=4, default=Decimal("1"))
    share = models.DecimalField(
        _("tỷ lệ hưởng (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        help_text=_("Phần của tác giả này khi nhiều người cùng làm một tác phẩm."),
    )
    note = NFCTextField(_("ghi chú"), max_length=1000, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người chấm"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    graded_at = models.DateTimeField(_("thời điểm chấm"), default=timezone.now)

    class Meta:
        verbose_name = _("điểm nhuận bút")
        verbose_name_plural = _("điểm nhuận bút")
        permissions = [("grade_contribution", _("Có thể chấm nhuận bút"))]
        constraints = [
            models.CheckConstraint(condition=Q(points__gte=0), name="grade_points_not_negative"),
            models.CheckConstraint(condition=Q(share__gt=0, share__lte=100), name="grade_share_range"),
            models.CheckConstraint(condition=Q(factor__gt=0), name="grade_factor_positive"),
        ]

    def __str__(self):
        from .money import format_points

        return _("%(type)s, %(points)s điểm") % {"type": self.work_type.name, "points": format_points(self.points)}


class GradeChange(models.Model):
    """Every grade given, changed or removed: who, when, before and after."""

    contribution = models.ForeignKey(
        "articles.Contribution",
        verbose_name=_("tác giả của bài"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="royalty_grade_changes",
    )
    month = models.ForeignKey(RoyaltyMonth, verbose_name=_("tháng"), on_delete=models.PROTECT, related_name="changes")
    article_title = NFCCharField(_("bài viết"), max_length=300)
    author_name = NFCCharField(_("tác giả"), max_length=100)
    before = models.JSONField(_("trước"), null=True)
    after = models.JSONField(_("sau"), null=True)
    note = NFCTextField(_("ghi chú"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người chấm"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        verbose_name = _("lần chấm nhuận bút")
        verbose_name_plural = _("lịch sử chấm nhuận bút")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.author_name} – {self.article_title}"


class SheetLine(models.Model):
    """A line of an approved sheet, as it was approved: later changes to the
    article, the author or the scale do not change it."""

    month = models.ForeignKey(RoyaltyMonth, verbose_name=_("tháng"), on_delete=models.CASCADE, related_name="lines")
    author = models.ForeignKey(
        "authors.Author", verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="royalty_lines"
    )
    position = models.PositiveIntegerField(_("thứ tự"))
    author_name = NFCCharField(_("tác giả"), max_length=100)
    article_id = models.PositiveIntegerField(_("mã bài"))
    article_title = NFCCharField(_("bài viết"), max_length=300)
    published_at = models.DateTimeField(_("ngày đăng"))
    role = NFCCharField(_("vai trò"), max_length=40)
    work_type = NFCCharField(_("thể loại"), max_length=80)
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    factor = models.DecimalField(_("hệ số"), max_digits=8, decimal_places=4)
    share = models.DecimalField(_("tỷ lệ (%)"), max_digits=5, decimal_places=2)
    effective = models.DecimalField(_("điểm quy đổi"), max_digits=14, decimal_places=4)
    amount = models.DecimalField(_("thành tiền"), max_digits=15, decimal_places=0)

    class Meta:
        verbose_name = _("dòng bảng nhuận bút")
        verbose_name_plural = _("dòng bảng nhuận bút")
        ordering = ["month", "position"]

    def __str__(self):
        return f"{self.author_name} – {self.article_title}"


class SheetTotal(models.Model):
    """One author's total in an approved sheet, with the tax withheld and the
    payment details used."""

    month = models.ForeignKey(RoyaltyMonth, verbose_name=_("tháng"), on_delete=models.CASCADE, related_name="totals")
    author = models.ForeignKey(
        "authors.Author", verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="royalty_totals"
    )
    author_name = NFCCharField(_("tác giả"), max_length=100)
    real_name = NFCCharField(_("họ và tên"), max_length=100, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    works = models.PositiveIntegerField(_("số tác phẩm"))
    effective = models.DecimalField(_("điểm quy đổi"), max_digits=14, decimal_places=4)
    gross = models.DecimalField(_("thành tiền"), max_digits=15, decimal_places=0)
    tax = models.DecimalField(_("thuế TNCN khấu trừ"), max_digits=15, decimal_places=0)
    net = models.DecimalField(_("thực lĩnh"), max_digits=15, decimal_places=0)
    id_number = models.CharField(_("số CCCD/CMND"), max_length=12, blank=True)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True)
    bank_account = models.CharField(_("số tài khoản"), max_length=20, blank=True)
    bank_name = NFCCharField(_("ngân hàng"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("tổng nhuận bút của tác giả")
        verbose_name_plural = _("tổng nhuận bút của tác giả")
        ordering = ["month", "author_name"]
        constraints = [
            models.UniqueConstraint(fields=["month", "author"], name="sheet_total_once"),
            models.CheckConstraint(condition=Q(net=models.F("gross") - models.F("tax")), name="sheet_total_net"),
        ]

    def __str__(self):
        return _("%(name)s – %(month)s") % {"name": self.author_name, "month": self.month}
