"""The Multimedia section (docs/multimedia.md): listings that gather the
video reports, photo stories and long-form pieces of every category, their
RSS feeds, and the video sitemap.

Addresses (``da-phuong-tien`` is a reserved category slug, models.RESERVED_SLUGS,
so no category can take them): ``/da-phuong-tien/`` (all three),
``/da-phuong-tien/video/``, ``/da-phuong-tien/anh/``,
``/da-phuong-tien/e-magazine/``; feeds ``/rss/da-phuong-tien.rss`` and
``/rss/da-phuong-tien/<kind>.rss``; ``/sitemap-videos.xml``.

Caching: like the category pages (docs/caching.md): whole pages under the
``site`` and ``listings`` scopes (``cached_page`` in articles/urls.py), the
rows a ``CachedListing`` of ``listings``; a photo-story item or a video
bumps the articles that show it (articles/delivery.py, videos/delivery.py)."""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import ListView

from delivery import data
from delivery.scopes import LISTINGS
from newsroom.models import Publication

from . import selectors
from .feeds import LatestArticlesFeed
from .models import Article
from .views import StrictPaginationMixin

F = Article.Format


@dataclass(frozen=True)
class Kind:
    slug: str  # "" for the whole section
    title: str
    formats: tuple
    description: str

    def get_absolute_url(self):
        if not self.slug:
            return reverse("articles:multimedia")
        return reverse("articles:multimedia_kind", kwargs={"kind": self.slug})

    def feed_url(self):
        if not self.slug:
            return reverse("articles:feed_multimedia")
        return reverse("articles:feed_multimedia_kind", kwargs={"kind": self.slug})


KINDS = {
    "": Kind("", _lazy("Multimedia"), (F.VIDEO, F.PHOTO, F.EMAGAZINE), _lazy("Video, phóng sự ảnh và E-magazine")),
    "video": Kind("video", _lazy("Video"), (F.VIDEO,), _lazy("Phóng sự, bản tin bằng video")),
    "anh": Kind("anh", _lazy("Ảnh"), (F.PHOTO,), _lazy("Phóng sự ảnh")),
    "e-magazine": Kind("e-magazine", _lazy("E-magazine"), (F.EMAGAZINE,), _lazy("Bài dài, trình bày đặc biệt")),
}


def kind_of(slug):
    kind = KINDS.get(slug or "")
    if kind is None:
        raise Http404(_("Trang không tồn tại."))
    return kind


class MultimediaView(StrictPaginationMixin, ListView):
    template_name = "articles/multimedia.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_PAGE_SIZE
    allow_empty = True

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.kind = kind_of(kwargs.get("kind", ""))

    def get_queryset(self):
        return data.CachedListing(
            self.request, "multimedia", [LISTINGS], selectors.multimedia(self.kind.formats), self.kind.slug or "all"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kind"] = self.kind
        context["kinds"] = KINDS.values()
        return context


class MultimediaFeed(LatestArticlesFeed):
    def get_object(self, request, kind=""):
        return kind_of(kind)

    def items(self, kind):
        return list(selectors.multimedia(kind.formats).with_contributions()[: settings.NEWSROOM_FEED_SIZE])

    def title(self, kind):
        return f"{kind.title} – {Publication.load().name}"

    def link(self, kind):
        return kind.get_absolute_url()

    def description(self, kind):
        return str(kind.description)

    def feed_url(self, kind):
        return kind.feed_url()


def video_sitemap(request):
    """``/sitemap-videos.xml``: published articles with a ready lead video,
    newest first, with Google's ``video:video`` entries. One query."""
    articles = (
        Article.objects.published()
        .filter(lead_video__status="ready")
        .select_related("category", "lead_video__poster_image")
        .order_by("-published_at", "-id")[: settings.NEWSROOM_SITEMAP_PAGE_SIZE]
    )
    absolute = request.build_absolute_uri
    entries = [
        {
            "loc": absolute(article.get_absolute_url()),
            "video": article.lead_video,
            "thumbnail": absolute(article.lead_video.poster_url),
            "content": absolute(article.lead_video.url),
            "description": (article.lead_video.caption or article.lead)[:2000],
            "published_at": article.published_at,
        }
        for article in articles
    ]
    return render(
        request, "articles/sitemap_videos.xml", {"entries": entries}, content_type="application/xml; charset=utf-8"
    )
