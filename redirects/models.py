"""Old addresses (“Địa chỉ cũ”): where a page of the paper's old site, or
of a retired site merged into this one, now lives. One row per old address,
keyed by (host, path) with a unique index: a request that the normal pages
answer 404 is looked up with one indexed query (redirects/middleware.py)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .paths import MAX_PATH_LENGTH, normal_host, normal_path, normal_query


class OldAddressQuerySet(models.QuerySet):
    def with_targets(self):
        """With what ``target_url()`` reads, in the same query."""
        return self.select_related("article__category", "category", "image")

    def matching(self, host, keys):
        """The rows that may answer a request on ``host`` for one of
        ``keys`` (redirects.paths.keys): the old site's own host, or any
        host (``""``)."""
        return self.filter(host__in={normal_host(host), ""}, path__in=keys)


class OldAddress(models.Model):
    host = models.CharField(
        _("tên miền cũ"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ “baodienbien.vn” (không có “www.”). Để trống: địa chỉ này chuyển trên mọi tên miền."),
    )
    path = models.CharField(
        _("đường dẫn cũ"),
        max_length=MAX_PATH_LENGTH,
        help_text=_(
            "Bắt đầu bằng “/”, chữ có dấu viết thẳng, ví dụ “/tin-tuc/thoi-su/123/dien-bien”. "
            "Phần sau “?” chỉ giữ khi trang cũ dùng nó để chọn bài (“/?p=123”)."
        ),
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài viết"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="old_addresses",
    )
    category = models.ForeignKey(
        "articles.Category",
        verbose_name=_("chuyên mục"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="old_addresses",
    )
    image = models.ForeignKey(
        "images.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="old_addresses",
    )
    target_path = models.CharField(
        _("chuyển đến đường dẫn"),
        max_length=MAX_PATH_LENGTH,
        blank=True,
        help_text=_("Khi địa chỉ cũ không ứng với một bài, chuyên mục hay ảnh: đường dẫn mới, ví dụ “/bao-in/”."),
    )
    source = models.CharField(_("nguồn nhập"), max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    objects = OldAddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("địa chỉ cũ")
        verbose_name_plural = _("địa chỉ cũ")
        ordering = ["host", "path"]
        constraints = [
            models.UniqueConstraint(fields=["host", "path"], name="oldaddress_host_path_unique"),
            models.CheckConstraint(
                condition=(
                    Q(article__isnull=False, category__isnull=True, image__isnull=True, target_path="")
                    | Q(article__isnull=True, category__isnull=False, image__isnull=True, target_path="")
                    | Q(article__isnull=True, category__isnull=True, image__isnull=False, target_path="")
                    | (Q(article__isnull=True, category__isnull=True, image__isnull=True) & ~Q(target_path=""))
                ),
                name="oldaddress_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.host}{self.path}"

    def clean(self):
        self.host = normal_host(self.host)
        raw = (self.path or "").strip()
        if raw and not raw.startswith("/"):
            raise ValidationError({"path": _("Đường dẫn cũ phải bắt đầu bằng “/”.")})
        path, _sep, query = raw.partition("?")
        query = normal_query(query)
        self.path = normal_path(path) + (f"?{query}" if query else "")
        if self.target_path and not self.target_path.startswith("/"):
            raise ValidationError({"target_path": _("Đường dẫn mới phải bắt đầu bằng “/”.")})
        targets = [self.article_id, self.category_id, self.image_id, self.target_path or None]
        if sum(t is not None for t in targets) != 1:
            raise ValidationError(
                _("Chọn đúng một đích đến: một bài viết, một chuyên mục, một ảnh hoặc một đường dẫn mới.")
            )

    def target_url(self):
        """The new address (a path on this site), built now: an article's
        slug or category may have changed since the import."""
        if self.article_id:
            return self.article.get_absolute_url()
        if self.category_id:
            return self.category.get_absolute_url()
        if self.image_id:
            return self.image.file.url
        return self.target_path
