"""The date of a letter, read from its letterhead.

"Datum: 03.03.2025", "München, 3. März 2025", a DIN 5008 reference line with
"Datum" above its value, or a line holding only a date. Used as the reference
point of deadlines when a letter arrives without a mail date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from helperdesk.analysis.dates_de import find_dates
from helperdesk.analysis.deadlines.cues import IGNORECASE, WEEKDAY
from helperdesk.analysis.deadlines.text import G_DATE, G_DATUM, scan

__all__ = ["find_letter_date"]

_LETTER_DATE_LABEL = re.compile(
    r"(?<![\wäöüß])(?:datum|date|briefdatum|bescheiddatum|ausstellungsdatum)\s*:?\s*(?:den\s+)?"
    r"(?:" + WEEKDAY + r")?(?P<rest>.{6,22})",
    IGNORECASE,
)
_CITY_DATE = re.compile(
    r"^\s*(?P<city>[A-ZÄÖÜ][\wäöüß.()/ -]{1,40}?),\s*(?:den\s+)?(?:" + WEEKDAY + r")?"
    r"(?P<rest>.{6,22})$"
)
_NOT_LETTER_DATE = re.compile(
    r"geb\.|geboren|geburt|zeitraum|\bvom\b|\bbis\b|schreiben|nachricht|antrag|eingang|"
    r"gültig|termin|frist|stand",
    IGNORECASE,
)


def _first_date(text: str) -> dt.date | None:
    hits = find_dates(text)
    if hits and hits[0].start <= 3 and hits[0].date is not None:
        return hits[0].date
    return None


def _letter_date_lines(lines: list[str]) -> Iterable[int]:
    """Ascending indexes of the lines where find_letter_date can find something.

    Each of its rules needs a date on the line, or "datum" for the DIN 5008
    reference line; the pre-scan (see scan) names those lines.
    """
    hits = scan("\n".join(lines))
    if hits is None:
        return range(len(lines))
    return sorted({*hits.get(G_DATE, ()), *hits.get(G_DATUM, ())})


def find_letter_date(text: str) -> dt.date | None:
    """Date of a letter from its letterhead: "Datum: 03.03.2025", "München, 3. März 2025".

    Looks at the head of the letter (first 60 lines) and prefers, in order, a
    "Datum" label, a "City, date" line and a line holding only a date. Birth
    dates, periods and references to other letters are not letter dates.
    """
    lines = text.replace("\r\n", "\n").split("\n")[:60]
    labelled: dt.date | None = None
    city: dt.date | None = None
    alone: dt.date | None = None
    for index in _letter_date_lines(lines):
        line = lines[index]
        stripped = " ".join(line.split())
        if not stripped:
            continue
        low = stripped.lower()
        if labelled is None and re.search(r"(?<![\wäöüß])datum\s*:?$", low):
            # DIN 5008 reference line: labels on one line, values below; the date
            # is the last value ("Ihre Nachricht vom … Unser Zeichen … Datum").
            below = next((x for x in lines[index + 1 : index + 3] if x.strip()), "")
            dated = [h.date for h in find_dates(below) if h.date is not None]
            if dated:
                labelled = dated[-1]
        if labelled is None:
            for m in _LETTER_DATE_LABEL.finditer(stripped):
                before = low[: m.start()]
                if re.search(r"(?:geburts|eingangs|antrags|ihr\w*\s*)$", before):
                    continue
                found = _first_date(m.group("rest"))
                if found:
                    labelled = found
                    break
        if city is None:
            m2 = _CITY_DATE.match(stripped)
            if m2 and not _NOT_LETTER_DATE.search(m2.group("city")):
                city = _first_date(m2.group("rest"))
        if alone is None and not _NOT_LETTER_DATE.search(low):
            core = re.sub(r"^(?:den\s+)?", "", stripped, flags=IGNORECASE)
            hits = find_dates(core)
            if len(hits) == 1 and hits[0].date and len(core) - (hits[0].end - hits[0].start) <= 14:
                rest = (core[: hits[0].start] + core[hits[0].end :]).strip(" ,.")
                if not rest or re.fullmatch(WEEKDAY.replace("(?:den\\s+)?", ""), rest, IGNORECASE):
                    alone = hits[0].date
    return labelled or city or alone

