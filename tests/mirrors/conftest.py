"""The mirror tests drive Debian's chromium through pytest-playwright, as the e2e tests do."""

from tests.e2e.conftest import browser_type_launch_args  # noqa: F401 (the same launch)
