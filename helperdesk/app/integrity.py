"""Use case: is the store sound? Checks at unlock, weekly, on demand and before a backup.

* ``quick_check``: page HMACs from the start of the file for a small time
  budget (at unlock; a large store is checked further the next time);
* ``verify``: the full check (``helperdesk verify``, the weekly check in the
  app, and before every backup) with one sentence of advice when damaged;
* ``full_check_due`` / ``record_full_check``: the weekly rhythm, remembered
  inside the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from i18n import _
from storage.errors import StoreError
from storage.integrity import full_check
from storage.store import Store

QUICK_BUDGET_SECONDS = 0.3
FULL_CHECK_EVERY = dt.timedelta(days=7)
LAST_FULL_CHECK_KEY = "integrity.last_full_check"


@dataclass
class Verdict:
    sound: bool
    complete: bool = True
    first_damaged_page: int | None = None
    problems: list[str] = field(default_factory=list)
    advice: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"sound": self.sound, "complete": self.complete,
                "first_damaged_page": self.first_damaged_page, "problems": self.problems,
                "advice": self.advice}


def _advice(store: Store, page: int | None) -> str:
    where = _(" (page {page} is damaged)").format(page=page) if page else ""
    return _("The store {path} is damaged{where}. Do not back it up over an older backup. "
             "Restore it from your last backup made with 'helperdesk backup', or make a new "
             "backup to a new file to save what can still be read.").format(
                 path=store.path, where=where)


def quick_check(store: Store, budget_seconds: float = QUICK_BUDGET_SECONDS) -> Verdict:
    """Page HMACs within the budget; ``complete`` says whether every page was reached."""
    pages = store.check_pages(budget_seconds)
    if pages.damaged:
        first = pages.damaged[0]
        return Verdict(False, pages.complete, first,
                       [f"HMAC verification failed for page {p}" for p in pages.damaged[:20]],
                       _advice(store, first))
    return Verdict(True, pages.complete)


def verify(store: Store) -> Verdict:
    """Every page, SQLite's structure and the search index."""
    found = full_check(store)
    if found.sound:
        return Verdict(True)
    page = found.first_damaged_page()
    problems = found.cipher + found.structure + [f"search index: {p}" for p in found.search_index]
    return Verdict(False, True, page, problems[:50], _advice(store, page))


def full_check_due(store: Store, now: dt.datetime | None = None) -> bool:
    now = now or dt.datetime.now(dt.UTC)
    last = store.settings.get(LAST_FULL_CHECK_KEY)
    try:
        return last is None or now - dt.datetime.fromisoformat(str(last)) >= FULL_CHECK_EVERY
    except ValueError:
        return True


def weekly_check(store: Store, now: dt.datetime | None = None) -> Verdict | None:
    """The full check if a week has passed since the last one (then remembered), else None."""
    if not full_check_due(store, now):
        return None
    verdict = verify(store)
    if verdict.sound:
        store.settings.set(LAST_FULL_CHECK_KEY, (now or dt.datetime.now(dt.UTC)).isoformat())
    return verdict


class DamagedStore(StoreError):
    """Refused because the store is damaged; the message is the advice."""


def backup(store: Store, dest: Any) -> Any:
    """Verify first; a damaged store is never written as a backup (it could replace a good one)."""
    verdict = verify(store)
    if not verdict.sound:
        raise DamagedStore(_("No backup written: {advice}").format(advice=verdict.advice))
    return store.backup(dest)
