"""When a video row is deleted, its folder and any upload waiting for
processing go too — after the transaction commits."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Video
from .services import remove_files, remove_upload


@receiver(post_delete, sender=Video, dispatch_uid="videos_delete_files")
def remove_video_files(sender, instance, **kwargs):
    files_dir, token, captions = instance.files_dir, instance.upload_token, instance.captions.name
    transaction.on_commit(lambda: (remove_files(files_dir), remove_upload(token), remove_files(captions)))
