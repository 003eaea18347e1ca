"""Relative periods in agency text: "innerhalb von zwei Wochen nach Erhalt",
"binnen 5 Werktagen", "within two weeks", "eine Woche vor dem Termin".

Each period is counted by :mod:`helperdesk.analysis.deadlines.periods` or, where
the law leaves a choice, by the safe-date policy of
:mod:`helperdesk.analysis.deadlines.safe` (the earliest date the agency could
hold the household to, the later one explained). Periods counted back from an
appointment are resolved once all appointments are known
(:func:`resolve_before_appointment`). Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import re

from helperdesk.analysis.deadlines import periods as fristen
from helperdesk.analysis.deadlines.common import (
    BeforeAppointment,
    Collector,
    amount_of,
    evidence,
    is_working_days,
    kind_in_sentence,
    unit_of,
)
from helperdesk.analysis.deadlines.cues import (
    ANCHOR_LETTER_DATE,
    ANCHOR_NOTIFICATION,
    BEFORE_APPOINTMENT,
    GENERAL_RULE,
    OTHER_ANCHOR,
    RELATIVE,
    REMEDY_ACT,
    REMEDY_WORDS,
    has_relative_hint,
)
from helperdesk.analysis.deadlines.safe import deadline_after_receipt, working_day_period_end
from helperdesk.analysis.deadlines.text import G_RELATIVE, Doc
from helperdesk.model import DeadlineBasis, DeadlineKind, DeadlineSuggestion
from i18n import gettext as _

__all__ = ["relative_periods", "resolve_before_appointment"]


def _relative_computation(
    sent_anchor: dt.date,
    low: str,
    after: str,
    *,
    amount: int,
    unit: fristen.Unit | None,
    word: str,
    state: str | None,
    law: str,
    receipt: bool,
) -> fristen.Computation | None:
    """The end of one relative period, or None when its start cannot be dated."""
    from_letter = bool(ANCHOR_LETTER_DATE.search(low))
    named = from_letter or bool(ANCHOR_NOTIFICATION.search(low))
    if not named and OTHER_ANCHOR.match(after):
        return None  # counted from some other event we cannot date
    if unit is None:
        # Werktage / Arbeitstage: counted from the letter or arrival date – the
        # earliest reading; a posted letter from its deemed Bekanntgabe.
        start = sent_anchor
        label = _("the letter date")
        if not from_letter and not receipt:
            start = fristen.deemed_notification(sent_anchor, law=law, state=state).date
            label = _("the Bekanntgabe")
        return working_day_period_end(
            start, amount, saturdays=word.startswith("werktag"), state=state, law=law,
            trigger_label=label,
        )  # fmt: skip
    if from_letter:
        return fristen.deadline_after_date(sent_anchor, amount, unit, law=law, state=state)
    if receipt:
        comp = deadline_after_receipt(sent_anchor, amount, unit, law=law, state=state)
    else:
        comp = fristen.deadline_after_notification(sent_anchor, amount, unit, law=law, state=state)
    if named:
        return comp
    return fristen.Computation(
        comp.date,
        (
            _("No start named; counted from the day the e-mail arrived.")
            if receipt
            else "No start named; counted from receipt of the letter (deemed Bekanntgabe).",
            *comp.steps,
        ),
    )


def relative_periods(
    doc: Doc, out: Collector, *, state: str | None, law: str, receipt: bool = False
) -> None:
    """Relative periods ("innerhalb von zwei Wochen nach Erhalt") of ``doc`` into ``out``."""
    for sent in doc.matching(G_RELATIVE):
        s, low = sent.text, sent.low
        if sent.anchor is None or not has_relative_hint(low):
            continue
        for m in RELATIVE.finditer(low):
            word = ""
            if m.group("mf"):
                amount: int | None = 1
                unit: fristen.Unit | None = fristen.Unit.MONTH
            else:
                word = m.group("u")
                amount, unit = amount_of(m.group("n")), unit_of(word)
            if not amount or (unit is None and not is_working_days(word)):
                continue
            if REMEDY_WORDS.search(low) and REMEDY_ACT.search(low):
                continue  # Rechtsbehelfsbelehrung: handled with the decision check
            ctx_lo = max(0, m.start() - 200)
            ctx = low[ctx_lo : m.end() + 200]
            kind = kind_in_sentence(low, ctx, m.start() - ctx_lo)
            if kind is DeadlineKind.APPOINTMENT:
                continue
            if GENERAL_RULE.search(low) or (
                re.search(r"\bwenn\b", low) and not re.search(r"\bnicht\b", low)
            ):
                continue  # a general duty ("Änderungen innerhalb einer Woche mitteilen")
            if not re.search(r"\b[Bb]itte\b|\bSie\b|\bIhr\w*\b|\b[Pp]lease\b|\b[Yy]ou\b", s):
                continue  # not addressed to the household
            if kind is DeadlineKind.OTHER and not re.search(
                r"\bbitte\b|\bmüssen\b|\bhaben\s+sie\b|\bsind\b.{0,60}\bzu\b|\bplease\b|\bmust\b",
                low,
            ):
                continue
            if re.search(r"\b(?:wir|ich)\s+werden?\b|\berhalten\s+sie\b", low) and (
                "bitte" not in low
            ):
                continue
            after = low[m.end() : m.end() + 80]
            if unit is not None and BEFORE_APPOINTMENT.match(after):
                out.before_appointment.append(
                    BeforeAppointment(amount, unit, kind, evidence(s, m.start(), m.end()))
                )
                continue
            comp = _relative_computation(
                sent.anchor, low, after, amount=amount, unit=unit, word=word, state=state,
                law=law, receipt=receipt,
            )  # fmt: skip
            if comp is None:
                continue
            out.add(
                DeadlineSuggestion(
                    date=comp.date,
                    kind=kind,
                    basis=DeadlineBasis.COMPUTED,
                    evidence=evidence(s, m.start(), m.end()),
                    explanation=comp.steps,
                )
            )


def _back(day: dt.date, amount: int, unit: fristen.Unit) -> dt.date:
    if unit is fristen.Unit.DAY:
        return day - dt.timedelta(days=amount)
    if unit is fristen.Unit.WEEK:
        return day - dt.timedelta(weeks=amount)
    months = amount if unit is fristen.Unit.MONTH else 12 * amount
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    while True:  # the same day number, or the month's last day
        try:
            return dt.date(year, month + 1, day.day)
        except ValueError:
            day = day - dt.timedelta(days=1)


def resolve_before_appointment(out: Collector, *, state: str | None) -> None:
    """Periods "N … vor dem Termin": counted back from the EARLIEST appointment kept.

    Counting back gives the last day to act; when it is no working day the
    earlier working day is shown (the safe date), the later reading named.
    """
    if not out.before_appointment:
        return
    appointments = sorted(
        s.date for (day, kind), s in out.items.items()
        if kind is DeadlineKind.APPOINTMENT and day not in out.cancelled
    )  # fmt: skip
    if not appointments:
        return
    first = appointments[0]
    for item in out.before_appointment:
        end = _back(first, item.amount, item.unit)
        steps = [
            _("Counted back {amount} {unit} from the appointment on {day}: {end}.").format(
                amount=item.amount, unit=item.unit.value, day=fristen.fmt(first),
                end=fristen.fmt(end),
            )
        ]
        safe = end
        while not fristen.is_working_day(safe, state):
            safe -= dt.timedelta(days=1)
        if safe != end:
            steps.append(
                _("{end} is no working day; the working day before, {safe}, is shown (the "
                  "earlier, safe date).").format(end=fristen.fmt(end), safe=fristen.fmt(safe))
            )
        if len(appointments) > 1:
            steps.append(_("The letter names several appointments; counted from the first."))
        out.add(DeadlineSuggestion(
            date=safe, kind=item.kind, basis=DeadlineBasis.COMPUTED, evidence=item.evidence,
            explanation=tuple(steps),
        ))  # fmt: skip
