"""Settings for a developer's machine: DEBUG on, a throw-away secret key."""

from .base import *  # noqa: F403
from .base import LOGGING, NEWSROOM_RETIRED_HOSTS, env, env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-not-secret-3f1c9a")  # noqa: S105
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]") + NEWSROOM_RETIRED_HOSTS
NEWSROOM_SERVE_MEDIA = env_bool("NEWSROOM_SERVE_MEDIA", True)
WHITENOISE_AUTOREFRESH = True  # serve from the app folders, no collectstatic needed

# runserver prints each request itself; plain text for a terminal.
LOGGING["handlers"]["console"]["formatter"] = "json" if env("LOG_FORMAT") == "json" else "text"
LOGGING["loggers"]["newsroom.request"] = {"level": "WARNING"}
