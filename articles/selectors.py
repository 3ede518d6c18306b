"""Named queries for the public pages. Each screen asks here, so the number of
queries a page makes is decided in one place and pinned by tests."""

from django.conf import settings
from django.db.models import OuterRef

from counters.windows import views_of, window_rows

from .categories import category_tree
from .models import Article


def latest(limit=None, exclude_ids=()):
    qs = Article.objects.published().for_listing()
    if exclude_ids:
        qs = qs.exclude(pk__in=exclude_ids)
    return list(qs[: limit or settings.NEWSROOM_LATEST_COUNT])


def most_read(limit=5, exclude_ids=(), days=None):
    """The most read published articles of the last ``days`` days (default
    ``NEWSROOM_MOST_READ_DAYS``); ``days=0``: all time, from the totals.

    Exact to the hour: "24 giờ" is the views of the last 24 hours (from the
    start of the hour 24 hours ago: a view 25 hours old is not in it), "7
    ngày" of the last 7 × 24 hours. The whole local days of the window come
    from the daily buckets (today's included), the partial first day from
    the hourly ones (counters/windows.py). One query."""
    days = settings.NEWSROOM_MOST_READ_DAYS if days is None else days
    qs = Article.objects.published().for_listing()
    if exclude_ids:
        qs = qs.exclude(pk__in=exclude_ids)
    if not days:
        qs = qs.filter(view_count_row__views__gt=0)
        return list(qs.order_by("-view_count_row__views", "-published_at")[:limit])
    sources = window_rows(days)
    read = sources[0].values("article_id").union(sources[1].values("article_id"), all=True)
    qs = qs.filter(pk__in=read).annotate(window_views=views_of(sources, article=OuterRef("pk")))
    return list(qs.filter(window_views__gt=0).order_by("-window_views", "-published_at", "-id")[:limit])


def featured(limit=None):
    return list(Article.objects.published().for_listing().featured()[: limit or settings.NEWSROOM_FEATURED_COUNT])


def home_page():
    """Featured block, latest stories and one block per home-page category.

    No story appears twice: featured stories are left out of the latest list,
    and a category block skips stories already shown above it. A block starts
    with the stories the desk pinned in it (``pinned_position``), then the
    newest. Queries: one for featured, one for latest, one for all pinned
    stories, one per home-page category (an indexed ``LIMIT`` each, fast on
    any archive size)."""
    shown = featured()
    shown_ids = {a.pk for a in shown}
    newest = latest(settings.NEWSROOM_LATEST_COUNT, exclude_ids=shown_ids)
    shown_ids.update(a.pk for a in newest)
    size = settings.NEWSROOM_HOME_BLOCK_SIZE
    home_blocks = category_tree().home_blocks
    pinned = []
    if home_blocks:
        pinned = list(Article.objects.published().for_listing().pinned().exclude(pk__in=shown_ids)[:200])
    blocks = []
    for category in home_blocks:
        tree_ids = set(category.tree_ids)
        stories = [a for a in pinned if a.category_id in tree_ids and a.pk not in shown_ids][:size]
        shown_ids.update(a.pk for a in stories)
        if len(stories) < size:
            stories += list(
                Article.objects.published()
                .in_category(category)
                .for_listing()
                .exclude(pk__in=shown_ids)[: size - len(stories)]
            )
        shown_ids.update(a.pk for a in stories)
        if stories:
            blocks.append((category, stories))
    return {"featured": shown, "latest": newest, "blocks": blocks}


def category_newest(category_id, limit=None):
    """The newest published stories of a category, one more than “Tin khác”
    shows, so that each of its articles can leave itself out: one list per
    category serves all its articles (cached by the article page). When the
    category has too few, the newest stories of the paper fill the list (a
    category with one story still shows a block). One query, two when the
    fallback is needed."""
    limit = (limit or settings.NEWSROOM_RELATED_COUNT) + 1
    stories = list(Article.objects.published().filter(category_id=category_id).for_listing()[:limit])
    if len(stories) < limit:
        stories += latest(limit - len(stories), exclude_ids=[story.pk for story in stories])
    return stories


def related(article, limit=None, newest=None):
    """“Tin khác”: other published stories of the article's category, newest
    first (``newest``: ``category_newest`` of its category, if the caller
    has it)."""
    limit = limit or settings.NEWSROOM_RELATED_COUNT
    if newest is None:
        newest = category_newest(article.category_id, limit)
    return [story for story in newest if story.pk != article.pk][:limit]


def photo_items(article):
    """The pictures of a photo story, in order, with their images: one
    query, and none for an article of another format."""
    if article.format != Article.Format.PHOTO:
        return []
    return list(article.photo_items.select_related("image").order_by("position", "id"))


def multimedia(formats):
    """Published articles of ``formats`` (Article.Format values), newest
    first, for the Multimedia listings (articles/multimedia.py)."""
    return Article.objects.published().filter(format__in=formats).for_listing()
