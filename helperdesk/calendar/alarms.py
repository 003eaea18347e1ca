"""Alarm lists for calendar events: parsing ``7d,2d,0d`` and the triggers they become.

``Nd`` means "N days before, at 08:00" (``0d``: 08:00 on the day itself);
``Nh`` means "N hours before the start". Calendar apps treat alarms
differently: Outlook keeps only the first VALARM of an event, so the most
important one comes first. The most important is the last warning that still
leaves at least a day to act (the smallest ``Nd`` with N ≥ 1); after it the
rest, nearest first.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from i18n import _

MORNING = dt.time(8, 0)


@dataclass(frozen=True, order=True)
class AlarmSpec:
    """One alarm: ``days`` before at 08:00, or ``hours`` before the start."""

    days: int = 0
    hours: int | None = None

    def code(self) -> str:
        return f"{self.hours}h" if self.hours is not None else f"{self.days}d"

    def before(self) -> dt.timedelta:
        """Roughly how long before the deadline it rings (for ordering)."""
        if self.hours is not None:
            return dt.timedelta(hours=self.hours)
        return dt.timedelta(days=self.days)

    def trigger(self, time: dt.time | None) -> dt.timedelta:
        """The TRIGGER relative to DTSTART (negative: before).

        All-day events start at local midnight, so "N days before at 08:00" is
        ``-(N days - 8 hours)``. Timed events: N days before the start, and
        ``0d`` at 08:00 that morning but at least an hour before the start.
        """
        if self.hours is not None:
            return -dt.timedelta(hours=self.hours)
        if time is None:
            return -(dt.timedelta(days=self.days) - dt.timedelta(hours=MORNING.hour))
        if self.days:
            return -dt.timedelta(days=self.days)
        start = dt.timedelta(hours=time.hour, minutes=time.minute)
        lead = start - dt.timedelta(hours=MORNING.hour)
        return -max(lead, dt.timedelta(hours=1))


DEFAULT_ALARMS: tuple[AlarmSpec, ...] = (AlarmSpec(7), AlarmSpec(2), AlarmSpec(0))

_PART = re.compile(r"(\d{1,3})\s*([dh])")


def parse_alarms(text: str) -> tuple[AlarmSpec, ...]:
    """Parse ``"7d,2d,0d"`` (days) or ``"3h"`` (hours); ``""``/``"none"``: no alarms.

    Raises ValueError with a sentence naming the bad part.
    """
    text = text.strip().lower()
    if text in ("", "none"):
        return ()
    specs: list[AlarmSpec] = []
    for part in text.split(","):
        m = _PART.fullmatch(part.strip())
        if m is None:
            raise ValueError(_(
                "Cannot read the alarm {part!r}: write days like 7d,2d,0d or hours like 3h."
            ).format(part=part.strip()))
        n = int(m.group(1))
        spec = AlarmSpec(n) if m.group(2) == "d" else AlarmSpec(0, n)
        if spec not in specs:
            specs.append(spec)
    return tuple(specs)


def ordered_alarms(specs: tuple[AlarmSpec, ...]) -> list[AlarmSpec]:
    """Most important first (see the module text), then nearest first."""
    nearest = sorted(specs, key=AlarmSpec.before)
    primary = next((s for s in nearest if s.hours is None and s.days >= 1), None)
    if primary is None:
        return nearest
    return [primary, *(s for s in nearest if s != primary)]
