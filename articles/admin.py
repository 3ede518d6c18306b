"""The newsroom's editing screens for categories, articles and tags."""

from collections import defaultdict

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Max, Min, Q
from django.forms.models import BaseModelFormSet
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag as TaggitTag

from audit.services import Action, record
from newsroom.admin import CheckedInitialDataMixin
from newsroom.dates import DATETIME_FORMFIELDS
from newsroom.paginators import LargeTablePaginator

from . import revisions, services, shared
from .admin_contributions import ContributionInline, HasContributionsFilter
from .admin_editing import EditingAdminMixin
from .admin_multimedia import PhotoStoryItemInline, embed_view
from .dashboard import MINE_PARAMETER
from .forms import ArticleAdminForm
from .models import SCHEDULED_LABEL, Article, Category, HomePageStory, Tag
from .tags import merge_tags


class OnHomeFilter(admin.SimpleListFilter):
    title = _("trên trang chủ")
    parameter_name = "tren_trang_chu"

    def lookups(self, request, model_admin):
        return [("co", _("Đang được chọn")), ("khong", _("Chưa được chọn"))]

    def queryset(self, request, queryset):
        chosen = Q(featured_position__isnull=False) | Q(pinned_position__isnull=False)
        if self.value() == "co":
            return queryset.filter(chosen)
        if self.value() == "khong":
            return queryset.exclude(chosen)
        return queryset


class PublishedYearFilter(admin.SimpleListFilter):
    """Every year from the oldest publication time to the newest, newest
    first. Its choices cost one query that PostgreSQL answers from the
    ``published_at`` index (MIN and MAX), where ``date_hierarchy`` grouped every
    row by year (0.4 s at 300,000 articles). The parameter is the one
    ``date_hierarchy`` used, so old links keep working."""

    title = _("năm xuất bản")
    parameter_name = "published_at__year"

    def lookups(self, request, model_admin):
        span = model_admin.get_queryset(request).aggregate(first=Min("published_at"), last=Max("published_at"))
        if span["first"] is None:
            return []
        first, last = timezone.localtime(span["first"]).year, timezone.localtime(span["last"]).year
        return [(str(year), _("Năm %(year)s") % {"year": year}) for year in range(last, first - 1, -1)]

    def queryset(self, request, queryset):
        year = self.value()
        if year is None:
            return queryset
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            raise IncorrectLookupParameters(_("Năm không hợp lệ."))
        return queryset.filter(published_at__year=int(year))


class StateFilter(admin.SimpleListFilter):
    """The workflow states as the desk names them, with “Hẹn giờ” (published,
    its time still to come) apart from “Đã xuất bản” (on the site now). The
    parameter is the one the plain status filter used, so old links keep
    working; “Đã xuất bản” no longer includes scheduled articles."""

    title = _("trạng thái")
    parameter_name = "status__exact"
    SCHEDULED = "scheduled"

    def lookups(self, request, model_admin):
        choices = []
        for value, label in Article.Status.choices:
            choices.append((value, label))
            if value == Article.Status.PUBLISHED:
                choices.append((self.SCHEDULED, SCHEDULED_LABEL))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value == self.SCHEDULED:
            return queryset.scheduled()
        if value == Article.Status.PUBLISHED:
            return queryset.published()
        if value in Article.Status.values:
            return queryset.filter(status=value)
        raise IncorrectLookupParameters(_("Trạng thái không hợp lệ."))


class MineFilter(admin.SimpleListFilter):
    """“Bài của tôi”: the articles the person logged in created (the desk's
    panels link here)."""

    title = _("người viết")
    parameter_name = MINE_PARAMETER

    def lookups(self, request, model_admin):
        return [("1", _("Bài của tôi"))]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if self.value() != "1":
            raise IncorrectLookupParameters(_("Bộ lọc không hợp lệ."))
        return queryset.filter(created_by=request.user)


@admin.register(Category)
class CategoryAdmin(CheckedInitialDataMixin, admin.ModelAdmin):
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
        if "name" in form.base_fields and "slug" in form.base_fields:  # not for a role that may only view
            form.base_fields["name"].widget.attrs["data-slug-source"] = "name"
            form.base_fields["slug"].widget.attrs["data-slug-from"] = "name"
        return form

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change:
                shared.record_change(Action.CATEGORY, obj, form, request.user)

    @admin.display(description=_("Xem trên trang"))
    def view_link(self, obj):
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), _("Xem"))


def _explain_read_only(model_admin, request, object_id):
    """Say, in Vietnamese, why a shared object the user may otherwise change
    is shown read-only (articles/shared.py). Never answers the request."""
    obj = model_admin.get_object(request, object_id)
    if (
        obj is not None
        and request.method == "GET"
        and request.user.has_perm(f"{obj._meta.app_label}.change_{obj._meta.model_name}")
        and not model_admin.has_change_permission(request, obj)
    ):
        model_admin.message_user(request, shared.REFUSAL, messages.WARNING)
    return None


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

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None:
            return shared.may_change(request.user, Article.objects.filter(tags=obj))
        return allowed

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return _explain_read_only(self, request, object_id) or super().change_view(
            request, object_id, form_url, extra_context
        )

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change:
                shared.record_change(Action.TAG, obj, form, request.user)

    @admin.action(description=_("Gộp các từ khóa đã chọn thành một"), permissions=["delete"])
    def merge_selected(self, request, queryset):
        tags = list(queryset.order_by("name"))
        if len(tags) < 2:
            self.message_user(request, _("Hãy chọn ít nhất hai từ khóa để gộp."), messages.WARNING)
            return None
        target_id = request.POST.get("merge_into", "")
        target = next((t for t in tags if str(t.pk) == target_id), None)
        if "apply" in request.POST and target is not None:
            with transaction.atomic():
                moved = merge_tags(target, tags)
                merged = ", ".join(f"“{t.name}”" for t in tags if t.pk != target.pk)
                record(Action.TAG, target, by=request.user, detail=f"gộp {merged} vào “{target.name}”"[:2000])
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
class ArticleAdmin(CheckedInitialDataMixin, EditingAdminMixin, admin.ModelAdmin):
    """Writing and the editorial workflow. Who may change an article, and
    which steps he may take, comes from ``articles.services``; status moves
    only through those steps (the buttons under the form)."""

    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    formfield_overrides = DATETIME_FORMFIELDS  # dd/mm/yyyy HH:MM, Vietnamese errors, the time zone named
    list_display = (
        "title",
        "category",
        "state",
        "published_at",
        "byline",
        "featured_position",
        "view_link",
    )
    list_display_links = ("title",)
    list_filter = (StateFilter, MineFilter, "category", PublishedYearFilter, "published_at", HasContributionsFilter)
    list_select_related = ("category",)
    inlines = [ContributionInline]
    search_fields = ("title",)  # a trigram index serves it on PostgreSQL (migration 0009)
    search_help_text = _("Tìm theo tiêu đề bài viết.")
    autocomplete_fields = ("category", "featured_image", "lead_video")
    # The archive is never counted in full on an ordinary page: an estimate,
    # or a count that stops at 1,000 (newsroom/paginators.py).
    paginator = LargeTablePaginator
    list_per_page = 50
    show_full_result_count = False  # no second count, of the unfiltered archive
    # Counts per filter choice would count the archive once more per request.
    show_facets = admin.ShowFacets.NEVER
    readonly_fields = ("state", "workflow_history", "created_by", "created_at", "updated_at", "view_link")
    fieldsets = (
        (None, {"fields": ("kicker", "title", "slug", "genre", "lead", "body", "byline")}),
        (_("Phân loại"), {"fields": ("category", "tags")}),
        (
            _("Xuất bản"),
            {
                "fields": (
                    "state",
                    "published_at",
                    "featured_position",
                    "pinned_position",
                    "allow_comments",
                    "view_link",
                )
            },
        ),
        (
            _("Ảnh đại diện"),
            {"fields": ("featured_image", "featured_image_caption", "featured_image_credit")},
        ),
        (_("Âm thanh"), {"fields": ("audio",)}),
        (_("Trình bày và đa phương tiện"), {"fields": ("format", "lead_video")}),
        (_("Quy trình"), {"fields": ("transition_note", "workflow_history", "edit_version")}),
        (_("Thông tin"), {"classes": ("collapse",), "fields": ("created_by", "created_at", "updated_at")}),
    )

    class Media:
        js = ("js/admin-slug.js", "js/admin-tags.js")
        css = {"all": ("css/admin-workflow.css",)}

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body")

    def get_inlines(self, request, obj):
        """The pictures of a photo story appear once the article is saved as
        one (format “Ảnh”), so other articles' forms stay as they were."""
        if obj is not None and obj.format == Article.Format.PHOTO:
            return [ContributionInline, PhotoStoryItemInline]
        return [ContributionInline]

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # The page asked for, read as the changelist reads it: the paginator
        # counts exactly when that page is near the end.
        try:
            page_number = int(request.GET.get(PAGE_VAR, 1))
        except ValueError:
            page_number = 1
        return self.paginator(queryset, per_page, orphans, allow_empty_first_page, page_number=page_number)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not services.can_edit(request.user, obj):
            # Read-only view: the form-only fields have nothing to show.
            fieldsets = [
                (
                    name,
                    {
                        **opts,
                        "fields": tuple(f for f in opts["fields"] if f not in ("transition_note", "edit_version")),
                    },
                )
                for name, opts in fieldsets
            ]
        return fieldsets

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return services.can_edit(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(services.PUBLISH):
            # Enforced on the server: a read-only field is not in the form, so
            # a forged POST cannot set it either.
            fields += ["published_at", "featured_position", "pinned_position"]
        return fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.editor = request.user  # a new class per request: not shared
        if "tags" in form.base_fields:
            form.base_fields["tags"].widget.attrs.update(
                {"data-tag-autocomplete": reverse("admin:autocomplete"), "size": 90}
            )
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj if obj is not None else Article(status=Article.Status.DRAFT)
        context["workflow_steps"] = services.allowed_transitions(request.user, article)
        context["can_edit_article"] = obj is None or services.can_edit(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        request._curation_changed = bool({"featured_position", "pinned_position"} & set(form.changed_data))
        super().save_model(request, obj, form, change)
        for warning in getattr(form, "media_warnings", ()):
            self.message_user(request, warning, messages.WARNING)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if getattr(request, "_curation_changed", False):
            record(
                Action.CURATION,
                article,
                by=request.user,
                detail=services.curation_detail(article.featured_position, article.pinned_position),
            )
        step = form.requested_step
        if step:
            services.transition(article, step, by=request.user, note=form.cleaned_data.get("transition_note", ""))
            article.refresh_from_db()
        else:
            services.record_revision(article, request.user)

    def _after_step(self, request, obj):
        """After "Lưu và <step>": say what happened, stay on the article."""
        step = services.STEPS.get(request.POST.get("_transition", ""))
        if step is None:
            return None
        obj.refresh_from_db()
        self.message_user(
            request,
            _("Đã lưu và “%(step)s”: bài “%(title)s” giờ ở trạng thái “%(status)s”.")
            % {"step": step.label, "title": obj.title, "status": obj.state_display()},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

    def response_change(self, request, obj):
        return self._after_step(request, obj) or super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_step(request, obj) or super().response_add(request, obj, post_url_continue)

    def delete_model(self, request, obj):
        services.delete(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            services.delete(article, by=request.user)

    # ---- revisions ---------------------------------------------------------

    def get_urls(self):
        urls = [
            path("nhung/", self.admin_site.admin_view(embed_view), name="articles_article_embed"),
            path(
                "<int:pk>/phien-ban/",
                self.admin_site.admin_view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<int:pk>/phien-ban/so-sanh/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<int:pk>/phien-ban/<int:version>/khoi-phuc/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
        ]
        return urls + super().get_urls()

    def _article_for(self, request, pk):
        article = Article.objects.filter(pk=pk).select_related("category").first()
        if article is None or not self.has_view_or_change_permission(request, article):
            raise Http404(_("Không có bài viết này."))
        return article

    def _context(self, request, article, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "article": article,
        }

    def revisions_view(self, request, pk):
        article = self._article_for(request, pk)
        context = self._context(request, article, _("Các phiên bản của “%(title)s”") % {"title": article.title})
        rows = list(article.revisions.select_related("created_by", "restored_from")[:200])
        for revision in rows:
            status = revision.data.get("status")
            revision.status_label = Article.Status(status).label if status in Article.Status.values else status
        context["revisions"] = rows
        context["can_restore"] = services.can_edit(request.user, article)
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def compare_view(self, request, pk):
        article = self._article_for(request, pk)
        versions = []
        for key in ("a", "b"):
            value = request.GET.get(key, "")
            if not (value.isascii() and value.isdigit() and len(value) < 10):
                raise Http404(_("Hãy chọn hai phiên bản để so sánh."))
            versions.append(int(value))
        found = {r.version: r for r in article.revisions.filter(version__in=versions).select_related("created_by")}
        if len(found) != len(set(versions)):
            raise Http404(_("Không có phiên bản này."))
        old, new = sorted((found[v] for v in set(versions)), key=lambda r: r.version) * (2 if len(found) == 1 else 1)
        context = self._context(request, article, _("So sánh phiên bản của “%(title)s”") % {"title": article.title})
        context.update(
            {
                "old": old,
                "new": new,
                "diff": revisions.diff_table(
                    old.data,
                    new.data,
                    _("Phiên bản %(v)s") % {"v": old.version},
                    _("Phiên bản %(v)s") % {"v": new.version},
                ),
                "can_restore": services.can_edit(request.user, article),
            }
        )
        return TemplateResponse(request, "admin/articles/article/revision_compare.html", context)

    def restore_view(self, request, pk, version):
        """GET: what the restore will do, and a button; POST: do it."""
        article = self._article_for(request, pk)
        revision = article.revisions.filter(version=version).first()
        if revision is None:
            raise Http404(_("Không có phiên bản này."))
        if request.method == "GET":
            return self.restore_confirmation(request, article, revision)
        if request.method != "POST":
            return HttpResponseNotAllowed(["GET", "POST"])
        new = services.restore(article, revision, by=request.user)
        self.message_user(
            request,
            _("Đã khôi phục phiên bản %(old)s; bài giờ ở phiên bản %(new)s.") % {"old": version, "new": new.version},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def restore_confirmation(self, request, article, revision):
        if not services.can_edit(request.user, article):
            raise PermissionDenied(_("Bạn không có quyền sửa bài này."))
        context = self._context(
            request,
            article,
            _("Khôi phục phiên bản %(v)s của “%(title)s”?") % {"v": revision.version, "title": article.title},
        )
        context.update(
            {
                "revision": revision,
                "is_live": article.is_visible,
                "is_scheduled": article.is_scheduled,
                "diff": revisions.diff_table(
                    revisions.snapshot(article),
                    revisions.after_restore(article, revision.data),
                    _("Bài hiện nay (phiên bản %(v)s)") % {"v": article.version},
                    _("Sau khi khôi phục"),
                ),
            }
        )
        return TemplateResponse(request, "admin/articles/article/restore_confirm.html", context)

    # ---- read-only displays ------------------------------------------------

    @admin.display(description=_("Lịch sử trạng thái"))
    def workflow_history(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        rows = [
            (
                date_format(timezone.localtime(t.at), "d/m/Y H:i"),
                t.by.get_username() if t.by else "—",
                t.get_from_status_display(),
                t.get_to_status_display(),
                t.note or "",
            )
            for t in obj.transitions.select_related("by")[:50]
        ]
        if not rows:
            return _("Chưa chuyển trạng thái lần nào.")
        return format_html(
            '<table class="workflow-history"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("Thời điểm"),
            _("Người thực hiện"),
            _("Chuyển"),
            _("Ghi chú"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td></tr>", rows),
        )

    @admin.display(description=_("trạng thái"), ordering="status")
    def state(self, obj):
        """The status, or “Hẹn giờ 04/12/2026 14:30” (Article.state_display)."""
        if obj is None or obj.pk is None:
            return Article.Status.DRAFT.label
        return obj.state_display()

    @admin.display(description=_("Xem trên trang"))
    def view_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        label = _("Xem") if obj.is_visible else _("Xem trước")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)


class CurationFormSet(BaseModelFormSet):
    """The rows of the curation screen. Two stories may not share a place:
    Tin tiêu điểm N, or the pin N of one category. The rows sent are checked
    together with the stories chosen on other pages of the list (or hidden
    by a filter), so swapping two stories in one save is allowed."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = {}
        for form in self.forms:
            article = form.instance
            rows[article.pk] = (
                article.title,
                article.category_id,
                form.cleaned_data.get("featured_position"),
                form.cleaned_data.get("pinned_position"),
                form,
            )
        others = (
            Article.objects.filter(status=Article.Status.PUBLISHED)
            .filter(Q(featured_position__isnull=False) | Q(pinned_position__isnull=False))
            .exclude(pk__in=rows)
            .values_list("pk", "title", "category_id", "featured_position", "pinned_position")
        )
        for pk, title, category_id, featured, pinned in others:
            rows[pk] = (title, category_id, featured, pinned, None)
        featured, pinned = defaultdict(list), defaultdict(list)
        for title, category_id, featured_position, pinned_position, form in rows.values():
            if featured_position is not None:
                featured[featured_position].append((title, form))
            if pinned_position is not None:
                pinned[(category_id, pinned_position)].append((title, form))
        errors = []
        for position, holders in sorted(featured.items()):
            if len(holders) > 1:
                place = _("Vị trí tin tiêu điểm %(n)s") % {"n": position}
                errors.append(self._clash(holders, "featured_position", place))
        names = dict(Category.objects.filter(pk__in={c for c, _p in pinned}).values_list("pk", "name"))
        for (category_id, position), holders in sorted(pinned.items()):
            if len(holders) > 1:
                place = _("Vị trí ghim %(n)s của chuyên mục “%(category)s”") % {
                    "n": position,
                    "category": names.get(category_id, ""),
                }
                errors.append(self._clash(holders, "pinned_position", place))
        if errors:
            raise forms.ValidationError(errors)

    @staticmethod
    def _clash(holders, field, place):
        """Mark the rows on this page that share ``place``; the message names them all."""
        message = _("%(place)s có %(count)s bài: %(titles)s. Mỗi vị trí chỉ được một bài.") % {
            "place": place,
            "count": len(holders),
            "titles": ", ".join(f"“{title}”" for title, _form in holders),
        }
        for _title, form in holders:
            if form is not None:
                form.add_error(field, _("Trùng vị trí với bài khác."))
        return message


@admin.register(HomePageStory)
class HomePageStoryAdmin(admin.ModelAdmin):
    """Trang chủ: the desk picks and orders Tin tiêu điểm and the stories
    pinned at the top of each category's block. Only published stories are
    listed; an unpublished story drops out by itself."""

    list_display = ("title", "category", "published_at", "featured_position", "pinned_position")
    list_editable = ("featured_position", "pinned_position")
    list_display_links = None
    list_filter = (OnHomeFilter, "category")
    list_select_related = ("category",)
    search_fields = ("title",)
    search_help_text = _("Tìm theo tiêu đề bài viết.")
    list_per_page = 50
    show_full_result_count = False
    # The stories chosen first, in their order; then the newest.
    ordering = (
        F("featured_position").asc(nulls_last=True),
        F("pinned_position").asc(nulls_last=True),
        "-published_at",
    )

    def get_queryset(self, request):
        return HomePageStory.objects.published().defer("body")

    def has_module_permission(self, request):
        return request.user.has_perm(services.PUBLISH)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(services.PUBLISH)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(services.PUBLISH)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_changelist_formset(self, request, **kwargs):
        kwargs.setdefault("formset", CurationFormSet)
        return super().get_changelist_formset(request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.set_home_positions(
            obj, by=request.user, featured_position=obj.featured_position, pinned_position=obj.pinned_position
        )


# taggit registers its own Tag model; ours (articles.Tag) is the one in use.
admin.site.unregister(TaggitTag)
