from django.urls import path, re_path

from . import feeds, views

app_name = "editions"

# Lengths are bounded in the patterns so an over-long URL is a plain 404.
EDITION = r"(?P<edition>[a-z0-9-]{1,60})"
YEAR = r"(?P<year>[0-9]{4})"
ISSUE = rf"{EDITION}/{YEAR}/so-(?P<number>[0-9]{{1,9}})"

urlpatterns = [
    path("bao-in/", views.ArchiveView.as_view(), name="archive"),
    path("bao-in/tim-kiem/", views.PageSearchView.as_view(), name="page_search"),
    path("bao-in/rss.xml", feeds.IssueFeed(), name="feed"),
    re_path(rf"^bao-in/{EDITION}/$", views.EditionView.as_view(), name="edition"),
    re_path(rf"^bao-in/{EDITION}/{YEAR}/$", views.YearView.as_view(), name="year"),
    re_path(rf"^bao-in/{EDITION}/{YEAR}/(?P<month>[0-9]{{2}})/$", views.MonthView.as_view(), name="month"),
    re_path(rf"^bao-in/{ISSUE}/$", views.IssueView.as_view(), name="issue"),
    re_path(rf"^bao-in/{ISSUE}/trang-(?P<page>[0-9]{{1,4}})/$", views.PageView.as_view(), name="page"),
    re_path(rf"^bao-in/{ISSUE}/tai-ve/$", views.download, name="download"),
]
