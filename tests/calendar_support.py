"""Reading calendars back with two independent parsers (icalendar and vobject)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import icalendar
import vobject


@dataclass
class ReadEvent:
    uid: str
    sequence: int
    status: str
    summary: str
    description: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    triggers: list[dt.timedelta]
    transp: str | None


def read_both(data: bytes) -> dict[str, ReadEvent]:
    """Parse with icalendar and with vobject (which validates); both must agree."""
    cal = icalendar.Calendar.from_ical(data)
    ours: dict[str, ReadEvent] = {}
    for ev in cal.walk("VEVENT"):
        ours[str(ev["UID"])] = ReadEvent(
            uid=str(ev["UID"]), sequence=int(ev["SEQUENCE"]), status=str(ev["STATUS"]),
            summary=str(ev["SUMMARY"]), description=str(ev["DESCRIPTION"]),
            start=ev.decoded("DTSTART"), end=ev.decoded("DTEND"),
            triggers=[a.decoded("TRIGGER") for a in ev.walk("VALARM")],
            transp=str(ev["TRANSP"]) if "TRANSP" in ev else None,
        )
    theirs: dict[str, ReadEvent] = {}
    vcal = vobject.readOne(data.decode("utf-8"))
    assert vcal.validate(raiseException=True)
    for ev in getattr(vcal, "vevent_list", []):
        theirs[ev.uid.value] = ReadEvent(
            uid=ev.uid.value, sequence=int(ev.sequence.value), status=ev.status.value,
            summary=ev.summary.value, description=ev.description.value,
            start=ev.dtstart.value, end=ev.dtend.value,
            triggers=[a.trigger.value for a in getattr(ev, "valarm_list", [])],
            transp=ev.transp.value if hasattr(ev, "transp") else None,
        )
    assert ours.keys() == theirs.keys()
    for uid, a in ours.items():
        b = theirs[uid]
        assert (a.sequence, a.status, a.summary, a.description, a.triggers, a.transp) == (
            b.sequence, b.status, b.summary, b.description, b.triggers, b.transp), uid
        for x, y in ((a.start, b.start), (a.end, b.end)):
            if isinstance(x, dt.datetime):
                assert isinstance(y, dt.datetime)
                assert x.astimezone(dt.UTC) == y.astimezone(dt.UTC), uid
            else:
                assert x == y, uid
    return ours
