from django.urls import path, re_path

from . import views

app_name = "articles"

# Lengths are bounded in the patterns so an over-long URL is a plain 404.
ARTICLE = r"(?P<category>[a-z0-9-]{1,100})/(?P<slug>[a-z0-9-]{0,200})-(?P<pk>[0-9]{1,18})\.html"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    re_path(rf"^ban-in/{ARTICLE}$", views.ArticlePrintView.as_view(), name="print"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("doc-nhieu/", views.MostReadView.as_view(), name="most_read"),
    re_path(r"^tu-khoa/(?P<slug>[a-z0-9-]{1,100})/$", views.TagView.as_view(), name="tag"),
    re_path(rf"^{ARTICLE}$", views.ArticleDetailView.as_view(), name="detail"),
    re_path(r"^(?P<slug>[a-z0-9-]{1,100})/$", views.CategoryView.as_view(), name="category"),
]
