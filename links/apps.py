from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinksConfig(AppConfig):
    """“Liên kết website”: groups of links to other sites and a banner list,
    shown in the sidebar."""

    name = "links"
    verbose_name = _("Liên kết website")

    def ready(self):
        from . import delivery

        delivery.connect()
