"""Django settings, read from the environment (see README for the variables)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from bmnn.lib.dburl import database_from_url, sqlite_settings
from bmnn.lib.env import MissingSetting, env_bool, env_int, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("BMNN_DATA_DIR", Path.cwd() / "data")
# Inside pytest's own process (it sets PYTEST_VERSION before pytest-django reads this module,
# earlier than any conftest runs) the test settings apply even when BMNN_TESTING was not exported,
# so `pytest` typed alone behaves as `./test` does. A `bmnn` command a test starts inherits
# PYTEST_VERSION but not pytest, and keeps the settings it is given.
TESTING = env_bool("BMNN_TESTING") or (bool(os.environ.get("PYTEST_VERSION")) and "pytest" in sys.modules)
DEBUG = env_bool("BMNN_DEBUG")


def _secret_key() -> str:
    key = env_str("BMNN_SECRET_KEY", "")
    if key:
        return key
    key_file = DATA_DIR / "secret.key"
    if key_file.exists():
        return key_file.read_text(encoding="ascii").strip()
    if TESTING:
        return "test-only-secret-key-not-for-use"
    # Never fall back to a random key: sessions and signatures would silently break.
    raise MissingSetting(
        f"Thiếu khóa bí mật: đặt BMNN_SECRET_KEY hoặc chạy 'bmnn init' để tạo {key_file}"
    )


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_str("BMNN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # its API docs page then uses the bundled (offline) Swagger UI
    "bmnn.org",
    "bmnn.catalog",
    "bmnn.audit",
    "bmnn.registry",
    "bmnn.web",
    "bmnn.netsec",
    "bmnn.inspection",
    "bmnn.summaries",
    "bmnn.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "bmnn.web.headers.SecretPageHeadersMiddleware",  # no-store, content security policy
    "bmnn.web.channel.ChannelMiddleware",  # events record web or API
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "bmnn.urls"
WSGI_APPLICATION = "bmnn.wsgi.application"
AUTH_USER_MODEL = "org.Account"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bmnn.web.context.steps",
            ],
        },
    },
]

if TESTING and env_str("BMNN_TEST_DATABASE_URL", ""):
    DATABASES = {"default": database_from_url(env_str("BMNN_TEST_DATABASE_URL"))}
elif env_str("BMNN_DATABASE_URL", ""):
    DATABASES = {"default": database_from_url(env_str("BMNN_DATABASE_URL"))}
else:
    DATABASES = {"default": sqlite_settings(DATA_DIR / "bmnn.sqlite3")}
if TESTING and DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory: tests with parallel writers need real WAL and IMMEDIATE locking.
    import tempfile

    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"bmnn-test-{os.getpid()}.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
if TESTING:
    # Argon2 is deliberately slow; tests create many accounts.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_MAX_FAILURES = env_int("BMNN_LOGIN_MAX_FAILURES", 5)
LOGIN_LOCK_MINUTES = env_int("BMNN_LOGIN_LOCK_MINUTES", 15)

# Idle timeout: the session ends after this many seconds without a request.
SESSION_COOKIE_AGE = env_int("BMNN_IDLE_TIMEOUT_SECONDS", 15 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SAMESITE = "Strict"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"

DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
