"""``python -m helperdesk``: same as the ``helperdesk`` console script."""

from helperdesk.cli import main

raise SystemExit(main())
