"""Reader pages of the print edition, under ``/bao-in/``.

- ``/bao-in/``: the latest issue of each edition, and its years;
- ``/bao-in/<edition>/``: an edition's latest issues and years;
- ``/bao-in/<edition>/<yyyy>/``: that year's issues, month by month;
- ``/bao-in/<edition>/<yyyy>/<mm>/``: a month's issues with their covers;
- ``/bao-in/<edition>/<yyyy>/so-<n>/``: an issue, its pages and articles;
- ``.../so-<n>/trang-<p>/``: the page viewer; ``.../so-<n>/tai-ve/``: the PDF;
- ``/bao-in/tim-kiem/?q=``: printed pages by their words.

Readers see only published issues (``Issue.objects.published()``); an
unknown edition, year, month, issue or page is a 404."""

import calendar
from datetime import date
from itertools import groupby

from django.conf import settings
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from articles.models import Article
from articles.search import SearchQuery
from articles.views import StrictPaginationMixin

from . import search
from .models import THUMB, Edition, Issue, Page, PrintedArticle

RECENT_ISSUES = 12  # covers on an edition's page


def _years_by_edition():
    """{edition id: [(year, number of issues), …]} for the published issues."""
    rows = (
        Issue.objects.published()
        .annotate(year=ExtractYear("date"))
        .values("edition_id", "year")
        .annotate(count=Count("id"))
        .order_by("edition_id", "-year")
    )
    return {
        edition_id: [(row["year"], row["count"]) for row in group]
        for edition_id, group in groupby(rows, key=lambda row: row["edition_id"])
    }


def _year(value):
    year = int(value)
    if not 1900 <= year <= 2999:
        raise Http404(_("Không có năm này."))
    return year


def published_issue_or_404(kwargs):
    issue = (
        Issue.objects.published()
        .select_related("edition")
        .filter(edition__slug=kwargs["edition"], date__year=_year(kwargs["year"]), number=kwargs["number"])
        .first()
    )
    if issue is None:
        raise Http404(_("Không có số báo này."))
    return issue


def _articles_by_page(issue, page_number=None):
    """The published online articles printed in ``issue`` (on one page when
    ``page_number`` is given): [(page number, [articles])], in page order."""
    placements = (
        PrintedArticle.objects.filter(issue=issue, article__in=Article.objects.published())
        .select_related("article__category")
        .order_by("page_number", "id")
    )
    if page_number is not None:
        placements = placements.filter(page_number=page_number)
    return [(number, [p.article for p in group]) for number, group in groupby(placements, key=lambda p: p.page_number)]


class ArchiveView(TemplateView):
    """``/bao-in/``: each edition with its latest issue and its years."""

    template_name = "editions/archive.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = Issue.objects.published().filter(edition=OuterRef("pk")).order_by("-date", "-number").values("pk")[:1]
        latest_ids = Edition.objects.annotate(latest_id=Subquery(latest)).values("latest_id")
        latest_by_edition = {i.edition_id: i for i in Issue.objects.filter(pk__in=latest_ids).select_related("edition")}
        years = _years_by_edition()
        context["editions"] = [
            (edition, latest_by_edition.get(edition.pk), years.get(edition.pk, []))
            for edition in Edition.objects.all()
            if edition.pk in latest_by_edition
        ]
        return context


class EditionView(TemplateView):
    """``/bao-in/<edition>/``: the latest issues and the years to browse."""

    template_name = "editions/edition_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, slug=kwargs["edition"])
        issues = list(Issue.objects.published().filter(edition=edition).for_listing()[:RECENT_ISSUES])
        if not issues:
            raise Http404(_("Ấn phẩm này chưa có số báo nào."))
        context.update(
            edition=edition, issues=issues, years=_years_by_edition().get(edition.pk, []), print_edition=True
        )
        return context


class YearView(TemplateView):
    """``/bao-in/<edition>/<yyyy>/``: a list of the year's issues by month."""

    template_name = "editions/edition_year.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, slug=kwargs["edition"])
        year = _year(kwargs["year"])
        issues = list(Issue.objects.published().filter(edition=edition, date__year=year).order_by("date", "number"))
        if not issues:
            raise Http404(_("Năm này không có số báo nào."))
        months = [
            (date(year, month, 1), list(group)) for month, group in groupby(issues, key=lambda issue: issue.date.month)
        ]
        context.update(edition=edition, year=year, months=months, years=_years_by_edition().get(edition.pk, []))
        return context


class MonthView(TemplateView):
    """``/bao-in/<edition>/<yyyy>/<mm>/``: the month's issues with covers."""

    template_name = "editions/edition_month.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, slug=kwargs["edition"])
        year, month = _year(kwargs["year"]), int(kwargs["month"])
        if not 1 <= month <= 12:
            raise Http404(_("Không có tháng này."))
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        issues = list(
            Issue.objects.published().filter(edition=edition, date__range=(first, last)).order_by("date", "number")
        )
        if not issues:
            raise Http404(_("Tháng này không có số báo nào."))
        for issue in issues:
            issue.edition = edition
        context.update(edition=edition, year=year, month=first, issues=issues)
        return context


class IssueView(TemplateView):
    """``/bao-in/<edition>/<yyyy>/so-<n>/``: the pages' thumbnails, the
    download and the online articles of the issue."""

    template_name = "editions/issue_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = published_issue_or_404(kwargs)
        pages = list(issue.pages.defer("text", "search_text"))
        siblings = Issue.objects.published().filter(edition=issue.edition).only("number", "date")
        context.update(
            issue=issue,
            edition=issue.edition,
            pages=pages,
            articles_by_page=_articles_by_page(issue),
            newer=siblings.filter(date__gt=issue.date).order_by("date", "number").first(),
            older=siblings.filter(date__lt=issue.date).order_by("-date", "-number").first(),
            thumb=THUMB,
        )
        for sibling in (context["newer"], context["older"]):
            if sibling is not None:
                sibling.edition = issue.edition
        return context


class PageView(TemplateView):
    """``.../so-<n>/trang-<p>/``: one page to read: previous and next page,
    zoom, the page's articles and its text. Plain links without JavaScript;
    static/js/print-viewer.js adds keys, swipes and zoom in place."""

    template_name = "editions/page_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = published_issue_or_404(kwargs)
        page = get_object_or_404(Page.objects.defer("search_text"), issue=issue, number=kwargs["page"])
        page.issue = issue
        number = page.number
        context.update(
            issue=issue,
            edition=issue.edition,
            page=page,
            previous_url=issue.page_url(number - 1) if number > 1 else None,
            next_url=issue.page_url(number + 1) if number < issue.page_count else None,
            page_links=[(n, issue.page_url(n)) for n in range(1, issue.page_count + 1)],
            articles=[a for _n, group in _articles_by_page(issue, number) for a in group],
        )
        return context


def download(request, **kwargs):
    """The whole issue's PDF, always as a download (``attachment``), with a
    CSP that sandboxes it should a browser open it anyway."""
    issue = published_issue_or_404(kwargs)
    try:
        handle = open(settings.MEDIA_ROOT / issue.pdf_name, "rb")  # noqa: SIM115 (FileResponse closes it)
    except OSError as error:
        raise Http404(_("Không tìm thấy tệp PDF của số báo này.")) from error
    response = FileResponse(
        handle, as_attachment=True, filename=issue.download_filename(), content_type="application/pdf"
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class PageSearchView(StrictPaginationMixin, ListView):
    """``/bao-in/tim-kiem/?q=``: every printed page with the words."""

    template_name = "editions/page_search.html"
    context_object_name = "pages"
    paginate_by = settings.NEWSROOM_PAGE_SIZE

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.query = SearchQuery(request.GET.get("q", ""))

    def get_queryset(self):
        return search.search_pages(self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for page in context["pages"]:
            page.snippet = search.snippet(page.text, self.query.terms)
        context["query"] = self.query
        return context
