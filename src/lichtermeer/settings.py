"""Lichtermeer settings: one readable file, driven by environment variables.

Defaults are safe for `make run` (SQLite in var/, DEBUG on only when asked).
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent.parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


def envweights(name: str, default: str) -> dict[str, int]:
    """`key=number,key=number` into a dict (weights that operators tune without code)."""
    pairs = (item.split("=", 1) for item in envlist(name, default))
    return {key.strip(): int(value) for key, value in pairs}


def envsecret(name: str, default: str = "") -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE (container secrets)."""
    path = os.getenv(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.getenv(name, default)


DEBUG = envbool("DEBUG", "False")
SECRET_KEY = envsecret("SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_ROOT = os.getenv("SITE_ROOT", "http://127.0.0.1:8000")
SOURCE_CODE_URL = os.getenv("SOURCE_CODE_URL", "")
VAR_DIR = Path(os.getenv("VAR_DIR", str(REPO_DIR / "var")))
DEMO_DATA_DIR = Path(os.getenv("DEMO_DATA_DIR", str(REPO_DIR / "data" / "demo")))

INSTALLED_APPS = [
    "lichtermeer.web",
    "lichtermeer.audit",
    "lichtermeer.accounts",
    "lichtermeer.solutions",
    "lichtermeer.requirements",
    "lichtermeer.municipalities",
    "lichtermeer.assessment",
    "lichtermeer.dataregister",
    "lichtermeer.interop",
    "lichtermeer.procurement",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the API docs' assets locally instead of from a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "lichtermeer.urls"
WSGI_APPLICATION = "lichtermeer.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lichtermeer.web.context_processors.site",
            ],
        },
    },
]


def database_from_url(url: str) -> dict:
    """postgresql://user:pass@host:port/name -> Django DATABASES entry (psycopg 3)."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ValueError(f"Unsupported DATABASE_URL scheme: {parts.scheme!r}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", "60"),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": os.getenv("DB_TEST_NAME", "test_lichtermeer")},
    }


if os.getenv("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.getenv("SQLITE_PATH", str(VAR_DIR / "lichtermeer.sqlite3")),
            # WAL lets the web process read while the worker writes.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth): local accounts with verified e-mail, optional TOTP, and OIDC (Keycloak).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = os.getenv("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Lichtermeer"
LOGIN_REDIRECT_URL = "/"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_ADAPTER = "lichtermeer.accounts.adapters.LichtermeerSocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False


def oidc_apps() -> list[dict]:
    """One OpenID Connect provider (e.g. a Keycloak realm) configured from the environment."""
    server_url = os.getenv("OIDC_SERVER_URL")
    if not server_url:
        return []
    return [
        {
            "provider_id": os.getenv("OIDC_PROVIDER_ID", "keycloak"),
            "name": os.getenv("OIDC_NAME", "Keycloak"),
            "client_id": os.getenv("OIDC_CLIENT_ID", ""),
            "secret": envsecret("OIDC_CLIENT_SECRET"),
            "settings": {"server_url": server_url},
        }
    ]


SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": oidc_apps(), "OAUTH_PKCE_ENABLED": True}}

EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "Lichtermeer <noreply@localhost>")
OPERATOR_EMAIL = os.getenv("OPERATOR_EMAIL", "operator@localhost")

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# Overrides first: they replace third-party texts (allauth's informal "du" becomes the formal "Sie").
LOCALE_PATHS = [BASE_DIR / "locale_overrides", BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.getenv(
            "STATICFILES_STORAGE", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True

# Hostile input: small bodies only; publiccode.yml files are limited to 1 MiB by the engine too.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
PUBLICCODE_MAX_BYTES = 1024 * 1024

# Governance of the catalogue of base requirements by the expert committee (Fachgremium).
# Quorum: share of the eligible members (sitting, without a declared conflict) who must cast a vote (abstentions
# count). Majority: share of yes among yes + no that a proposal needs; it also needs more yes than no.
COMMITTEE_COMMENT_DAYS = envint("COMMITTEE_COMMENT_DAYS", "21")
COMMITTEE_VOTING_DAYS = envint("COMMITTEE_VOTING_DAYS", "14")
COMMITTEE_QUORUM = os.getenv("COMMITTEE_QUORUM", "1/2")
COMMITTEE_MAJORITY = os.getenv("COMMITTEE_MAJORITY", "1/2")
CATALOGUE_TRANSITION_DAYS = envint("CATALOGUE_TRANSITION_DAYS", "180")
CATALOGUE_REVIEW_WARNING_DAYS = envint("CATALOGUE_REVIEW_WARNING_DAYS", "90")

# Named as the publisher of the republished DCAT-AP.de catalogue.
OPERATOR_NAME = os.getenv("OPERATOR_NAME", "Lichtermeer")

# Assessment and admission (issue 4): validity, reminders, upload limits.
ADMISSION_VALID_MONTHS = envint("ADMISSION_VALID_MONTHS", "24")
ADMISSION_REMINDER_DAYS = envint("ADMISSION_REMINDER_DAYS", "60")
ASSESSMENT_REVIEWERS = envint("ASSESSMENT_REVIEWERS", "2")
EVIDENCE_MAX_FILE_BYTES = envint("EVIDENCE_MAX_FILE_BYTES", str(10 * 1024 * 1024))
EVIDENCE_MAX_TOTAL_BYTES = envint("EVIDENCE_MAX_TOTAL_BYTES", str(40 * 1024 * 1024))
EVIDENCE_MAX_FILES = envint("EVIDENCE_MAX_FILES", "12")
# Processes for re-assessing many solutions at once (1 = in the calling process).
REASSESSMENT_WORKERS = envint("REASSESSMENT_WORKERS", "2")
CATALOGUE_SEED_FILE = Path(
    os.getenv("CATALOGUE_SEED_FILE", str(REPO_DIR / "data" / "catalogue" / "basisanforderungen-1.0.0.yaml"))
)

# Municipalities: the official reference data shipped in data/municipal/, and limits for reuse requests.
MUNICIPAL_DATA_DIR = Path(os.getenv("MUNICIPAL_DATA_DIR", str(REPO_DIR / "data" / "municipal")))
REUSE_REQUESTS_PER_HOUR = envint("REUSE_REQUESTS_PER_HOUR", "3")
REUSE_REQUESTS_PER_DAY = envint("REUSE_REQUESTS_PER_DAY", "10")

# Interoperability (issue 6): the standards register seed and the weights of the exit score (docs/interop.md).
STANDARDS_SEED_FILE = Path(os.getenv("STANDARDS_SEED_FILE", str(REPO_DIR / "data" / "interop" / "standards.yaml")))
EXIT_SCORE_WEIGHTS = envweights(
    "EXIT_SCORE_WEIGHTS",
    "open-licence=20,data-export=20,standard-interfaces=15,self-hosting=15,independent-operators=15,reuse=10,"
    "admission=5",
)

# Procurement (issue 6): shortlists, side-by-side comparison, tender documents.
SHORTLIST_MAX_ITEMS = envint("SHORTLIST_MAX_ITEMS", "50")
COMPARISON_MAX_SOLUTIONS = envint("COMPARISON_MAX_SOLUTIONS", "6")
# LibreOffice renders PDFs of the tender documents when it is installed; empty = look it up on PATH.
SOFFICE_BINARY = os.getenv("SOFFICE_BINARY", "")
TENDER_PDF_TIMEOUT_SECONDS = envint("TENDER_PDF_TIMEOUT_SECONDS", "60")

TASKS = {"default": {"BACKEND": os.getenv("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "False")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", "False") else None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
