"""When an issue row is deleted (admin, a bulk action), its folder of files
and any upload waiting for processing go too — after the transaction
commits, so a rolled-back delete keeps them."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Issue
from .services import remove_files, remove_upload


@receiver(post_delete, sender=Issue, dispatch_uid="editions_delete_files")
def remove_issue_files(sender, instance, **kwargs):
    files_dir, token = instance.files_dir, instance.upload_token
    transaction.on_commit(lambda: (remove_files(files_dir), remove_upload(token)))
