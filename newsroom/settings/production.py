"""Settings for a newsroom's server. Refuses to start without its secrets."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import NEWSROOM_RETIRED_HOSTS, env, env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")
ALLOWED_HOSTS += NEWSROOM_RETIRED_HOSTS  # answered with a 301 to NEWSROOM_SITE_URL (redirects app)

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# HTTPS. A site behind a TLS-terminating proxy sets DJANGO_BEHIND_PROXY=true so
# Django trusts X-Forwarded-Proto from it. `make serve` sets DJANGO_HTTPS=false
# to try the production set-up on plain http://127.0.0.1.
HTTPS = env_bool("DJANGO_HTTPS", True)
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# nosniff, Referrer-Policy, COOP, X-Frame-Options, HttpOnly/SameSite cookies
# and the Content-Security-Policy are in base.py: every environment sends them.
