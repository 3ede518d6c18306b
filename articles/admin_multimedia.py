"""The article form's multimedia: the pictures of a photo story (an inline,
shown once the article is a photo story), and the editor's embed button's
check, ``GET /admin/articles/article/nhung/?url=…``: the iframe to insert
for an allow-listed address, or a Vietnamese message with a 400 (the editor
then inserts a plain link)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from . import embeds, services
from .models import PhotoStoryItem


class PhotoStoryItemInline(admin.TabularInline):
    model = PhotoStoryItem
    fields = ("position", "image", "caption")
    autocomplete_fields = ("image",)
    extra = 3
    verbose_name = _lazy("ảnh")
    verbose_name_plural = _lazy(
        "Các ảnh của phóng sự ảnh (theo thứ tự; chú thích để trống thì dùng chú thích trong thư viện)"
    )

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_add_permission(self, request, obj):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def _may_edit(self, request, article):
        if article is None:
            return request.user.has_perm("articles.add_article")
        return services.can_edit(request.user, article)


def embed_view(request):
    """JSON for the editor's “Chèn nhúng” button."""
    if not request.user.has_perm("articles.change_article") and not request.user.has_perm("articles.add_article"):
        raise PermissionDenied
    address = request.GET.get("url", "")[:3000]
    embed = embeds.from_address(address)
    if embed is None:
        return JsonResponse(
            {
                "message": _(
                    "Địa chỉ này không phải video YouTube, Facebook, TikTok hay bản đồ Google Maps: "
                    "sẽ chèn thành liên kết."
                )
            },
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(
        {"provider": embed.provider, "label": embed.label, "src": embed.src, "html": str(embeds.iframe_html(embed))},
        json_dumps_params={"ensure_ascii": False},
    )
