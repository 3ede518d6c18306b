"""Authors (“Tác giả”): the reporters, editors, collaborators and
organisations whose names are printed on articles, with their pen names and,
for the accounts office, their payment details."""

import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.fields import NFCCharField, NFCTextField
from newsroom.text import fold, nfc, slugify_vi, unique_slug
from newsroom.validators import validate_ascii_slug

from .bylines import Kind


def name_key(name):
    """What makes two printed names the same name: case, spacing and the
    space after an initial do not count (“T. Hòa” = “T.Hòa” = “t.hòa”);
    accents do (“Thu Hà” and “Thu Hạ” are two people)."""
    text = re.sub(r"\s+", " ", nfc(name or "")).strip()
    return re.sub(r"\.\s+", ".", text).casefold()


class Author(models.Model):
    Kind = Kind

    name = NFCCharField(
        _("tên hiển thị"),
        max_length=100,
        help_text=_(
            "Tên in trên bài và trên trang tác giả, thường là bút danh hay dùng nhất, "
            "ví dụ “Quang Long”; với cơ quan: “TTXVN”, “Báo Nhân Dân”."
        ),
    )
    real_name = NFCCharField(
        _("họ và tên thật"),
        max_length=100,
        blank=True,
        help_text=_("Họ tên trên giấy tờ, để kế toán trả nhuận bút. Không hiện cho bạn đọc."),
    )
    slug = models.CharField(
        _("đường dẫn"),
        max_length=100,
        unique=True,
        blank=True,
        validators=[validate_ascii_slug],
        help_text=_("Trang tác giả: /tac-gia/<đường dẫn>/. Để trống để tự tạo từ tên hiển thị."),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.REPORTER)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text=_("Tài khoản của người này trong tòa soạn, nếu có: người đó xem được điểm nhuận bút của mình."),
    )
    bio = NFCTextField(_("giới thiệu ngắn"), max_length=1000, blank=True, help_text=_("Hiện trên trang tác giả."))
    photo = models.ForeignKey(
        "images.Image",
        verbose_name=_("ảnh chân dung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="author_photos",
        help_text=_("Chọn một ảnh trong thư viện ảnh; hiện trên trang tác giả."),
    )
    # The names folded for accent-insensitive search (" quang long | t hoa "):
    # written by update_search_text(), read by the admin's autocomplete.
    search_text = models.TextField(_("tên để tìm"), blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name"], name="author_name_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify_vi(self.name, 100) or "tac-gia"
            self.slug = unique_slug(Author.objects.exclude(pk=self.pk), base, 100)
        self.search_text = self.folded_names()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    @property
    def is_staff_member(self):
        """Phóng viên and biên tập viên are on the paper's payroll."""
        return self.kind in (Kind.REPORTER, Kind.EDITOR)

    @property
    def is_organisation(self):
        return self.kind == Kind.ORGANISATION

    def names(self):
        """Every name this author is printed under: the display name first."""
        names = [self.name]
        if self.pk:
            names += [p.name for p in self.pen_names.all()]
        return names

    def folded_names(self):
        return "|".join(fold(name) for name in [*self.names(), self.real_name] if name)

    def update_search_text(self):
        """After pen names were added or removed."""
        self.search_text = self.folded_names()
        Author.objects.filter(pk=self.pk).update(search_text=self.search_text)


class PenName(models.Model):
    author = models.ForeignKey(Author, verbose_name=_("tác giả"), on_delete=models.CASCADE, related_name="pen_names")
    name = NFCCharField(_("bút danh"), max_length=100, help_text=_("Ví dụ “T.Hòa”, “Thu Hòa”."))

    class Meta:
        verbose_name = _("bút danh")
        verbose_name_plural = _("bút danh khác")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["author", "name"], name="pen_name_once")]

    def __str__(self):
        return self.name


validate_digits = RegexValidator(r"^[0-9]+\Z", _("Chỉ gồm chữ số."))


class PaymentDetails(models.Model):
    """What the accounts office needs to pay a collaborator. Only the desk
    and the Kế toán role may see it (``authors.view_paymentdetails``)."""

    author = models.OneToOneField(
        Author, verbose_name=_("tác giả"), on_delete=models.CASCADE, related_name="payment_details"
    )
    id_number = models.CharField(
        _("số CCCD/CMND"),
        max_length=12,
        validators=[RegexValidator(r"^(?:[0-9]{9}|[0-9]{12})\Z", _("Số CCCD có 12 chữ số (CMND cũ: 9 chữ số)."))],
    )
    tax_code = models.CharField(
        _("mã số thuế"),
        max_length=14,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9]{10}(?:-[0-9]{3})?\Z", _("Mã số thuế có 10 chữ số (hoặc 10 chữ số, gạch, 3 chữ số).")
            )
        ],
        help_text=_("Để trống nếu người này dùng số CCCD làm mã số thuế."),
    )
    bank_account = models.CharField(
        _("số tài khoản"),
        max_length=20,
        validators=[validate_digits, RegexValidator(r"^.{6,20}\Z", _("Số tài khoản có từ 6 đến 20 chữ số."))],
    )
    bank_name = NFCCharField(
        _("ngân hàng, chi nhánh"), max_length=200, help_text=_("Ví dụ “Agribank chi nhánh Điện Biên”.")
    )
    account_holder = NFCCharField(
        _("chủ tài khoản"), max_length=100, blank=True, help_text=_("Để trống nếu trùng họ tên thật của tác giả.")
    )
    address = NFCCharField(_("địa chỉ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("thông tin thanh toán")
        verbose_name_plural = _("thông tin thanh toán")

    def __str__(self):
        return _("Thông tin thanh toán của %(name)s") % {"name": self.author.name}
