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
        "bao-in",
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
            self.select_related("category", "featured_image")
            .defer("body", "created_by", "updated_at", "created_at")
            .order_by("-published_at", "-id")
        )

    def featured(self):
        return self.filter(featured_position__isnull=False).order_by("featured_position", "-published_at")

    def pinned(self):
        return self.filter(pinned_position__isnull=False).order_by("pinned_position", "-published_at")


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
    featured_image = models.ForeignKey(
        "images.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="featured_in",
        help_text=_("Chọn một ảnh trong thư viện ảnh (gõ để tìm theo chú thích, nguồn ảnh)."),
    )
    featured_image_caption = NFCCharField(
        _("chú thích ảnh"),
        max_length=500,
        blank=True,
        help_text=_("Để trống để dùng chú thích của ảnh trong thư viện; điền để thay riêng cho bài này."),
    )
    featured_image_credit = NFCCharField(
        _("nguồn ảnh"),
        max_length=200,
        blank=True,
        help_text=_(
            "Để trống để dùng nguồn ảnh trong thư viện; điền để thay riêng cho bài này, ví dụ “Ảnh: Quang Long”."
        ),
    )
    audio = models.FileField(
        _("tệp âm thanh"),
        upload_to="audio/%Y/%m/",
        max_length=200,
        blank=True,
        help_text=_("MP3, M4A hoặc OGG. Trình phát hiện phía trên sapo."),
    )
    pinned_position = models.PositiveSmallIntegerField(
        _("vị trí ghim trong chuyên mục"),
        null=True,
        blank=True,
        help_text=_(
            "Đặt số (1 đứng đầu) để ghim bài lên đầu khối chuyên mục của bài trên trang chủ; để trống nếu không."
        ),
    )
    allow_comments = models.BooleanField(_("cho phép bình luận"), default=True)
    # Optimistic locking: every save adds one; the admin form carries the
    # number it was opened with and refuses a save made on an older one.
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
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
        permissions = [
            ("publish_article", _("Có thể xuất bản, hẹn giờ, gỡ bài và sắp xếp trang chủ")),
            ("review_article", _("Có thể biên tập bài đang chờ biên tập, trả lại và gửi duyệt")),
        ]
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
            # its year filter.
            models.Index(fields=["-published_at", "-id"], name="article_pub_id_idx"),
            models.Index(fields=["category", "status", "-published_at"], name="article_cat_status_pub_idx"),
            # The admin's workflow queues (drafts, waiting for editing or
            # approval, returned, unpublished), newest first: a few thousand
            # rows scattered among 300,000, most without published_at.
            models.Index(
                fields=["status", "-published_at", "-id"],
                name="article_workflow_idx",
                condition=~Q(status="published"),
            ),
            models.Index(
                fields=["featured_position"],
                name="article_featured_idx",
                condition=Q(featured_position__isnull=False),
            ),
            models.Index(
                fields=["category", "pinned_position"],
                name="article_pinned_idx",
                condition=Q(pinned_position__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
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
    def featured_caption(self):
        """The caption under the featured image: the article's own, else the
        library image's."""
        if self.featured_image_caption:
            return self.featured_image_caption
        return self.featured_image.caption if self.featured_image else ""

    @property
    def featured_credit(self):
        if self.featured_image_credit:
            return self.featured_image_credit
        return self.featured_image.credit if self.featured_image else ""

    @property
    def audio_type(self):
        from .media import audio_content_type

        return audio_content_type(self.audio.name) if self.audio else ""

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


class Transition(models.Model):
    """One move of an article between workflow states: who, when, and the note."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("từ trạng thái"), max_length=20, choices=Article.Status.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=20, choices=Article.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    note = NFCTextField(_("ghi chú"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("chuyển trạng thái")
        verbose_name_plural = _("lịch sử trạng thái")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["article", "-at"], name="transition_article_at_idx")]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Revision(models.Model):
    """A snapshot of an article as one save left it. ``data`` holds the
    fields listed in ``articles.revisions.REVISION_FIELDS``."""

    article = models.ForeignKey(Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("phiên bản"))
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField(_("nội dung"))
    restored_from = models.ForeignKey(
        "self",
        verbose_name=_("khôi phục từ bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phiên bản bài viết")
        verbose_name_plural = _("phiên bản bài viết")
        ordering = ["-version", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "version"], name="revision_article_version_unique"),
        ]

    def __str__(self):
        return _("Phiên bản %(version)s của “%(title)s”") % {
            "version": self.version,
            "title": self.data.get("title", ""),
        }


class HomePageStory(Article):
    """The published articles as the home-page curation screen lists them."""

    class Meta:
        proxy = True
        verbose_name = _("bài trên trang chủ")
        verbose_name_plural = _("sắp xếp trang chủ")
