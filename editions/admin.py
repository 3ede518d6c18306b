"""The desk's screens for the print edition: editions, and issues with their
upload, processing progress, numbering warnings, publishing, the articles
printed on each page and the “Điểm báo in” draft."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from newsroom.admin import CheckedInitialDataMixin

from . import services
from .forms import IssueForm
from .models import Edition, Issue, PrintedArticle

PUBLISH = "editions.publish_issue"


@admin.register(Edition)
class EditionAdmin(CheckedInitialDataMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "schedule", "position")
    list_editable = ("position",)
    search_fields = ("name",)
    autocomplete_fields = ("digest_category",)
    fields = ("name", "slug", "schedule", "position", "digest_category")


class PrintedArticleInline(admin.TabularInline):
    model = PrintedArticle
    extra = 3
    autocomplete_fields = ("article",)
    verbose_name = _lazy("bài trên báo in")
    verbose_name_plural = _lazy("Bài viết trên số báo này (bài trên mạng ↔ trang báo in)")


def _progress(issue):
    """The processing state in words: “Đang xử lý: 5/24 trang”."""
    state = issue.get_processing_display()
    if issue.processing == Issue.Processing.RUNNING and issue.pages_total:
        return _("%(state)s: %(done)s/%(total)s trang") % {
            "state": state,
            "done": issue.pages_done,
            "total": issue.pages_total,
        }
    if issue.processing == Issue.Processing.FAILED:
        return _("%(state)s: %(error)s") % {"state": state, "error": issue.processing_error}
    return state


@admin.register(Issue)
class IssueAdmin(CheckedInitialDataMixin, admin.ModelAdmin):
    form = IssueForm
    change_form_template = "admin/editions/issue/change_form.html"
    list_display = ("number", "issue_date", "edition", "page_count", "processing_state", "status", "public_link")
    list_display_links = ("number", "issue_date")
    list_filter = ("edition", "status", "processing", "date")
    list_select_related = ("edition",)
    search_fields = ("title", "edition__name")
    search_help_text = _lazy("Gõ số báo (ví dụ 1234), hoặc tên ấn phẩm, tên số đặc biệt.")
    date_hierarchy = "date"
    autocomplete_fields = ("edition",)
    inlines = [PrintedArticleInline]
    actions = ["publish_selected", "unpublish_selected"]
    readonly_fields = ("processing_state", "files", "warnings", "status", "published_at", "digest_link")
    fieldsets = (
        (None, {"fields": ("edition", "number", "date", "title")}),
        (_lazy("Tệp báo in"), {"fields": ("pdf_files", "processing_state", "files")}),
        (_lazy("Xuất bản"), {"fields": ("status", "published_at", "warnings", "digest_link")}),
    )

    class Media:
        js = ("js/admin-progress.js",)
        css = {"all": ("css/admin-workflow.css",)}

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return ((None, {"fields": ("edition", "number", "date", "title", "pdf_files")}),)
        return super().get_fieldsets(request, obj)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if term.isdigit() and len(term) < 10:
            return queryset.filter(number=int(term)), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_lazy("ngày phát hành"), ordering="date")
    def issue_date(self, obj):
        return date_format(obj.date, "d/m/Y")

    @admin.display(description=_lazy("xử lý tệp"))
    def processing_state(self, obj):
        return format_html(
            '<span class="issue-progress" data-progress-url="{}" data-state="{}" data-reload-label="{}">{}</span>',
            reverse("admin:editions_issue_progress", args=[obj.pk]) if obj.pk else "",
            obj.processing,
            _("Tải lại trang để xem"),
            _progress(obj),
        )

    @admin.display(description=_lazy("tệp đã xử lý"))
    def files(self, obj):
        if not obj.page_count:
            return _("Chưa có trang nào.")
        return _("%(pages)s trang, PDF %(size)s") % {"pages": obj.page_count, "size": filesizeformat(obj.pdf_bytes)}

    @admin.display(description=_lazy("trên trang báo"))
    def public_link(self, obj):
        if not obj.is_visible:
            return "—"
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), _("Xem"))

    @admin.display(description=_lazy("cảnh báo số báo"))
    def warnings(self, obj):
        found = services.numbering_warnings(obj) if obj.pk else []
        if not found:
            return _("Không có.")
        return format_html(
            '<ul class="issue-warnings">{}</ul>', format_html_join("", "<li>{}</li>", ((w,) for w in found))
        )

    @admin.display(description=_lazy("bài Điểm báo in"))
    def digest_link(self, obj):
        if obj.digest_id is None:
            return _("Chưa có. Gắn các bài với trang ở bảng dưới, lưu, rồi bấm “Tạo bài Điểm báo in”.")
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[obj.digest_id]), obj.digest
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/tien-do/",
                self.admin_site.admin_view(self.progress_view),
                name="editions_issue_progress",
            ),
            *super().get_urls(),
        ]

    def progress_view(self, request, pk):
        """JSON for static/js/admin-progress.js while an upload is processed."""
        issue = get_object_or_404(Issue, pk=pk)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        return JsonResponse({"state": issue.processing, "text": _progress(issue)})

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        files = form.cleaned_data.get("pdf_files")
        if files:
            services.stage_upload(obj, files, by=request.user)
            messages.info(request, _("Đã nhận tệp PDF; các trang đang được xử lý, xem tiến độ ở mục “xử lý tệp”."))

    def _warn(self, request, obj):
        for warning in services.numbering_warnings(obj):
            messages.warning(request, warning)

    def _steps(self, request, obj):
        """The buttons under the form: publish, unpublish, make the digest."""
        try:
            if "_publish" in request.POST:
                if not request.user.has_perm(PUBLISH):
                    raise PermissionDenied
                services.publish(obj, by=request.user)
                messages.success(request, _("Đã xuất bản số báo in: bạn đọc đã thấy."))
            elif "_unpublish" in request.POST:
                if not request.user.has_perm(PUBLISH):
                    raise PermissionDenied
                services.unpublish(obj, by=request.user)
                messages.success(request, _("Đã gỡ số báo in khỏi trang."))
            elif "_digest" in request.POST:
                if not request.user.has_perm("articles.add_article"):
                    raise PermissionDenied
                article = services.make_digest(obj, by=request.user)
                messages.success(request, _("Đã tạo bài Điểm báo in (nháp) để biên tập tiếp."))
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
            else:
                return None
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        return HttpResponseRedirect(reverse("admin:editions_issue_change", args=[obj.pk]))

    def response_add(self, request, obj, post_url_continue=None):
        self._warn(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._warn(request, obj)
        return self._steps(request, obj) or super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            can_publish=obj is not None and request.user.has_perm(PUBLISH),
            can_make_digest=obj is not None and request.user.has_perm("articles.add_article"),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.action(description=_lazy("Xuất bản các số đã chọn"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        done, refused = 0, []
        for issue in queryset.select_related("edition"):
            try:
                services.publish(issue, by=request.user)
                done += 1
            except ValidationError:
                refused.append(str(issue.number))
        if done:
            messages.success(request, ngettext("Đã xuất bản %(n)d số.", "Đã xuất bản %(n)d số.", done) % {"n": done})
        if refused:
            messages.error(
                request, _("Chưa có trang, không xuất bản được: số %(numbers)s.") % {"numbers": ", ".join(refused)}
            )

    @admin.action(description=_lazy("Gỡ các số đã chọn khỏi trang"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        for issue in queryset:
            services.unpublish(issue, by=request.user)
        messages.success(request, _("Đã gỡ các số đã chọn khỏi trang."))

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH)
