"""Write prepared messages into the store: message, attachments, search row, filing.

Shared by file import (CLI, drag and drop) and IMAP sync so that every
message, however it arrived, is stored, analysed and filed the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from helperdesk.prepare import Prepared
from storage.messages import AddResult

if TYPE_CHECKING:
    from storage.store import Store


def store_prepared(
    store: Store, prepared: Prepared, *, household_id: int | None = None
) -> AddResult:
    """Store one prepared message (in the caller's transaction if one is open)."""
    message = prepared.message
    if household_id is not None and message.household_id is None:
        message.household_id = household_id
    with store.transaction():
        return store.messages.add(message, analysis=prepared.analysis)
