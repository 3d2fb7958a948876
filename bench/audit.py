"""`make audit`: the audit of public pages (harness/audit.py says what it checks)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.audit import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
