from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VideosConfig(AppConfig):
    """“Thư viện video”: the newsroom's own videos, checked, transcoded in
    the background and shown with an accessible player (docs/multimedia.md)."""

    name = "videos"
    verbose_name = _("Thư viện video")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (a video's files go with its row)
