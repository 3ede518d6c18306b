from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """How public pages reach readers: the page cache with its holes, the
    scopes that invalidate it, the HTTP caching headers (docs/caching.md).
    At the bottom of the dependency order: it imports Django only; the apps
    above register their holes, variants, deadlines and scope watchers."""

    name = "delivery"
    verbose_name = _("Phân phối trang")
    default_auto_field = "django.db.models.BigAutoField"
