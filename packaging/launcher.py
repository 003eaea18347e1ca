"""Entry script of the PyInstaller bundle: the ``helperdesk`` command, frozen.

``freeze_support`` lets the parsing sandbox's ``spawn`` worker processes start
from the bundle's executable (they re-run it with special arguments).
"""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from helperdesk.cli import main

    raise SystemExit(main())
