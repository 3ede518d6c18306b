"""Named queries for the public pages. Each screen asks here, so the number of
queries a page makes is decided in one place and pinned by tests."""

from django.conf import settings

from .categories import category_tree
from .models import Article


def latest(limit=None, exclude_ids=()):
    qs = Article.objects.published().for_listing()
    if exclude_ids:
        qs = qs.exclude(pk__in=exclude_ids)
    return list(qs[: limit or settings.NEWSROOM_LATEST_COUNT])


def most_read(limit=5, exclude_ids=()):
    """All-time most read published articles (the counters issue adds windows)."""
    qs = Article.objects.published().for_listing().filter(view_count_row__views__gt=0)
    if exclude_ids:
        qs = qs.exclude(pk__in=exclude_ids)
    return list(qs.order_by("-view_count_row__views", "-published_at")[:limit])


def featured(limit=None):
    return list(Article.objects.published().for_listing().featured()[: limit or settings.NEWSROOM_FEATURED_COUNT])


def home_page():
    """Featured block, latest stories and one block per home-page category.

    No story appears twice: featured stories are left out of the latest list,
    and a category block skips stories already shown above it. Queries: one
    for featured, one for latest, one per home-page category (an indexed
    ``LIMIT`` each, fast on any archive size)."""
    shown = featured()
    shown_ids = {a.pk for a in shown}
    newest = latest(settings.NEWSROOM_LATEST_COUNT, exclude_ids=shown_ids)
    shown_ids.update(a.pk for a in newest)
    size = settings.NEWSROOM_HOME_BLOCK_SIZE
    blocks = []
    for category in category_tree().home_blocks:
        stories = list(Article.objects.published().in_category(category).for_listing().exclude(pk__in=shown_ids)[:size])
        if stories:
            blocks.append((category, stories))
    return {"featured": shown, "latest": newest, "blocks": blocks}


def related(article, limit=None):
    """“Tin khác”: other published stories of the same category, newest first."""
    return list(
        Article.objects.published()
        .filter(category_id=article.category_id)
        .exclude(pk=article.pk)
        .for_listing()[: limit or settings.NEWSROOM_RELATED_COUNT]
    )
