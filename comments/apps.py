from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Reader comments. The models, moderation and spam guards arrive with the
    comments issue; the app exists so the layout is in place."""

    name = "comments"
    verbose_name = _("Bình luận")

    def ready(self):
        from . import delivery

        delivery.connect()
