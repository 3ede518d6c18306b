"""The newsroom's editing screens for categories, articles and tags."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag as TaggitTag

from .forms import ArticleAdminForm
from .models import Article, Category, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "parent", "position", "show_in_menu", "show_on_home", "view_link")
    list_editable = ("position", "show_in_menu", "show_on_home")
    list_filter = ("show_in_menu", "show_on_home", "parent")
    list_select_related = ("parent",)
    search_fields = ("name", "slug")
    autocomplete_fields = ("parent",)
    ordering = ("position", "name")
    fields = ("name", "slug", "parent", "position", "show_in_menu", "show_on_home", "description")

    class Media:
        js = ("js/admin-slug.js",)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["name"].widget.attrs["data-slug-source"] = "name"
        form.base_fields["slug"].widget.attrs["data-slug-from"] = "name"
        return form

    @admin.display(description=_("Xem trên trang"))
    def view_link(self, obj):
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), _("Xem"))


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    ordering = ("name",)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = (
        "title",
        "category",
        "status",
        "published_at",
        "byline",
        "featured_position",
        "view_link",
    )
    list_display_links = ("title",)
    list_filter = ("status", "category", "published_at")
    list_select_related = ("category",)
    search_fields = ("title",)
    search_help_text = _("Tìm theo tiêu đề bài viết.")
    date_hierarchy = "published_at"
    autocomplete_fields = ("category", "featured_image")
    list_per_page = 50
    show_full_result_count = False  # no COUNT(*) over the whole archive on every page
    readonly_fields = ("created_by", "created_at", "updated_at", "view_link")
    fieldsets = (
        (None, {"fields": ("kicker", "title", "slug", "genre", "lead", "body", "byline")}),
        (_("Phân loại"), {"fields": ("category", "tags")}),
        (
            _("Xuất bản"),
            {"fields": ("status", "published_at", "featured_position", "allow_comments", "view_link")},
        ),
        (
            _("Ảnh đại diện"),
            {"fields": ("featured_image", "featured_image_caption", "featured_image_credit")},
        ),
        (_("Ảnh trong nội dung"), {"fields": ("insert_image", "insert_image_caption")}),
        (_("Âm thanh"), {"fields": ("audio",)}),
        (_("Thông tin"), {"classes": ("collapse",), "fields": ("created_by", "created_at", "updated_at")}),
    )

    class Media:
        js = ("js/admin-slug.js", "js/admin-tags.js")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("articles.publish_article"):
            # Enforced on the server: a read-only field is not in the form, so
            # a forged POST cannot set it either.
            fields += ["status", "published_at", "featured_position"]
        return fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "tags" in form.base_fields:
            form.base_fields["tags"].widget.attrs.update(
                {"data-tag-autocomplete": reverse("admin:autocomplete"), "size": 90}
            )
        return form

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("Xem trên trang"))
    def view_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        label = _("Xem") if obj.is_visible else _("Xem trước")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)


# taggit registers its own Tag model; ours (articles.Tag) is the one in use.
admin.site.unregister(TaggitTag)
