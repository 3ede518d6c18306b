from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Tòa soạn")

    def ready(self):
        from .sqlite import install_unicode_like

        connection_created.connect(install_unicode_like, dispatch_uid="newsroom-unicode-like")
