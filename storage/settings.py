"""Key/value settings kept inside the encrypted store (they may hold personal data)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storage._rows import from_json, to_json

if TYPE_CHECKING:
    from storage.store import Store


class Settings:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, key: str, default: Any = None) -> Any:
        with self._store.reading() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
        return default if row is None else from_json(str(row[0]), default)

    def set(self, key: str, value: Any) -> None:
        with self._store.transaction() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (key, to_json(value)),
            )
