"""`python -m bmnn.scanner`: the endpoint scanner without Django (see bmnn.scanner.cli)."""

from __future__ import annotations

import multiprocessing
import sys

from bmnn.scanner.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
