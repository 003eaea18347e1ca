"""Start the desktop app on an opened store (the full app is being built in issue 5)."""

from __future__ import annotations

from storage.store import Store


def run_app(store: Store, *, demo: bool) -> int:
    raise NotImplementedError("the desktop app is not built yet; use 'helperdesk demo --print'")
