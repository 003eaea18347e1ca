"""Use case: one agency waits for another ("waits for: Bescheinigung from Jobcenter München").

From a letter that asks for a document from another agency, the helper links
the two cases. The link shows in both cases until the document arrives (the
first letter filed in the other case after the link) or is marked done, and a
follow-up is due after 14 days (setting ``waits.follow_up_days``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from i18n import _
from storage.case_waits import CaseWait
from storage.store import Store

FOLLOW_UP_SETTING = "waits.follow_up_days"
DEFAULT_FOLLOW_UP_DAYS = 14


class WaitError(Exception):
    """A link that cannot be made; one sentence for the user."""


@dataclass(frozen=True)
class WaitView:
    id: int
    waiting_case: int
    for_case: int
    text: str  # as shown in the waiting case
    other_text: str  # as shown in the case that must deliver
    follow_up: dt.date
    due: bool  # the follow-up date has come and nothing arrived
    done: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "waiting_case": self.waiting_case, "for_case": self.for_case,
                "text": self.text, "other_text": self.other_text,
                "follow_up": self.follow_up.isoformat(), "due": self.due, "done": self.done}


def _agency(store: Store, case_id: int) -> str:
    case = store.cases.get(case_id)
    if case.agency_id is None:
        return case.title
    return store.agencies.get(case.agency_id).name


def link(store: Store, waiting_case: int, for_case: int, document: str, *,
         letter_ref: int | None = None, days: int | None = None,
         today: dt.date | None = None) -> WaitView:
    """Record that ``waiting_case`` waits for ``document`` from ``for_case``."""
    if waiting_case == for_case:
        raise WaitError(_("A case cannot wait for itself: choose the other agency's case."))
    if not document.strip():
        raise WaitError(_("Name the document the agency waits for."))
    a, b = store.cases.get(waiting_case), store.cases.get(for_case)
    if a.household_id != b.household_id:
        raise WaitError(_("Both cases must belong to the same household."))
    if days is None:
        days = int(store.settings.get(FOLLOW_UP_SETTING, DEFAULT_FOLLOW_UP_DAYS))
    start = today or dt.date.today()
    wait = store.case_waits.add(CaseWait(waiting_case=waiting_case, for_case=for_case,
                                         document=document.strip(), letter_ref=letter_ref,
                                         follow_up=start + dt.timedelta(days=days)))
    return _view(store, wait, start)


def _view(store: Store, w: CaseWait, today: dt.date) -> WaitView:
    assert w.id is not None
    text = _("waits for: {document} from {agency}").format(
        document=w.document, agency=_agency(store, w.for_case))
    other = _("{agency} waits for: {document}").format(
        agency=_agency(store, w.waiting_case), document=w.document)
    return WaitView(w.id, w.waiting_case, w.for_case, text, other, w.follow_up,
                    due=w.done is None and w.follow_up <= today, done=w.done is not None)


def refresh(store: Store) -> int:
    """Close the links whose document arrived; how many were closed."""
    closed = 0
    for w in store.case_waits.list_all(open_only=True):
        assert w.id is not None
        arrived = store.case_waits.first_letter_after(w.for_case, w.after_ref)
        if arrived is not None:
            store.case_waits.mark_done(w.id, arrived)
            closed += 1
    return closed


def waits(store: Store, *, case_id: int | None = None, household_id: int | None = None,
          include_done: bool = False, today: dt.date | None = None) -> list[WaitView]:
    """The links of a case (either side), a household, or all, after ``refresh``."""
    refresh(store)
    day = today or dt.date.today()
    found = store.case_waits.list_all(case_id=case_id, open_only=not include_done)
    if household_id is not None:
        mine = {c.id for c in store.cases.for_household(household_id)}
        found = [w for w in found if w.waiting_case in mine]
    return [_view(store, w, day) for w in found]


def mark_done(store: Store, wait_id: int) -> None:
    store.case_waits.mark_done(wait_id)
