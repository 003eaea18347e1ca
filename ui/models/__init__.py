"""Item models over the store: column constants, a sort role, translatable headers.

Every model reads through the storage repositories only; long lists fetch
pages lazily (``canFetchMore``/``fetchMore``) instead of loading every row.
``clear()`` drops all rows, which the lock screen uses to hide household data.
"""

from PySide6.QtCore import Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a value that sorts correctly (ISO date, int)
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's database id (or None)
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's record (summary, view, case)
