"""The links widget is cached; any change to a group, link or banner clears it."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Banner, Link, LinkGroup

CACHE_KEY = "links:widget:v1"


@receiver([post_save, post_delete], sender=LinkGroup, dispatch_uid="links-group-cache")
@receiver([post_save, post_delete], sender=Link, dispatch_uid="links-link-cache")
@receiver([post_save, post_delete], sender=Banner, dispatch_uid="links-banner-cache")
def clear_links_cache(**kwargs):
    cache.delete(CACHE_KEY)
