"""The video library's background work (Django's tasks framework, run by
``manage.py db_worker``; docs/operations.md)."""

from django_tasks import task

from . import services


@task()
def transcode_video(video_id, token):
    """Transcode upload ``token`` of video ``video_id``
    (videos.services.process_video); progress and errors are on the video."""
    return services.process_video(video_id, token)
