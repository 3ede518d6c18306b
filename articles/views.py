"""Public pages: home, category, article and its print view."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import DetailView, ListView, TemplateView

from counters.services import view_count as view_count_of
from delivery import data, holes
from delivery.scopes import LISTINGS
from delivery.scopes import article as article_scope

from . import search, selectors
from .body import render as render_body
from .categories import category_tree
from .models import Article, Tag


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Lazy: read only when the rendered blocks are not cached themselves.
        context["home"] = SimpleLazyObject(lambda: data.cached(self.request, "home", [LISTINGS], selectors.home_page))
        return context


class StrictPaginationMixin:
    """Only ``?page=<positive integer>``; "abc", "0", "last" and pages past the
    end are 404, as readers' bookmarks and crawlers expect."""

    def paginate_queryset(self, queryset, page_size):
        page = self.request.GET.get("page")
        if page is not None and not (page.isascii() and page.isdigit() and len(page) < 10):
            raise Http404(_("Trang không hợp lệ."))
        return super().paginate_queryset(queryset, page_size)


class CategoryView(StrictPaginationMixin, ListView):
    template_name = "articles/category_detail.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_PAGE_SIZE
    allow_empty = True

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        tree = category_tree()
        self.category = tree.by_slug.get(kwargs["slug"])
        if self.category is None:
            raise Http404(_("Không có chuyên mục này."))
        self.tree = tree

    def get_queryset(self):
        stories = Article.objects.published().in_category(self.category).for_listing()
        # The desk's pinned stories head page 1 and are left out of the list
        # below them, so nothing shows twice (one small query on the partial
        # index article_pinned_idx, cached like the listing).
        self.pinned = data.cached(
            self.request,
            "category-pinned",
            [LISTINGS],
            lambda: list(stories.pinned()[: settings.NEWSROOM_HOME_BLOCK_SIZE]),
            self.category.pk,
        )
        listing = stories.exclude(pk__in=[story.pk for story in self.pinned])
        return data.CachedListing(self.request, "category", [LISTINGS], listing, self.category.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pinned"] = self.pinned if context["page_obj"].number == 1 else []
        context["category"] = self.category
        context["ancestors"] = self.tree.ancestors(self.category)
        context["subcategories"] = [c for c in self.tree.children.get(self.category.pk, []) if c.show_in_menu]
        return context


class ArticleLookupMixin:
    """Find the article by its id (its identity), answer 404 for what a reader
    may not see, and 301 to the canonical address when the slug or category
    in the URL is not the current one."""

    model = Article
    context_object_name = "article"
    canonical_url_method = "get_absolute_url"

    def can_preview(self):
        user = self.request.user
        return user.is_authenticated and user.is_staff and user.has_perm("articles.view_article")

    def get_queryset(self):
        return Article.objects.select_related(
            "category", "featured_image", "lead_video__poster_image"
        ).with_contributions()

    def get_object(self, queryset=None):
        article = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        self.is_preview = not article.is_visible
        if self.is_preview and not self.can_preview():
            raise Http404(_("Không có bài viết này."))
        return article

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = getattr(self.object, self.canonical_url_method)()
        if request.path != canonical:
            return redirect(canonical, permanent=True)
        context = self.get_context_data(object=self.object)
        response = self.render_to_response(context)
        if self.is_preview:
            # A preview is for the staff member who asked: never stored by a
            # cache (browser, proxy or ours), never indexed.
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class ArticleDetailView(ArticleLookupMixin, DetailView):
    """The article page, one code path for every reader. Cached whole for
    readers without personal cookies (articles/urls.py, delivery/pages.py)
    with two holes filled in for each reader, cached page or not: the view
    count with its counting (counters/delivery.py) and the comment form's
    start time (comments/delivery.py)."""

    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return page_articles()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(article_context(self.request, self.object, self.is_preview))
        return context


def article_context(request, article, is_preview):
    """What the article template needs besides the article."""
    longform = article.format == Article.Format.EMAGAZINE
    context = {
        "is_preview": is_preview,
        "count_with_beacon": settings.NEWSROOM_COUNT_WITH_BEACON and not is_preview,
        "ancestors": category_tree().ancestors(article.category),
        "longform": longform,
    }
    if is_preview:
        # No holes: a preview is not counted and has no comment form.
        context["view_count"] = view_count_of(article.pk)
        context["related"] = selectors.related(article)
        body = render_body(article, with_toc=longform)
        context["photo_items"] = selectors.photo_items(article)
    else:
        scopes = [LISTINGS, article_scope(article.pk)]
        # One list per category, shared by its articles, each leaving itself out.
        newest = data.cached(
            request,
            "category-newest",
            [LISTINGS],
            lambda: selectors.category_newest(article.category_id),
            article.category_id,
        )
        context["related"] = selectors.related(article, newest=newest)
        # "article-body": a Body(html, toc) (articles/body.py), not the HTML alone.
        body = data.cached(request, "article-body", scopes, lambda: render_body(article, with_toc=longform), article.pk)
        # Only a photo story has any: other pages pay no cache round trip for none.
        context["photo_items"] = (
            data.cached(request, "photo-items", scopes, lambda: selectors.photo_items(article), article.pk)
            if article.format == Article.Format.PHOTO
            else []
        )
    context["body_html"], context["toc"] = body.html, body.toc
    context["has_embeds"] = "data-embed-src" in body.html
    return context


def page_articles():
    """Articles with what their page shows (category, image, bylines). Its
    tags are one query of the template's (``article.tags.all``): the same
    count as a prefetch, without the prefetch machinery, for one article."""
    return Article.objects.select_related("category", "featured_image", "lead_video__poster_image").with_contributions()


def render_article(request, article, *, comment_form=None, status=200):
    """The article page for this request, outside the page cache (a comment
    with errors comes back on it, status 400): its holes are filled as on
    the cached page. ``article`` as ``page_articles()`` gives it."""
    context = {"article": article, "object": article, "comment_form": comment_form}
    context.update(article_context(request, article, is_preview=False))
    response = render(request, ArticleDetailView.template_name, context, status=status)
    return holes.fill(request, response)


class ArticlePrintView(ArticleLookupMixin, DetailView):
    template_name = "articles/article_print.html"
    canonical_url_method = "get_print_url"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = self.is_preview
        context["article_url"] = self.request.build_absolute_uri(self.object.get_absolute_url())
        context["body_html"] = render_body(self.object, print_address=context["article_url"]).html
        context["photo_items"] = selectors.photo_items(self.object)
        return context


class TagView(StrictPaginationMixin, ListView):
    """``/tu-khoa/<slug>/``: the published stories carrying a tag."""

    template_name = "articles/tag_detail.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_PAGE_SIZE

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.tag = get_object_or_404(Tag, slug=kwargs["slug"])

    def get_queryset(self):
        queryset = Article.objects.published().filter(tagged_items__tag=self.tag).for_listing()
        return data.CachedListing(self.request, "tag", [LISTINGS], queryset, self.tag.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tag"] = self.tag
        return context


class MostReadView(TemplateView):
    """``/doc-nhieu/?trong=1|7|30``: the most read of the last 24 hours,
    7 days or 30 days; plain links switch the window (no JavaScript)."""

    template_name = "articles/most_read.html"
    WINDOWS = {"1": _lazy("24 giờ"), "7": _lazy("7 ngày"), "30": _lazy("30 ngày")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        window = self.request.GET.get("trong", str(settings.NEWSROOM_MOST_READ_DAYS))
        if window not in self.WINDOWS:
            raise Http404(_("Trang không hợp lệ."))
        context["window"] = window
        context["windows"] = self.WINDOWS.items()
        context["articles"] = selectors.most_read(limit=20, days=int(window))
        return context


class SearchView(StrictPaginationMixin, ListView):
    """``/tim-kiem/?q=``: published articles matching the words, ranked (see
    articles/search.py). Whatever arrives in ``q`` answers 200: an empty or
    unusable query shows the form with a hint, never an error."""

    template_name = "articles/search.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_PAGE_SIZE

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.query = search.SearchQuery(request.GET.get("q", ""))

    def get_queryset(self):
        """Result pages are cached per normalised query (its terms) for the
        fragment lifetime: a story that goes viral is searched for by many
        readers with the same words. On PostgreSQL a search reads only as
        far as the page asked for (``search.horizon``), so that is part of
        the key too."""
        if not self.query:
            return Article.objects.none()
        page = self.request.GET.get("page", "")
        page = int(page) if page.isascii() and page.isdigit() and len(page) < 10 else 1  # else a 404 below
        key = hashlib.sha256("\x1f".join(self.query.terms).encode()).hexdigest()[:32]
        results = SimpleLazyObject(lambda: search.search_articles(self.query, page))
        return data.CachedListing(self.request, "search", [LISTINGS], results, key, search.horizon(page))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notices = []
        if self.query.truncated:
            notices.append(_("Từ khóa dài quá: chỉ tìm theo %(n)d ký tự đầu.") % {"n": search.MAX_QUERY_LENGTH})
        if self.query.too_many_terms:
            notices.append(_("Chỉ tìm theo %(n)d từ đầu tiên.") % {"n": search.MAX_TERMS})
        context.update(
            query=self.query,
            notices=notices,
            capped=search.is_capped(context["paginator"].count),
            counted=search.COUNTED,
        )
        return context


class FeedListView(TemplateView):
    """``/rss/``: the feeds a reader may subscribe to."""

    template_name = "articles/feed_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feed_categories"] = category_tree().categories
        return context


def news_sitemap(request):
    """``/sitemap-news.xml``: Google News sitemap, the published stories of
    the last ``NEWSROOM_NEWS_SITEMAP_HOURS`` hours, at most
    ``NEWSROOM_NEWS_SITEMAP_MAX``, newest first. One query (cached like
    every public page, articles/urls.py)."""
    base = f"{request.scheme}://{request.get_host()}"
    since = timezone.now() - timedelta(hours=settings.NEWSROOM_NEWS_SITEMAP_HOURS)
    articles = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .select_related("category")
        .only("id", "slug", "title", "published_at", "category__slug")
        .order_by("-published_at", "-id")[: settings.NEWSROOM_NEWS_SITEMAP_MAX]
    )
    return render(
        request,
        "articles/sitemap_news.xml",
        {"articles": articles, "base": base},
        content_type="application/xml; charset=utf-8",
    )


def robots_txt(request):
    base = f"{request.scheme}://{request.get_host()}"
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /ban-in/",
        f"Disallow: {reverse('articles:search')}",
        "Disallow: /luot-xem/",
        "",
        f"Sitemap: {base}{reverse('articles:sitemap_index')}",
        f"Sitemap: {base}{reverse('articles:sitemap_news')}",
        f"Sitemap: {base}{reverse('articles:sitemap_videos')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
