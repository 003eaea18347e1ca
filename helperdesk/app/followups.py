"""Follow-ups from the store: expiring authorisations, letters nobody answered, renewals.

``follow_ups`` reads what the store knows (households' authorisation dates,
outgoing applications and objections of the last months with whether
anything came back, open confirmed renewal deadlines), lets the pure rules in
``helperdesk.followups`` compute the dates and keeps those to show today.
A follow-up the helper dismissed stays dismissed (its key is kept in the
encrypted store's settings).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from helperdesk.followups import (
    FollowUp,
    authorisation_follow_ups,
    current,
    renewal_follow_up,
    sent_kind,
    unanswered_follow_ups,
)
from helperdesk.model import AgencyKind, Deadline, DeadlineKind, DeadlineStatus
from storage.deadlines import DeadlineView
from storage.store import Store

DISMISSED_KEY = "followups.dismissed"
LOOKBACK_DAYS = 200  # the latest legal point is six months after the letter


@dataclass(frozen=True)
class FollowUpItem:
    follow_up: FollowUp
    household: str
    case: str | None = None
    agency: str | None = None
    agency_kind: str | None = None

    def as_view(self) -> DeadlineView:
        """The follow-up in the shape lists of deadlines show (no stored id)."""
        f = self.follow_up
        deadline = Deadline(
            household_id=f.household_id, date=f.date, kind=DeadlineKind.FOLLOW_UP,
            case_id=f.case_id, message_id=f.message_id, title=f.title,
            explanation=list(f.explanation), confirmed=True,
        )
        return DeadlineView(deadline, household=self.household, case=self.case,
                            agency=self.agency, agency_kind=self.agency_kind, follow_up=f.key)

    def to_json(self) -> dict[str, Any]:
        f = self.follow_up
        return {
            "id": None, "follow_up": f.key, "household": self.household, "case": self.case,
            "case_id": f.case_id, "agency": self.agency, "kind": DeadlineKind.FOLLOW_UP.value,
            "title": f.title, "date": f.date.isoformat(), "time": None, "status": "open",
            "suggested": False, "past_when_imported": False, "source_message": f.message_id,
            "evidence": "", "explanation": list(f.explanation), "revision": 0,
        }


def _agency_kind(text: str | None) -> AgencyKind | None:
    try:
        return AgencyKind(text) if text else None
    except ValueError:
        return None


def compute(
    store: Store, today: dt.date, open_deadlines: list[DeadlineView] | None = None
) -> list[FollowUp]:
    """Every follow-up the store implies today, before dismissals are applied.

    ``open_deadlines``: the open deadlines when the caller has read them already.
    """
    out: list[FollowUp] = []
    for h in store.households.list_all():
        if h.id is not None and h.authorisation_expires is not None:
            out.extend(authorisation_follow_ups(h.id, h.authorisation_expires))
    since = today - dt.timedelta(days=LOOKBACK_DAYS)
    for sent in store.correspondence.sent_since(since):
        if sent.answered:
            continue
        kind = sent_kind(sent.subject, sent.text_head)
        if kind is None:
            continue
        out.extend(unanswered_follow_ups(
            sent.household_id, sent.id, sent.date.date(), kind,
            agency=_agency_kind(sent.agency_kind), case_id=sent.case_id))
    if open_deadlines is None:
        open_deadlines = store.deadlines.matching(status=DeadlineStatus.OPEN)
    for view in open_deadlines:
        d = view.deadline
        # Only a renewal the helper confirmed: a date analysis merely suggested
        # must not start reminders of its own.
        if d.kind is DeadlineKind.RENEWAL and d.confirmed and d.household_id is not None:
            out.append(renewal_follow_up(d.household_id, d.date, case_id=d.case_id,
                                         message_id=d.message_id))
    return current(out, today)


def follow_ups(
    store: Store,
    today: dt.date | None = None,
    *,
    until: dt.date | None = None,
    household_id: int | None = None,
    open_deadlines: list[DeadlineView] | None = None,
) -> list[FollowUpItem]:
    """Follow-ups to show (not dismissed), by date; ``until`` cuts off later ones."""
    today = today or dt.date.today()
    dismissed = set(store.settings.get(DISMISSED_KEY, []))
    names = {h.id: h.name for h in store.households.list_all()}
    cases: dict[int, tuple[str, str | None, str | None]] = {}
    agencies = {a.id: a for a in store.agencies.list_all()}
    items = []
    for f in compute(store, today, open_deadlines):
        if f.key in dismissed or (until is not None and f.date > until):
            continue
        if household_id is not None and f.household_id != household_id:
            continue
        case = agency = kind = None
        if f.case_id is not None:
            if f.case_id not in cases:
                c = store.cases.get(f.case_id)
                a = agencies.get(c.agency_id) if c.agency_id else None
                cases[f.case_id] = (c.title, a.name if a else None,
                                    a.kind.value if a else None)
            case, agency, kind = cases[f.case_id]
        items.append(FollowUpItem(f, names.get(f.household_id, ""), case, agency, kind))
    return items


def dismiss_follow_up(store: Store, key: str) -> None:
    """The helper has dealt with it: do not show it again."""
    dismissed = list(store.settings.get(DISMISSED_KEY, []))
    if key not in dismissed:
        dismissed.append(key)
        store.settings.set(DISMISSED_KEY, dismissed)
