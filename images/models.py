"""The image library: every photo the newsroom publishes, with its caption,
credit and alt text, stored once and reused by any number of articles."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsroom.fields import NFCCharField

from . import processing


class Image(models.Model):
    """A library image. ``file`` is the re-encoded original (random name, no
    metadata); its renditions sit next to it as ``<name>-<width>.webp`` and
    ``<name>-<width>.jpg`` for every width in ``rendition_widths``, so a page
    builds their URLs without a query."""

    file = models.FileField(_("tệp ảnh"), max_length=200, editable=False)
    width = models.PositiveIntegerField(_("chiều rộng"), editable=False)
    height = models.PositiveIntegerField(_("chiều cao"), editable=False)
    format = models.CharField(_("định dạng"), max_length=10, editable=False)
    file_size = models.PositiveIntegerField(_("dung lượng (byte)"), editable=False)
    rendition_widths = models.JSONField(_("các cỡ đã tạo"), default=list, editable=False)
    caption = NFCCharField(
        _("chú thích"),
        max_length=500,
        blank=True,
        help_text=_("Hiện dưới ảnh. Ví dụ “Bà con bản Mường Phăng thu hoạch lúa.”"),
    )
    credit = NFCCharField(
        _("nguồn ảnh"), max_length=200, blank=True, help_text=_("Ví dụ “Ảnh: Quang Long” hoặc “Ảnh: TTXVN”.")
    )
    alt_text = NFCCharField(
        _("mô tả cho người khiếm thị"),
        max_length=300,
        blank=True,
        help_text=_("Tả ngắn những gì thấy trong ảnh, cho người dùng trình đọc màn hình. Để trống thì dùng chú thích."),
    )
    original_filename = NFCCharField(_("tên tệp gốc"), max_length=255, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="images_uploaded",
        editable=False,
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("thư viện ảnh")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["file"], name="image_file_unique"),
            models.CheckConstraint(condition=models.Q(width__gt=0, height__gt=0), name="image_has_size"),
        ]
        indexes = [models.Index(fields=["-uploaded_at", "-id"], name="image_uploaded_idx")]

    def __str__(self):
        label = self.caption or self.alt_text or self.original_filename or _("Ảnh")
        return f"{label[:80]} (#{self.pk})" if self.pk else str(label)[:80]

    def get_absolute_url(self):
        return reverse("admin:images_image_change", args=[self.pk])

    # --- files -----------------------------------------------------------------

    @property
    def stem(self):
        """``images/2026/11/3f2a…`` : the file name without its extension."""
        return self.file.name.rsplit(".", 1)[0]

    @property
    def key(self):
        """The random part of the name, which identifies the image in a URL."""
        return self.stem.rsplit("/", 1)[-1]

    def rendition_name(self, width, extension):
        return f"{self.stem}-{width}.{extension}"

    def rendition_names(self):
        return [
            self.rendition_name(w, ext) for w in self.rendition_widths for _fmt, ext in processing.RENDITION_FORMATS
        ]

    def best_width(self, width):
        """The smallest rendition at least ``width`` wide, else the largest."""
        widths = sorted(self.rendition_widths)
        if not widths:
            return None
        return next((w for w in widths if w >= width), widths[-1])

    def rendition_url(self, width=1280, extension="jpg"):
        """URL of the rendition closest to ``width`` (JPEG by default; "webp"
        for WebP). For meta tags: ``article.featured_image.rendition_url(1200)``
        with ``rendition_size(1200)`` for og:image:width/height."""
        best = self.best_width(width)
        if best is None:
            return self.file.url
        return default_storage.url(self.rendition_name(best, extension))

    def rendition_size(self, width=1280):
        best = self.best_width(width) or self.width
        return best, processing.height_for(best, self.width, self.height)

    def srcset(self, extension="jpg"):
        return ", ".join(
            f"{default_storage.url(self.rendition_name(w, extension))} {w}w" for w in sorted(self.rendition_widths)
        )

    @property
    def description(self):
        """Alt text for readers: the alt text, else the caption."""
        return self.alt_text or self.caption

    def figure_html(self, caption=None, credit=None):
        """The figure an editor puts in an article body (see docs/images.md).
        On public pages its <img> gets srcset, sizes and lazy loading."""
        caption = self.caption if caption is None else caption
        credit = self.credit if credit is None else credit
        width, height = self.rendition_size(1280)
        figcaption = ""
        if caption or credit:
            figcaption = format_html(
                "<figcaption>{}</figcaption>", " ".join(part for part in (caption, credit) if part)
            )
        return format_html(
            '<figure><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
            self.rendition_url(1280),
            self.description,
            width,
            height,
            figcaption,
        )
