"""The video library in the admin: upload (checked at once, transcoded in the
background with its progress shown), title, caption, credit, poster,
captions, the player, the code to paste, and a refusal to delete a video
that an article shows."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from newsroom.admin import CheckedInitialDataMixin

from . import services
from .forms import VideoChangeForm, VideoUploadForm
from .models import Video
from .picker import VideoPickerMixin


def progress_text(video):
    """The processing state in words: “Đang chuyển mã: 40%”."""
    state = video.get_status_display()
    if video.status == Video.Status.RUNNING:
        return _("%(state)s: %(percent)s%%") % {"state": state, "percent": video.progress}
    if video.error:
        return _("%(state)s: %(error)s") % {"state": _("Lỗi"), "error": video.error}
    return state


@admin.register(Video)
class VideoAdmin(VideoPickerMixin, CheckedInitialDataMixin, admin.ModelAdmin):
    list_display = ("poster_thumbnail", "title", "length", "processing_state", "uploaded_by", "uploaded_at")
    list_display_links = ("poster_thumbnail", "title")
    list_select_related = ("uploaded_by", "poster_image")
    list_filter = ("status", "uploaded_at")
    search_fields = ("title", "caption", "credit", "original_filename")
    search_help_text = _lazy("Tìm theo tên video, chú thích, nguồn hoặc tên tệp gốc.")
    date_hierarchy = "uploaded_at"
    autocomplete_fields = ("poster_image",)
    list_per_page = 40
    show_full_result_count = False
    readonly_fields = (
        "processing_state",
        "player",
        "file_info",
        "original_filename",
        "uploaded_by",
        "uploaded_at",
        "body_code",
        "used_in",
    )

    class Media:
        js = ("js/admin-progress.js",)

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = VideoUploadForm if obj is None else VideoChangeForm
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return ((None, {"fields": ("upload", "title", "caption", "credit", "captions_file", "captions_label")}),)
        return (
            (None, {"fields": ("processing_state", "player", "title", "caption", "credit")}),
            (
                _lazy("Ảnh đại diện và phụ đề"),
                {"fields": ("poster_image", "captions_file", "captions_label", "remove_captions")},
            ),
            (_lazy("Thông tin tệp"), {"fields": ("file_info", "original_filename", "uploaded_by", "uploaded_at")}),
            (_lazy("Dùng video trong bài"), {"fields": ("body_code", "used_in")}),
        )

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        captions = form.cleaned_data.get("captions_file")
        with transaction.atomic():
            if captions:
                services.save_captions(obj, captions)
            elif change and form.cleaned_data.get("remove_captions") and obj.captions:
                old = obj.captions.name
                obj.captions = ""
                transaction.on_commit(lambda: services.remove_files(old))
            if change:
                obj.save()
                return
            services.stage_upload(obj, form.cleaned_data["upload"], by=request.user)
        messages.info(request, _("Đã nhận video; video đang được chuyển mã trong nền, xem tiến độ ở mục “xử lý”."))

    def get_urls(self):
        return [
            path("<int:pk>/tien-do/", self.admin_site.admin_view(self.progress_view), name="videos_video_progress"),
            *super().get_urls(),
        ]

    def progress_view(self, request, pk):
        """JSON for static/js/admin-progress.js while a video is transcoded."""
        video = get_object_or_404(Video, pk=pk)
        if not self.has_view_permission(request, video):
            raise PermissionDenied
        return JsonResponse({"state": video.status, "text": progress_text(video)})

    @admin.display(description=_lazy("Xử lý"))
    def processing_state(self, obj):
        return format_html(
            '<span class="video-progress" data-progress-url="{}" data-state="{}" data-reload-label="{}">{}</span>',
            reverse("admin:videos_video_progress", args=[obj.pk]) if obj.pk else "",
            obj.status,
            _("Tải lại trang"),
            progress_text(obj),
        )

    @admin.display(description=_lazy("Ảnh"))
    def poster_thumbnail(self, obj):
        if not obj.poster_url:
            return "—"
        return format_html('<img src="{}" alt="" width="120" loading="lazy">', obj.poster_url)

    @admin.display(description=_lazy("Độ dài"))
    def length(self, obj):
        return obj.length or "—"

    @admin.display(description=_lazy("Xem video"))
    def player(self, obj):
        if not obj.is_ready:
            return _("Video chưa chuyển mã xong.")
        return format_html(
            '<video controls preload="none" poster="{}" width="480" src="{}"></video>', obj.poster_url, obj.url
        )

    @admin.display(description=_lazy("Các bản đã chuyển mã"))
    def file_info(self, obj):
        if not obj.renditions:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} × {} – {}</li>",
                ((r["width"], r["height"], filesizeformat(r["bytes"])) for r in obj.renditions),
            ),
        )

    @admin.display(description=_lazy("Mã HTML để chèn vào nội dung bài"))
    def body_code(self, obj):
        if not obj.is_ready:
            return "—"
        return format_html(
            '<textarea readonly rows="3" cols="90" class="vLargeTextField">{}</textarea><div class="help">{}</div>',
            escape(obj.body_html()),
            _("Hoặc bấm nút “Chèn video từ thư viện” trên thanh công cụ của ô Nội dung trong trang sửa bài."),
        )

    @admin.display(description=_lazy("Các bài đang dùng video"))
    def used_in(self, obj):
        articles = services.articles_using(obj).only("id", "title")[:50]
        if not articles:
            return _("Chưa bài nào dùng video này.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                ((reverse("admin:articles_article_change", args=[a.pk]), a.title) for a in articles),
            ),
        )

    def get_deleted_objects(self, objs, request):
        """Refuse to delete a video an article shows, and name the articles."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = list(protected)
        for video in objs:
            for article in services.articles_using(video).exclude(lead_video=video).only("id", "title"):
                protected.append(
                    _("Bài viết: %(title)s (video #%(id)s nằm trong nội dung bài)")
                    % {"title": article.title, "id": video.pk}
                )
        return deleted, counts, perms_needed, protected
