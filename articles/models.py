"""Categories, articles and tags: what the newsroom writes and readers read."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from authors.bylines import Credit, Role
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
        "tac-gia",
        "da-phuong-tien",  # the Multimedia listings (articles/multimedia.py)
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


#: The name of a scheduled article's state (published, its time to come).
SCHEDULED_LABEL = _("Hẹn giờ")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, and its publication time has come.

        This is the only definition of it. A scheduled article appears by
        itself when ``published_at`` passes: no cron, no worker."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """“Hẹn giờ”: published by the desk with a time still to come. Readers
        do not see these yet (``published()`` decides that); the desk does,
        under this name, until the time comes."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

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

    def by_author(self, author):
        """The articles ``author`` contributed to, each once whatever his roles."""
        return self.filter(Exists(Contribution.objects.filter(article=OuterRef("pk"), author=author)))

    def with_contributions(self):
        """Each article's contributions with their authors, in byline order:
        one query for the lot (``Article.credits()`` reads them)."""
        return self.prefetch_related(
            Prefetch("contributions", queryset=Contribution.objects.select_related("author").order_by("position", "id"))
        )

    def featured(self):
        return self.filter(featured_position__isnull=False).order_by("featured_position", "-published_at")

    def pinned(self):
        return self.filter(pinned_position__isnull=False).order_by("pinned_position", "-published_at")


class Article(models.Model):
    class Format(models.TextChoices):
        """The article's genre as a layout (docs/multimedia.md)."""

        STANDARD = "standard", _("Tiêu chuẩn")
        VIDEO = "video", _("Video")
        PHOTO = "photo", _("Ảnh (phóng sự ảnh)")
        EMAGAZINE = "emagazine", _("E-magazine")

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
        help_text=_(
            "In ở cuối bài, ví dụ “Tin, ảnh: Quang Long”. Khi bài có danh sách tác giả (bên dưới), "
            "trang in theo danh sách đó và dòng này được viết lại cho khớp."
        ),
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
    format = models.CharField(
        _("thể loại trình bày"),
        max_length=20,
        choices=Format.choices,
        default=Format.STANDARD,
        help_text=_(
            "Video: bài có video đầu bài. Ảnh: phóng sự ảnh, các ảnh bên dưới hiện toàn chiều rộng. "
            "E-magazine: bài dài, ảnh hoặc video bìa tràn màn hình, mục lục theo tiêu đề phụ, trích dẫn nổi bật."
        ),
    )
    lead_video = models.ForeignKey(
        "videos.Video",
        verbose_name=_("video đầu bài"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_of",
        help_text=_("Một video trong thư viện video, hiện ở đầu bài thay cho ảnh đại diện (gõ để tìm theo tên)."),
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
                fields=["format", "-published_at"],
                name="article_format_pub_idx",
                condition=Q(status="published") & ~Q(format="standard"),
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

    def credits(self):
        """The byline's credits from the contributions (prefetched by
        ``with_contributions()``, else one query), with the authors' pages."""
        return [contribution.credit() for contribution in self.contributions.all()]

    @property
    def audio_type(self):
        from .media import audio_content_type

        return audio_content_type(self.audio.name) if self.audio else ""

    @property
    def is_scheduled(self):
        """Published with a time still to come (see ``ArticleQuerySet.scheduled``)."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def state_display(self):
        """The article's state as the desk reads it everywhere (messages, the
        form, the list): the status, or “Hẹn giờ 04/12/2026 14:30” for a
        published article whose time has not come."""
        if self.is_scheduled:
            return _("%(scheduled)s %(at)s") % {
                "scheduled": SCHEDULED_LABEL,
                "at": timezone.localtime(self.published_at).strftime("%d/%m/%Y %H:%M"),
            }
        return self.get_status_display()

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


class PhotoStoryItem(models.Model):
    """One picture of a photo story (phóng sự ảnh), in order, with its caption
    for this story (else the library's)."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="photo_items"
    )
    image = models.ForeignKey(
        "images.Image", verbose_name=_("ảnh"), on_delete=models.PROTECT, related_name="photo_story_items"
    )
    caption = NFCTextField(
        _("chú thích trong bài"),
        max_length=1000,
        blank=True,
        help_text=_("Để trống để dùng chú thích của ảnh trong thư viện."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("ảnh của phóng sự ảnh")
        verbose_name_plural = _("ảnh của phóng sự ảnh (theo thứ tự)")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["article", "position"], name="photo_item_article_idx")]

    def __str__(self):
        return self.text[:80] or str(self.image)

    @property
    def text(self):
        return self.caption or self.image.caption


class Contribution(models.Model):
    """Who made an article, in byline order: one row per author and role
    (“Tin, ảnh: Quang Long” is two rows), with the pen name printed."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="contributions"
    )
    author = models.ForeignKey(
        "authors.Author", verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="contributions"
    )
    role = models.CharField(
        _("vai trò"),
        max_length=20,
        choices=Role.choices,
        default=Role.AUTHOR,
        help_text=_(
            "“Tác giả” in tên không kèm vai trò (“Minh Đức”); “Tin”, “Ảnh”… in trước tên (“Tin, ảnh: Quang Long”)."
        ),
    )
    pen_name = NFCCharField(
        _("bút danh in trên bài"),
        max_length=100,
        blank=True,
        help_text=_("Để trống để in tên hiển thị của tác giả."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tác giả của bài")
        verbose_name_plural = _("tác giả của bài")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author", "role"], name="contribution_once"),
        ]
        indexes = [models.Index(fields=["author", "article"], name="contribution_author_idx")]

    def __str__(self):
        return _("%(role)s: %(name)s – “%(title)s”") % {
            "role": self.get_role_display(),
            "name": self.printed_name,
            "title": self.article.title,
        }

    @property
    def printed_name(self):
        return self.pen_name or self.author.name

    def credit(self):
        return Credit(
            role=self.role,
            name=self.printed_name,
            kind=self.author.kind,
            url=self.author.get_absolute_url(),
            key=self.author_id,
        )


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


class Autosave(models.Model):
    """What an editor has typed in the article form and not saved yet: one
    rolling copy per article and person (and one per person for an article
    not created yet), written in the background while he types.

    It is never the article: saving it changes no article, no revision, no
    version and nothing readers see (an edit of a live article stays here
    until someone presses Lưu). It is offered back when he opens the form
    again, and deleted when he saves (articles/editing.py)."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("bài viết"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="autosaves",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người gõ"), on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField(_("nội dung đang gõ"), default=dict)
    base_version = models.PositiveIntegerField(_("gõ trên phiên bản"), null=True, blank=True)
    page = models.CharField(_("trang soạn"), max_length=40, blank=True)
    sequence = models.PositiveIntegerField(_("số thứ tự lần lưu"), default=0)
    saved_at = models.DateTimeField(_("lưu lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("bản tự động lưu")
        verbose_name_plural = _("bản tự động lưu")
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="autosave_one_per_article_and_user"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="autosave_one_new_article_per_user"
            ),
        ]

    def __str__(self):
        return _("Bản tự động lưu của %(user)s") % {"user": self.user}


class EditLock(models.Model):
    """Who is editing an article now (presence): the person whose change form
    holds it, since when, and when his page last said it is still open. Kept
    in the database so that every app server sees it. Someone else who opens
    the form reads it and may take it over (articles/editing.py)."""

    article = models.OneToOneField(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="edit_lock"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đang sửa"), on_delete=models.CASCADE, related_name="+"
    )
    since = models.DateTimeField(_("sửa từ"), default=timezone.now)
    seen_at = models.DateTimeField(_("lần cuối còn mở"), default=timezone.now)
    taken_from = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tiếp quản từ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("người đang sửa bài")
        verbose_name_plural = _("người đang sửa bài")

    def __str__(self):
        return _("%(user)s đang sửa “%(title)s”") % {"user": self.user, "title": self.article}
