"""cosummit settings: one file, every value from the environment.

Each value is read through a small helper that refuses bad input loudly, so a
typo in a deployment stops the process at start-up instead of misbehaving later.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("COSUMMIT_VAR_DIR", Path.cwd() / "var")).resolve()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no/on/off, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _development_secret_key() -> str:
    """Return the secret kept in var/, creating it on first run."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or set DEBUG=true for development."
        )
    SECRET_KEY = _development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is empty; list the host names this site answers to.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Where links in e-mails point to; requests know their own host, mails do not.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "cosummit.core",
    "cosummit.accounts",
    "cosummit.summits",
    "cosummit.registration",
    "cosummit.proposals",
    "cosummit.toolbox",
    "cosummit.hackathon",
    "cosummit.review",
    "cosummit.programme",
    "cosummit.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "cosummit.urls"
WSGI_APPLICATION = "cosummit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cosummit.core.context_processors.site",
            ],
        },
    },
]

# Databases: SQLite in var/ unless DATABASE_URL names another database.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {error}") from None
    DATABASES["default"].setdefault("TEST", {})
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "cosummit.sqlite3",
            # Opening an SQLite file (and running the PRAGMAs) for every
            # request costs more than most queries: keep it open a while.
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; IMMEDIATE takes
                # the write lock at BEGIN so that concurrent writers queue instead
                # of failing half-way with "database is locked".
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "cosummit.accounts.forms.SignupProfileForm"
ACCOUNT_ADAPTER = "cosummit.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[cosummit] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]

# Mail: every message is written to the outbox table (the "default" mailer) and
# delivered by the task worker through the "delivery" mailer: files under
# var/mail/ by default, an SMTP server when EMAIL_DELIVERY=smtp.
EMAIL_DELIVERY = env_str("EMAIL_DELIVERY", "file")
if EMAIL_DELIVERY == "file":
    _delivery = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": VAR_DIR / "mail"},
    }
elif EMAIL_DELIVERY == "smtp":
    _delivery = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            "timeout": env_int("EMAIL_TIMEOUT", 30),
        },
    }
    if _delivery["OPTIONS"]["use_tls"] and _delivery["OPTIONS"]["use_ssl"]:
        raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true.")
elif EMAIL_DELIVERY == "console":
    _delivery = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
else:
    raise ImproperlyConfigured(
        f"EMAIL_DELIVERY must be one of file, smtp, console, not {EMAIL_DELIVERY!r}."
    )
MAILERS = {
    "default": {"BACKEND": "cosummit.core.mail.OutboxBackend"},
    "delivery": _delivery,
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "cosummit <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A failed delivery is tried again after 1 minute, then 2, 4, … at most
# OUTBOX_MAX_RETRY_DELAY seconds apart; after OUTBOX_MAX_ATTEMPTS attempts the
# message is marked failed and organisers can send it again from its outbox page.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_RETRY_DELAY = env_int("OUTBOX_RETRY_DELAY", 60)
OUTBOX_MAX_RETRY_DELAY = env_int("OUTBOX_MAX_RETRY_DELAY", 3600)
# How often the worker retries due mail and releases expired seat holds (seconds).
HOUSEKEEPING_INTERVAL = env_int("HOUSEKEEPING_INTERVAL", 60)
if min(OUTBOX_MAX_ATTEMPTS, OUTBOX_RETRY_DELAY, OUTBOX_MAX_RETRY_DELAY, HOUSEKEEPING_INTERVAL) < 1:
    raise ImproperlyConfigured(
        "OUTBOX_MAX_ATTEMPTS, OUTBOX_RETRY_DELAY, OUTBOX_MAX_RETRY_DELAY and "
        "HOUSEKEEPING_INTERVAL must be at least 1."
    )

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
# When a text is missing in the reader's language, show it in the first of
# these languages that has it, and say so.
LANGUAGE_FALLBACKS = {"fr": ["en"], "en": ["fr"]}
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Paris"

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# In development static files are found where they are, not collected first.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

_RATE_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def env_rate(name: str, default: str) -> tuple[int, int]:
    """A rate such as "20/h" as (requests, seconds); periods are s, m, h and d."""
    raw = env_str(name, default)
    count, _slash, period = raw.partition("/")
    if not count.strip().isdigit() or period.strip() not in _RATE_PERIODS:
        raise ImproperlyConfigured(
            f"{name} must be a number of requests per period such as 20/h "
            f"(periods: s, m, h, d), not {raw!r}."
        )
    return int(count), _RATE_PERIODS[period.strip()]


# Registration forms refuse more attempts than this from one address or for one
# e-mail in a fixed window, and ask the browser for a small proof of work: it
# tries up to this many numbers to find the one the server hashed.
REGISTRATION_RATE_LIMIT_IP = env_rate("REGISTRATION_RATE_LIMIT_IP", "60/h")
REGISTRATION_RATE_LIMIT_EMAIL = env_rate("REGISTRATION_RATE_LIMIT_EMAIL", "10/h")
REGISTRATION_CHALLENGE_MAX_NUMBER = env_int("REGISTRATION_CHALLENGE_MAX_NUMBER", 100_000)

# Security. Production (DEBUG off) passes `manage.py check --deploy` as is.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
