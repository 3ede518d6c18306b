"""Settings shared by every environment. Everything that differs between a
laptop and a newsroom's server is read from the environment (docs/settings.md lists every variable)."""

import os
from decimal import Decimal, InvalidOperation
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_decimal(name, default, low, high):
    value = env(name, default)
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not low <= number <= high:
        raise ImproperlyConfigured(f"{name} must be a number from {low} to {high}, not {value!r}")
    return number


DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "csp",
    "delivery",
    "guard",
    "newsroom",
    "images",
    "videos",
    "authors",
    "articles",
    "counters",
    "comments",
    "audit",
    "django_prose_editor",
    "polls",
    "links",
    "royalties",
    "editions",
    "imports",
    "redirects",
    "ops",
    "django_tasks",
    "newsroom.tasks_app.TasksDatabaseConfig",  # django_tasks_db, named in Vietnamese
]

MIDDLEWARE = [
    "ops.logs.RequestLogMiddleware",
    "guard.request_checks.RequestChecksMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every response; Cache-Control for public pages (docs/performance.md).
    # Above the session and CSRF middleware: it sees the cookies they set.
    "django.middleware.http.ConditionalGetMiddleware",
    "delivery.http_cache.PublicCacheMiddleware",
    # Bản nhẹ: remembers a reader's ?nhe=1/?nhe=0 (newsroom/light_edition.py).
    "newsroom.light_edition.LightEditionMiddleware",
    # A page this process served a moment ago, served again without the
    # middleware below and the URL resolution (docs/caching.md, "fast path").
    "delivery.pages.CachedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Old addresses (imported archives, retired sites): looked up only on a
    # 404 (and on a retired host); normal pages pay nothing (docs/import.md).
    "redirects.middleware.OldAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "guard.csp.EditorPolicyMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

# Database: SQLite by default (one command for a newcomer), PostgreSQL when
# DATABASE_URL says so. SQLite is set up for a web server: WAL so readers never
# wait for the writer, a busy timeout and IMMEDIATE transactions so concurrent
# counter writes queue instead of failing with "database is locked".
SQLITE_PATH = env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": ("PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"),
    }

# Optional read replica (docs/deployment.md): reader-facing reads go there,
# writes and transactions to the primary (newsroom/db_router.py).
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")), conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.db_router.PrimaryReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (seconds of CPU: renditions of a printed issue, video
# transcoding): Django's tasks framework (the django-tasks backport), stored
# in the database and run by `manage.py db_worker` (make run and make serve
# start one; docs/operations.md). Nothing to install beyond the database.
TASKS = {
    "default": {
        "BACKEND": env("NEWSROOM_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Cache: local memory by default, Redis (shared by all workers) when REDIS_URL
# is set.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Degrades to "no cache" while Redis is down (delivery/cache.py).
            "BACKEND": "delivery.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "newsroom"),
            "TIMEOUT": 300,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            "TIMEOUT": 300,
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first. Our own strings are written in Vietnamese and wrapped in
# gettext, so a translation to another language can be added with makemessages.
LANGUAGE_CODE = env("LANGUAGE_CODE", "vi")
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = env("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# dd/mm/yyyy and HH:MM (24 h) in every form and admin screen; Django's own
# Vietnamese formats read "04/12/2026" as 12 April (newsroom/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["newsroom.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))

LOGIN_URL = "admin:login"

# Content-Security-Policy on every page, the admin included (django-csp): no
# inline scripts or styles, nothing from other sites except media origins
# named in CSP_MEDIA_ORIGINS (a CDN or S3 bucket serving MEDIA_URL). JSON-LD
# blocks are data, not scripts, and are not affected.
CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *CSP_MEDIA_ORIGINS],
        "media-src": [SELF, *CSP_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Exactly the hosts of the allow-listed embeds (articles/embeds.py
        # FRAME_HOSTS; a test keeps the two equal), loaded only when a reader
        # clicks an embed.
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.facebook.com",
            "https://www.tiktok.com",
            "https://www.google.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Where `manage.py backup` writes its archives unless told otherwise.
NEWSROOM_BACKUP_DIR = Path(env("BACKUP_DIR", str(BASE_DIR / "backups")))
# The key that signs each backup's manifest (HMAC-SHA256) and that `restore`
# checks: at least 32 characters, kept by the operator away from the backups
# (docs/operations.md). Either the key itself or a file holding it.
NEWSROOM_BACKUP_KEY = env("NEWSROOM_BACKUP_KEY", "")
NEWSROOM_BACKUP_KEY_FILE = env("NEWSROOM_BACKUP_KEY_FILE", "")

# Admin log-in throttle (guard/login.py, docs/security.md): free attempts
# on one account from one address, on one account from all addresses, and
# from one address on any accounts, within NEWSROOM_LOGIN_LOCKOUT_SECONDS;
# past them each attempt waits a doubling delay (from
# NEWSROOM_LOGIN_DELAY_SECONDS, at most NEWSROOM_LOGIN_LOCKOUT_SECONDS).
NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT = int(env("NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT", "5"))
NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT_ALL = int(env("NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT_ALL", "50"))
NEWSROOM_LOGIN_FAILURES_PER_IP = int(env("NEWSROOM_LOGIN_FAILURES_PER_IP", "100"))
NEWSROOM_LOGIN_DELAY_SECONDS = int(env("NEWSROOM_LOGIN_DELAY_SECONDS", "2"))
NEWSROOM_LOGIN_LOCKOUT_SECONDS = int(env("NEWSROOM_LOGIN_LOCKOUT_SECONDS", "900"))

# Public pages: how many stories a listing shows.
NEWSROOM_PAGE_SIZE = 15
NEWSROOM_RELATED_COUNT = 8
NEWSROOM_LATEST_COUNT = 8
NEWSROOM_HOME_BLOCK_SIZE = 5
NEWSROOM_FEATURED_COUNT = 5
NEWSROOM_FEED_SIZE = 30  # stories in each RSS feed
NEWSROOM_SITEMAP_PAGE_SIZE = 5000  # addresses per sitemap page (the protocol allows 50,000)
NEWSROOM_NEWS_SITEMAP_HOURS = 48  # Google News: stories of the last 48 hours…
NEWSROOM_NEWS_SITEMAP_MAX = 1000  # …at most 1,000 of them
# Polls: how long a browser remembers it has voted.
NEWSROOM_POLL_COOKIE_DAYS = 365
# …and one IP address may vote at most this many times in a poll per window.
NEWSROOM_POLL_VOTES_PER_IP = int(env("NEWSROOM_POLL_VOTES_PER_IP", "10"))
NEWSROOM_POLL_VOTE_WINDOW = int(env("NEWSROOM_POLL_VOTE_WINDOW", "3600"))  # seconds
# Zalo's share page for a plain link (no Zalo SDK script); {url} and {title}
# are filled in, URL-encoded.
NEWSROOM_ZALO_SHARE_URL = env("NEWSROOM_ZALO_SHARE_URL", "https://sp.zalo.me/share_inline?url={url}")

# Logs go to stdout, one JSON object per line with the request id
# (ops/logs.py); LOG_FORMAT=text for a developer's terminal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ops.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "ops.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "text" if env("LOG_FORMAT", "json") == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # The request log above already has every request (ops/server.py's
        # Tornado front would log each one a second time).
        "tornado.access": {"level": "ERROR"},
    },
}
NEWSROOM_SERVE_MEDIA = env_bool("NEWSROOM_SERVE_MEDIA", DEBUG)

# Headers every environment sends (production adds the HTTPS-only ones).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Named here because nginx's cache bypass (deploy/nginx-newsroom.conf) and
# NEWSROOM_PERSONAL_COOKIES below rely on it.
SESSION_COOKIE_NAME = "sessionid"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# `make bench` only: mounts /_bench/xin-chao/, the floor every page is compared with.
NEWSROOM_BENCH_FLOOR = env_bool("NEWSROOM_BENCH_FLOOR", False)
TAGGIT_CASE_INSENSITIVE = True

# Reverse proxies (addresses or networks) whose X-Forwarded-For we believe,
# e.g. "127.0.0.1,10.0.0.0/8". Empty: REMOTE_ADDR is the client.
NEWSROOM_TRUSTED_PROXIES = env_list("NEWSROOM_TRUSTED_PROXIES")

# Reader comments (comments app). Lengths are in characters.
# Cached pages and data of the public site (delivery/, docs/caching.md): at most this
# many seconds, and never past the next scheduled article's published_at.
# 0 turns fragment caching off.
NEWSROOM_FRAGMENT_SECONDS = int(env("NEWSROOM_FRAGMENT_SECONDS", "60"))
# Whole pages are cached (delivery/pages.py, same bounds) only for
# readers carrying none of these cookies (name prefixes): the desk's session,
# a flash message ("messages") waiting to be shown, a poll ballot ("poll-").
NEWSROOM_PERSONAL_COOKIES = (SESSION_COOKIE_NAME, "messages", "poll-")
# Where the scopes' versions live (delivery/scopes.py, docs/caching.md):
# "cache" (shared Redis) or "database" (no Redis: each process has its own
# cache). Either way a process remembers the versions it read, and serves the
# pages it built or fetched under them again, for NEWSROOM_SCOPE_SECONDS: a
# change made in another process is seen within that bound, in the process
# that made it at once.
NEWSROOM_SCOPE_STORE = env("NEWSROOM_SCOPE_STORE", "cache" if REDIS_URL else "database")
NEWSROOM_SCOPE_SECONDS = float(env("NEWSROOM_SCOPE_SECONDS", "1"))
# Anonymous public pages that set no cookie: how long nginx or a CDN may keep
# them (Cache-Control: public, max-age=0, s-maxage=N). 0: private always.
NEWSROOM_PUBLIC_S_MAXAGE = int(env("NEWSROOM_PUBLIC_S_MAXAGE", "30"))

NEWSROOM_COMMENT_NAME_MAX = 80
NEWSROOM_COMMENT_BODY_MAX = 2000
NEWSROOM_COMMENT_MIN_SECONDS = int(env("NEWSROOM_COMMENT_MIN_SECONDS", "3"))  # a form filled faster is a robot
NEWSROOM_COMMENT_MAX_LINKS = 2  # more links than this: held and flagged for the moderator
NEWSROOM_COMMENT_RATE = int(env("NEWSROOM_COMMENT_RATE", "5"))  # comments per IP per window
NEWSROOM_COMMENT_RATE_WINDOW = int(env("NEWSROOM_COMMENT_RATE_WINDOW", "600"))  # seconds

# View counters (docs/counters.md). "database": atomic upserts per view;
# "redis": HINCRBY, moved to the database by `manage.py flush_view_counts`
# (run it every minute), falling back to the database while Redis is down.
NEWSROOM_COUNTER_BACKEND = env("NEWSROOM_COUNTER_BACKEND", "database")
NEWSROOM_COUNTER_REDIS_URL = env("NEWSROOM_COUNTER_REDIS_URL", REDIS_URL or "redis://127.0.0.1:6379/0")
NEWSROOM_COUNTER_REDIS_PREFIX = env("NEWSROOM_COUNTER_REDIS_PREFIX", "newsroom:views")
# A reload by the same browser within this many seconds is not counted again.
NEWSROOM_COUNTER_RELOAD_WINDOW = int(env("NEWSROOM_COUNTER_RELOAD_WINDOW", "1800"))
# Pages served from a cache (CDN, nginx proxy_cache): the article page then
# counts nothing and sets no cookie; a small script counts the view with
# POST /luot-xem/<id>/ (readers without JavaScript are not counted then).
NEWSROOM_COUNT_WITH_BEACON = env_bool("NEWSROOM_COUNT_WITH_BEACON", False)
# "Đọc nhiều" in the sidebar: the most read of the last N days (1, 7 or 30).
NEWSROOM_MOST_READ_DAYS = int(env("NEWSROOM_MOST_READ_DAYS", "7"))
# Daily buckets older than this are deleted by `manage.py prune_daily_views`.
NEWSROOM_DAILY_VIEWS_KEEP_DAYS = int(env("NEWSROOM_DAILY_VIEWS_KEEP_DAYS", "40"))

# The article form (docs/workflow.md "Autosave and presence"): what an editor
# types is kept in the background at most every N seconds; an editor whose
# form has not said it is still open for N seconds no longer holds the
# article (his form says so every third of it).
NEWSROOM_AUTOSAVE_SECONDS = int(env("NEWSROOM_AUTOSAVE_SECONDS", "5"))
NEWSROOM_PRESENCE_SECONDS = int(env("NEWSROOM_PRESENCE_SECONDS", "60"))

# The article body's editor (django-prose-editor): our extension module,
# with Vietnamese toolbar labels and the image library's picker
# (articles/forms.py PROSE_EDITOR_CONFIG). The HTML is cleaned by
# articles/sanitize.py, not by the editor's allow-list: nothing to add there.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/prose-editor-newsroom.js")],
        "extensions": {"NewsroomEditor": lambda config, shared: None},
    }
]

# Image library (docs/images.md). Limits are checked before an upload is
# decoded: the file size first, then the pixel count read from its header.
NEWSROOM_IMAGE_MAX_BYTES = int(env("NEWSROOM_IMAGE_MAX_BYTES", str(25 * 1024 * 1024)))
NEWSROOM_IMAGE_MAX_PIXELS = int(env("NEWSROOM_IMAGE_MAX_PIXELS", "50000000"))  # 50 megapixels
# All frames of an animated GIF together (300 frames of 816 × 816 is 200 Mpx).
NEWSROOM_IMAGE_MAX_TOTAL_PIXELS = int(env("NEWSROOM_IMAGE_MAX_TOTAL_PIXELS", "200000000"))
# Where an upload is decoded and re-encoded: "subprocess" (a child process
# per upload, so the memory it takes is given back when it ends; the server's
# workers never grow by it) or "inline" (in the worker: the test suite, the
# demo loader's own files). images/processing.py's process().
NEWSROOM_IMAGE_PROCESSING = env("NEWSROOM_IMAGE_PROCESSING", "subprocess")
# The child's limits: address space (MB) and seconds.
NEWSROOM_IMAGE_CHILD_MEMORY_MB = int(env("NEWSROOM_IMAGE_CHILD_MEMORY_MB", "2048"))
NEWSROOM_IMAGE_CHILD_SECONDS = int(env("NEWSROOM_IMAGE_CHILD_SECONDS", "120"))
NEWSROOM_IMAGE_RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
# Article audio (MP3, M4A, OGG), checked by content.
NEWSROOM_AUDIO_MAX_BYTES = int(env("NEWSROOM_AUDIO_MAX_BYTES", str(60 * 1024 * 1024)))

# Royalties (nhuận bút, docs/royalties.md): personal income tax withheld from a
# non-staff author's month that reaches the threshold (đồng), at this rate.
# Today's rule: 10 % on a payment of 2,000,000 đ or more to a non-employee.
NEWSROOM_ROYALTY_TAX_THRESHOLD = env_decimal("NEWSROOM_ROYALTY_TAX_THRESHOLD", "2000000", 0, 10**12).quantize(
    Decimal(1)
)
NEWSROOM_ROYALTY_TAX_RATE = env_decimal("NEWSROOM_ROYALTY_TAX_RATE", "0.10", 0, 1).quantize(Decimal("0.0001"))
# The print edition (editions app, docs/print-edition.md): limits of an
# issue's upload (all its PDFs together), checked before and while it is
# processed in the background; the child process that renders it may use at
# most this much memory (address space) and time.
NEWSROOM_PRINT_MAX_BYTES = int(env("NEWSROOM_PRINT_MAX_BYTES", str(50 * 1024 * 1024)))
NEWSROOM_PRINT_MAX_PAGES = int(env("NEWSROOM_PRINT_MAX_PAGES", "100"))
NEWSROOM_PRINT_MEMORY_MB = int(env("NEWSROOM_PRINT_MEMORY_MB", "2048"))
NEWSROOM_PRINT_TIMEOUT = int(env("NEWSROOM_PRINT_TIMEOUT", "900"))

# Old addresses (redirects app, docs/import.md). NEWSROOM_SITE_URL is this
# site's address (``https://baodienbienphu.vn``); NEWSROOM_RETIRED_HOSTS the
# host names of retired sites pointed at this server: every request for them
# answers 301 to the same page here.
NEWSROOM_SITE_URL = env("NEWSROOM_SITE_URL", "").rstrip("/")
NEWSROOM_RETIRED_HOSTS = env_list("NEWSROOM_RETIRED_HOSTS")
if NEWSROOM_RETIRED_HOSTS and not NEWSROOM_SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("NEWSROOM_SITE_URL (https://…) must be set when NEWSROOM_RETIRED_HOSTS is.")
# The archive importer (imports app): what it may fetch over HTTP.
NEWSROOM_IMPORT_TIMEOUT = int(env("NEWSROOM_IMPORT_TIMEOUT", "20"))  # seconds per request
NEWSROOM_IMPORT_MAX_BYTES = int(env("NEWSROOM_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))  # a page
NEWSROOM_IMPORT_USER_AGENT = env("NEWSROOM_IMPORT_USER_AGENT", "NewsroomImporter/1.0 (+archive import)")
# Video library (videos app, docs/multimedia.md): limits checked on upload
# (by content, with ffprobe), then the background transcoding (manage.py
# db_worker) into H.264/AAC MP4 at each short side of NEWSROOM_VIDEO_SIZES
# not larger than the video's own. ffmpeg runs as a child process limited to
# NEWSROOM_VIDEO_MEMORY_MB of address space and NEWSROOM_VIDEO_TIMEOUT
# seconds. The upload itself needs a larger request body than the rest of
# the site: NEWSROOM_VIDEO_MAX_BODY_BYTES in ops/server.py and nginx's
# client_max_body_size of /admin/videos/video/add/ (deploy/nginx-newsroom.conf).
NEWSROOM_FFMPEG = env("NEWSROOM_FFMPEG", "ffmpeg")
NEWSROOM_FFPROBE = env("NEWSROOM_FFPROBE", "ffprobe")
NEWSROOM_VIDEO_MAX_BYTES = int(env("NEWSROOM_VIDEO_MAX_BYTES", str(500 * 1024 * 1024)))
NEWSROOM_VIDEO_MAX_SECONDS = int(env("NEWSROOM_VIDEO_MAX_SECONDS", str(20 * 60)))
NEWSROOM_VIDEO_SIZES = tuple(int(s) for s in env_list("NEWSROOM_VIDEO_SIZES") or ("720", "360"))
NEWSROOM_VIDEO_PRESET = env("NEWSROOM_VIDEO_PRESET", "veryfast")
NEWSROOM_VIDEO_THREADS = int(env("NEWSROOM_VIDEO_THREADS", "2"))
NEWSROOM_VIDEO_MEMORY_MB = int(env("NEWSROOM_VIDEO_MEMORY_MB", "3072"))
NEWSROOM_VIDEO_TIMEOUT = int(env("NEWSROOM_VIDEO_TIMEOUT", "3600"))
NEWSROOM_VIDEO_CAPTIONS_MAX_BYTES = 512 * 1024
