"""Entry script PyInstaller freezes into the `branchdesk-admin` executable (IT commands)."""

import sys

from ui.admin import main

if __name__ == "__main__":
    sys.exit(main())
