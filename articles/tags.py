"""Keeping the keyword list tidy: merging duplicate tags."""

from django.db import transaction

from delivery import scopes

from .models import Tag, TaggedArticle


@transaction.atomic
def merge_tags(target, others):
    """Move every article of ``others`` to ``target`` and delete ``others``.
    An article that already had ``target`` keeps it once. Returns the number
    of articles that gained ``target``."""
    other_ids = [t.pk for t in others if t.pk != target.pk]
    if not other_ids:
        return 0
    Tag.objects.select_for_update().filter(pk__in=[target.pk, *other_ids]).order_by("pk").exists()
    already = TaggedArticle.objects.filter(tag=target).values("content_object_id")
    TaggedArticle.objects.filter(tag_id__in=other_ids, content_object_id__in=already).delete()
    # One row per article even when it carried two of the merged tags.
    moved = 0
    seen = set()
    for row in TaggedArticle.objects.filter(tag_id__in=other_ids).order_by("pk"):
        if row.content_object_id in seen:
            row.delete()
            continue
        seen.add(row.content_object_id)
        TaggedArticle.objects.filter(pk=row.pk).update(tag=target)
        moved += 1
    Tag.objects.filter(pk__in=other_ids).delete()
    # .update() sends no signal: the tag pages and every article's tags (rare: a whole-site renewal).
    scopes.bump(scopes.SITE, scopes.LISTINGS)
    return moved
