"""The newsroom's editing screens for categories, articles and tags."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag as TaggitTag

from .forms import ArticleAdminForm
from .models import Article, Category, Tag
from .tags import merge_tags


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


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ("name", "slug")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Tag.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if clash is not None:
            raise forms.ValidationError(
                _("Đã có từ khóa “%(name)s”. Muốn gộp hai từ khóa, hãy chọn cả hai trong danh sách và dùng “Gộp”.")
                % {"name": clash.name}
            )
        return name


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Rename a tag by editing it (its address /tu-khoa/<slug>/ stays unless
    the slug is changed too); merge duplicates with the list's action."""

    form = TagAdminForm
    list_display = ("name", "slug", "article_count")
    search_fields = ("name", "slug")
    ordering = ("name",)
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("tagged_articles"))

    @admin.display(description=_("số bài"), ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles

    @admin.action(description=_("Gộp các từ khóa đã chọn thành một"), permissions=["delete"])
    def merge_selected(self, request, queryset):
        tags = list(queryset.order_by("name"))
        if len(tags) < 2:
            self.message_user(request, _("Hãy chọn ít nhất hai từ khóa để gộp."), messages.WARNING)
            return None
        target_id = request.POST.get("merge_into", "")
        target = next((t for t in tags if str(t.pk) == target_id), None)
        if "apply" in request.POST and target is not None:
            moved = merge_tags(target, tags)
            self.message_user(
                request,
                _("Đã gộp %(count)d từ khóa vào “%(name)s”; %(moved)d bài được gắn thêm từ khóa này.")
                % {"count": len(tags) - 1, "name": target.name, "moved": moved},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Gộp từ khóa"),
            "tags": tags,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "missing_target": "apply" in request.POST,
        }
        return TemplateResponse(request, "admin/articles/tag/merge.html", context)


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
    autocomplete_fields = ("category",)
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
