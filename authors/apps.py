from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorsConfig(AppConfig):
    name = "authors"
    verbose_name = _("Tác giả")

    def ready(self):
        from . import delivery

        delivery.connect()
