"""Settings from the environment, with safe defaults for local use.

QARARAT_ENV=production turns on the strict checks: DEBUG must be off and SECRET_KEY set.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from qararat.env import read_bool, read_int
from search.backends import haystack_connections

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return read_bool(os.environ, name, default)


def env_int(name: str, default: int, minimum: int = 0) -> int:
    return read_int(os.environ, name, default, minimum)


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
SECURE_HSTS_SECONDS = env_int("QARARAT_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("QARARAT_HSTS_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("QARARAT_HSTS_PRELOAD", default=False)
# Preloading is a commitment to the browsers' list that only the domain's owner can make, so it is not
# on by default and its deploy warning is silenced.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): only this site's own scripts, styles, fonts and images
# (everything is served from static/, nothing from a CDN). Inline styles stay allowed because Django's
# admin uses style attributes; inline scripts do not. A view can loosen or tighten it with django-csp's
# decorators (@csp_update, @csp_replace, @csp_exempt); CONTENT_SECURITY_POLICY_REPORT_ONLY can trial a
# stricter policy first.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Permissions-Policy (django-permissions-policy): the site uses none of these browser features, so no
# page, nor anything framed in one, may ask for them.
PERMISSIONS_POLICY = {
    feature: [] for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort")
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # search before haystack: its rebuild_index replaces haystack's (search/management/commands).
    "search",
    "haystack",
    "archive",
    "ops",
    "qararat.axes_app.AxesConfig",  # django-axes, named in the admin
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Interface language, digits and theme from the reader's own choice (cookies), Arabic by default.
    "archive.preferences.PreferencesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Reading pages from a cache keyed on the data version, with ETags (ops/page_cache.py); after CSRF,
    # authentication and messages, which it consults.
    "ops.page_cache.PageCacheMiddleware",
    # Last, as django-axes asks: turns a refused admin login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes) for the admin login, the site's only login. After
# QARARAT_LOGIN_FAILURE_LIMIT wrong passwords for one username from one address, that username is refused
# from that address for QARARAT_LOGIN_COOLOFF_MINUTES after the last try (each try while locked starts
# the wait again), even with the right password. An admin unlocks by deleting the attempt under
# "Access attempts" in the admin, or with `manage.py axes_reset` (axes_reset_username, axes_reset_ip).
#
# Locked by the username AND the address together, never by either alone:
# - by username alone, anyone anywhere could lock the real admin out by typing five wrong passwords
#   for "admin";
# - by address alone, everyone behind one address (an office, a NAT, a proxy whose forwarded address is
#   not trusted) would be locked out by one person's typos, and the address would be the only thing an
#   attacker needs to rotate anyway.
# The cost: an attacker with many addresses gets five guesses per address, and one address may try five
# guesses for each of many usernames; the admin has few accounts with strong passwords (Django's
# validators), which is what those guesses are up against.
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out username and address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("QARARAT_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("QARARAT_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
# A successful login forgets the earlier typos of that username from that address.
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "qararat.security.lockout_response"
# The client's address: REMOTE_ADDR (the socket gunicorn accepted, which a client cannot forge) unless
# QARARAT_PROXY_COUNT says how many proxies of ours stand in front and append to X-Forwarded-For.
QARARAT_PROXY_COUNT = env_int("QARARAT_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "qararat.security.client_ip"

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
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two writers (ingest command + server, two uploads) wait for the lock instead of failing at once:
    # a transaction takes the write lock when it begins (IMMEDIATE), since SQLite cannot make a reader
    # that has begun wait to become a writer (it answers "database is locked" at once).
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered reading pages (ops/page_cache.py), in each worker's memory: QARARAT_PAGE_CACHE=0 turns the cache
# off; QARARAT_PAGE_CACHE_ENTRIES pages at most per worker, none bigger than QARARAT_PAGE_CACHE_MAX_KB.
QARARAT_PAGE_CACHE = env_bool("QARARAT_PAGE_CACHE", default=True)
# On Whoosh, queries made of words only are scored over whole posting lists with numpy
# (search/backends/whoosh_dense.py; the same answers as Whoosh's collector); 0 leaves every query to Whoosh.
QARARAT_WHOOSH_ARRAY_SCORING = env_bool("QARARAT_WHOOSH_ARRAY_SCORING", default=True)
QARARAT_PAGE_CACHE_MAX_BYTES = env_int("QARARAT_PAGE_CACHE_MAX_KB", 512, minimum=1) * 1024
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "qararat-pages",
        "TIMEOUT": None,  # a page's key names its data version: a changed page is a new key, never stale
        "OPTIONS": {"MAX_ENTRIES": env_int("QARARAT_PAGE_CACHE_ENTRIES", 400, minimum=1)},
    },
}

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
QARARAT_MAX_UPLOAD_BYTES = env_int("QARARAT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024, minimum=1)
# Files uploaded in the admin, kept byte for byte as uploads/<sha256[:2]>/<sha256>.<ext> (and staged
# under uploads/staging/ between preview and confirm).
QARARAT_UPLOAD_DIR = Path(os.environ.get("QARARAT_UPLOAD_DIR", DATA_DIR / "uploads")).resolve()
# Uploads above 2.5 MB stream to a temporary file instead of memory; form fields stay small.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 50
# A document's admin page posts 8 fields per paragraph: a long final communiqué has hundreds.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Up to this many paragraphs, a document's admin page lists them for editing; a longer one (a bulk corpus,
# a 20 MB file of 60,000 paragraphs) links to the paragraph list instead of rendering thousands of forms.
QARARAT_ADMIN_INLINE_PARAGRAPHS = env_int("QARARAT_ADMIN_INLINE_PARAGRAPHS", 1000)
# A document of more paragraphs than this, stored or changed from the admin, is indexed by a background
# process (`manage.py index_document`) instead of within the request: 5,000 paragraphs take about 4 s to
# index on 2 cores, 60,000 take about a minute, gunicorn's timeout. Progress shows on the document's page.
QARARAT_BACKGROUND_INDEX_PARAGRAPHS = env_int("QARARAT_BACKGROUND_INDEX_PARAGRAPHS", 5000)

# OAI-PMH (/oai/, archive/oai.py): the domain in record identifiers (oai:<domain>:document/N: set it to the
# site's domain once, and keep it, since harvesters key records on it), the address Identify gives, and
# how many records one ListRecords/ListIdentifiers response holds before its resumption token.
QARARAT_OAI_REPOSITORY_ID = os.environ.get("QARARAT_OAI_REPOSITORY_ID") or "qararat.local"
QARARAT_OAI_ADMIN_EMAIL = os.environ.get("QARARAT_OAI_ADMIN_EMAIL") or f"admin@{QARARAT_OAI_REPOSITORY_ID}"
QARARAT_OAI_PAGE_SIZE = env_int("QARARAT_OAI_PAGE_SIZE", 100, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
