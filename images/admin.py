"""The image library in the admin: upload, search, reuse, and a refusal to
delete an image that an article shows."""

from django.contrib import admin, messages
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from audit.services import Action

from . import services
from .forms import ImageChangeForm, ImageUploadForm
from .models import Image
from .picker import PickerAdminMixin


@admin.register(Image)
class ImageAdmin(PickerAdminMixin, admin.ModelAdmin):
    list_display = ("thumbnail", "caption", "credit", "dimensions", "uploaded_by", "uploaded_at")
    list_display_links = ("thumbnail", "caption")
    list_select_related = ("uploaded_by",)
    search_fields = ("caption", "credit", "alt_text", "original_filename")
    search_help_text = _("Tìm theo chú thích, nguồn ảnh, mô tả hoặc tên tệp gốc.")
    list_filter = ("format", "uploaded_at")
    date_hierarchy = "uploaded_at"
    list_per_page = 40
    show_full_result_count = False
    readonly_fields = (
        "preview",
        "dimensions",
        "size",
        "original_filename",
        "uploaded_by",
        "uploaded_at",
        "figure_code",
        "used_in",
    )

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = ImageUploadForm if obj is None else ImageChangeForm
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return ((None, {"fields": ("upload", "caption", "credit", "alt_text")}),)
        return (
            (None, {"fields": ("preview", "caption", "credit", "alt_text")}),
            (
                _("Thông tin tệp"),
                {"fields": ("dimensions", "size", "original_filename", "uploaded_by", "uploaded_at")},
            ),
            (_("Dùng ảnh trong bài"), {"fields": ("figure_code", "used_in")}),
        )

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        """Caption, credit and description show at once on every article
        with the image: while a published article of someone else shows
        it, only a desk role changes them (articles/shared.py)."""
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or obj.pk is None:
            return allowed
        from articles import shared  # the articles showing the image decide; they sit above images

        answers = request.__dict__.setdefault("_shared_may_change", {})
        key = ("image", obj.pk)
        if key not in answers:
            answers[key] = shared.may_change(request.user, services.articles_using(obj))
        return answers[key]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and request.user.has_perm("images.change_image"):
            obj = self.get_object(request, object_id)
            if obj is not None and not self.has_change_permission(request, obj):
                from articles import shared

                self.message_user(request, shared.REFUSAL, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if change:
            from articles import shared

            with transaction.atomic():
                super().save_model(request, obj, form, change)
                shared.record_change(Action.IMAGE_TEXT, obj, form, request.user)
            return None
        obj.uploaded_by = request.user
        services.attach_files(obj, form.prepared, form.cleaned_data["upload"].name)
        services.save_new(obj)

    def get_deleted_objects(self, objs, request):
        """Django lists articles that have the image as featured image (the
        foreign key is PROTECT); add those that show it in their body, so the
        confirmation page refuses and names them all."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = list(protected)
        for image in objs:
            for article in services.articles_using(image).exclude(featured_image=image):
                protected.append(
                    _("Bài viết: %(title)s (ảnh #%(id)s nằm trong nội dung bài)")
                    % {"title": article.title, "id": image.pk}
                )
        return deleted, counts, perms_needed, protected

    @admin.display(description=_("Ảnh"))
    def thumbnail(self, obj):
        return format_html(
            '<img src="{}" alt="" width="120" height="{}" loading="lazy">',
            obj.rendition_url(320),
            round(120 * obj.height / obj.width),
        )

    @admin.display(description=_("Xem ảnh"))
    def preview(self, obj):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener"><img src="{}" alt="" width="480" height="{}"></a>',
            obj.file.url,
            obj.rendition_url(640),
            round(480 * obj.height / obj.width),
        )

    @admin.display(description=_("Kích thước"))
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}"

    @admin.display(description=_("Dung lượng"))
    def size(self, obj):
        return filesizeformat(obj.file_size)

    @admin.display(description=_("Mã HTML để chèn vào nội dung bài"))
    def figure_code(self, obj):
        return format_html(
            '<textarea readonly rows="4" cols="90" class="vLargeTextField">{}</textarea><div class="help">{}</div>',
            escape(obj.figure_html()),  # shown as code, not as a picture
            _(
                "Dán đoạn này vào ô Nội dung của bài (chế độ mã HTML), "
                "hoặc bấm nút “Chèn ảnh từ thư viện ảnh” trên thanh công cụ của ô Nội dung trong trang sửa bài."
            ),
        )

    @admin.display(description=_("Các bài đang dùng ảnh"))
    def used_in(self, obj):
        articles = services.articles_using(obj).select_related("category")[:50]
        if not articles:
            return _("Chưa bài nào dùng ảnh này.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                ((reverse("admin:articles_article_change", args=[a.pk]), a.title) for a in articles),
            ),
        )

    def delete_model(self, request, obj):
        try:
            services.delete_image(obj)
        except services.ImageInUse as refusal:
            messages.error(request, _("Không xoá được: ảnh đang dùng trong %(titles)s.") % {"titles": refusal})
