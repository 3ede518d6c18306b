"""Categories, articles and tags: what the newsroom writes and readers read."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from newsroom.fields import NFCCharField, NFCTextField
from newsroom.text import nfc, slugify_vi, unique_slug
from newsroom.validators import validate_ascii_slug

from .sanitize import clean_body

SLUG_MAX_LENGTH = 200

# Top-level paths that a category slug may not take, or its page would hide
# (or be hidden by) a fixed URL.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "ban-in",
        "tu-khoa",
        "doc-nhieu",
        "luot-xem",
        "tim-kiem",
        "tham-do",
        "rss",
        "static",
        "media",
        "healthz",
        "sitemap-xml",
        "robots-txt",
        "api",
        "tai-khoan",
    }
)


class Category(models.Model):
    name = NFCCharField(_("tên chuyên mục"), max_length=100)
    # CharField with our own validator, not SlugField: Django's slug rule
    # allows "_" and capitals, and its message is in English.
    slug = models.CharField(
        _("đường dẫn"),
        max_length=100,
        unique=True,
        blank=True,
        validators=[validate_ascii_slug],
        help_text=_("Chữ không dấu, nối bằng gạch ngang. Để trống để tự tạo từ tên."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("chuyên mục cha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước trên menu và trang chủ.")
    )
    show_in_menu = models.BooleanField(_("hiện trên menu"), default=True)
    show_on_home = models.BooleanField(
        _("có khối trên trang chủ"),
        default=False,
        help_text=_("Trang chủ có một khối tin mới nhất của chuyên mục này."),
    )
    description = NFCTextField(_("mô tả"), blank=True)

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="category_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify_vi(self.name, 100) or "chuyen-muc"
            if base in RESERVED_SLUGS:
                base = f"{base}-tin"
            self.slug = unique_slug(Category.objects.exclude(pk=self.pk), base, 100)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    @property
    def tree_ids(self):
        """This category's id and those of all its sub-categories."""
        from .categories import category_tree

        return category_tree().descendant_ids(self.pk)

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("Đường dẫn “%(slug)s” đã dành cho trang khác của báo.") % {"slug": self.slug}}
            )
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("Một chuyên mục không thể nằm trong chính nó.")})
            ancestor = ancestor.parent


class Tag(TagBase):
    """A keyword (“Từ khóa”), with a Vietnamese-aware slug."""

    class Meta:
        verbose_name = _("từ khóa")
        verbose_name_plural = _("từ khóa")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})

    def slugify(self, tag, i=None):
        slug = slugify_vi(tag, 90) or "tu-khoa"
        return f"{slug}-{i}" if i is not None else slug

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        super().save(*args, **kwargs)


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="tagged_items")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")

    class Meta:
        verbose_name = _("gắn từ khóa")
        verbose_name_plural = _("gắn từ khóa")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_once"),
        ]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, and its publication time has come.

        This is the only definition of it. A scheduled article appears by
        itself when ``published_at`` passes: no cron, no worker."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def in_category(self, category, include_children=True):
        if include_children:
            return self.filter(category_id__in=category.tree_ids)
        return self.filter(category=category)

    def for_listing(self):
        """Columns and joins a story list needs (no body), newest first."""
        return (
            self.select_related("category")
            .defer("body", "created_by", "updated_at", "created_at")
            .order_by("-published_at", "-id")
        )

    def featured(self):
        return self.filter(featured_position__isnull=False).order_by("featured_position", "-published_at")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        IN_EDITING = "editing", _("Chờ biên tập")
        IN_APPROVAL = "approval", _("Chờ duyệt")
        PUBLISHED = "published", _("Đã xuất bản")
        UNPUBLISHED = "unpublished", _("Gỡ bài")
        RETURNED = "returned", _("Trả lại")

    title = NFCCharField(_("tiêu đề"), max_length=300)
    slug = models.CharField(
        _("đường dẫn"),
        max_length=SLUG_MAX_LENGTH,
        blank=True,
        validators=[validate_ascii_slug],
        help_text=_("Chữ không dấu, nối bằng gạch ngang. Để trống để tự tạo từ tiêu đề."),
    )
    kicker = NFCCharField(
        _("dòng trên tiêu đề"),
        max_length=300,
        blank=True,
        help_text=_("Dòng nhỏ phía trên tiêu đề, ví dụ “Nhân kỷ niệm 70 năm Chiến thắng Điện Biên Phủ:”."),
    )
    genre = NFCCharField(
        _("thể loại"),
        max_length=60,
        blank=True,
        help_text=_("Nhãn như “Xã luận”, “Phóng sự”. Để trống thì trang bài hiện tên chuyên mục."),
    )
    lead = NFCTextField(
        _("sapo"),
        max_length=1000,
        help_text=_("Đoạn mở đầu in đậm. Không gõ tiền tố “ĐBP -”: trang tự thêm."),
    )
    body = NFCTextField(
        _("nội dung"),
        blank=True,
        help_text=_(
            "Mã HTML được làm sạch khi lưu: chỉ giữ đoạn văn, tiêu đề phụ, danh sách, liên kết, ảnh và chú thích ảnh."
        ),
    )
    category = models.ForeignKey(
        Category, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    tags = TaggableManager(
        verbose_name=_("từ khóa"),
        through=TaggedArticle,
        blank=True,
        help_text=_("Các từ khóa cách nhau bằng dấu phẩy."),
    )
    byline = NFCCharField(
        _("tác giả"),
        max_length=200,
        blank=True,
        help_text=_("In ở cuối bài, ví dụ “Tin, ảnh: Quang Long”."),
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("thời điểm xuất bản"),
        null=True,
        blank=True,
        help_text=_("Để thời điểm trong tương lai để hẹn giờ: bài tự hiện khi đến giờ."),
    )
    featured_position = models.PositiveSmallIntegerField(
        _("vị trí tin tiêu điểm"),
        null=True,
        blank=True,
        help_text=_("Đặt số (1 đứng đầu) để đưa bài vào khối Tin tiêu điểm trên trang chủ; để trống nếu không."),
    )
    featured_image = models.ImageField(
        _("ảnh đại diện"),
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="featured_image_width",
        height_field="featured_image_height",
    )
    featured_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_caption = NFCCharField(_("chú thích ảnh"), max_length=500, blank=True)
    featured_image_credit = NFCCharField(
        _("nguồn ảnh"), max_length=200, blank=True, help_text=_("Ví dụ “Ảnh: Quang Long”.")
    )
    allow_comments = models.BooleanField(_("cho phép bình luận"), default=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày sửa"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_created",
        editable=False,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published_at", "-id"]
        permissions = [("publish_article", _("Có thể xuất bản, hẹn giờ và gỡ bài"))]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="article_slug_unique"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_article_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            # The admin's list: every status, newest first; also MIN/MAX for
            # its date hierarchy.
            models.Index(fields=["-published_at", "-id"], name="article_pub_id_idx"),
            models.Index(fields=["category", "status", "-published_at"], name="article_cat_status_pub_idx"),
            models.Index(
                fields=["featured_position"],
                name="article_featured_idx",
                condition=Q(featured_position__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()
        if not self.slug:
            base = slugify_vi(self.title, SLUG_MAX_LENGTH) or "bai-viet"
            self.slug = unique_slug(Article.objects.exclude(pk=self.pk), base, SLUG_MAX_LENGTH)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "articles:detail",
            kwargs={"category": self.category.slug, "slug": self.slug, "pk": self.pk},
        )

    def get_print_url(self):
        return reverse(
            "articles:print",
            kwargs={"category": self.category.slug, "slug": self.slug, "pk": self.pk},
        )

    @property
    def label(self):
        """The upper-case label above the title: the genre, else the category."""
        return self.genre or self.category.name

    @property
    def is_visible(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def clean(self):
        # "Publish now" without a time: fill it in before full_clean() checks
        # the published_article_has_date constraint (save() does the same for
        # code paths that skip validation).
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()
