from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path
from django.views.decorators.cache import cache_page

from newsroom.page_cache import cache_public_page

from . import feeds, multimedia, views
from .author_page import AuthorView
from .sitemaps import SITEMAPS

app_name = "articles"

# Lengths are bounded in the patterns so an over-long URL is a plain 404.
ARTICLE = r"(?P<category>[a-z0-9-]{1,100})/(?P<slug>[a-z0-9-]{0,200})-(?P<pk>[0-9]{1,18})\.html"

urlpatterns = [
    path("", cache_public_page("home")(views.HomeView.as_view()), name="home"),
    re_path(rf"^ban-in/{ARTICLE}$", views.ArticlePrintView.as_view(), name="print"),
    path("rss/", cache_public_page("feeds")(views.FeedListView.as_view()), name="feeds"),
    path("rss/home.rss", feeds.LatestArticlesFeed(), name="feed_home"),
    # Multimedia (articles/multimedia.py): before the category patterns;
    # "da-phuong-tien" is a reserved slug. Cached like the category pages.
    path("rss/da-phuong-tien.rss", multimedia.MultimediaFeed(), name="feed_multimedia"),
    re_path(
        r"^rss/da-phuong-tien/(?P<kind>[a-z-]{1,20})\.rss$", multimedia.MultimediaFeed(), name="feed_multimedia_kind"
    ),
    path(
        "da-phuong-tien/",
        cache_public_page("multimedia", ("page",))(multimedia.MultimediaView.as_view()),
        name="multimedia",
    ),
    re_path(
        r"^da-phuong-tien/(?P<kind>[a-z-]{1,20})/$",
        cache_public_page("multimedia", ("page",))(multimedia.MultimediaView.as_view()),
        name="multimedia_kind",
    ),
    re_path(r"^rss/(?P<slug>[a-z0-9-]{1,100})\.rss$", feeds.CategoryFeed(), name="feed_category"),
    path(
        "sitemap.xml",
        cache_page(300)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap_section"},
        name="sitemap_index",
    ),
    path("sitemap-news.xml", views.news_sitemap, name="sitemap_news"),
    path("sitemap-videos.xml", multimedia.video_sitemap, name="sitemap_videos"),
    re_path(
        r"^sitemap-(?P<section>[a-z-]{1,40})\.xml$",  # a section of SITEMAPS (sitemaps.register), else 404
        cache_page(300)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("tim-kiem/", cache_public_page("search", ("q", "page"))(views.SearchView.as_view()), name="search"),
    path("doc-nhieu/", cache_public_page("most-read", ("trong",))(views.MostReadView.as_view()), name="most_read"),
    re_path(
        r"^tu-khoa/(?P<slug>[a-z0-9-]{1,100})/$",
        cache_public_page("tag", ("page",))(views.TagView.as_view()),
        name="tag",
    ),
    # Not cached (yet): issue 16 puts every public page on one contract.
    re_path(r"^tac-gia/(?P<slug>[a-z0-9-]{1,100})/$", AuthorView.as_view(), name="author"),
    re_path(rf"^{ARTICLE}$", views.ArticleDetailView.as_view(), name="detail"),
    re_path(
        r"^(?P<slug>[a-z0-9-]{1,100})/$",
        cache_public_page("category", ("page",))(views.CategoryView.as_view()),
        name="category",
    ),
]
