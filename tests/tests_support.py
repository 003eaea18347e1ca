"""Plain helpers shared by UI tests (no fixtures)."""

from __future__ import annotations

import datetime as dt

from storage.store import Store

from ui_fixtures import make_message


def messages_for(store: Store, count: int, household_id: int | None = None) -> list[int]:
    ids = []
    with store.transaction():
        for i in range(count):
            when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=i)
            ids.append(store.messages.add(make_message(
                f"Mail {i}", household_id=household_id, body=f"Inhalt {i}", when=when,
                message_id=f"<bulk{i}@test>")).id)
    return ids
