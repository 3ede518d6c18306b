"""Website links (“Liên kết website”) and banners for the sidebar."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.fields import NFCCharField


class LinkGroup(models.Model):
    name = NFCCharField(
        _("tên nhóm"), max_length=100, unique=True, help_text=_("Ví dụ “Báo địa phương”, “Cổng thông tin”.")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước."))

    class Meta:
        verbose_name = _("nhóm liên kết")
        verbose_name_plural = _("nhóm liên kết")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Link(models.Model):
    group = models.ForeignKey(LinkGroup, verbose_name=_("nhóm"), on_delete=models.CASCADE, related_name="links")
    title = NFCCharField(_("tên website"), max_length=200)
    url = models.URLField(_("địa chỉ"), max_length=500, help_text=_("Đầy đủ, ví dụ https://baodienbienphu.vn/"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("liên kết")
        verbose_name_plural = _("liên kết")
        ordering = ["position", "title"]
        constraints = [models.UniqueConstraint(fields=["group", "url"], name="link_url_once_per_group")]

    def __str__(self):
        return self.title


class BannerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Banner(models.Model):
    title = NFCCharField(_("tên"), max_length=200, help_text=_("Đọc cho người khiếm thị thay cho ảnh."))
    image = models.ImageField(_("ảnh"), upload_to="banners/%Y/", width_field="image_width", height_field="image_height")
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    url = models.URLField(_("địa chỉ"), max_length=500)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hiện"), default=True)

    objects = BannerQuerySet.as_manager()

    class Meta:
        verbose_name = _("banner")
        verbose_name_plural = _("banner")
        ordering = ["position", "title"]

    def __str__(self):
        return self.title
