from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    """“Báo in”: the printed issues of the paper, page by page, online."""

    name = "editions"
    verbose_name = _("Báo in")

    def ready(self):
        from articles import sitemaps

        from . import delivery, signals  # noqa: F401  (signals: an issue's files go with its row)
        from .sitemaps import IssueSitemap

        sitemaps.register("bao-in", IssueSitemap)
        delivery.connect()
