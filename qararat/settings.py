"""Settings from the environment, with safe defaults for local use.

QARARAT_ENV=production turns on the strict checks: DEBUG must be off and SECRET_KEY set.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from search.backends import haystack_connections

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("QARARAT_ENV", "local") == "production"
DEBUG = env_bool("DEBUG", default=False)
DATA_DIR = Path(os.environ.get("QARARAT_DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def local_secret_key(data_dir: Path) -> str:
    """Local use only: a random key made once per data folder and kept there, so every gunicorn worker
    (and every restart) signs sessions with the same key, and nothing secret is committed."""
    path = data_dir / "secret_key"
    if not path.exists():
        # Written whole under a private name, then linked into place: two workers starting at once both
        # end up reading the one complete key that won the link.
        draft = data_dir / f".secret_key.{os.getpid()}"
        draft.write_text("local-only-" + os.urandom(32).hex())
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production (QARARAT_ENV=production).")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set in production (QARARAT_ENV=production).")
elif not SECRET_KEY:
    SECRET_KEY = local_secret_key(DATA_DIR)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# HTTPS. In production the site is served over TLS (directly or behind a proxy that sets
# X-Forwarded-Proto, see SECURE_PROXY_SSL_HEADER); locally over plain HTTP.
HTTPS = env_bool("QARARAT_HTTPS", default=PRODUCTION)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("QARARAT_SSL_REDIRECT", default=HTTPS)
if env_bool("QARARAT_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS: a year by default in production, subdomains included; QARARAT_HSTS_SECONDS=0 turns it off.
SECURE_HSTS_SECONDS = int(os.environ.get("QARARAT_HSTS_SECONDS", str(365 * 24 * 3600 if HTTPS else 0)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("QARARAT_HSTS_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("QARARAT_HSTS_PRELOAD", default=False)
# Preloading is a commitment to the browsers' list that only the domain's owner can make, so it is not
# on by default and its deploy warning is silenced.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "haystack",
    "archive",
    "search",
    "ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "qararat.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Interface language, digits and theme from the reader's own choice (cookies), Arabic by default.
    "archive.preferences.PreferencesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "qararat.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "archive.preferences.context",
            ],
        },
    },
]

WSGI_APPLICATION = "qararat.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'qararat.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two writers (ingest command + server, two uploads) wait for the lock instead of failing at once:
    # a transaction takes the write lock when it begins (IMMEDIATE), since SQLite cannot make a reader
    # that has begun wait to become a writer (it answers "database is locked" at once).
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Whoosh in the data folder by default; QARARAT_SEARCH_BACKEND=elasticsearch for a cluster (docs/scaling.md).
HAYSTACK_CONNECTIONS = haystack_connections(os.environ, DATA_DIR)
HAYSTACK_SIGNAL_PROCESSOR = "search.signals.ArchiveSignalProcessor"

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية"), ("en", "English")]
# Interface strings are written in Arabic (the archive's language) and translated to English here.
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "qararat_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names in production; plain files in tests (no collectstatic needed).
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("QARARAT_HASHED_STATIC", default=PRODUCTION)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Ingestion limits: a single source file larger than this is refused with a clear message.
QARARAT_MAX_UPLOAD_BYTES = int(os.environ.get("QARARAT_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
# Files uploaded in the admin, kept byte for byte as uploads/<sha256[:2]>/<sha256>.<ext> (and staged
# under uploads/staging/ between preview and confirm).
QARARAT_UPLOAD_DIR = Path(os.environ.get("QARARAT_UPLOAD_DIR", DATA_DIR / "uploads")).resolve()
# Uploads above 2.5 MB stream to a temporary file instead of memory; form fields stay small.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 50
# A document's admin page posts 8 fields per paragraph: a long final communiqué has hundreds.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
