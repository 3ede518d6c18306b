"""Settings for the test suite."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES

ARTIFACTS = BASE_DIR / "test-artifacts"
ARTIFACTS.mkdir(exist_ok=True)

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = ARTIFACTS / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
}
# One process and its cache: the scopes' versions live in the cache (the
# database store is tested on its own, and across processes).
NEWSROOM_SCOPE_STORE = "cache"
# A file, not memory, so that SQLite runs with the same WAL/busy-timeout set-up
# as in production and the concurrency tests mean something. One file per test
# run, so two runs on one machine do not share it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(ARTIFACTS / f"test-{os.getpid()}.sqlite3")}
NEWSROOM_SERVE_MEDIA = True
WHITENOISE_AUTOREFRESH = True  # serve from the app folders, no collectstatic needed
# Background tasks run at once, inside the test (a test of the worker itself
# overrides this with the database backend).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
NEWSROOM_IMAGE_PROCESSING = "inline"  # the same work in the test process (tests/images test the child)
