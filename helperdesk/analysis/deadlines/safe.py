"""The safe-date policy: where the law leaves a choice, the earliest date counts.

When the start of a period or the rule that applies is uncertain, the deadline
shown is the EARLIEST date the agency could hold the household to, and the
explanation names the later date the law may allow. Two such choices live here:

* a period "nach Erhalt/Zugang" of an e-mail counts from the day the mail
  arrived; the Bekanntgabe fiction (4th day, § 37 Abs. 2 SGB X, § 41 Abs. 2
  VwVfG, § 122 Abs. 2a AO) applies to Verwaltungsakte only, so the later date
  it would give is named, not used (``deadline_after_receipt``);
* a period of "Werktagen" counts Monday to Saturday (a Saturday is a Werktag,
  § 193 BGB names it apart from Sundays and holidays); "Arbeitstage" count
  Monday to Friday. Where the text says Werktage, the Monday-to-Friday reading
  is named as the later one (``working_day_period_end``).

Holidays are the Land's public holidays; with the Land unknown only the
nationwide ones count, which gives the earliest end. Pure: no I/O, no today.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from helperdesk.analysis.deadlines.periods import (
    Computation,
    Unit,
    deadline_after_notification,
    fmt,
    holiday_name,
    normalise_state,
    period_end,
    roll_forward,
)
from i18n import gettext as _

__all__ = ["deadline_after_receipt", "working_day_period_end"]


@lru_cache(maxsize=4096)
def deadline_after_receipt(
    arrived: dt.date,
    amount: int,
    unit: Unit,
    *,
    law: str = "sgb",
    state: str | None = None,
) -> Computation:
    """A period "nach Erhalt/Zugang" of an e-mail that is not clearly a Verwaltungsakt.

    Counted from the day the mail arrived (the earliest reading); the step list
    ends with the later date the Bekanntgabe fiction would give if the mail
    counts as a Verwaltungsakt sent electronically.
    """
    end = period_end(
        arrived, amount, unit, state=state, law=law,
        trigger_label=_("the arrival of the e-mail"),
    )  # fmt: skip
    fiction = deadline_after_notification(arrived, amount, unit, law=law, state=state)
    head = _(
        "An e-mail is received on the day it arrives ({day}); the period is counted from "
        "that day, the earliest date the agency could hold you to."
    ).format(day=fmt(arrived))
    later = _(
        "If this e-mail counts as a Verwaltungsakt sent electronically, Bekanntgabe on the "
        "4th day would give {date} (§ 37 Abs. 2 SGB X, § 41 Abs. 2 VwVfG, § 122 Abs. 2a AO); "
        "the earlier date is shown."
    ).format(date=fmt(fiction.date))
    steps = (head, *end.steps)
    if fiction.date != end.date:
        steps = (*steps, later)
    return Computation(end.date, steps)


def _is_counted(day: dt.date, state: str | None, saturdays: bool) -> bool:
    if day.weekday() == 6 or (day.weekday() == 5 and not saturdays):
        return False
    return holiday_name(day, state) is None


def _count(trigger: dt.date, amount: int, state: str | None, saturdays: bool) -> dt.date:
    day = trigger
    left = amount
    while left > 0:
        day += dt.timedelta(days=1)
        if _is_counted(day, state, saturdays):
            left -= 1
    return day


@lru_cache(maxsize=4096)
def working_day_period_end(
    trigger: dt.date,
    amount: int,
    *,
    saturdays: bool,
    state: str | None,
    law: str = "sgb",
    trigger_label: str = "",
) -> Computation:
    """End of ``amount`` Werktage (``saturdays``) or Arbeitstage after ``trigger``.

    The trigger day is not counted (§ 187 Abs. 1 BGB); Sundays and the Land's
    public holidays never count; an end on a Saturday moves to the next working
    day (§ 193 BGB).
    """
    if amount < 0:
        raise ValueError("period must not be negative")
    where = normalise_state(state)
    label = trigger_label or _("the triggering event")
    raw = _count(trigger, amount, where, saturdays)
    if saturdays:
        rule = _("{n} Werktage, counted Monday to Saturday without public holidays").format(
            n=amount
        )
    else:
        rule = _("{n} Arbeitstage, counted Monday to Friday without public holidays").format(
            n=amount
        )
    cal = (
        _("holidays of {state}").format(state=where)
        if where
        else _("nationwide holidays only (Bundesland unknown)")
    )
    steps = [
        _("The period starts the day after {label} on {day}, which is not counted "
          "(§ 187 Abs. 1 BGB).").format(label=label, day=fmt(trigger)),
        f"{rule} ({cal}) → {fmt(raw)}.",
    ]
    moved = roll_forward(raw, state=where, law=law)
    steps.extend(moved.steps)
    if saturdays:
        strict = roll_forward(_count(trigger, amount, where, False), state=where, law=law).date
        if strict != moved.date:
            steps.append(
                _("Counting only Monday to Friday would give {date}; Saturdays are Werktage, "
                  "so the earlier date is shown.").format(date=fmt(strict))
            )
    return Computation(moved.date, tuple(steps))
