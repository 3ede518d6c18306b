from django.urls import path, re_path

from delivery.pages import cached_page
from delivery.scopes import LISTINGS, SITE

from . import feeds, views

app_name = "editions"

# On the one page contract (delivery/pages.py); an edition, issue or page
# change touches the listings (editions/delivery.py). The PDF is a file.
PAGE = [SITE, LISTINGS]

# Lengths are bounded in the patterns so an over-long URL is a plain 404.
EDITION = r"(?P<edition>[a-z0-9-]{1,60})"
YEAR = r"(?P<year>[0-9]{4})"
ISSUE = rf"{EDITION}/{YEAR}/so-(?P<number>[0-9]{{1,9}})"

urlpatterns = [
    path("bao-in/", cached_page("editions-archive", PAGE)(views.ArchiveView.as_view()), name="archive"),
    path(
        "bao-in/tim-kiem/",
        cached_page("editions-page_search", PAGE, ("q", "page"))(views.PageSearchView.as_view()),
        name="page_search",
    ),
    path("bao-in/rss.xml", feeds.IssueFeed(), name="feed"),
    re_path(
        rf"^bao-in/{EDITION}/$", cached_page("editions-edition", PAGE)(views.EditionView.as_view()), name="edition"
    ),
    re_path(rf"^bao-in/{EDITION}/{YEAR}/$", cached_page("editions-year", PAGE)(views.YearView.as_view()), name="year"),
    re_path(
        rf"^bao-in/{EDITION}/{YEAR}/(?P<month>[0-9]{{2}})/$",
        cached_page("editions-month", PAGE)(views.MonthView.as_view()),
        name="month",
    ),
    re_path(rf"^bao-in/{ISSUE}/$", cached_page("editions-issue", PAGE)(views.IssueView.as_view()), name="issue"),
    re_path(
        rf"^bao-in/{ISSUE}/trang-(?P<page>[0-9]{{1,4}})/$",
        cached_page("editions-page", PAGE)(views.PageView.as_view()),
        name="page",
    ),
    re_path(rf"^bao-in/{ISSUE}/tai-ve/$", views.download, name="download"),
]
