# Production image of the INPUD website. Same start path as `make serve`: bin/start-production.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBUG=0 \
    PORT=8000 \
    DATABASE_URL=sqlite:////data/db.sqlite3 \
    MEDIA_ROOT=/data/media \
    BACKUP_DIR=/data/backups \
    CACHE_DIR=/tmp/inpud-cache

WORKDIR /app

# pg_dump and pg_restore for `manage.py backup` / `restore` (Debian 12's 15, the same major
# version as compose's PostgreSQL; a backup refuses a pg_dump older than its server).
# Unpinned on purpose: Debian's security updates of the client are wanted.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 inpud \
    && useradd --system --uid 10001 --gid inpud --home-dir /app inpud

COPY . /app
RUN pip install --no-cache-dir /app \
    && python bin/compile_translations.py \
    && DEBUG=0 SECRET_KEY=collectstatic-only WAGTAILADMIN_BASE_URL=http://collectstatic.invalid \
       python manage.py collectstatic --noinput -v0 \
    && mkdir -p /data/media /data/backups /data/run && chown -R inpud:inpud /data

USER 10001:10001
EXPOSE 8000
# The data volume: SQLite's database (with its -wal and -shm files), unless DATABASE_URL
# points elsewhere, and the uploaded media, unless they go to object storage.
VOLUME ["/data"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8000\")}/healthz', timeout=4)"]

CMD ["bin/start-production"]
