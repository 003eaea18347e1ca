"""Which deadlines to remind about today: pure, no Qt, no storage.

A deadline enters reminder windows as it approaches: by default 7 days
before, 2 days before and on the day itself ("the same morning"). Each
(deadline, window) pair is notified once. When the app was closed for a
while, only the tightest window reached is notified, not every one missed.
A deadline that was already past when its letter came in (an archive
import) is no alarm at all: it is listed as "past (imported)" and neither
notifies nor drives the banner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

DEFAULT_WINDOWS: tuple[int, ...] = (7, 2, 0)

# A stored deadline's id, or a follow-up's key (follow-ups are computed, not stored).
ReminderId = int | str


@dataclass(frozen=True)
class DueItem:
    """What the reminder logic needs of a deadline (or of a computed follow-up)."""

    deadline_id: ReminderId
    date: dt.date
    past_on_arrival: bool = False  # already past when its letter was imported


@dataclass(frozen=True)
class Reminder:
    deadline_id: ReminderId
    window: int  # days before the deadline that this reminder belongs to
    days_left: int  # negative when overdue


def due_reminders(
    today: dt.date,
    deadlines: Iterable[DueItem],
    notified: set[tuple[ReminderId, int]],
    *,
    windows: Iterable[int] = DEFAULT_WINDOWS,
    snoozed: Mapping[ReminderId, dt.date] | None = None,
) -> list[Reminder]:
    """Reminders to show now, most urgent first.

    ``notified`` holds (deadline_id, window) pairs already shown; ``snoozed``
    maps a deadline to the day before which it stays quiet.
    """
    ordered = sorted(set(windows))
    out: list[Reminder] = []
    for item in deadlines:
        if item.past_on_arrival:
            continue
        if snoozed and today < snoozed.get(item.deadline_id, dt.date.min):
            continue
        days_left = (item.date - today).days
        window = next((w for w in ordered if days_left <= w), None)
        if window is None or (item.deadline_id, window) in notified:
            continue
        out.append(Reminder(item.deadline_id, window, days_left))
    out.sort(key=lambda r: (r.days_left, str(r.deadline_id)))
    return out


BANNER_DAYS = 2


def banner_reminders(
    today: dt.date,
    deadlines: Iterable[DueItem],
    *,
    snoozed: Mapping[ReminderId, dt.date] | None = None,
    within: int = BANNER_DAYS,
) -> list[Reminder]:
    """What the banner shows: every deadline due within ``within`` days (or overdue)
    that is not snoozed and was not already past on arrival, most urgent first."""
    out = []
    for item in deadlines:
        if item.past_on_arrival:
            continue
        if snoozed and today < snoozed.get(item.deadline_id, dt.date.min):
            continue
        days_left = (item.date - today).days
        if days_left <= within:
            out.append(Reminder(item.deadline_id, 0, days_left))
    out.sort(key=lambda r: (r.days_left, str(r.deadline_id)))
    return out


def whose(household: str | None, agency: str | None = None, case: str | None = None) -> str:
    """Whose deadline a reminder names first: the household, else the agency or case.

    Empty when none is known (a deadline of mail not filed yet): the reminder
    then starts with what is due, never with a stray ": ".
    """
    for name in (household, agency, case):
        if name and name.strip():
            return " ".join(name.split())
    return ""
