"""Calendar building: deadlines as iCalendar events with alarms (pure, no I/O).

Offers ``CalendarEntry`` (what one event needs), ``ExportOptions``,
``build_calendar`` (the .ics bytes), ``event_lines`` (one VEVENT) and
``event_resource`` (one event as a CalDAV resource),
``entry_uid`` / ``follow_up_uid`` (stable UIDs), ``parse_alarms`` and
``ordered_alarms`` (the ``7d,2d,0d`` alarm list, most important first),
``keep_cancelled`` (whether a closed deadline is still sent as cancelled) and
the German-law aware texts in ``summary`` / ``description`` / ``deadline_title``.
"""

from helperdesk.calendar.alarms import (
    DEFAULT_ALARMS,
    AlarmSpec,
    ordered_alarms,
    parse_alarms,
)
from helperdesk.calendar.events import (
    CANCELLED_DAYS,
    CalendarEntry,
    ExportOptions,
    build_calendar,
    entry_uid,
    event_lines,
    event_resource,
    follow_up_uid,
    keep_cancelled,
)
from helperdesk.calendar.text import (
    deadline_title,
    description,
    household_initial,
    kind_label,
    phrases,
    summary,
)

__all__ = [
    "CANCELLED_DAYS",
    "DEFAULT_ALARMS",
    "AlarmSpec",
    "CalendarEntry",
    "ExportOptions",
    "build_calendar",
    "deadline_title",
    "description",
    "entry_uid",
    "event_lines",
    "event_resource",
    "follow_up_uid",
    "household_initial",
    "keep_cancelled",
    "kind_label",
    "ordered_alarms",
    "parse_alarms",
    "phrases",
    "summary",
]
