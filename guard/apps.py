from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuardConfig(AppConfig):
    """Request guards: who is asking and what is refused before or around
    the views: the client's IP behind trusted proxies (http.py), requests
    refused before any view (request_checks.py), same-origin POSTs without a
    CSRF token (origin.py), fixed-window rate limits in the cache
    (ratelimit.py), the admin log-in throttle (login.py) and the rich-text
    editor's additions to the Content-Security-Policy (csp.py).
    At the bottom of the dependency order, beside ``delivery``: it imports
    Django only, and the apps above use it. No models."""

    name = "guard"
    verbose_name = _("Bảo vệ yêu cầu")
