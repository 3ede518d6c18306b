from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site: backups and restores, the health check, request logs."""

    name = "ops"
    verbose_name = _("Vận hành")
