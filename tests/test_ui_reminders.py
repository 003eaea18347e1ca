"""Reminder windows (pure logic) and the service that shows them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocumentFragment

from helperdesk.model import Deadline, DeadlineKind, DeadlineStatus
from helperdesk.reminders.rules import DueItem, Reminder, due_reminders, whose
from storage.deadlines import DeadlineView
from ui.reminders import ReminderService
from ui.widgets.banner import ReminderBanner

from ui_fixtures import TODAY, Filled

D = dt.date(2025, 6, 10)


def test_windows_seven_two_and_same_day() -> None:
    def at(days_before: int) -> list[int]:
        today = D - dt.timedelta(days=days_before)
        return [r.window for r in due_reminders(today, [DueItem(1, D)], set())]

    assert at(8) == []
    assert at(7) == [7]
    assert at(3) == [7]
    assert at(2) == [2]
    assert at(0) == [0]
    assert at(-3) == [0]  # overdue: still the tightest window


def test_each_window_notified_once_and_skipped_windows_collapse() -> None:
    notified: set[tuple[int, int]] = set()
    first = due_reminders(D - dt.timedelta(days=7), [DueItem(1, D)], notified)
    notified |= {(r.deadline_id, r.window) for r in first}
    assert due_reminders(D - dt.timedelta(days=6), [DueItem(1, D)], notified) == []
    # The app was closed for days: only the tightest window reached is shown.
    late = due_reminders(D, [DueItem(1, D)], notified)
    assert [(r.window, r.days_left) for r in late] == [(0, 0)]


def test_snooze_and_order() -> None:
    items = [DueItem(1, D + dt.timedelta(days=5)), DueItem(2, D - dt.timedelta(days=1))]
    out = due_reminders(D, items, set())
    assert [r.deadline_id for r in out] == [2, 1]  # most urgent first
    snoozed = {2: D + dt.timedelta(days=1)}
    assert [r.deadline_id for r in due_reminders(D, items, set(), snoozed=snoozed)] == [1]


@given(st.integers(min_value=-30, max_value=30), st.integers(min_value=0, max_value=60))
def test_at_most_one_reminder_per_deadline_and_day(offset: int, span: int) -> None:
    notified: set[tuple[int, int]] = set()
    start = D - dt.timedelta(days=span)
    shown = 0
    for day in range(span + 1):
        today = start + dt.timedelta(days=day)
        out = due_reminders(today, [DueItem(1, D + dt.timedelta(days=offset))], notified)
        assert len(out) <= 1
        notified |= {(r.deadline_id, r.window) for r in out}
        shown += len(out)
    assert shown <= 3  # never more than the three windows


def test_service_banner_snooze_and_done(qtbot: object, filled: Filled) -> None:
    service = ReminderService(filled.store)
    active = service.check(TODAY)
    assert [view.deadline.id for _r, view in active] == [filled.overdue]
    assert filled.store.settings.get("reminders.notified")  # remembered in the store
    service.snooze(filled.overdue, 1, TODAY)
    assert service.active == []
    # Next day: the snooze is over, and the appointment in 3 days is now within 2 days.
    assert [v.deadline.id for _r, v in service.check(TODAY + dt.timedelta(days=1))] == \
        [filled.overdue, filled.soon]
    service.done(filled.overdue, TODAY + dt.timedelta(days=1))
    assert [v.deadline.id for _r, v in service.active] == [filled.soon]
    done = [v for v in filled.store.deadlines.matching(status=DeadlineStatus.DONE)]
    assert [v.deadline.id for v in done] == [filled.overdue]


def test_whose_names_household_else_agency_else_nothing() -> None:
    assert whose("Familie Haddad", "Jobcenter") == "Familie Haddad"
    assert whose(None, "Jobcenter Berlin  Mitte", "Bürgergeld") == "Jobcenter Berlin Mitte"
    assert whose("  ", None, "Kindergeld") == "Kindergeld"
    assert whose(None, None, None) == "" and whose("", "", "") == ""


def test_banner_without_household_has_no_stray_colon(qtbot: Any) -> None:
    banner = ReminderBanner()
    qtbot.addWidget(banner)
    deadline = Deadline(household_id=None, date=D, kind=DeadlineKind.OBJECTION, id=7)
    banner.set_reminders([(Reminder(7, 0, 0), DeadlineView(deadline, None, None, None))])
    plain = QTextDocumentFragment.fromHtml(banner.text.text()).toPlainText()
    after = plain.split(":", 1)[1].lstrip()  # what follows "Reminder:"
    assert not after.startswith(":") and ": :" not in plain
    assert after and after[0].isalpha()
    named = DeadlineView(deadline, "Familie Haddad", None, "Jobcenter")
    banner.set_reminders([(Reminder(7, 0, 0), named)])
    plain = QTextDocumentFragment.fromHtml(banner.text.text()).toPlainText()
    assert plain.split(":", 1)[1].lstrip().startswith("Familie Haddad: ")
