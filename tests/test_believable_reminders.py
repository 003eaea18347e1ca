"""Reminders that stay believable: archive imports do not alarm; the banner names the
household and opens the letter with one click."""

from __future__ import annotations

import datetime as dt
from typing import Any

from helperdesk.app import deadlines as uc
from helperdesk.model import Deadline, DeadlineKind
from helperdesk.reminders import DueItem, banner_reminders, due_reminders
from ui.models.deadlines import DueSoonModel
from ui.reminders import ReminderService
from ui.widgets.banner import ReminderBanner

from ui_fixtures import TODAY, Filled

D = dt.date(2026, 5, 4)


def test_past_on_arrival_neither_notifies_nor_drives_the_banner() -> None:
    items = [DueItem(1, D - dt.timedelta(days=217), past_on_arrival=True),
             DueItem(2, D - dt.timedelta(days=1)), DueItem(3, D + dt.timedelta(days=2)),
             DueItem(4, D + dt.timedelta(days=3))]
    assert [r.deadline_id for r in due_reminders(D, items, set())] == [2, 3, 4]
    assert [r.deadline_id for r in banner_reminders(D, items)] == [2, 3]
    assert [r.deadline_id for r in banner_reminders(D, items, snoozed={2: D + dt.timedelta(1)})
            ] == [3]


def _archive_deadline(filled: Filled) -> int:
    """A letter from the archive whose deadline was long past when it was imported."""
    d = filled.store.deadlines.add(Deadline(
        household_id=filled.haddad, message_id=filled.thread[1],
        date=TODAY - dt.timedelta(days=217), kind=DeadlineKind.SUBMIT, confirmed=True))
    assert d.id is not None
    return d.id


def test_archive_import_is_listed_as_past_not_overdue(qtbot: Any, filled: Filled) -> None:
    old = _archive_deadline(filled)
    assert uc.past_when_imported(filled.store.deadlines.get(old).deadline)
    assert not uc.past_when_imported(filled.store.deadlines.get(filled.overdue).deadline)
    model = DueSoonModel(filled.store)
    model.reload(TODAY)
    row = next(r for r in range(model.rowCount()) if model.view_at(r).deadline.id == old)
    assert "past (imported)" in model.data(model.index(row, DueSoonModel.DATE))
    assert model.data(model.index(row, 0), 8) is None  # no red background (BackgroundRole)
    assert model.overdue_count() == 1  # only the real overdue one

    service = ReminderService(filled.store)
    active = service.check(TODAY)
    assert [v.deadline.id for _r, v in active] == [filled.overdue]
    notified = {int(a) for a, _w in filled.store.settings.get("reminders.notified", [])}
    assert old not in notified


def test_banner_names_the_household_and_opens_the_letter(qtbot: Any, filled: Filled) -> None:
    banner = ReminderBanner()
    qtbot.addWidget(banner)
    service = ReminderService(filled.store)
    banner.set_reminders(service.check(TODAY))
    assert "Familie Haddad" in banner.text.text()
    with qtbot.waitSignal(banner.open_letter) as blocker:
        banner.text.linkActivated.emit("letter")
    assert blocker.args == [filled.thread[0]]

    # A deadline of a letter nobody filed yet still says whose it is not.
    unfiled = filled.store.deadlines.add(Deadline(
        household_id=None, message_id=filled.unfiled, date=TODAY, kind=DeadlineKind.OTHER,
        confirmed=True))
    view = filled.store.deadlines.get(unfiled.id or 0)
    reminder = banner_reminders(TODAY, [DueItem(unfiled.id or 0, TODAY)])[0]
    banner.set_reminders([(reminder, view)])
    assert "not yet assigned to a household" in banner.text.text()


def test_window_opens_the_letter_from_the_banner(window: Any, filled: Filled) -> None:
    window.reminders.check(TODAY)
    window.reminder_banner.open_current_letter()
    assert window.pages.currentWidget() is window.household
    assert window.household.household_id == filled.haddad


def test_follow_ups_remind_and_done_dismisses_them(qtbot: Any, filled: Filled) -> None:
    home = filled.store.households.get(filled.wagner)
    home.authorisation_expires = TODAY + dt.timedelta(days=5)
    filled.store.households.update(home)
    service = ReminderService(filled.store)
    active = service.check(TODAY)
    keys = [r.deadline_id for r, _v in active]
    vollmacht = next(k for k in keys if isinstance(k, str) and k.startswith("vollmacht-"))
    assert vollmacht.endswith("-7")  # the 30-day one is superseded
    notified = [a for a, _w in filled.store.settings.get("reminders.notified", [])]
    assert vollmacht in notified
    banner = ReminderBanner()
    qtbot.addWidget(banner)
    banner.set_reminders([p for p in active if p[0].deadline_id == vollmacht])
    assert "Familie Wagner" in banner.text.text()
    with qtbot.waitSignal(banner.done) as blocker:
        banner.done_button.click()
    assert blocker.args == [vollmacht]
    service.done(vollmacht, TODAY)
    assert vollmacht not in [r.deadline_id for r, _v in service.active]
    service.snooze(filled.overdue, 1, TODAY)  # ints and keys live side by side in settings
    assert filled.overdue not in [r.deadline_id for r, _v in service.check(TODAY)]
