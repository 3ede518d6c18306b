"""Cache invalidation for the category tree. Only this app's own cache is
touched here; cross-app side effects go through named services."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .categories import clear_category_tree
from .models import Category


@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
def category_changed(**kwargs):
    clear_category_tree()
