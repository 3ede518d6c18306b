from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedirectsConfig(AppConfig):
    name = "redirects"
    verbose_name = _("Địa chỉ cũ")
    default_auto_field = "django.db.models.BigAutoField"
