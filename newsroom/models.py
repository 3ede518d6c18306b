"""The publication profile: who we are, shown in every page's header and footer."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from delivery import data, scopes

from .fields import NFCCharField
from .themes import DEFAULT_THEME, THEME_CHOICES, get_theme
from .validators import validate_favicon, validate_logo, validate_touch_icon


class Publication(models.Model):
    """The one profile of this site (a singleton: always primary key 1)."""

    name = NFCCharField(_("tên báo"), max_length=200, default="Báo Điện Biên Phủ")
    sapo_prefix = NFCCharField(
        _("tiền tố sapo"),
        max_length=20,
        blank=True,
        default="ĐBP",
        help_text=_("In đậm trước sapo mỗi bài, ví dụ “ĐBP” thành “ĐBP - …”. Để trống nếu không dùng."),
    )
    tagline = NFCCharField(_("khẩu hiệu"), max_length=300, blank=True)
    hotline = NFCCharField(_("đường dây nóng"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail tòa soạn"), blank=True)
    phone = NFCCharField(_("điện thoại"), max_length=50, blank=True)
    owner = NFCCharField(_("cơ quan chủ quản"), max_length=300, blank=True)
    licence = NFCCharField(_("giấy phép"), max_length=300, blank=True)
    editor_in_chief = NFCCharField(_("Tổng biên tập"), max_length=200, blank=True)
    address = NFCCharField(_("địa chỉ"), max_length=300, blank=True)
    theme = models.CharField(
        _("giao diện"),
        max_length=20,
        choices=THEME_CHOICES,
        default=DEFAULT_THEME,
        help_text=_("Giao diện của trang công khai. Đổi xong, trang công khai đổi theo ngay, không cần khởi động lại."),
    )
    comments_enabled = models.BooleanField(
        _("nhận bình luận"),
        default=True,
        help_text=_(
            "Bỏ chọn để đóng bình luận trên toàn trang. Các bình luận đã duyệt vẫn hiện; "
            "bạn đọc không gửi được bình luận mới."
        ),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="publication/",
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
        validators=[validate_logo],
        help_text=_(
            "Ảnh PNG, JPEG hoặc WebP, tối đa 512 KB, nền trong suốt nếu có thể: hiện ở đầu trang thay cho tên báo "
            "(tên báo vẫn được đọc cho người dùng trình đọc màn hình) và trong dữ liệu cho máy tìm kiếm."
        ),
    )
    # Written by the logo field: the masthead's <img> keeps its place (no layout shift).
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    favicon = models.FileField(
        _("biểu tượng trang (favicon)"),
        upload_to="publication/",
        blank=True,
        validators=[validate_favicon],
        help_text=_("Ảnh vuông PNG hoặc ICO, ví dụ 48 × 48, tối đa 128 KB: hiện trên thẻ trình duyệt."),
    )
    touch_icon = models.FileField(
        _("biểu tượng trên điện thoại"),
        upload_to="publication/",
        blank=True,
        validators=[validate_touch_icon],
        help_text=_("Ảnh vuông PNG 180 × 180, tối đa 256 KB: khi bạn đọc thêm trang vào màn hình chính."),
    )
    light_edition = models.BooleanField(
        _("bản nhẹ"),
        default=False,
        help_text=_(
            "Những ngày bão lũ, mạng yếu: mọi trang công khai chỉ còn chữ (không phông web, không ảnh "
            "trừ khi bạn đọc bấm xem, không cột bên), kèm một dòng báo và liên kết về bản đầy đủ."
        ),
    )

    class Meta:
        verbose_name = _("thông tin tờ báo")
        verbose_name_plural = _("thông tin tờ báo")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="publication_is_singleton"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        scopes.bump(scopes.SITE)  # on every page (delivery/scopes.py)

    def delete(self, *args, **kwargs):
        scopes.bump(scopes.SITE)
        return super().delete(*args, **kwargs)

    @classmethod
    def load(cls):
        """The profile, cached under the "site" scope (it is on every page)."""
        return data.cached(None, "publication", [scopes.SITE], lambda: cls.objects.get_or_create(pk=1)[0])

    @property
    def site_theme(self):
        """The theme's registry entry (labels, date line, templates)."""
        return get_theme(self.theme)

    @property
    def sapo_lead_in(self):
        return f"{self.sapo_prefix} - " if self.sapo_prefix else ""
