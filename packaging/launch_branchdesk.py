"""Entry script PyInstaller freezes into the `branchdesk` executable (the counter GUI)."""

import sys

from ui.bootstrap import main

if __name__ == "__main__":
    sys.exit(main())
