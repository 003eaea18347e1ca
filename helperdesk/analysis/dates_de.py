"""German date expressions in free text: "15.12.2026", "3. Februar 2027", "09.01.27" …

Finds and parses the date notations German agencies and households write, and
rejects impossible dates (31.02.) and number groups that only look like dates
(phone numbers, amounts, room numbers). Used by deadline extraction and by the
letter-date finder; pure and fast (one compiled regex).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["MONTH_NAMES", "DateHit", "find_dates", "month_number", "parse_date"]

# Month names incl. abbreviations, Austrian forms, "ae" spelling and common OCR slips.
_MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "jaenner": 1, "jan": 1,
    "februar": 2, "feber": 2, "feb": 2, "febr": 2,
    "märz": 3, "maerz": 3, "marz": 3, "mär": 3, "mrz": 3, "maer": 3,
    "april": 4, "apr": 4,
    "mai": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
    # English, as agencies write to households in English ("by 12 April 2027").
    "january": 1, "february": 2, "march": 3, "mar": 3, "may": 5, "june": 6, "july": 7,
    "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Every spelling find_dates reads as a month (lower case), for callers that
# pre-scan a text for places where a date could be.
MONTH_NAMES: tuple[str, ...] = tuple(_MONTHS)

# Numeric: d.m.yyyy / dd.mm.yy, optional spaces after the dots (PDF text). Not preceded
# or followed by more digit groups, so "089/12.34.56.78" or "1.234,56" never match.
_NUMERIC = (
    r"(?<![\d/.,:-])(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?"
    r"(?P<y>(?:19|20)\d{2}|\d{2})(?!\d)(?![.,:/-]\d)"
)
# Day and month name: "3. Februar 2027", "03. Feb. 2027", "3.März 2025", year optional;
# English "12 April 2027", "12th of April 2027".
_NAMED = (
    r"(?<![\d.,])(?P<nd>[0-3]?\d)(?:\.|st|nd|rd|th)?\s*(?:of\s+)?(?P<mn>" + _MONTH_ALT
    + r")(?![a-zäöüß])\.?"
    r"(?:\s*(?P<ny>(?:19|20)\d{2})(?!\d))?"
)
_ISO = r"(?<![\d.])(?P<iy>20\d{2})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?![\d])"
# Day and month without year: "bis 15.04." – only trusted next to a deadline cue.
_SHORT = r"(?<![\d/.,:-])(?P<sd>[0-3]?\d)\.(?P<sm>[01]?\d)\.(?![\s]?\d)"

# Every alternative starts with a digit: the lookahead lets the engine skip text fast.
DATE_RE = re.compile(f"(?=\\d)(?:{_NUMERIC}|{_ISO}|{_NAMED}|{_SHORT})", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    date: dt.date | None  # None when the year is missing (see ``day``/``month``)
    day: int
    month: int
    has_year: bool


def month_number(name: str) -> int | None:
    return _MONTHS.get(name.lower().rstrip("."))


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _valid_day_month(day: int, month: int) -> bool:
    # 29.02. is possible in leap years, so check against 2000.
    return _make(2000, month, day) is not None


def find_dates(text: str) -> list[DateHit]:
    """All plausible dates in ``text`` with their spans; impossible ones are dropped."""
    hits: list[DateHit] = []
    if not _HAS_DIGIT.search(text):
        return hits
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        if g["d"] is not None:
            year = int(g["y"])
            if year < 100:
                year += 2000
            date = _make(year, int(g["m"]), int(g["d"]))
            if date:
                hits.append(DateHit(m.start(), m.end(), date, date.day, date.month, True))
        elif g["iy"] is not None:
            date = _make(int(g["iy"]), int(g["im"]), int(g["id"]))
            if date:
                hits.append(DateHit(m.start(), m.end(), date, date.day, date.month, True))
        elif g["mn"] is not None:
            # The case-insensitive match also takes "ſ", "ı" and "İ" for "s" and
            # "i"; the table has no such spelling, and it is no date.
            found = _MONTHS.get(g["mn"].lower())
            if found is None:
                continue
            day, month = int(g["nd"]), found
            if g["ny"]:
                date = _make(int(g["ny"]), month, day)
                if date:
                    hits.append(DateHit(m.start(), m.end(), date, day, month, True))
            elif _valid_day_month(day, month):
                hits.append(DateHit(m.start(), m.end(), None, day, month, False))
        elif g["sd"] is not None:
            day, month = int(g["sd"]), int(g["sm"])
            if _valid_day_month(day, month):
                hits.append(DateHit(m.start(), m.end(), None, day, month, False))
    return hits


def parse_date(text: str) -> dt.date | None:
    """The date if ``text`` is exactly one complete German date expression, else None."""
    stripped = text.strip()
    m = DATE_RE.fullmatch(stripped)
    if not m:
        return None
    hits = find_dates(stripped)
    return hits[0].date if len(hits) == 1 else None
