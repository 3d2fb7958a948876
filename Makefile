# INPUD website: `make run` to use it, `make test` to check it.
# Every target creates or reuses the virtualenv in .venv.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
INSTALLED := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install node translations run test lint serve bench soak audit collectstatic backup restore clean mirror

help:
	@echo "make run     set everything up and serve the site at http://127.0.0.1:$(PORT)/"
	@echo "make test    lint and run the whole test suite"
	@echo "make serve   the site in production mode (DEBUG off, waitress, whitenoise)"
	@echo "make bench   benchmarks against make serve's code path"
	@echo "make audit   axe, Nu HTML checker, page weight, privacy and Lighthouse for public pages"
	@echo "make soak    60 s of load on make serve's code path, then its database stopped and restarted"
	@echo "make mirror  the public site as static files in MIRROR_DIR (default ./mirror), signed with MIRROR_SIGNING_KEY_FILE"
	@echo "make backup  one archive of the database and media in BACKUP_DIR (default ./backups)"
	@echo "make restore BACKUP=<file> [IDENTITY=<age key file>]  bring the site back from it"

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is needed")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

# axe-core and Lighthouse for the audit and the browser accessibility tests (package-lock.json).
NODE_INSTALLED := node_modules/.package-lock.json
$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --quiet
	touch $@

node: $(NODE_INSTALLED)

# Interface translations: .po files are committed, .mo files are compiled here.
translations: install
	$(PY) bin/compile_translations.py

# prepare_database: migrations, INPUD's first content, old-site redirects (one process).
run: translations
	$(PY) manage.py prepare_database -v0
	@echo ""
	@echo "  INPUD website:  http://127.0.0.1:$(PORT)/en/"
	@echo "  Admin:          http://127.0.0.1:$(PORT)/admin/"
	@echo "  No login yet?   $(PY) manage.py createsuperuser"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: translations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/hadolint Dockerfile
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Tests run on one pytest-xdist worker per core (tests/conftest.py says which stay together).
PYTEST_WORKERS ?= auto
test: lint
	@$(MAKE) --no-print-directory node || echo "!! npm ci failed: the browser audit tests will skip (fail in CI)"
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# Production mode on this machine: the same start script as the Docker image, on loopback.
# A local secret key is generated once into .secret_key (ignored by git) unless SECRET_KEY is set,
# readable by its owner only (umask before the redirect creates the file).
.secret_key:
	umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

collectstatic: translations
	DEBUG=0 SECRET_KEY=collectstatic WAGTAILADMIN_BASE_URL=http://collectstatic.invalid \
	$(PY) manage.py collectstatic --noinput -v0

serve: install collectstatic .secret_key
	@chmod 600 .secret_key  # one written before keys were owner-only
	DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:$(PORT)}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}" SECURE_COOKIES="$${SECURE_COOKIES:-0}" \
	HOST=127.0.0.1 PORT=$(PORT) PATH="$(CURDIR)/$(VENV)/bin:$$PATH" \
	bin/start-production

bench: install collectstatic
	$(PY) bench/run.py

# Against make serve's code path (bin/start-production with its own seeded SQLite database).
audit: install node translations
	timeout 1800 $(PY) bench/audit.py

# Needs root and PostgreSQL's server binaries: it runs a throwaway cluster on its own port.
soak: install
	SOAK_SECONDS=$${SOAK_SECONDS:-60} $(PY) bench/soak.py

# The public site as static files (mirrors/; README, When the site is blocked). The signing
# key is given here, at build time (MIRROR_SIGNING_KEY_FILE, its password in
# MIRROR_SIGNING_KEY_PASSWORD), and never stored in the repository or the image.
MIRROR_DIR ?= mirror
mirror: translations
	$(PY) manage.py build_mirror "$(MIRROR_DIR)"

# Database and media in one archive, mode 0600 (hosting/backups.py; README, Backups).
backup: install
	$(PY) manage.py backup

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=<file> [IDENTITY=<age key file>]"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)" $(if $(IDENTITY),--identity "$(IDENTITY)")

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
