"""Importing: File → Import files… / Import folder…, drops, and reading letters that need OCR.

- ``ImportController``: the menu actions, drops on the window or a household,
  and the background reading of stored letters that still need OCR;
- ``ImportDialog``: which household (never a silent default), "one letter, in
  this order" for several photos, a progress bar, then the summary;
- ``ImportJob``: runs ``helperdesk.app.ingest.import_files`` in a thread and
  reports progress on the GUI thread; cancellable.
"""

from ui.dialogs.importing.controller import ImportController
from ui.dialogs.importing.import_dialog import ImportDialog
from ui.dialogs.importing.import_job import ImportJob

__all__ = ["ImportController", "ImportDialog", "ImportJob"]
