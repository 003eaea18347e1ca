"""Qt-specific fixtures for the desktop app tests (registered in conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from helperdesk.intake.prepare import content_hash
from helperdesk.model import (
    Agency,
    AgencyKind,
    Case,
    Deadline,
    DeadlineKind,
    Direction,
    Household,
    IdKind,
    Message,
    ProcessingId,
    Source,
)
from storage.store import Store
from ui.workers.tasks import TaskRunner

TODAY = dt.date.today()


def make_message(
    subject: str, *, household_id: int | None = None, case_id: int | None = None,
    body: str = "Text", message_id: str | None = None, in_reply_to: str | None = None,
    sender: str = "team@jobcenter.example", when: dt.datetime | None = None,
    raw: bytes | None = None,
) -> Message:
    raw = raw or (f"Subject: {subject}\nMessage-ID: {message_id}\n\n{body}\n").encode()
    return Message(
        raw=raw, content_hash=content_hash(raw), subject=subject,
        date=when or dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC), from_addr=sender,
        direction=Direction.IN, source=Source.FILE, message_id=message_id,
        in_reply_to=in_reply_to, text=body, household_id=household_id, case_id=case_id,
    )


def analysis_for(bg: str, due: dt.date, evidence: str) -> dict[str, Any]:
    return {
        "agency": {"kind": "jobcenter", "name": "Jobcenter Test"},
        "letter_type": "Aufforderung",
        "processing_ids": [{"value": bg, "raw": bg, "kind": "bg_nummer", "label": "BG-Nummer",
                            "found_in": "body"}],
        "deadlines": [{"date": due.isoformat(), "time": None, "kind": "submit",
                       "basis": "explicit", "evidence": evidence, "explanation": [],
                       "place": ""}],
        "problems": [], "is_forward": False,
    }


@dataclass
class Filled:
    store: Store
    haddad: int
    wagner: int
    case: int
    thread: list[int]  # message ids in the case, oldest first
    unfiled: int  # a mail without household, with analysis
    overdue: int  # deadline ids
    soon: int
    later: int


@pytest.fixture
def filled(store: Store) -> Filled:
    """Two households, an agency, a case with a three-mail thread, deadlines, unfiled mail."""
    agency = store.agencies.add(Agency(name="Jobcenter Test", kind=AgencyKind.JOBCENTER,
                                       emails=["jobcenter.example"]))
    haddad = store.households.add(Household(name="Familie Haddad", state="BY"))
    wagner = store.households.add(Household(name="Familie Wagner", state="BE"))
    assert haddad.id and wagner.id and agency.id
    case = store.cases.add(Case(
        household_id=haddad.id, agency_id=agency.id, title="Weiterbewilligung",
        processing_ids=[ProcessingId(value="83501BG0047112", kind=IdKind.BG_NUMMER)]))
    assert case.id
    thread = []
    for i, subject in enumerate(["Aufforderung", "AW: Aufforderung", "Einladung"]):
        msg = make_message(subject, household_id=haddad.id, case_id=case.id,
                           message_id=f"<m{i}@test>", body=f"Brief {i} zum Fall",
                           when=dt.datetime(2025, 3, 1 + i, 9, tzinfo=dt.UTC))
        thread.append(store.messages.add(msg).id)
    due = TODAY + dt.timedelta(days=5)
    evidence = f"Bitte reichen Sie die Unterlagen bis zum {due:%d.%m.%Y} ein."
    first = make_message("Neue Aufforderung 4711", body=f"BG-Nummer 99999BG0000001\n{evidence}",
                         message_id="<u1@test>", sender="post@jobcenter.example")
    unfiled = store.messages.add(first, analysis=analysis_for("99999BG0000001", due, evidence)).id
    store.messages.add(make_message("AW: Neue Aufforderung 4711", message_id="<u2@test>",
                                    in_reply_to="<u1@test>", body="Antwort"))
    overdue = store.deadlines.add(Deadline(
        household_id=haddad.id, case_id=case.id, message_id=thread[0],
        date=TODAY - dt.timedelta(days=2), kind=DeadlineKind.SUBMIT, confirmed=True,
        # Stored while it was still ahead: overdue now, not "past when imported".
        created=dt.datetime.combine(TODAY - dt.timedelta(days=10), dt.time(9), dt.UTC),
        evidence="Bitte reichen Sie die Kontoauszüge ein."))
    soon = store.deadlines.add(Deadline(
        household_id=wagner.id, date=TODAY + dt.timedelta(days=3),
        kind=DeadlineKind.APPOINTMENT, evidence="Termin am Donnerstag."))
    later = store.deadlines.add(Deadline(
        household_id=wagner.id, date=TODAY + dt.timedelta(days=30), kind=DeadlineKind.RENEWAL))
    assert overdue.id and soon.id and later.id
    return Filled(store, haddad.id, wagner.id, case.id, thread, unfiled, overdue.id, soon.id,
                  later.id)


@pytest.fixture
def window(qtbot: Any, filled: Filled) -> Iterator[Any]:
    from ui.main_window import MainWindow

    win = MainWindow(filled.store, synchronous_tasks=True)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.shutdown()


class QueuedRunner(TaskRunner):
    """Runs nothing until told: lets a test deliver results out of order."""

    def __init__(self) -> None:
        super().__init__(synchronous=True)
        self.jobs: list[tuple[Callable[[], Any], Callable[[Any], None] | None,
                              Callable[[BaseException], None] | None]] = []

    def run(self, fn: Callable[[], Any], on_result: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> None:
        self.jobs.append((fn, on_result, on_error))

    def deliver(self, n: int) -> None:
        """Run job ``n`` now; its result or its error goes where the real runner sends it."""
        fn, on_result, on_error = self.jobs[n]
        try:
            value = fn()
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
            return
        if on_result is not None:
            on_result(value)
