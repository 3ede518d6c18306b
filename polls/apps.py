from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    """“Thăm dò ý kiến”: a question with 2–10 options, open/close dates, one
    poll shown in the sidebar, one vote per browser."""

    name = "polls"
    verbose_name = _("Thăm dò ý kiến")

    def ready(self):
        from . import delivery

        delivery.connect()
