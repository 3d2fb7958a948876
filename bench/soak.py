"""`make soak`: load, then the database stopped mid-load (harness/soak.py says how)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.soak import main  # noqa: E402

if __name__ == "__main__":
    main()
