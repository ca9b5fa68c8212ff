"""Settings of the Django TechEmpower peer: DATABASE_URL picks SQLite or PostgreSQL."""
import os
from urllib.parse import urlparse

DEBUG = False
SECRET_KEY = "techempower-benchmark-only"
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "urls"
INSTALLED_APPS = ["world"]
MIDDLEWARE = []
USE_TZ = False
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]

url = os.environ.get("DATABASE_URL", "sqlite:////tmp/techempower.db")
if url.startswith("sqlite:"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": url[len("sqlite:///"):],
                             "OPTIONS": {"timeout": 5}}}
else:
    parts = urlparse(url)
    DATABASES = {"default": {
        "ENGINE": "django.db.backends.postgresql", "NAME": parts.path.lstrip("/"), "USER": parts.username,
        "PASSWORD": parts.password or "", "HOST": parts.hostname, "PORT": parts.port or 5432,
        "CONN_MAX_AGE": None,
    }}
