"""RSS 2.0 feeds (django.contrib.syndication): ``/rss/home.rss`` (the newest
stories) and ``/rss/<category-slug>.rss`` (a category with its
sub-categories). ``/rss/`` lists them for readers."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from authors import bylines
from newsroom.models import Publication

from .categories import category_tree
from .models import Article


class LatestArticlesFeed(Feed):
    language = "vi"

    def items(self):
        return list(Article.objects.published().for_listing().with_contributions()[: settings.NEWSROOM_FEED_SIZE])

    def title(self):
        return Publication.load().name

    def link(self):
        return reverse("articles:home")

    def description(self):
        publication = Publication.load()
        return publication.tagline or _("Tin mới nhất của %(name)s") % {"name": publication.name}

    def feed_url(self):
        return reverse("articles:feed_home")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        """The names of the byline (“Quang Long”), not its roles."""
        credits = item.credits()
        return (bylines.text(credits, show_roles=False) if credits else item.byline) or None

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        category = category_tree().by_slug.get(slug)
        if category is None:
            raise Http404(_("Không có chuyên mục này."))
        return category

    def items(self, category):
        return list(
            Article.objects.published()
            .in_category(category)
            .for_listing()
            .with_contributions()[: settings.NEWSROOM_FEED_SIZE]
        )

    def title(self, category):
        return f"{category.name} – {Publication.load().name}"

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return category.description or _("Tin mới nhất chuyên mục %(name)s") % {"name": category.name}

    def feed_url(self, category):
        return reverse("articles:feed_category", kwargs={"slug": category.slug})
