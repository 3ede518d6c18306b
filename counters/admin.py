"""“Thống kê lượt xem” in the admin: top articles by window and category,
totals per category and per author (and per byline text for articles
without contributions), one article per day with a small chart
(inline SVG, no JavaScript), and CSV exports. Read-only; staff with the
“xem lượt xem bài viết” permission see it."""

import csv

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from articles.models import Article
from newsroom.admin import ReadOnlyAdminMixin

from . import stats
from .models import ArticleViewCount
from .services import view_count


def _csv(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so Excel opens Vietnamese text as UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        # A cell starting with = + - @ would be a formula in a spreadsheet.
        writer.writerow([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in row])
    return response


@admin.register(ArticleViewCount)
class ViewStatisticsAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("bai-viet/<int:article_id>/", view(self.article_view), name="counters_article_stats"),
        ] + super().get_urls()

    def _check(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied

    def changelist_view(self, request, extra_context=None):
        self._check(request)
        try:
            days = int(request.GET.get("cua-so", 7))
        except ValueError:
            days = 7
        if days not in stats.WINDOWS:
            days = 7
        categories = stats.category_choices()
        category = None
        if request.GET.get("chuyen-muc", "").isdigit():
            category = next((c for c in categories if c.pk == int(request.GET["chuyen-muc"])), None)
        export = request.GET.get("xuat")
        if export == "bai-viet":
            return _csv(
                f"luot-xem-bai-viet-{days}.csv",
                [_("ID"), _("Tiêu đề"), _("Chuyên mục"), _("Tác giả"), _("Ngày đăng"), _("Lượt xem")],
                (
                    (r["article_id"], r["title"], r["category"], r["byline"], r["published_at"], r["n"])
                    for r in stats.top_articles(days, category, limit=None)
                ),
            )
        if export == "chuyen-muc":
            return _csv(
                f"luot-xem-chuyen-muc-{days}.csv",
                [_("Chuyên mục"), _("Lượt xem")],
                ((r["name"], r["n"]) for r in stats.per_category(days)),
            )
        if export == "tac-gia":
            return _csv(
                f"luot-xem-tac-gia-{days}.csv",
                [_("Tác giả"), _("Lượt xem")],
                ((r["name"], r["n"]) for r in stats.per_author(days)),
            )
        if export == "dong-tac-gia":
            return _csv(
                f"luot-xem-dong-tac-gia-{days}.csv",
                [_("Dòng tác giả"), _("Lượt xem")],
                ((r["name"] or _("(không ghi)"), r["n"]) for r in stats.per_byline(days)),
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Thống kê lượt xem"),
            "days": days,
            "windows": stats.WINDOWS.items(),
            "window_label": str(stats.WINDOWS[days]),
            "categories": categories,
            "category": category,
            "top": stats.top_articles(days, category),
            "per_category": stats.per_category(days),
            "per_author": stats.per_author(days)[:30],
            "per_byline": stats.per_byline(days)[:30],
        }
        return TemplateResponse(request, "admin/counters/statistics.html", context)

    def article_view(self, request, article_id):
        self._check(request)
        try:
            article = stats.get_article(article_id)
        except Article.DoesNotExist:
            raise Http404 from None
        series = stats.article_days(article)
        if request.GET.get("xuat") == "csv":
            return _csv(
                f"luot-xem-bai-{article.pk}.csv", [_("Ngày"), _("Lượt xem")], ((d.isoformat(), n) for d, n in series)
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Lượt xem: %(title)s") % {"title": article.title},
            "article": article,
            "total": view_count(article.pk),
            "last_30": sum(n for _, n in series),
            "series": series,
            "chart": stats.bar_chart(series),
            "back": reverse("admin:counters_articleviewcount_changelist"),
        }
        return TemplateResponse(request, "admin/counters/article.html", context)
