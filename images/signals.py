"""When an image row is deleted (admin, bulk action, a cascade), its original
and rendition files go too — after the transaction commits, so a rolled-back
delete keeps them."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Image
from .services import delete_files


@receiver(post_delete, sender=Image, dispatch_uid="images_delete_files")
def remove_files(sender, instance, **kwargs):
    names = [instance.file.name, *instance.rendition_names()]
    transaction.on_commit(lambda: delete_files(names))
