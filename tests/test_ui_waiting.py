"""Waits for an answer: the pure rule, the kept index over the store, model and view."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from helperdesk.app.waiting import SETTING, WaitingIndex, WaitingItem, WaitingResult
from helperdesk.model import (
    Agency,
    AgencyKind,
    Case,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Direction,
    Household,
)
from helperdesk.waiting.rules import (
    Candidate,
    asks_for_action,
    days_waiting,
    is_answered,
    newest_first,
    waits_for_answer,
)
from storage.store import Store
from ui.main_window import NAV_WAITING, MainWindow
from ui.models import SORT_ROLE
from ui.models.waiting import WaitingModel
from ui.views.waiting import WaitingView

from ui_fixtures import TODAY, Filled, QueuedRunner, make_message

T0 = dt.datetime(2025, 3, 10, 9, 0, tzinfo=dt.UTC)


def cand(**kw: Any) -> Candidate:
    base: dict[str, Any] = {
        "id": 1, "date": T0, "message_id": "<a@x>", "letter_type": "mahnung",
        "from_agency": True, "case_id": 7, "open_deadline": None, "closed_deadlines": 0,
    }
    base.update(kw)
    return Candidate(**base)


# -- the rule ---------------------------------------------------------------------


@pytest.mark.parametrize(("letter_type", "deadline", "asks"), [
    ("aufforderung_mitwirkung", None, True), ("anhoerung", None, True),
    ("einladung_termin", None, True), ("mahnung", None, True),
    ("bescheid", None, False), ("information", None, False), (None, None, False),
    ("bescheid", dt.date(2025, 4, 1), True),
])
def test_asks_for_action(letter_type: str | None, deadline: dt.date | None, asks: bool) -> None:
    assert asks_for_action(letter_type, deadline) is asks


def test_waits_unless_answered_in_case_or_thread() -> None:
    later, earlier = T0 + dt.timedelta(days=1), T0 - dt.timedelta(days=1)
    assert waits_for_answer(cand(), {}, {})
    assert not waits_for_answer(cand(), {7: later}, {})  # a later mail out in the case
    assert waits_for_answer(cand(), {7: earlier}, {})  # sent before the letter came
    assert waits_for_answer(cand(), {8: later}, {})  # another case
    assert not waits_for_answer(cand(case_id=None), {}, {"<a@x>": later})  # a reply to it
    assert not waits_for_answer(cand(message_id="<A@X>"), {}, {"<a@x>": later})
    assert waits_for_answer(cand(case_id=None), {}, {"<a@x>": earlier})
    assert is_answered(cand(date=None), {7: T0}, {})  # undated counts as oldest


def test_not_from_an_agency_or_not_asking_or_settled() -> None:
    assert not waits_for_answer(cand(from_agency=False), {}, {})
    assert not waits_for_answer(cand(letter_type="bescheid"), {}, {})
    assert waits_for_answer(cand(letter_type="bescheid", open_deadline=dt.date(2025, 4, 1)),
                            {}, {})
    # Every deadline marked done or dismissed: the helper has handled it.
    assert not waits_for_answer(cand(closed_deadlines=1), {}, {})
    assert waits_for_answer(cand(closed_deadlines=1, open_deadline=dt.date(2025, 4, 1)), {}, {})


def test_days_and_order() -> None:
    assert days_waiting(T0, dt.date(2025, 3, 10)) == 0
    assert days_waiting(T0, dt.date(2025, 3, 24)) == 14
    assert days_waiting(None, dt.date(2025, 3, 24)) is None
    naive = dt.datetime(2025, 3, 12, 8, 0)  # a naive header date
    order = newest_first([cand(id=1), cand(id=2, date=None), cand(id=3, date=naive),
                          cand(id=4, date=T0)])
    assert [c.id for c in order] == [3, 4, 1, 2]


# -- the index over a store ---------------------------------------------------------


def _analysis(letter_type: str, agency: str | None = "Jobcenter Test") -> dict[str, Any]:
    return {"letter_type": letter_type,
            "agency": {"kind": "jobcenter", "name": agency} if agency else None}


class Story:
    def __init__(self, store: Store) -> None:
        self.store = store
        agency = store.agencies.add(Agency(name="Jobcenter Test", kind=AgencyKind.JOBCENTER))
        home = store.households.add(Household(name="Familie Yilmaz"))
        assert home.id and agency.id
        self.home = home.id
        case = store.cases.add(Case(household_id=home.id, agency_id=agency.id, title="ALG II"))
        assert case.id
        self.case = case.id
        self.n = 0

    def add(self, subject: str, day: int, *, analysis: dict[str, Any] | None = None,
            out: bool = False, in_case: bool = True, message_id: str | None = None,
            in_reply_to: str | None = None) -> int:
        self.n += 1
        msg = make_message(subject, household_id=self.home if in_case else None,
                           case_id=self.case if in_case else None,
                           message_id=message_id or f"<s{self.n}@test>",
                           in_reply_to=in_reply_to, body=f"{subject} {self.n}",
                           when=dt.datetime(2025, 3, day, 9, tzinfo=dt.UTC))
        if out:
            msg = dataclasses.replace(msg, direction=Direction.OUT, from_addr="helfer@example")
        return self.store.messages.add(msg, analysis=analysis).id


def test_index_finds_what_waits(store: Store) -> None:
    s = Story(store)
    mahnung = s.add("Mahnung", 20, analysis=_analysis("mahnung"))
    einladung = s.add("Einladung", 5, analysis=_analysis("einladung_termin"))
    s.add("Antwort auf die Einladung", 6, out=True)  # answers in the case
    loose = s.add("Aufforderung", 8, analysis=_analysis("aufforderung_mitwirkung"),
                  in_case=False, message_id="<loose@test>")
    s.add("AW: Aufforderung", 9, out=True, in_case=False, in_reply_to="<loose@test>")
    info = s.add("Information", 15, analysis=_analysis("information"))
    anhoerung = s.add("Anhörung", 3, analysis=_analysis("anhoerung"))
    private = s.add("Mahnung vom Versand", 18, analysis=_analysis("mahnung", None),
                    in_case=False)
    due = TODAY + dt.timedelta(days=4)
    store.deadlines.add(Deadline(household_id=s.home, case_id=s.case, message_id=info,
                                 date=due, kind=DeadlineKind.SUBMIT))
    done = store.deadlines.add(Deadline(household_id=s.home, case_id=s.case,
                                        message_id=anhoerung, date=TODAY,
                                        kind=DeadlineKind.OBJECTION))
    assert done.id
    store.deadlines.set_status(done.id, DeadlineStatus.DONE)

    result = WaitingIndex(store).waiting()
    ids = [i.id for i in result.items]
    assert ids == [mahnung, info]  # newest first
    assert result.total == 2
    assert einladung not in ids and loose not in ids and private not in ids
    first = result.items[0]
    assert (first.household, first.agency, first.case, first.subject) == \
        ("Familie Yilmaz", "Jobcenter Test", "ALG II", "Mahnung")
    assert result.items[1].deadline == due

    # A reply sent later is picked up from what was kept plus the new mail only.
    kept = store.settings.get(SETTING)
    assert kept["upto"] == private
    s.add("Widerspruch zur Mahnung", 21, out=True)
    assert [i.id for i in WaitingIndex(store).waiting().items] == []
    assert WaitingIndex(store).count() == 0


def test_filing_into_a_case_of_an_agency_counts(store: Store) -> None:
    s = Story(store)
    unknown = s.add("Aufforderung zur Mitwirkung", 4,
                    analysis=_analysis("aufforderung_mitwirkung", None), in_case=False)
    assert WaitingIndex(store).count() == 0  # no agency known yet
    store.messages.file(unknown, s.home, s.case)
    result = WaitingIndex(store).waiting()
    assert [i.id for i in result.items] == [unknown]
    assert result.items[0].agency == "Jobcenter Test"


def test_list_is_capped_but_counted(store: Store) -> None:
    s = Story(store)
    for day in range(1, 6):
        s.add(f"Mahnung {day}", day, analysis=_analysis("mahnung"))
    result = WaitingIndex(store).waiting(limit=3)
    assert result.total == 5 and len(result.items) == 3


# -- model and view ---------------------------------------------------------------------


def _item(i: int, **kw: Any) -> WaitingItem:
    base: dict[str, Any] = {
        "id": i, "subject": f"Brief {i}", "date": T0 - dt.timedelta(days=i),
        "household_id": 1, "household": "Familie Yilmaz", "case_id": 2, "case": "ALG II",
        "agency": "Jobcenter Test", "deadline": None,
    }
    base.update(kw)
    return WaitingItem(**base)


def test_waiting_model(qtmodeltester: Any) -> None:
    model = WaitingModel()
    today = T0.date()
    model.set_result(WaitingResult(3, [
        _item(0), _item(1, deadline=today - dt.timedelta(days=1)),
        _item(5, household=None, deadline=today + dt.timedelta(days=3), date=None)]), today)
    qtmodeltester.check(model)
    assert model.total == 3
    assert model.data(model.index(0, WaitingModel.WAITING)) == "today"
    assert model.data(model.index(1, WaitingModel.WAITING)) == "1 day"
    assert "overdue" in model.data(model.index(1, WaitingModel.DEADLINE))
    assert model.data(model.index(1, WaitingModel.DEADLINE), Qt.ItemDataRole.ForegroundRole)
    assert model.data(model.index(2, WaitingModel.HOUSEHOLD)) == "— not assigned —"
    assert model.data(model.index(2, WaitingModel.DATE)) == "(no date)"
    assert model.data(model.index(1, WaitingModel.WAITING), SORT_ROLE) == 1
    assert model.headerData(WaitingModel.WAITING, Qt.Orientation.Horizontal) == "Waiting"
    model.clear()
    assert model.rowCount() == 0 and model.total == 0


def test_view_drops_stale_and_locked_results(qtbot: Any, store: Store) -> None:
    s = Story(store)
    s.add("Mahnung", 20, analysis=_analysis("mahnung"))
    runner = QueuedRunner()
    view = WaitingView(store, runner)
    qtbot.addWidget(view)
    view.reload()
    view.reload()
    runner.deliver(0)  # the older request answers last: ignored
    assert view.model.rowCount() == 0
    with qtbot.waitSignal(view.loaded) as blocker:
        runner.deliver(1)
    assert blocker.args == [1] and view.model.rowCount() == 1
    view.reload()
    view.clear()  # locking clears the view; the late result must not bring data back
    runner.deliver(2)
    assert view.model.rowCount() == 0


def test_window_nav_count_and_opening(window: MainWindow, filled: Filled) -> None:
    store = filled.store
    mahnung = store.messages.add(
        make_message("Mahnung", household_id=filled.haddad, case_id=filled.case,
                     message_id="<mahn@test>", when=dt.datetime(2025, 3, 4, 9, tzinfo=dt.UTC)),
        analysis=_analysis("mahnung")).id
    window.refresh_counts()
    # The fixture's first letter has an open deadline and only incoming mail after it
    # in its case, so it waits as well.
    assert window.nav.item(NAV_WAITING).text() == "Waits for an answer (2)"
    window.nav.setCurrentRow(NAV_WAITING)
    assert window.pages.currentWidget() is window.waiting
    view = window.waiting
    assert [view.model.item_at(r).id for r in range(2)] == [mahnung, filled.thread[0]]
    assert view.current_id() == filled.thread[0]  # the selection survived the reload
    view.table.selectRow(0)
    assert view.current_id() == mahnung
    view.open_button.click()
    assert window.pages.currentWidget() is window.household
    assert window.household.current_case_id() == filled.case
    assert window.household.reader.message is not None
    assert window.household.reader.message.id == mahnung
    window.lock()
    assert view.model.rowCount() == 0


def test_scan_keeps_progress_and_stops(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import helperdesk.app.waiting as wi

    s = Story(store)
    ids = [s.add(f"Mahnung {d}", d, analysis=_analysis("mahnung")) for d in range(1, 8)]
    monkeypatch.setattr(wi, "BATCH", 2)
    stop = threading.Event()
    stop.set()
    assert WaitingIndex(store, stop).update()["upto"] == 0  # stopped before reading
    assert WaitingIndex(store).update()["upto"] == ids[-1]
    assert store.settings.get(SETTING)["upto"] == ids[-1]


def test_household_reply_arriving_as_incoming_answers(store: Store) -> None:
    """The household's own answer reaches the helper as incoming mail quoting the letter."""
    s = Story(store)
    letter = s.add("Aufforderung", 8, analysis=_analysis("aufforderung_mitwirkung"),
                   in_case=False, message_id="<brief@jobcenter>")
    assert [i.id for i in WaitingIndex(store).waiting().items] == [letter]
    # Incoming, classified from the quoted letter: neither waits any more.
    s.add("AW: Aufforderung", 9, analysis=_analysis("aufforderung_mitwirkung"),
          in_case=False, in_reply_to="<brief@jobcenter>")
    assert WaitingIndex(store).waiting().items == []
