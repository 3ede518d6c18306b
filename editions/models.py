"""The print edition online (“Báo in”): editions, their issues, the pages of
an issue and which online articles were printed on which page.

An issue's files live in one folder, ``Issue.files_dir`` (random name, under
``MEDIA_ROOT/bao-in/``): the whole-issue PDF and, for each page, its image
in three widths, WebP and JPEG (``Page.image_name()``). The folder is made
by the background processing (editions/services.py) and only put in place
once every page of the issue has been made."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.fields import NFCCharField, NFCTextField
from newsroom.text import slugify_vi, unique_slug, weekday_name
from newsroom.validators import validate_ascii_slug

# Paths under /bao-in/ that an edition's slug may not take.
RESERVED_EDITION_SLUGS = frozenset({"tim-kiem", "rss"})

# The page images, by use: (name, width in pixels). Each in WebP and JPEG.
THUMB, READ, ZOOM = "thumb", "read", "zoom"
PAGE_WIDTHS = {THUMB: 240, READ: 1000, ZOOM: 2000}
PAGE_FORMATS = ("webp", "jpg")


class Edition(models.Model):
    """A print edition of the paper: “Báo in hằng ngày”, “Báo in vùng cao”…"""

    name = NFCCharField(_("tên ấn phẩm"), max_length=100, help_text=_("Ví dụ “Báo in hằng ngày”, “Số cuối tuần”."))
    slug = models.CharField(
        _("đường dẫn"),
        max_length=60,
        unique=True,
        blank=True,
        validators=[validate_ascii_slug],
        help_text=_("Chữ không dấu, nối bằng gạch ngang. Để trống để tự tạo từ tên."),
    )
    schedule = NFCCharField(
        _("lịch phát hành"),
        max_length=200,
        blank=True,
        help_text=_("Bạn đọc thấy dòng này, ví dụ “Thứ Hai, Thứ Tư, Thứ Sáu hằng tuần” hoặc “Hai kỳ mỗi tháng”."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước."))
    digest_category = models.ForeignKey(
        "articles.Category",
        verbose_name=_("chuyên mục của bài Điểm báo in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Bài “Điểm báo in” tạo từ một số báo được đặt vào chuyên mục này (dạng nháp)."),
    )

    class Meta:
        verbose_name = _("ấn phẩm báo in")
        verbose_name_plural = _("ấn phẩm báo in")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify_vi(self.name, 60) or "bao-in"
            if base in RESERVED_EDITION_SLUGS:
                base = f"{base}-an-pham"
            self.slug = unique_slug(Edition.objects.exclude(pk=self.pk), base, 60)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("editions:edition", kwargs={"edition": self.slug})

    def clean(self):
        if self.slug in RESERVED_EDITION_SLUGS:
            raise ValidationError(
                {"slug": _("Đường dẫn “%(slug)s” đã dành cho trang khác của báo in.") % {"slug": self.slug}}
            )


class IssueQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: the desk published it. The only definition."""
        return self.filter(status=Issue.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        return self.select_related("edition").order_by("-date", "-number")


class Issue(models.Model):
    """One printed issue: ``Số 1234, Thứ Sáu, 04/12/2026`` of an edition."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Chưa xuất bản")
        PUBLISHED = "published", _("Đã xuất bản")

    class Processing(models.TextChoices):
        NONE = "none", _("Chưa có tệp")
        QUEUED = "queued", _("Chờ xử lý")
        RUNNING = "running", _("Đang xử lý")
        DONE = "done", _("Đã xử lý xong")
        FAILED = "failed", _("Lỗi")

    edition = models.ForeignKey(Edition, verbose_name=_("ấn phẩm"), on_delete=models.PROTECT, related_name="issues")
    number = models.PositiveIntegerField(_("số"), help_text=_("Số báo in trên măng-sét, duy nhất trong một năm."))
    date = models.DateField(_("ngày phát hành"), help_text=_("Gõ theo dạng ngày/tháng/năm, ví dụ 04/12/2026."))
    title = NFCCharField(
        _("tên số đặc biệt"), max_length=200, blank=True, help_text=_("Để trống, trừ số đặc biệt như “Số Xuân”.")
    )
    status = models.CharField(_("xuất bản"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("thời điểm xuất bản"), null=True, blank=True, editable=False)

    # The files readers get, set by the processing once every page is made.
    files_dir = models.CharField(_("thư mục tệp"), max_length=200, blank=True, editable=False)
    pdf_name = models.CharField(_("tệp PDF"), max_length=250, blank=True, editable=False)
    pdf_bytes = models.PositiveBigIntegerField(_("dung lượng PDF"), default=0, editable=False)
    page_count = models.PositiveSmallIntegerField(_("số trang"), default=0, editable=False)
    # Size of page 1 (the cover) in the zoom width, for width/height attributes.
    cover_width = models.PositiveIntegerField(default=0, editable=False)
    cover_height = models.PositiveIntegerField(default=0, editable=False)

    # The last upload and its processing in the background.
    processing = models.CharField(
        _("xử lý tệp"), max_length=20, choices=Processing.choices, default=Processing.NONE, editable=False
    )
    upload_token = models.CharField(max_length=64, blank=True, editable=False)
    pages_done = models.PositiveSmallIntegerField(_("số trang đã xử lý"), default=0, editable=False)
    pages_total = models.PositiveSmallIntegerField(default=0, editable=False)
    processing_error = NFCTextField(_("lỗi xử lý"), blank=True, editable=False)

    digest = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài Điểm báo in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày sửa"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("số báo in")
        verbose_name_plural = _("số báo in")
        ordering = ["-date", "-number"]
        permissions = [("publish_issue", _("Có thể xuất bản và gỡ số báo in"))]
        constraints = [
            models.UniqueConstraint(
                "edition",
                "number",
                ExtractYear("date"),
                name="issue_number_unique_per_year",
                violation_error_message=_("Ấn phẩm này đã có một số báo mang số này trong cùng năm."),
            ),
            # Readers never get an issue without pages.
            models.CheckConstraint(
                condition=~Q(status="published") | (Q(published_at__isnull=False) & Q(page_count__gt=0)),
                name="published_issue_has_pages",
            ),
        ]
        indexes = [
            models.Index(fields=["edition", "status", "-date"], name="issue_edition_date_idx"),
            models.Index(fields=["status", "-date"], name="issue_status_date_idx"),
        ]

    def __str__(self):
        return f"{self.edition} – {self.label}"

    def get_absolute_url(self):
        return reverse("editions:issue", kwargs=self._kwargs())

    @property
    def label(self):
        """``Số 1234, Thứ Sáu, 04/12/2026``."""
        text = _("Số %(number)s, %(weekday)s, %(date)s") % {
            "number": self.number,
            "weekday": weekday_name(self.date),
            "date": f"{self.date:%d/%m/%Y}",
        }
        return f"{text} – {self.title}" if self.title else text

    @property
    def is_visible(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def _kwargs(self):
        return {"edition": self.edition.slug, "year": f"{self.date.year:04d}", "number": self.number}

    def get_download_url(self):
        return reverse("editions:download", kwargs=self._kwargs())

    def page_url(self, number):
        return reverse("editions:page", kwargs={**self._kwargs(), "page": number})

    def download_filename(self):
        return f"{self.edition.slug}-so-{self.number}-{self.date:%Y-%m-%d}.pdf"

    def cover(self):
        """Page 1 as a Page-like object for thumbnails, without a query."""
        return Page(issue=self, number=1, width=self.cover_width, height=self.cover_height)


class Page(models.Model):
    """One printed page: its images (``image_url``) and its text, for search."""

    issue = models.ForeignKey(Issue, verbose_name=_("số báo"), on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveSmallIntegerField(_("trang"))
    width = models.PositiveIntegerField(_("rộng (điểm ảnh)"), help_text=_("Ở cỡ phóng to."))
    height = models.PositiveIntegerField(_("cao (điểm ảnh)"), help_text=_("Ở cỡ phóng to."))
    text = NFCTextField(_("chữ trên trang"), blank=True)
    # The text folded for search (lower case, no accents, words between
    # spaces: newsroom.text.fold); PostgreSQL has a GIN index on its words.
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("trang báo in")
        verbose_name_plural = _("trang báo in")
        ordering = ["issue", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="page_number_unique_per_issue"),
            models.CheckConstraint(condition=Q(number__gte=1), name="page_number_from_one"),
        ]

    def __str__(self):
        return _("Trang %(page)s, %(issue)s") % {"page": self.number, "issue": self.issue}

    def get_absolute_url(self):
        return self.issue.page_url(self.number)

    @staticmethod
    def image_name(files_dir, number, size, extension):
        return f"{files_dir}/trang-{number:03d}-{PAGE_WIDTHS[size]}.{extension}"

    def image_url(self, size, extension="jpg"):
        return default_storage.url(self.image_name(self.issue.files_dir, self.number, size, extension))

    def height_at(self, size):
        if not self.width:
            return 0
        return round(self.height * PAGE_WIDTHS[size] / self.width)


class PrintedArticle(models.Model):
    """An online article printed in an issue, on one page (an article
    continued on page 5 has a second row)."""

    issue = models.ForeignKey(
        Issue, verbose_name=_("số báo"), on_delete=models.CASCADE, related_name="printed_articles"
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="print_placements",
        help_text=_("Gõ để tìm bài theo tiêu đề."),
    )
    page_number = models.PositiveSmallIntegerField(_("trang"))

    class Meta:
        verbose_name = _("bài trên báo in")
        verbose_name_plural = _("bài trên báo in")
        ordering = ["issue", "page_number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "article", "page_number"], name="printed_article_unique"),
            models.CheckConstraint(condition=Q(page_number__gte=1), name="printed_page_from_one"),
        ]

    def __str__(self):
        return _("%(article)s (trang %(page)s)") % {"article": self.article, "page": self.page_number}

    def get_absolute_url(self):
        return self.issue.page_url(self.page_number)

    def clean(self):
        issue = getattr(self, "issue", None)
        if issue is not None and issue.page_count and self.page_number and self.page_number > issue.page_count:
            raise ValidationError({"page_number": _("Số báo này chỉ có %(n)s trang.") % {"n": issue.page_count}})
