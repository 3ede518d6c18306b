from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from delivery.pages import cached_page
from delivery.scopes import LISTINGS, SITE, article

from . import feeds, multimedia, views
from .author_page import AuthorView
from .sitemaps import SITEMAPS

app_name = "articles"

# Every public page is on one contract (delivery/pages.py, docs/caching.md):
# cached whole for anonymous readers under the scopes it depends on.
PAGE = [SITE, LISTINGS]  # menus and profile; the lists it shows (sidebar included)


def article_page(kwargs):
    """The article's own page: its scope and the site's. Not the listings,
    so that a publish does not empty every article page of the site for its
    sidebar: the lists beside an article ("Mới nhất", "Đọc nhiều", "Tin
    khác") may be up to NEWSROOM_FRAGMENT_SECONDS (60 s) behind a publish,
    as with a Varnish purge of the article, home and categories only
    (docs/caching.md). Everything of the article itself is exact."""
    return [SITE, article(kwargs["pk"])]


# Lengths are bounded in the patterns so an over-long URL is a plain 404.
ARTICLE = r"(?P<category>[a-z0-9-]{1,100})/(?P<slug>[a-z0-9-]{0,200})-(?P<pk>[0-9]{1,18})\.html"

urlpatterns = [
    path("", cached_page("home", PAGE)(views.HomeView.as_view()), name="home"),
    re_path(rf"^ban-in/{ARTICLE}$", views.ArticlePrintView.as_view(), name="print"),
    path("rss/", cached_page("feeds", PAGE)(views.FeedListView.as_view()), name="feeds"),
    path("rss/home.rss", feeds.LatestArticlesFeed(), name="feed_home"),
    # Multimedia (articles/multimedia.py): before the category patterns;
    # "da-phuong-tien" is a reserved slug. Cached like the category pages.
    path("rss/da-phuong-tien.rss", multimedia.MultimediaFeed(), name="feed_multimedia"),
    re_path(
        r"^rss/da-phuong-tien/(?P<kind>[a-z-]{1,20})\.rss$", multimedia.MultimediaFeed(), name="feed_multimedia_kind"
    ),
    path(
        "da-phuong-tien/",
        cached_page("multimedia", PAGE, ("page",))(multimedia.MultimediaView.as_view()),
        name="multimedia",
    ),
    re_path(
        r"^da-phuong-tien/(?P<kind>[a-z-]{1,20})/$",
        cached_page("multimedia", PAGE, ("page",))(multimedia.MultimediaView.as_view()),
        name="multimedia_kind",
    ),
    re_path(r"^rss/(?P<slug>[a-z0-9-]{1,100})\.rss$", feeds.CategoryFeed(), name="feed_category"),
    path(
        "sitemap.xml",
        cached_page("sitemap", PAGE, ("p",), until_deadline=False)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-news.xml",
        cached_page("sitemap-news", PAGE, until_deadline=False)(views.news_sitemap),
        name="sitemap_news",
    ),
    path(
        "sitemap-videos.xml",
        cached_page("sitemap-videos", PAGE, until_deadline=False)(multimedia.video_sitemap),
        name="sitemap_videos",
    ),
    re_path(
        r"^sitemap-(?P<section>[a-z-]{1,40})\.xml$",  # a section of SITEMAPS (sitemaps.register), else 404
        cached_page("sitemap-section", PAGE, ("p",), until_deadline=False)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("tim-kiem/", cached_page("search", PAGE, ("q", "page"))(views.SearchView.as_view()), name="search"),
    path("doc-nhieu/", cached_page("most-read", PAGE, ("trong",))(views.MostReadView.as_view()), name="most_read"),
    re_path(
        r"^tu-khoa/(?P<slug>[a-z0-9-]{1,100})/$",
        cached_page("tag", PAGE, ("page",))(views.TagView.as_view()),
        name="tag",
    ),
    re_path(
        r"^tac-gia/(?P<slug>[a-z0-9-]{1,100})/$",
        cached_page("author", PAGE, ("page",))(AuthorView.as_view()),
        name="author",
    ),
    re_path(rf"^{ARTICLE}$", cached_page("article", article_page)(views.ArticleDetailView.as_view()), name="detail"),
    re_path(
        r"^(?P<slug>[a-z0-9-]{1,100})/$",
        cached_page("category", PAGE, ("page",))(views.CategoryView.as_view()),
        name="category",
    ),
]
