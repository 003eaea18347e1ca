"""Shared pieces of deadline extraction: the collector of suggestions, the kind
of action near a date, evidence excerpts, times, places and period words.

Used by :mod:`helperdesk.analysis.deadlines.extract` (explicit dates, objection
periods) and :mod:`helperdesk.analysis.deadlines.relative` (relative periods).
Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from helperdesk.analysis.dates_de import DateHit
from helperdesk.analysis.deadlines import periods as fristen
from helperdesk.analysis.deadlines.cues import (
    NUM_WORDS,
    OBJECTION_WORDS,
    PAYMENT_REQUEST,
    PAYMENT_STRONG,
    PAYMENT_WEAK,
    PLACE,
    PLACE_FIELD,
    RENEWAL_WEAK,
    RENEWAL_WORDS,
    SUBMIT_WORDS,
    TIME_POST,
    TIME_POST_COLON,
    TIME_PRE,
)
from helperdesk.analysis.deadlines.text import Doc
from helperdesk.model import DeadlineBasis, DeadlineKind, DeadlineSuggestion

__all__ = [
    "BeforeAppointment",
    "Collector",
    "amount_of",
    "as_date",
    "complete_date",
    "evidence",
    "is_working_days",
    "kind_in_sentence",
    "kind_of",
    "place_of",
    "time_near",
    "unit_of",
]

_EVIDENCE_MAX = 240

# --------------------------------------------------------------------------- helpers


def as_date(value: dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def evidence(sentence: str, start: int = 0, end: int = 0) -> str:
    if len(sentence) <= _EVIDENCE_MAX:
        return sentence
    half = _EVIDENCE_MAX // 2
    lo = max(0, min(start - half, len(sentence) - _EVIDENCE_MAX))
    hi = lo + _EVIDENCE_MAX
    cut = sentence[lo:hi].strip()
    return ("…" if lo > 0 else "") + cut + ("…" if hi < len(sentence) else "")


def complete_date(hit: DateHit, reference: dt.date | None) -> dt.date | None:
    """The hit's date; a year-less date takes the first year not before the reference."""
    if hit.date is not None:
        return hit.date
    if reference is None:
        return None
    for year in (reference.year, reference.year + 1):
        try:
            candidate = dt.date(year, hit.month, hit.day)
        except ValueError:
            continue
        if candidate >= reference:
            return candidate
    return None


def _nearest(pattern: re.Pattern[str], ctx: str, pos: int) -> int | None:
    best: int | None = None
    for m in pattern.finditer(ctx):
        dist = 0 if m.start() <= pos <= m.end() else min(abs(m.start() - pos), abs(m.end() - pos))
        if best is None or dist < best:
            best = dist
    return best


# Agency letters repeat their wording (templates, tables of dates), so the same
# window around a date recurs within a letter and across letters; the result
# depends on the window alone.
@functools.lru_cache(maxsize=2048)
def kind_of(ctx: str, pos: int) -> DeadlineKind:
    """Kind of the action in lower-case ``ctx`` nearest to position ``pos`` (the date)."""
    scores: list[tuple[int, int, DeadlineKind]] = []
    for prio, (pattern, kind, penalty) in enumerate(
        (
            (OBJECTION_WORDS, DeadlineKind.OBJECTION, 0),
            (PAYMENT_STRONG, DeadlineKind.PAYMENT, 0),
            (RENEWAL_WORDS, DeadlineKind.RENEWAL, 0),
            (SUBMIT_WORDS, DeadlineKind.SUBMIT, 0),
            (PAYMENT_WEAK, DeadlineKind.PAYMENT, 60),
            (RENEWAL_WEAK, DeadlineKind.RENEWAL, 40),
        )
    ):
        dist = _nearest(pattern, ctx, pos)
        if dist is not None:
            scores.append((dist + penalty, prio, kind))
    if not scores:
        return DeadlineKind.OTHER
    if any(k is DeadlineKind.OBJECTION for _, _, k in scores) and re.search(
        r"begründ|ihr\w*\s+(?:widerspruch|einspruch)\s+vom", ctx
    ):
        scores = [s for s in scores if s[2] is not DeadlineKind.OBJECTION] or [
            (0, 0, DeadlineKind.SUBMIT)
        ]
    scores.sort()
    return scores[0][2]


def time_near(sentence: str, start: int, end: int) -> dt.time | None:
    post = sentence[end : end + 40]
    m = TIME_POST.match(post) or TIME_POST_COLON.match(post)
    if not m:
        m = TIME_PRE.search(sentence[max(0, start - 40) : start])
    if not m:
        return None
    hour = int(m.group("h"))
    if m.groupdict().get("pm") and hour < 12:
        hour += 12  # "at 2:30 pm"
    return dt.time(hour, int(m.group("min") or 0))


def place_of(doc: Doc, paragraph: int, index: int) -> str:
    # The sentence and the next two, also across paragraphs.
    for s in doc.following(paragraph, index, 3):
        m = PLACE.search(s.text)
        if m:
            return " ".join(m.group(0).split()).rstrip(".,")
        f = PLACE_FIELD.search(s.text)
        if f:
            return f.group("v").strip().rstrip(".,")
    return ""


def is_working_days(word: str) -> bool:
    return word.lower().startswith(("werktag", "arbeitstag", "working", "business"))


def unit_of(word: str) -> fristen.Unit | None:
    w = word.lower()
    if is_working_days(w):
        return None  # working-day periods: counted by deadlines.safe
    if w.startswith(("tag", "kalendertag", "day")):
        return fristen.Unit.DAY
    if w.startswith(("woche", "week")):
        return fristen.Unit.WEEK
    if w.startswith(("monat", "month")):
        return fristen.Unit.MONTH
    return fristen.Unit.YEAR


def amount_of(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUM_WORDS.get(word.lower())


def kind_in_sentence(low: str, ctx: str, pos: int) -> DeadlineKind:
    """:func:`kind_of`, except that a payment the sentence asks for is a payment.

    "Bitte zahlen Sie den Betrag bis zum …" next to a Rechtsbehelfsbelehrung is
    still a payment, not an objection period.
    """
    kind = kind_of(ctx, pos)
    if kind is DeadlineKind.OBJECTION and PAYMENT_REQUEST.search(low):
        return DeadlineKind.PAYMENT
    return kind


@dataclass(frozen=True)
class BeforeAppointment:
    """A period counted back from the letter's appointment ("eine Woche vor dem Termin")."""

    amount: int
    unit: fristen.Unit
    kind: DeadlineKind
    evidence: str


@dataclass
class Collector:
    """The suggestions found so far, one per (date, kind), and what later stages need."""

    items: dict[tuple[dt.date, DeadlineKind], DeadlineSuggestion]
    cancelled: set[dt.date] = field(default_factory=set)  # appointments cancelled or moved
    before_appointment: list[BeforeAppointment] = field(default_factory=list)

    def add(self, s: DeadlineSuggestion) -> None:
        key = (s.date, s.kind)
        old = self.items.get(key)
        if old is None:
            self.items[key] = s
            return
        # Prefer an explicit date over a computed one, and an appointment with a time.
        better = (old.basis is DeadlineBasis.COMPUTED and s.basis is DeadlineBasis.EXPLICIT) or (
            old.time is None and s.time is not None
        )
        if better:
            self.items[key] = s


