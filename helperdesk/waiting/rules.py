"""Which mails wait for an answer: the rule, kept pure (no Qt, no store).

A mail waits for an answer when

* it came **in** from an agency (the analysis recognised one, or it is filed
  in a case with an agency),
* it **asks** the household to do something: its letter type is a request to
  cooperate, a hearing, an invitation to an appointment or a reminder, or it
  has an open deadline,
* it is **not answered**: no outgoing mail is dated after it in the same case,
  and no later mail of either direction replies to it (In-Reply-To/References:
  the household's answer often reaches the helper as incoming mail), and
* it is **not itself such an answer** (a reply to an agency's letter that only
  quotes it; checked by the index, which knows the thread links), and
* it is **not settled**: a mail whose deadlines were all marked done or
  dismissed by the helper is handled, even without a reply mail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ASKING_TYPES = frozenset({"aufforderung_mitwirkung", "anhoerung", "einladung_termin", "mahnung"})


@dataclass(frozen=True)
class Candidate:
    id: int
    date: dt.datetime | None
    message_id: str | None
    letter_type: str | None
    from_agency: bool
    case_id: int | None
    open_deadline: dt.date | None  # the earliest open one
    closed_deadlines: int  # deadlines of this mail marked done or dismissed


def asks_for_action(letter_type: str | None, open_deadline: dt.date | None) -> bool:
    return letter_type in ASKING_TYPES or open_deadline is not None


def _later(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    """True if ``a`` is after ``b``; an undated mail counts as the oldest."""
    if a is None:
        return False
    if b is None:
        return True
    return _utc(a) > _utc(b)


def _utc(d: dt.datetime) -> dt.datetime:
    return d if d.tzinfo else d.replace(tzinfo=dt.UTC)


def is_answered(
    c: Candidate,
    latest_out_by_case: Mapping[int, dt.datetime],
    latest_reply_by_link: Mapping[str, dt.datetime],
) -> bool:
    """An outgoing mail after ``c`` in its case, or one that replies to it."""
    if c.case_id is not None and _later(latest_out_by_case.get(c.case_id), c.date):
        return True
    if c.message_id:
        reply = latest_reply_by_link.get(c.message_id.strip().lower())
        if reply is not None and _later(reply, c.date):
            return True
    return False


def waits_for_answer(
    c: Candidate,
    latest_out_by_case: Mapping[int, dt.datetime],
    latest_reply_by_link: Mapping[str, dt.datetime],
) -> bool:
    if not c.from_agency or not asks_for_action(c.letter_type, c.open_deadline):
        return False
    if c.open_deadline is None and c.closed_deadlines > 0:
        return False  # the helper settled every deadline of this letter
    return not is_answered(c, latest_out_by_case, latest_reply_by_link)


def days_waiting(date: dt.datetime | None, today: dt.date) -> int | None:
    """Whole days since the mail arrived (0 on the day itself); None when undated."""
    if date is None:
        return None
    return max(0, (today - date.date()).days)


def newest_first(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Newest first; undated mails last; the id keeps the order stable."""
    def key(c: Candidate) -> tuple[int, float, int]:
        if c.date is None:
            return (1, 0.0, -c.id)
        return (0, -_utc(c.date).timestamp(), -c.id)

    return sorted(candidates, key=key)
