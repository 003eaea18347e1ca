"""Which deadlines to remind about today: pure, no Qt, no storage.

A deadline enters reminder windows as it approaches: by default 7 days
before, 2 days before and on the day itself ("the same morning"). Each
(deadline, window) pair is notified once. When the app was closed for a
while, only the tightest window reached is notified, not every one missed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

DEFAULT_WINDOWS: tuple[int, ...] = (7, 2, 0)


@dataclass(frozen=True)
class DueItem:
    """What the reminder logic needs of a deadline."""

    deadline_id: int
    date: dt.date


@dataclass(frozen=True)
class Reminder:
    deadline_id: int
    window: int  # days before the deadline that this reminder belongs to
    days_left: int  # negative when overdue


def due_reminders(
    today: dt.date,
    deadlines: Iterable[DueItem],
    notified: set[tuple[int, int]],
    *,
    windows: Iterable[int] = DEFAULT_WINDOWS,
    snoozed: Mapping[int, dt.date] | None = None,
) -> list[Reminder]:
    """Reminders to show now, most urgent first.

    ``notified`` holds (deadline_id, window) pairs already shown; ``snoozed``
    maps a deadline to the day before which it stays quiet.
    """
    ordered = sorted(set(windows))
    out: list[Reminder] = []
    for item in deadlines:
        if snoozed and today < snoozed.get(item.deadline_id, dt.date.min):
            continue
        days_left = (item.date - today).days
        window = next((w for w in ordered if days_left <= w), None)
        if window is None or (item.deadline_id, window) in notified:
            continue
        out.append(Reminder(item.deadline_id, window, days_left))
    out.sort(key=lambda r: (r.days_left, r.deadline_id))
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
