"""What readers can see of the articles app, and which cached pages it
touches (delivery/, docs/caching.md).

- An article that is or was published (publish, edit, unpublish, delete,
  a scheduled one): its own page and the listings. A draft, an article in
  editing or approval, an autosave (its own model): nothing.
- Its tags, bylines (contributions) and photo-story pictures while it is
  published: the same. A library video: the pages of the articles showing
  it (lead media or in the body). A library image whose caption, credit or
  description changes: the pages of the published articles showing it as
  their picture, in a photo story or as a video's poster, and the listings
  if it is an article's picture (its description is the cards' alt text).
  A new image, or another change to one (its renditions made), is seen by
  no reader until an article shows it, which bumps that article.
- A tag carried by a published article: the site (its name is on article
  pages, which do not depend on the listings, and on the tag pages); a new
  tag or one only drafts carry: nothing. A category: the site (menus, tree).
- Curation written with ``.update()`` (services.set_home_positions) bumps
  the listings itself.
- The next scheduled article's ``published_at`` is a deadline: no cached
  page outlives it, so the article appears at its second.
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_init
from django.utils import timezone

from delivery import data, scopes
from delivery.watch import site, watch
from images.models import Image
from videos.models import Video
from videos.services import articles_using

from .models import Article, Category, Contribution, PhotoStoryItem, Tag, TaggedArticle

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


def photo_touches(item):
    return _part_of(item.article_id)


def tag_touches(tag):
    """A tag's name is on the pages of the published articles carrying it
    (which do not depend on the listings) and on the tag pages: a rename
    renews the whole site, as it is rare. A new tag, or one only drafts
    carry, is seen by no reader."""
    if TaggedArticle.objects.filter(tag=tag, content_object__status=PUBLISHED).exists():
        return [scopes.SITE, scopes.LISTINGS]
    return []


def video_touches(video):
    return [scopes.article(pk) for pk in articles_using(video).filter(status=PUBLISHED).values_list("pk", flat=True)]


# What readers see of a library image besides the picture itself.
IMAGE_TEXT = ("caption", "credit", "alt_text")


def _remember_image_text(sender, instance, **kwargs):
    # Only for an image loaded from the database (a new one has no pk yet).
    instance._delivery_image_text = (
        tuple(instance.__dict__.get(name) for name in IMAGE_TEXT) if instance.pk is not None else None
    )


def image_touches(image):
    before = getattr(image, "_delivery_image_text", None)
    image._delivery_image_text = now = tuple(getattr(image, name) for name in IMAGE_TEXT)
    if before is None or before == now:
        return []
    published = Article.objects.filter(status=PUBLISHED)
    shown = published.filter(
        Q(featured_image=image) | Q(photo_items__image=image) | Q(lead_video__poster_image=image)
    ).values_list("pk", flat=True)
    touched = [scopes.article(pk) for pk in sorted(set(shown))]
    if published.filter(featured_image=image).exists():
        touched.append(scopes.LISTINGS)
    return touched


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
    watch(PhotoStoryItem, photo_touches)
    watch(Video, video_touches)
    watch(Tag, tag_touches)
    post_init.connect(_remember_image_text, sender=Image, dispatch_uid="delivery-image-text", weak=False)
    watch(Image, image_touches)
    watch(Category, site)
    m2m_changed.connect(tags_changed, sender=Article.tags.through, dispatch_uid="delivery-article-tags", weak=False)
    data.register_deadline(next_scheduled_publish)
