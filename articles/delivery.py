"""What readers can see of the articles app, and which cached pages it
touches (delivery/, docs/caching.md).

- An article that is or was published (publish, edit, unpublish, delete,
  a scheduled one): its own page and the listings. A draft, an article in
  editing or approval, an autosave (its own model): nothing.
- Its tags and bylines (contributions) while it is published: the same.
- A tag: the listings (tag pages). A category: the site (menus, tree).
- Curation written with ``.update()`` (services.set_home_positions) bumps
  the listings itself.
- The next scheduled article's ``published_at`` is a deadline: no cached
  page outlives it, so the article appears at its second.
"""

from django.db.models.signals import m2m_changed, post_init
from django.utils import timezone

from delivery import data, scopes
from delivery.watch import listings, site, watch

from .models import Article, Category, Contribution, Tag, TaggedArticle

PUBLISHED = Article.Status.PUBLISHED


def _remember_status(sender, instance, **kwargs):
    # From __dict__: a listing row loaded with .only() must not be read again.
    instance._delivery_was_published = instance.__dict__.get("status") == PUBLISHED


def article_touches(article):
    """An article readers can see, or could until this save: its page and the listings."""
    if article.status == PUBLISHED or getattr(article, "_delivery_was_published", False):
        article._delivery_was_published = article.status == PUBLISHED
        return [scopes.article(article.pk), scopes.LISTINGS]
    return []


def _published(article_id):
    return Article.objects.filter(pk=article_id, status=PUBLISHED).exists()


def _part_of(article_id):
    """A tag or a byline of an article: seen only if the article is published."""
    if _published(article_id):
        return [scopes.article(article_id), scopes.LISTINGS]
    return []


def tagging_touches(tagging):
    return _part_of(tagging.content_object_id)


def byline_touches(contribution):
    return _part_of(contribution.article_id)


def tags_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Article) and instance.status == PUBLISHED:
        scopes.bump(scopes.article(instance.pk), scopes.LISTINGS)


def next_scheduled_publish():
    return (
        Article.objects.filter(status=PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def connect():
    post_init.connect(_remember_status, sender=Article, dispatch_uid="delivery-article-status", weak=False)
    watch(Article, article_touches)
    watch(TaggedArticle, tagging_touches)
    watch(Contribution, byline_touches)
    watch(Tag, listings)
    watch(Category, site)
    m2m_changed.connect(tags_changed, sender=Article.tags.through, dispatch_uid="delivery-article-tags", weak=False)
    data.register_deadline(next_scheduled_publish)
