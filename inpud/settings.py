"""Settings for the INPUD website: one file, read from the environment.

Local development needs no variables at all. Production sets DEBUG=0, SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL (see README's table for every variable).
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)

# Only local development may fall back to a built-in key; production must set its own.
_DEV_SECRET_KEY = "insecure-local-development-key-never-used-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off. Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "mirrors",
    "pages",
    "documents",
    "news",
    "contact",
    "sitewide",
    "hosting",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.typed_table_block",  # online editions' tables (documents/edition_blocks)
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # form widget templates, found through TEMPLATES (FORM_RENDERER below)
    "django.contrib.postgres",  # Wagtail's database search backend uses it on PostgreSQL.
    "csp",
    "axes",
    "signin",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    # First: TRACE, OPTIONS and other unused methods answer 405 on every path (hosting.methods).
    "hosting.methods.AllowedMethodsMiddleware",
    "hosting.health.HealthCheckMiddleware",
    "hosting.uploads.RequestBodyLimitMiddleware",
    # Every header that protects a response is added above the page cache, so pages served
    # from it carry exactly the headers of a fresh render (tests/security/test_headers.py).
    "django.middleware.security.SecurityMiddleware",
    "hosting.csp.SiteAndAdminCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "hosting.permissions_policy.SignInPagesPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compressed on the way out (static files are precompressed by whitenoise above;
    # documents, already compressed, go out as they are: hosting/compression.py).
    # Public pages carry no secret to guess, and Django's gzip pads against BREACH anyway.
    "hosting.compression.TextGZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Above the page cache, so pages served from it name the onion address too.
    "mirrors.onion.OnionLocationMiddleware",
    # A series' permanent link resolved since the last change: its file, no database (and
    # no look in the page cache, which never holds files).
    "documents.permalinks.PermalinkMiddleware",
    "hosting.page_cache.PublicPageCacheMiddleware",
    # Below the page cache, which answers most visitors without the database at all.
    "hosting.sqlite.DeferredVisitorReadsMiddleware",
    "hosting.busy.BusyDatabaseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sitewide.languages.PublicLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # No admin page before a second factor (signin/gate.py).
    "signin.gate.SecondFactorRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Which page an address leads to, remembered until the next published change.
    "hosting.page_routes.RememberedRoutesMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "inpud.urls"
WSGI_APPLICATION = "inpud.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Widget templates are looked up like any other template, so templates/wagtailadmin/
# can replace the few Wagtail widgets that would need inline scripts (see hosting/csp.py).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# The embedded default needs nothing installed; production points DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Opening an SQLite connection (the file, then the PRAGMAs below) cost about 2 ms of a
# 14 ms library search: each web server thread keeps its own. A PostgreSQL connection is a
# server process, so how many to keep open is the deployment's choice (README).
_IS_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600 if _IS_SQLITE else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Each request is all or nothing: an admin edit cut off by a database outage is refused
# whole (the visitor sees the 503 page), never half-saved.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if _IS_SQLITE:
    # SQLite behind a web server, where requests overlap (README, "SQLite in production"):
    # - WAL (write-ahead log): readers never wait for the writer, nor the writer for them;
    #   synchronous=NORMAL is what SQLite advises with WAL (a crash of the site loses
    #   nothing committed; a power cut may lose the last commits, never the file).
    # - IMMEDIATE: a transaction takes the write lock when it begins, so it waits its turn
    #   instead of failing ("database is locked") when it writes after another writer;
    #   visitors' reads begin deferred instead (hosting.sqlite).
    # - timeout: how long a request waits for that turn, in seconds; then the editor gets
    #   "the site was busy, nothing was saved" (hosting.busy).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }

# The cache holds whole pages for anonymous visitors (hosting/page_cache.py), so every process
# that serves the site must share it, or a worker would keep serving a page after an edit:
# Redis (REDIS_URL) for several app servers; otherwise files on this machine, shared by
# its web server and management commands; process memory only for the development server.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "inpud",
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "hosting.file_cache.FileCache",
            "LOCATION": env.str("CACHE_DIR", default=str(BASE_DIR / ".cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the default and comes first; every public URL carries its
# language prefix. Adding a language: add it here, then its Locale in the admin.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("ru", "Russian"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Held by the running web server (inpud/serve.py); `manage.py restore` refuses while it is.
# Beside the media folder, so it is on the image's /data volume, which every container
# of the app (`docker compose run` included) sees.
SERVER_LOCK_FILE = env.str(
    "SERVER_LOCK_FILE", default=str(Path(MEDIA_ROOT).parent / ".inpud-server.lock")
)

# Uploaded files go to local disk, or to S3-compatible object storage when
# AWS_STORAGE_BUCKET_NAME is set (shared by every app server). Either way documents
# are served through the site's own document view, with its headers and permission checks.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_LOCATION = env.str("AWS_LOCATION", default="")
    AWS_DEFAULT_ACL = None  # the bucket stays private; objects inherit its policy
    AWS_QUERYSTRING_AUTH = True  # object URLs are signed and expire
    AWS_QUERYSTRING_EXPIRE = env.int("AWS_QUERYSTRING_EXPIRE", default=300)
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"ContentDisposition": "attachment"}
    # AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are read by boto3 from the environment.
    _DEFAULT_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    _DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {
        # Fingerprinted, gzip and brotli compressed, cached for a year by whitenoise; the
        # manifest is kept beside STATIC_ROOT, where nothing serves it (hosting.static_files).
        "BACKEND": "hosting.static_files.ManifestBesideStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
        # Public files, readable by a front server running as another user.
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}

# Backups (`manage.py backup`, hosting/backups.py): where archives go, and the age public
# key (age1...) they are encrypted to when set; its secret key stays off the server.
BACKUP_DIR = env.str("BACKUP_DIR", default=str(Path(MEDIA_ROOT).parent / "backups"))
BACKUP_AGE_RECIPIENT = env.str("BACKUP_AGE_RECIPIENT", default="")
# How long a SQLite backup waits for a database another process keeps locked, then stops.
BACKUP_LOCK_WAIT = env.float("BACKUP_LOCK_WAIT", default=60.0)

# Wagtail
WAGTAIL_SITE_NAME = "INPUD"
# The site's own address, for links in e-mails (password reset, moderation): production
# must say it, or mail would point at 127.0.0.1.
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000" if DEBUG else ""
).rstrip("/")
if not WAGTAILADMIN_BASE_URL:
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL must be set when DEBUG is off: the site's address as staff "
        "reach it, e.g. https://www.inpud.net (links in e-mails use it)."
    )
# The static mirror (mirrors/, README "When the site is blocked"): the main site's public
# address, which the mirror's canonical links, notices and feeds name, and the minisign
# public key that verifies a mirror's signed manifest (shown on the "If this site is
# blocked" page). The secret key is given to `build_mirror` at build time, never here.
PUBLIC_SITE_URL = env.str("PUBLIC_SITE_URL", default=WAGTAILADMIN_BASE_URL).rstrip("/")
MIRROR_PUBLIC_KEY = env.str("MIRROR_PUBLIC_KEY", default="")
# One way in for staff: allauth's sign-in, with its second factor (signin/, README).
WAGTAILADMIN_LOGIN_URL = LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth's reset, which keeps the second factor
WAGTAILDOCS_DOCUMENT_MODEL = "documents.LibraryDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents.document_form.LibraryDocumentForm"
# Uploads are checked by content too (documents/validators.py); this caps their size.
DOCUMENTS_MAX_UPLOAD_BYTES = env.int("DOCUMENTS_MAX_UPLOAD_MB", default=50) * 1024 * 1024
# Browser and proxy cache lifetimes: a file's own address, and a series' permanent link
# (short, because it moves to the new version when editors publish one).
DOCUMENTS_CACHE_SECONDS = env.int("DOCUMENTS_CACHE_SECONDS", default=3600)
DOCUMENTS_PERMALINK_CACHE_SECONDS = env.int("DOCUMENTS_PERMALINK_CACHE_SECONDS", default=300)
# No SVG: an SVG can carry script.
WAGTAILIMAGES_IMAGE_FORM_BASE = "pages.image_form.ImageForm"  # alt text required
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("MAX_IMAGE_UPLOAD_MB", default=10) * 1024 * 1024
# Wagtail's database backend (SQLite FTS5 or PostgreSQL full text), cleaning every query
# first: a quote typed in any search box, the admin's included, is not FTS syntax.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "sitewide.search_backend"}}
WAGTAILSEARCH_HITS_MAX_AGE = 0
# Editors may work where being seen online is dangerous: the admin contacts no other host.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Large page forms (StreamFields) exceed Django's default field count.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Upload limits, set deliberately:
# - MAX_REQUEST_BODY_SIZE: any request body larger than this (the biggest PDF editors
#   upload, plus form fields) is refused with 413 from its Content-Length header, before
#   the body is read (hosting.uploads).
# - DATA_UPLOAD_MAX_MEMORY_SIZE: the non-file part of a request (page forms) kept in memory.
# - FILE_UPLOAD_MAX_MEMORY_SIZE: files above this are spooled to a temporary file, not RAM.
MAX_REQUEST_BODY_SIZE = env.int("MAX_UPLOAD_MB", default=50) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Uploaded files (and Wagtail's renditions) are readable by the site's own user only; the
# site serves them itself (documents through their view, images through hosting.media).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Purge a CDN when pages are published (Wagtail's frontend cache invalidation). Off
# unless one of these is set: Cloudflare (zone and API token), CloudFront (distribution)
# or any HTTP cache that accepts PURGE requests (Varnish, nginx).
WAGTAILFRONTENDCACHE = {}
if env.str("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.str("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env.str("CLOUDFLARE_ZONE_ID"),
    }
if env.str("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.str("CLOUDFRONT_DISTRIBUTION_ID"),
    }
if env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env.str("FRONTEND_CACHE_PURGE_URL"),
    }

# Translators' drafts: a page submitted for translation stays a draft until a translator
# publishes it, so /fr/ never shows English text as if it were French.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation as a first draft: DeepL when a key is set; the offline dummy
# translator (it reverses word order) only in development; none otherwise.
if DEEPL_API_KEY := env.str("DEEPL_API_KEY", default=""):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY},
    }
elif DEBUG:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
        "OPTIONS": {},
    }

# --- Security: the production defaults (`manage.py check --deploy` is clean with only
# DEBUG=0, SECRET_KEY and ALLOWED_HOSTS set). Local development (DEBUG on) uses plain HTTP.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# A TLS-terminating proxy tells us the request was HTTPS. The proxy must overwrite this
# header on every request; set TRUST_X_FORWARDED_PROTO=0 when nothing sits in front.
if env.bool("TRUST_X_FORWARDED_PROTO", default=True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Nobody frames the site; Wagtail's preview views override this with SAMEORIGIN themselves.
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp), on every response. The public site allows only
# its own scripts and styles: no inline script or style, no eval. The Wagtail admin gets
# its own policy (hosting.csp picks it by path): still no eval and no foreign hosts, but
# inline styles, which its widgets set, and blob:/data: images for upload previews.
_CSP_SITE = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
if AWS_STORAGE_BUCKET_NAME:
    # Images are served from the bucket: allow exactly its address.
    if AWS_S3_CUSTOM_DOMAIN:
        _CSP_SITE["img-src"].append(f"https://{AWS_S3_CUSTOM_DOMAIN}")
    elif AWS_S3_ENDPOINT_URL:
        _CSP_SITE["img-src"].append(AWS_S3_ENDPOINT_URL.rstrip("/"))
    else:
        _CSP_SITE["img-src"].append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
        if AWS_S3_REGION_NAME:
            _CSP_SITE["img-src"].append(
                f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com"
            )
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_SITE}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **_CSP_SITE,
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": [*_CSP_SITE["img-src"], "blob:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],  # the preview panel frames the admin's own preview
        "worker-src": ["'self'", "blob:"],
    }
}
# The staff's part of the site: the admin and its sign-in pages (allauth, /accounts/).
SIGN_IN_PATH_PREFIX = "/accounts/"
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/", SIGN_IN_PATH_PREFIX)

# Permissions-Policy: switch off what the site never uses.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# ...except WebAuthn on the sign-in pages, for the site itself (hosting/permissions_policy.py).
PERMISSIONS_POLICY_SIGN_IN = {
    **PERMISSIONS_POLICY,
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
}

# Admin login lockout (django-axes; the rules are in hosting/lockout.py): wrong passwords
# count per username *and* address, so a stranger's failures lock only the stranger:
# AXES_FAILURE_LIMIT for one username from one address, AXES_ADDRESS_FAILURE_LIMIT from
# one address for all usernames together (password spraying). IPv6 addresses count by
# their /64. Each lock lasts AXES_COOLOFF_HOURS; unlock early with
# `manage.py axes_reset_ip <address>` or `axes_reset_username <name>` (README). Behind
# proxies, set TRUSTED_PROXY_COUNT so the address is the visitor's, not the proxy's.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=50)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "hosting.lockout.PairAndAddressHandler"
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT  # allauth's per-address limits, the same way
AXES_CLIENT_IP_CALLABLE = "hosting.lockout.client_ip_address"
AXES_USERNAME_CALLABLE = "hosting.lockout.attempted_username"  # whichever form sent it
AXES_RESET_ON_SUCCESS = True  # a success clears its own pair only, never the address count
AXES_DISABLE_ACCESS_LOG = True  # no record of successful logins
AXES_LOCKOUT_CALLABLE = "hosting.lockout.lockout_response"
AXES_VERBOSE = False

# Staff sign-in (django-allauth with its mfa app; signin/ adds what allauth leaves to the
# site: nobody signs up, everybody who can reach the admin has a second factor).
ACCOUNT_ADAPTER = "signin.adapter.StaffAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]  # signup is closed anyway
ACCOUNT_EMAIL_VERIFICATION = "none"  # superusers create accounts; nothing mails at sign-in
ACCOUNT_SESSION_REMEMBER = False  # a session ends with the browser; no "remember me"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # after a reset, sign in: password and second factor
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_PREVENT_ENUMERATION = True  # a reset request never says whether an address exists
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # nor mails an address that has no account
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[INPUD] "
# django-axes owns lockout (hosting/lockout.py: per username and address, and per address).
# allauth's `login_failed` limit by default also counts failures per login name from any
# address, which would let a stranger lock an editor out: it is kept per address only, as
# a brake on floods. The second step's wrong codes count in axes too (signin/forms.py).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_FORMS = {"authenticate": "signin.forms.LockoutCountedAuthenticateForm"}
MFA_TOTP_ISSUER = "INPUD"
# A phone's clock a little off still works: the codes of the 30-second periods either side
# of now are accepted too (RFC 6238 advises one step); each code still works only once.
MFA_TOTP_TOLERANCE = 1
MFA_TRUST_ENABLED = False  # no "trust this browser": every sign-in asks the second factor
MFA_PASSKEY_LOGIN_ENABLED = False  # keys and passkeys are a second step after the password
# Browsers allow WebAuthn on http://127.0.0.1 and localhost, which `make run` serves.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.bool("WEBAUTHN_ALLOW_HTTP", default=DEBUG)
# A superuser must sign in with a security key or passkey, never an app's code alone.
SUPERUSERS_REQUIRE_SECURITY_KEY = env.bool("SUPERUSERS_REQUIRE_SECURITY_KEY", default=False)

# E-mail: password resets and moderation notices, to staff only (nothing goes to visitors).
# EMAIL_URL in django-environ's forms: smtp://user:password@host:587,
# smtp+tls://user:password@host:587, smtp+ssl://...:465, consolemail:// (development's
# default: mail is printed), dummymail:// (production's default: nothing is sent).
vars().update(env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "dummymail://"))
DEFAULT_FROM_EMAIL = SERVER_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="INPUD website <noreply@inpud.net>"
)
EMAIL_TIMEOUT = 20
# Moderation and comment notices as plain text, from templates/wagtailadmin/notifications/
# where Wagtail's would quote comments: title, who and a link only, never the page's text.
WAGTAILADMIN_NOTIFICATION_USE_HTML = False

# /.well-known/security.txt (RFC 9116): where to report a vulnerability.
SECURITY_TXT_CONTACTS = env.list("SECURITY_TXT_CONTACTS", default=["mailto:security@inpud.net"])
SECURITY_TXT_EXPIRES = env.str("SECURITY_TXT_EXPIRES", default="")  # e.g. 2027-06-30T00:00:00Z

# Server errors to Sentry or GlitchTip, only when SENTRY_DSN is set; nothing identifying
# a visitor is sent (hosting/error_reports.py). Without it, nothing leaves the server.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from hosting.error_reports import configure as configure_error_reports

    configure_error_reports(
        SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=env.str("SENTRY_RELEASE", default="") or None,
    )

# One line per event on stderr, at LOG_LEVEL; nothing logs visitors' addresses (the access
# log leaves them out unless ACCESS_LOG_IP=1: inpud/serve.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"one_line": {"()": "hosting.log_format.OneLineFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "one_line"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
