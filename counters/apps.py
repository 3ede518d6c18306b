from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountersConfig(AppConfig):
    name = "counters"
    verbose_name = _("Lượt xem")

    def ready(self):
        from . import delivery

        delivery.connect()
