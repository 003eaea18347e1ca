"""Deadline use cases: list, confirm, done, dismiss, move, add, accept a suggestion.

The rules live here once; the CLI (``helperdesk deadlines`` / ``helperdesk
deadline …``), Due soon, the reader and the reminders call these functions.
Every change raises the deadline's revision (storage does that), which is
what calendars see as a new SEQUENCE.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from helperdesk.calendar import deadline_title
from helperdesk.model import (
    Deadline,
    DeadlineBasis,
    DeadlineKind,
    DeadlineStatus,
    DeadlineSuggestion,
    Message,
)
from i18n import _
from storage.deadlines import DeadlineView
from storage.errors import NotFound
from storage.store import Store

STATUS_CHOICES = ("open", "done", "dismissed", "all")
KIND_CHOICES = tuple(k.value for k in DeadlineKind)


class DeadlineError(ValueError):
    """A request about a deadline that cannot be done; the message is one sentence."""


@dataclass(frozen=True)
class DeadlineItem:
    """A deadline as lists and the CLI show it."""

    view: DeadlineView
    title: str
    past_when_imported: bool  # already past when its letter came in: not an alarm

    @property
    def deadline(self) -> Deadline:
        return self.view.deadline

    def to_json(self) -> dict[str, Any]:
        d = self.view.deadline
        return {
            "id": d.id,
            "household": self.view.household,
            "case": self.view.case,
            "case_id": d.case_id,
            "agency": self.view.agency,
            "kind": d.kind.value,
            "title": self.title,
            "date": d.date.isoformat(),
            "time": d.time.strftime("%H:%M") if d.time else None,
            "status": d.status.value,
            "suggested": not d.confirmed,
            "past_when_imported": self.past_when_imported,
            "source_message": d.message_id,
            "evidence": d.evidence,
            "explanation": list(d.explanation),
            "revision": d.revision,
        }


def past_when_imported(deadline: Deadline) -> bool:
    """A deadline found in a letter that was already past when the letter came in."""
    return (deadline.message_id is not None and deadline.created is not None
            and deadline.date < deadline.created.date())


def item(view: DeadlineView) -> DeadlineItem:
    d = view.deadline
    return DeadlineItem(view, d.title or deadline_title(d.kind, view.agency),
                        past_when_imported(d))


def parse_status(text: str) -> DeadlineStatus | None:
    """``open``/``done``/``dismissed``, or ``all`` (``None``)."""
    if text == "all":
        return None
    try:
        return DeadlineStatus(text)
    except ValueError:
        raise DeadlineError(_("Unknown status {status!r}: use one of {choices}.").format(
            status=text, choices=", ".join(STATUS_CHOICES))) from None


def parse_kind(text: str) -> DeadlineKind:
    try:
        return DeadlineKind(text.strip().lower())
    except ValueError:
        raise DeadlineError(_("Unknown kind {kind!r}: use one of {choices}.").format(
            kind=text, choices=", ".join(KIND_CHOICES))) from None


_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_date(text: str) -> dt.date:
    """``YYYY-MM-DD`` (or ``DD.MM.YYYY``)."""
    text = text.strip()
    try:
        m = _GERMAN_DATE.fullmatch(text)
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DeadlineError(
            _("Cannot read the date {date!r}: write it as YYYY-MM-DD.").format(date=text)
        ) from None


def parse_time(text: str | None) -> dt.time | None:
    """``HH:MM`` or nothing."""
    if text is None or not text.strip():
        return None
    m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text.strip())
    try:
        if m is None:
            raise ValueError(text)
        return dt.time(int(m.group(1)), int(m.group(2)))
    except ValueError:
        raise DeadlineError(
            _("Cannot read the time {time!r}: write it as HH:MM.").format(time=text)
        ) from None


def list_deadlines(
    store: Store,
    *,
    household: str | None = None,
    status: DeadlineStatus | None = DeadlineStatus.OPEN,
    include_suggested: bool = False,
    until: dt.date | None = None,
) -> list[DeadlineItem]:
    """Deadlines by date; suggested ones (not confirmed) only when asked for."""
    household_id = None
    if household is not None:
        household_id = store.households.by_name(household).id
    views = store.deadlines.matching(status=status, household_id=household_id, until=until)
    return [item(v) for v in views if include_suggested or v.deadline.confirmed]


def _get(store: Store, deadline_id: int) -> DeadlineView:
    try:
        return store.deadlines.get(deadline_id)
    except NotFound:
        raise DeadlineError(
            _("No deadline with id {id}. See 'helperdesk deadlines --status all'.").format(
                id=deadline_id)) from None


def confirm(store: Store, deadline_id: int) -> DeadlineItem:
    """The helper says a suggested deadline is right. Confirming twice changes nothing."""
    view = _get(store, deadline_id)
    if view.deadline.status is not DeadlineStatus.OPEN:
        raise DeadlineError(_("Deadline {id} is already {status}; nothing to confirm.").format(
            id=deadline_id, status=view.deadline.status.value))
    if not view.deadline.confirmed:
        store.deadlines.confirm(deadline_id)
    return item(store.deadlines.get(deadline_id))


def _close(store: Store, deadline_id: int, status: DeadlineStatus) -> DeadlineItem:
    view = _get(store, deadline_id)
    if view.deadline.status is not status:
        store.deadlines.set_status(deadline_id, status)
    return item(store.deadlines.get(deadline_id))


def mark_done(store: Store, deadline_id: int) -> DeadlineItem:
    """Done: what the deadline asked for has happened."""
    return _close(store, deadline_id, DeadlineStatus.DONE)


def dismiss(store: Store, deadline_id: int) -> DeadlineItem:
    """Dismissed: not a real deadline (a wrong suggestion, a duplicate)."""
    return _close(store, deadline_id, DeadlineStatus.DISMISSED)


def reopen(store: Store, deadline_id: int) -> DeadlineItem:
    return _close(store, deadline_id, DeadlineStatus.OPEN)


def move(
    store: Store, deadline_id: int, date: dt.date, time: dt.time | None = None
) -> DeadlineItem:
    """A new date (and time): the helper knows better, so the deadline counts as confirmed."""
    view = _get(store, deadline_id)
    d = view.deadline
    if d.status is not DeadlineStatus.OPEN:
        raise DeadlineError(_("Deadline {id} is already {status}; it cannot be moved.").format(
            id=deadline_id, status=d.status.value))
    if d.date != date or d.time != time or not d.confirmed:
        store.deadlines.reschedule(deadline_id, date, time)
    return item(store.deadlines.get(deadline_id))


def add(
    store: Store,
    *,
    household: str,
    date: dt.date,
    kind: DeadlineKind,
    title: str,
    time: dt.time | None = None,
    case_id: int | None = None,
) -> DeadlineItem:
    """A deadline the helper enters: confirmed from the start."""
    title = " ".join(title.split())
    if not title:
        raise DeadlineError(_("The title must not be empty."))
    hh = store.households.by_name(household)
    if case_id is not None:
        try:
            case = store.cases.get(case_id)
        except NotFound:
            raise DeadlineError(_("No case with id {id}.").format(id=case_id)) from None
        if case.household_id != hh.id:
            raise DeadlineError(_("Case {id} does not belong to {household}.").format(
                id=case_id, household=hh.name))
    added = store.deadlines.add(Deadline(
        household_id=hh.id, case_id=case_id, date=date, time=time, kind=kind, title=title,
        confirmed=True,
    ))
    assert added.id is not None
    return item(store.deadlines.get(added.id))


def suggestion_from_json(data: dict[str, Any]) -> DeadlineSuggestion:
    """A stored analysis' deadline entry as a suggestion; DeadlineError if unreadable."""
    time = data.get("time")
    try:
        return DeadlineSuggestion(
            date=dt.date.fromisoformat(str(data["date"])),
            time=dt.time.fromisoformat(time) if time else None,
            kind=DeadlineKind(data.get("kind") or "other"),
            basis=DeadlineBasis(data.get("basis") or "explicit"),
            evidence=str(data.get("evidence") or ""),
            explanation=tuple(str(x) for x in data.get("explanation") or []),
        )
    except (KeyError, ValueError):
        raise DeadlineError(_("This suggestion has no readable date.")) from None


def accept_suggestion(
    store: Store, message: Message, suggestion: DeadlineSuggestion, existing: Deadline | None
) -> int:
    """Accept a deadline analysis found in ``message``: confirm it, or store it confirmed.

    Returns the deadline's id.
    """
    if existing is not None and existing.id is not None:
        confirm(store, existing.id)
        return existing.id
    added = store.deadlines.add(Deadline(
        household_id=message.household_id, case_id=message.case_id, message_id=message.id,
        date=suggestion.date, time=suggestion.time, kind=suggestion.kind,
        basis=suggestion.basis, evidence=suggestion.evidence,
        explanation=list(suggestion.explanation), confirmed=True,
    ))
    assert added.id is not None
    return added.id
