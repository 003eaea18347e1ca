"""iCalendar events for deadlines: all-day or timed in Europe/Berlin, with alarms.

A deadline becomes one VEVENT. Its UID comes from the store's id and the
deadline's id, so every export of the same store (and of a backup copy of it)
names it the same way; SEQUENCE is the deadline's revision, raised by every
change; DTSTAMP is when it last changed. Date-only deadlines are all-day,
transparent events; timed ones carry ``TZID=Europe/Berlin`` and one VTIMEZONE
with the EU summer-time rule. A deadline done or dismissed is sent as
``STATUS:CANCELLED`` for ``CANCELLED_DAYS`` days so that calendars drop it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import icalendar

from helperdesk.calendar import ics
from helperdesk.calendar.alarms import DEFAULT_ALARMS, AlarmSpec, ordered_alarms
from helperdesk.calendar.text import Phrases, description, phrases, summary
from helperdesk.model import DeadlineKind, IdKind

BERLIN_TZID = "Europe/Berlin"
CANCELLED_DAYS = 90
PRODID = "-//HelperDesk//Deadlines//EN"
APPOINTMENT_LENGTH = dt.timedelta(hours=1)


@dataclass(frozen=True)
class CalendarEntry:
    """What one event needs to know about a deadline or follow-up."""

    uid: str
    sequence: int
    stamp: dt.datetime  # when it last changed (aware)
    date: dt.date
    kind: DeadlineKind
    time: dt.time | None = None  # Europe/Berlin wall-clock time
    cancelled: bool = False
    suggested: bool = False
    household: str = ""
    agency: str = ""
    agency_kind: str = ""  # "Jobcenter": what a redacted event may name
    title: str = ""
    processing_id: tuple[IdKind, str] | None = None
    evidence: str = ""
    explanation: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExportOptions:
    redact: bool = False
    alarms: tuple[AlarmSpec, ...] = field(default=DEFAULT_ALARMS)


def entry_uid(store_id: str, deadline_id: int) -> str:
    """The UID of a stored deadline: the same in every export of this store."""
    return f"deadline-{deadline_id}-{store_id}@helperdesk"


def follow_up_uid(store_id: str, key: str) -> str:
    """The UID of a computed follow-up, from its stable key (e.g. ``vollmacht-3-2026-05-01``)."""
    return f"followup-{key}-{store_id}@helperdesk"


def keep_cancelled(changed: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a deadline closed at ``changed`` is still exported as cancelled."""
    return changed is not None and now - changed <= dt.timedelta(days=CANCELLED_DAYS)


@lru_cache(maxsize=256)
def _triggers(alarms: tuple[AlarmSpec, ...], time: dt.time | None) -> tuple[str, ...]:
    return tuple("TRIGGER:" + ics.duration(spec.trigger(time)) for spec in ordered_alarms(alarms))


def event_lines(entry: CalendarEntry, options: ExportOptions, p: Phrases | None = None) -> str:
    """One VEVENT (with its VALARMs) as folded content lines ending in CRLF."""
    p = p or phrases()
    stamp = entry.stamp if entry.stamp.tzinfo else entry.stamp.replace(tzinfo=dt.UTC)
    out = ["BEGIN:VEVENT", ics.text("UID", entry.uid), ics.utc("DTSTAMP", stamp),
           f"SEQUENCE:{max(entry.sequence, 0)}"]
    if entry.time is None:
        out += [ics.date("DTSTART", entry.date),
                ics.date("DTEND", entry.date + dt.timedelta(days=1)), "TRANSP:TRANSPARENT"]
    else:
        start = dt.datetime.combine(entry.date, entry.time)
        out += [ics.local("DTSTART", start, BERLIN_TZID),
                ics.local("DTEND", start + APPOINTMENT_LENGTH, BERLIN_TZID)]
    text = summary(entry, redact=options.redact, p=p)
    out += [ics.text("SUMMARY", text),
            ics.text("DESCRIPTION", description(entry, redact=options.redact, p=p)),
            "CLASS:PRIVATE"]
    if entry.cancelled:
        out.append("STATUS:CANCELLED")
    else:
        out.append("STATUS:TENTATIVE" if entry.suggested else "STATUS:CONFIRMED")
        alarm_text = ics.text("DESCRIPTION", text)
        for trigger in _triggers(options.alarms, entry.time):
            out += ["BEGIN:VALARM", "ACTION:DISPLAY", alarm_text, trigger, "END:VALARM"]
    out.append("END:VEVENT")
    return ics.CRLF.join(out) + ics.CRLF


def berlin_timezone() -> icalendar.Timezone:
    """VTIMEZONE for Europe/Berlin with the EU rule (since 1996), valid for any year."""
    tz = icalendar.Timezone()
    tz.add("tzid", BERLIN_TZID)
    summer = icalendar.TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("dtstart", dt.datetime(1996, 3, 31, 2, 0))
    summer.add("tzoffsetfrom", dt.timedelta(hours=1))
    summer.add("tzoffsetto", dt.timedelta(hours=2))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = icalendar.TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("dtstart", dt.datetime(1996, 10, 27, 3, 0))
    winter.add("tzoffsetfrom", dt.timedelta(hours=2))
    winter.add("tzoffsetto", dt.timedelta(hours=1))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


@lru_cache(maxsize=1)
def _timezone_lines() -> str:
    return bytes(berlin_timezone().to_ical()).decode("utf-8")


def _header(name: str) -> str:
    return ics.CRLF.join((
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
        ics.text("X-WR-CALNAME", name),
    )) + ics.CRLF


def build_calendar(
    entries: list[CalendarEntry], options: ExportOptions, *, name: str = "HelperDesk"
) -> bytes:
    """The whole .ics file: one VEVENT per entry, a VTIMEZONE when any is timed."""
    p = phrases()
    parts = [_header(name)]
    if any(e.time is not None for e in entries):
        parts.append(_timezone_lines())
    parts.extend(event_lines(entry, options, p) for entry in entries)
    parts.append("END:VCALENDAR" + ics.CRLF)
    return "".join(parts).encode("utf-8")


def event_resource(entry: CalendarEntry, options: ExportOptions) -> bytes:
    """One event as a calendar object resource (what CalDAV stores under its UID)."""
    return build_calendar([entry], options)
