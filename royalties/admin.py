"""Nhuận bút in the admin: the scale, the months, grading a month's
articles, the sheets (for the paper and per author, on screen, in Excel and
printable), approving and reopening a month, and “Nhuận bút của tôi” for
anyone linked to an author. Who may do what is checked here and again in
``royalties.services``."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from articles.models import Article, Contribution
from authors.bylines import SOURCE_ROLES, Kind
from newsroom.admin import ReadOnlyAdminMixin
from newsroom.models import Publication

from . import exports, services, sheets
from .forms import GradeForm, RoyaltyMonthForm
from .models import Coefficient, GradeChange, RoyaltyMonth, SheetTotal, WorkType

PAYMENT_DETAILS = "authors.view_paymentdetails"
GRADING_PAGE_SIZE = 30


@admin.register(WorkType)
class WorkTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "min_points", "max_points", "position", "active")
    list_editable = ("min_points", "max_points", "position", "active")
    ordering = ("position", "name")


@admin.register(Coefficient)
class CoefficientAdmin(admin.ModelAdmin):
    list_display = ("name", "factor", "active")
    list_editable = ("factor", "active")


@admin.register(GradeChange)
class GradeChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "by", "month", "article_title", "author_name", "before_text", "after_text", "note")
    list_filter = ("month",)
    list_select_related = ("by", "month")
    search_fields = ("article_title", "author_name")
    list_per_page = 100

    @admin.display(description=_lazy("trước"))
    def before_text(self, obj):
        return describe(obj.before)

    @admin.display(description=_lazy("sau"))
    def after_text(self, obj):
        return describe(obj.after)


def is_gradable(contribution):
    """Organisations and sources (“Theo TTXVN”) are not paid."""
    return contribution.author.kind != Kind.ORGANISATION and contribution.role not in SOURCE_ROLES


def describe(snapshot):
    """“Phóng sự, 12 điểm × 1.2000, 60 %” for a grade snapshot; “—” for none."""
    if not snapshot:
        return "—"
    text = _("%(type)s, %(points)s điểm") % {"type": snapshot["the_loai"], "points": snapshot["diem"]}
    if snapshot["he_so"]:
        text += " × " + ", ".join(snapshot["he_so"])
    if snapshot["ty_le"] not in ("100", "100.00"):
        text += f", {snapshot['ty_le']} %"
    return text


@admin.register(RoyaltyMonth)
class RoyaltyMonthAdmin(admin.ModelAdmin):
    form = RoyaltyMonthForm
    list_display = ("__str__", "status", "point_value", "fund", "approved_by", "approved_at", "links")
    list_select_related = ("approved_by",)
    readonly_fields = ("status", "approved_by", "approved_at")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("year", "month", "point_value", "fund")
        return ("year", "month", "point_value", "fund", "status", "approved_by", "approved_at")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return ("year", "month", *self.readonly_fields)
        return ()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj is not None and obj.is_locked)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        point_value, fund = form.cleaned_data.get("point_value"), form.cleaned_data.get("fund")
        if not change:
            obj.point_value = obj.fund = None
            obj.save()
        if point_value or fund or change:
            services.set_month_value(obj, by=request.user, point_value=point_value, fund=fund)
            obj.refresh_from_db()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:  # set_month_value's own checks
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)

    @admin.display(description=_lazy("xem"))
    def links(self, obj):
        # The sheet links on to grading for those who may grade.
        return format_html('<a href="{}">{}</a>', reverse("admin:royalties_sheet", args=[obj.pk]), _("Bảng nhuận bút"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("cua-toi/", view(self.own_view), name="royalties_own"),
            path("cham-bai/<int:article_id>/", view(self.grade_article_view), name="royalties_grade_article"),
            path("<int:pk>/cham/", view(self.grading_view), name="royalties_grading"),
            path("<int:pk>/bang/", view(self.sheet_view), name="royalties_sheet"),
            path("<int:pk>/bang/<int:author_id>/", view(self.sheet_view), name="royalties_author_sheet"),
            path("<int:pk>/xlsx/", view(self.xlsx_view), name="royalties_xlsx"),
            path("<int:pk>/xlsx/<int:author_id>/", view(self.xlsx_view), name="royalties_author_xlsx"),
            path("<int:pk>/in/", view(self.print_view), name="royalties_print"),
            path("<int:pk>/in/<int:author_id>/", view(self.print_view), name="royalties_author_print"),
            path("<int:pk>/duyet/", view(self.approve_view), name="royalties_approve"),
            path("<int:pk>/mo-lai/", view(self.reopen_view), name="royalties_reopen"),
        ] + super().get_urls()

    # ---- helpers ----------------------------------------------------------

    def _context(self, request, title, **extra):
        return {**self.admin_site.each_context(request), "opts": self.opts, "title": title, **extra}

    def _require(self, request, permission):
        if not request.user.has_perm(permission):
            raise PermissionDenied

    def _own_author(self, request):
        return getattr(request.user, "author", None)

    def _sheet_and_author(self, request, pk, author_id):
        """The month's sheet and, with ``author_id``, that author's part:
        the whole sheet for whoever may read sheets, one's own part for
        anyone linked to that author."""
        month = get_object_or_404(RoyaltyMonth, pk=pk)
        own = self._own_author(request)
        if author_id is None or own is None or own.pk != author_id:
            self._require(request, services.VIEW_SHEETS)
        sheet = sheets.sheet_for(month)
        author = None
        if author_id is not None:
            author = sheet.for_author(author_id)
            if author is None:
                raise Http404(_("Tác giả này không có tác phẩm nào trong bảng nhuận bút tháng này."))
        return month, sheet, author

    # ---- grading ----------------------------------------------------------

    def grading_view(self, request, pk):
        """The month's published articles with their contributors and grades."""
        self._require(request, services.GRADE)
        month = get_object_or_404(RoyaltyMonth, pk=pk)
        start, end = month.period()
        gradable = Contribution.objects.exclude(author__kind=Kind.ORGANISATION).exclude(role__in=SOURCE_ROLES)
        articles = (
            Article.objects.published()
            .filter(published_at__gte=start, published_at__lt=end)
            .select_related("category")
            .prefetch_related(
                Prefetch(
                    "contributions",
                    queryset=Contribution.objects.select_related("author", "royalty_grade__work_type").order_by(
                        "position", "id"
                    ),
                )
            )
            .order_by("-published_at", "-id")
        )
        ungraded_only = request.GET.get("chua-cham") == "1"
        if ungraded_only:
            articles = articles.filter(
                Exists(gradable.filter(article=OuterRef("pk"), royalty_grade__isnull=True)),
            )
        page = Paginator(articles, GRADING_PAGE_SIZE).get_page(request.GET.get("page"))
        for article in page:
            for contribution in article.contributions.all():
                contribution.gradable = is_gradable(contribution)
        context = self._context(
            request,
            _("Chấm nhuận bút – %(month)s") % {"month": month},
            month=month,
            page_obj=page,
            ungraded_only=ungraded_only,
            without_byline_list=articles.filter(~Exists(Contribution.objects.filter(article=OuterRef("pk")))).count(),
        )
        return TemplateResponse(request, "admin/royalties/grading.html", context)

    def grade_article_view(self, request, article_id):
        """Grade every contributor of one article, all or nothing."""
        self._require(request, services.GRADE)
        article = get_object_or_404(Article.objects.select_related("category"), pk=article_id)
        contributions = list(
            article.contributions.select_related("author", "royalty_grade__work_type").order_by("position", "id")
        )
        gradable = [c for c in contributions if is_gradable(c)]
        month = None
        if article.is_visible:
            year, number = RoyaltyMonth.key_for(article.published_at)
            month = RoyaltyMonth.objects.filter(year=year, month=number).first()
        data = request.POST if request.method == "POST" else None
        forms = [GradeForm(data, contribution=c) for c in gradable]
        errors = []
        if data is not None and all(f.is_valid() for f in forms):
            try:
                with transaction.atomic():
                    for form in forms:
                        self._apply_grade(request, form)
            except (ValidationError, PermissionDenied) as error:
                errors = getattr(error, "messages", None) or [str(error)]
            else:
                self.message_user(request, _("Đã lưu điểm nhuận bút của bài “%(title)s”.") % {"title": article.title})
                month = services.month_of(article.published_at)
                return HttpResponseRedirect(reverse("admin:royalties_grading", args=[month.pk]))
        context = self._context(
            request,
            _("Chấm nhuận bút: %(title)s") % {"title": article.title},
            article=article,
            month=month,
            rows=list(zip(gradable, forms, strict=True)),
            not_gradable=[c for c in contributions if c not in gradable],
            errors=errors,
            changes=GradeChange.objects.filter(contribution__article=article).select_related("by")[:50],
        )
        return TemplateResponse(request, "admin/royalties/grade_article.html", context)

    def _apply_grade(self, request, form):
        data, contribution = form.cleaned_data, form.contribution
        if data["remove"]:
            services.remove_grade(contribution, by=request.user, note=data["note"])
        elif data["work_type"] is not None:
            services.grade(
                contribution,
                by=request.user,
                work_type=data["work_type"],
                points=data["points"],
                coefficients=data["coefficients"],
                share=data["share"],
                note=data["note"],
            )

    # ---- sheets -----------------------------------------------------------

    def sheet_view(self, request, pk, author_id=None):
        month, sheet, author = self._sheet_and_author(request, pk, author_id)
        title = month.title if author is None else f"{month.title} – {author.author_name}"
        context = self._context(
            request,
            title,
            month=month,
            sheet=sheet,
            author=author,
            may_see_all=request.user.has_perm(services.VIEW_SHEETS),
            may_see_payment=request.user.has_perm(PAYMENT_DETAILS),
            may_approve=request.user.has_perm(services.APPROVE),
            may_grade=request.user.has_perm(services.GRADE) and not month.is_locked,
        )
        return TemplateResponse(request, "admin/royalties/sheet.html", context)

    def xlsx_view(self, request, pk, author_id=None):
        month, sheet, author = self._sheet_and_author(request, pk, author_id)
        content = exports.workbook(
            sheet,
            Publication.load().name,
            author=author,
            with_payment=request.user.has_perm(PAYMENT_DETAILS),
        )
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        name = f"nhuan-but-{month.year}-{month.month:02d}" + (f"-{author.author_id}" if author else "")
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response

    def print_view(self, request, pk, author_id=None):
        month, sheet, author = self._sheet_and_author(request, pk, author_id)
        context = {
            "month": month,
            "sheet": sheet,
            "author": author,
            "publication": Publication.load(),
            "may_see_payment": request.user.has_perm(PAYMENT_DETAILS),
        }
        return TemplateResponse(request, "royalties/sheet_print.html", context)

    # ---- approval -----------------------------------------------------------

    def approve_view(self, request, pk):
        return self._month_step(
            request, pk, lambda month: services.approve(month, by=request.user), _("Đã duyệt và khóa")
        )

    def reopen_view(self, request, pk):
        return self._month_step(
            request,
            pk,
            lambda month: services.reopen(month, by=request.user, reason=request.POST.get("reason", "")),
            _("Đã mở lại"),
        )

    def _month_step(self, request, pk, step, done):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        self._require(request, services.APPROVE)
        month = get_object_or_404(RoyaltyMonth, pk=pk)
        try:
            month = step(month)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, f"{done}: {month.title}.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:royalties_sheet", args=[pk]))

    # ---- one's own ----------------------------------------------------------

    def own_view(self, request):
        """“Nhuận bút của tôi”: the months of the author linked to this
        account, with his points and amounts (drafts computed now)."""
        author = self._own_author(request)
        if author is None:
            raise PermissionDenied
        rows = []
        approved = {t.month_id: t for t in SheetTotal.objects.filter(author=author)}
        drafts = RoyaltyMonth.objects.filter(status=RoyaltyMonth.Status.DRAFT, grades__contribution__author=author)
        months = RoyaltyMonth.objects.filter(pk__in=[*approved, *drafts.values_list("pk", flat=True)])
        for month in months.order_by("-year", "-month"):
            total = approved.get(month.pk) or sheets.live_sheet(month).for_author(author.pk)
            if total is not None:
                rows.append((month, total))
        context = self._context(request, _("Nhuận bút của tôi"), author=author, rows=rows)
        return TemplateResponse(request, "admin/royalties/own.html", context)
