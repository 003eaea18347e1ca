"""Legal deadline arithmetic (Fristberechnung) for German administrative procedure.

The one place that knows how a deadline is computed: when a posted or e-mailed
letter counts as received (Bekanntgabefiktion), how days, weeks, months and
years are counted (§§ 187, 188 BGB), and when an end on a weekend or public
holiday moves to the next working day (§ 193 BGB and its procedural twins).
Every function returns the date together with the steps that led to it, in
English with the German legal terms and § citations, so the helper can check
the reasoning.

Pure and deterministic: no I/O, no "today". Holiday calendars come from the
``holidays`` package and are cached per (Bundesland, year).

Three procedural codes are distinguished by the ``law`` argument:

* ``"sgb"``   – social law: SGB X for the agency procedure, SGG for Widerspruch/Klage;
* ``"vwvfg"`` – general administrative law: VwVfG (and the Länder copies), VwGO;
* ``"ao"``    – tax law incl. Kindergeld: Abgabenordnung.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from holidays.countries.germany import Germany

__all__ = [
    "LAWS",
    "Computation",
    "Unit",
    "add_period",
    "deadline_after_date",
    "deadline_after_notification",
    "deemed_notification",
    "explicit_deadline",
    "fmt",
    "holiday_name",
    "is_working_day",
    "normalise_state",
    "objection_deadline",
    "period_end",
    "roll_forward",
]

LAWS = ("sgb", "vwvfg", "ao")

# Postrechtsmodernisierungsgesetz (BGBl. 2024 I Nr. 236): for items posted or sent
# from 1 January 2025 the Bekanntgabe is deemed on the 4th day, before on the 3rd.
FOUR_DAY_RULE_FROM = dt.date(2025, 1, 1)

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Unit(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class Computation:
    """A computed date and the human-readable steps that produced it."""

    date: dt.date
    steps: tuple[str, ...]


# --------------------------------------------------------------------------- citations

# Deemed notification (Bekanntgabefiktion) for posted and electronically sent acts.
_NOTIFICATION_LAW = {
    "sgb": "§ 37 Abs. 2 SGB X",
    "vwvfg": "§ 41 Abs. 2 VwVfG",
    "ao": "§ 122 Abs. 2 Nr. 1, Abs. 2a AO",
}
# Counting of periods: the procedural codes refer to §§ 187–193 BGB.
_COUNTING_LAW = {
    "sgb": "§ 26 Abs. 1 SGB X, § 64 Abs. 1, 2 SGG",
    "vwvfg": "§ 31 Abs. 1 VwVfG, § 57 VwGO",
    "ao": "§ 108 Abs. 1 AO",
}
# End on a Saturday, Sunday or public holiday moves to the next working day.
_MOVE_LAW = {
    "sgb": "§ 26 Abs. 3 SGB X, § 64 Abs. 3 SGG",
    "vwvfg": "§ 31 Abs. 3 VwVfG, § 193 BGB",
    "ao": "§ 108 Abs. 3 AO",
}
# Objection period after a correct Rechtsbehelfsbelehrung.
_OBJECTION_LAW = {
    "sgb": "Widerspruchsfrist, § 84 Abs. 1 SGG",
    "vwvfg": "Widerspruchs-/Klagefrist, § 70 Abs. 1, § 74 Abs. 1 VwGO",
    "ao": "Einspruchsfrist, § 355 Abs. 1 AO",
}
# One year when the Rechtsbehelfsbelehrung is missing or wrong.
_NO_INSTRUCTION_LAW = {
    "sgb": "§ 66 Abs. 2 SGG (with § 84 Abs. 2 Satz 3 SGG)",
    "vwvfg": "§ 58 Abs. 2 VwGO (with § 70 Abs. 2 VwGO)",
    "ao": "§ 356 Abs. 2 AO",
}

# Catholic-category holidays apply only in some municipalities of a Land
# (Mariä Himmelfahrt in Bavaria's predominantly Catholic communities, Fronleichnam
# in parts of Saxony and Thuringia) and Augsburg's Friedensfest only in Augsburg.
# We do NOT move deadlines for them: we cannot know the municipality, and
# suggesting the earlier day can never make the household miss a deadline. When
# an end falls on such a day the explanation says so, so the helper can decide.
_LOCAL_CATEGORIES = ("catholic",)


def fmt(day: dt.date) -> str:
    """``Mon 07.04.2025`` – weekday plus German date, locale independent."""
    return f"{_WEEKDAYS[day.weekday()]} {day:%d.%m.%Y}"


def _law(law: str) -> str:
    law = (law or "sgb").strip().lower()
    return law if law in LAWS else "sgb"


# --------------------------------------------------------------------------- holidays

_STATE_ALIASES: dict[str, str] = {
    name.casefold(): code for name, code in getattr(Germany, "subdivisions_aliases", {}).items()
}
_STATES = frozenset(s for s in Germany.subdivisions if len(s) == 2)


def normalise_state(state: str | None) -> str | None:
    """Bundesland code ("BY") for a code or German name; None if unknown."""
    if not state:
        return None
    text = state.strip()
    if text.upper() in _STATES:
        return text.upper()
    return _STATE_ALIASES.get(text.casefold())


@lru_cache(maxsize=512)
def _public_holidays(state: str | None, year: int) -> dict[dt.date, str]:
    cal = Germany(subdiv=state, years=year, language="de")
    return dict(cal.items())


@lru_cache(maxsize=512)
def _local_holidays(state: str | None, year: int) -> dict[dt.date, str]:
    """Holidays observed only in parts of the Land (see ``_LOCAL_CATEGORIES``)."""
    if state is None:
        return {}
    result = dict(
        Germany(subdiv=state, years=year, language="de", categories=_LOCAL_CATEGORIES).items()
    )
    if state == "BY":
        augsburg = Germany(subdiv="Augsburg", years=year, language="de")
        public = _public_holidays(state, year)
        result.update({d: n for d, n in augsburg.items() if d not in public})
    return result


def holiday_name(day: dt.date, state: str | None) -> str | None:
    """Name of the Land-wide public holiday on ``day`` (national ones if state unknown)."""
    return _public_holidays(normalise_state(state), day.year).get(day)


def is_working_day(day: dt.date, state: str | None) -> bool:
    """Not a Saturday, Sunday or public holiday of the Land (§ 193 BGB)."""
    return day.weekday() < 5 and holiday_name(day, state) is None


def _why_not_working(day: dt.date, state: str | None) -> str:
    name = holiday_name(day, state)
    if name:
        where = normalise_state(state) or "nationwide"
        return f"a public holiday ({name}, {where})"
    return "a Saturday" if day.weekday() == 5 else "a Sunday"


def _land_holiday_note(day: dt.date) -> tuple[str, ...]:
    """With the Land unknown: the Länder where ``day`` is a holiday (the later reading)."""
    if day.weekday() >= 5:
        return ()
    lands = [s for s in sorted(_STATES) if holiday_name(day, s)]
    if not lands:
        return ()
    return (
        f"{fmt(day)} is {holiday_name(day, lands[0])} in {', '.join(lands)}; the agency's "
        "Bundesland is not known, so it is not counted (earlier, safe date) – where it is a "
        "public holiday, the deadline ends on the next working day.",
    )


@lru_cache(maxsize=4096)  # pure; analysis meets the same dates again and again
def roll_forward(day: dt.date, *, state: str | None, law: str) -> Computation:
    """Move an end on a weekend or holiday to the next working day, with the steps."""
    law = _law(law)
    steps: list[str] = []
    if is_working_day(day, state):
        if normalise_state(state) is None:
            return Computation(day, _land_holiday_note(day))
        local = _local_holidays(normalise_state(state), day.year).get(day)
        if local:
            steps.append(
                f"{fmt(day)} is {local}, a holiday only in some municipalities of "
                f"{normalise_state(state)}; not moved (earlier date is the safe one) – if the "
                "place where the act is due observes it, the deadline ends on the next "
                "working day."
            )
        return Computation(day, tuple(steps))
    moved = day + dt.timedelta(days=1)
    skipped: list[str] = []
    while not is_working_day(moved, state):
        skipped.append(f"{fmt(moved)} is {_why_not_working(moved, state)}")
        moved += dt.timedelta(days=1)
    where = normalise_state(state)
    cal = f"holidays of {where}" if where else "nationwide holidays only (Bundesland unknown)"
    also = f"; {', '.join(skipped)} too" if skipped else ""
    steps.append(
        f"{fmt(day)} is {_why_not_working(day, state)}{also}: the deadline ends on the next "
        f"working day, {fmt(moved)} ({_MOVE_LAW[law]}; {cal})."
    )
    return Computation(moved, tuple(steps))


# --------------------------------------------------------------------------- counting


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def add_period(trigger: dt.date, amount: int, unit: Unit) -> dt.date:
    """Raw end of a period that starts with an event on ``trigger`` (§§ 187 Abs. 1, 188 BGB).

    The trigger day is not counted; days add N; weeks end on the same weekday;
    months and years on the same day number, or the month's last day if the
    end month has no such day (§ 188 Abs. 3 BGB). No weekend/holiday move here.
    """
    if amount < 0:
        raise ValueError("period must not be negative")
    if unit is Unit.DAY:
        return trigger + dt.timedelta(days=amount)
    if unit is Unit.WEEK:
        return trigger + dt.timedelta(weeks=amount)
    if unit is Unit.MONTH:
        return _add_months(trigger, amount)
    return _add_months(trigger, 12 * amount)


def _describe_period(amount: int, unit: Unit) -> str:
    return f"{amount} {unit.value}{'' if amount == 1 else 's'}"


@lru_cache(maxsize=4096)  # pure; analysis meets the same dates again and again
def period_end(
    trigger: dt.date,
    amount: int,
    unit: Unit,
    *,
    state: str | None,
    law: str = "sgb",
    trigger_label: str = "the triggering event",
) -> Computation:
    """End of a period of ``amount`` ``unit`` after ``trigger``, moved off weekends/holidays."""
    law = _law(law)
    raw = add_period(trigger, amount, unit)
    rule = {
        Unit.DAY: "counting days",
        Unit.WEEK: "a week period ends on the same weekday",
        Unit.MONTH: "a month period ends on the same day number",
        Unit.YEAR: "a year period ends on the same day and month",
    }[unit]
    clamp = ""
    if unit in (Unit.MONTH, Unit.YEAR) and raw.day != trigger.day:
        clamp = f"; that month has no day {trigger.day}, so its last day counts (§ 188 Abs. 3 BGB)"
    steps = [
        f"The period starts the day after {trigger_label} on {fmt(trigger)}, which is not "
        f"counted (§ 187 Abs. 1 BGB; {_COUNTING_LAW[law]}).",
        f"{_describe_period(amount, unit)}: {rule} (§ 188 Abs. 1, 2 BGB) → {fmt(raw)}{clamp}.",
    ]
    moved = roll_forward(raw, state=state, law=law)
    return Computation(moved.date, (*steps, *moved.steps))


# --------------------------------------------------------------------------- Bekanntgabe


@lru_cache(maxsize=4096)  # pure; analysis meets the same dates again and again
def deemed_notification(
    sent: dt.date, *, law: str = "sgb", state: str | None = None
) -> Computation:
    """Day a posted or electronically sent letter counts as received (Bekanntgabefiktion).

    3rd day after posting for items posted up to 31.12.2024, 4th day from
    01.01.2025 (Postrechtsmodernisierungsgesetz). Social law (SGB X): a deemed
    day on a weekend or holiday stays (BSG, 06.05.2010, B 14 AS 12/09 R). Tax law
    (AO): it moves to the next working day (BFH, 14.10.2003, IX R 68/98, § 108
    Abs. 3 AO). VwVfG: we follow the SGB X handling – § 41 Abs. 2 VwVfG has the
    same wording as § 37 Abs. 2 SGB X and the BSG reasoning carries over (the
    fiction is no "Frist"); the case law there is not uniform, so this is a
    documented choice, and it gives the earlier, safe date.
    """
    law = _law(law)
    days = 4 if sent >= FOUR_DAY_RULE_FROM else 3
    deemed = sent + dt.timedelta(days=days)
    rule = (
        "4th day (rule for items sent from 01.01.2025, Postrechtsmodernisierungsgesetz)"
        if days == 4
        else "3rd day (rule for items sent up to 31.12.2024)"
    )
    steps = [
        f"Letter posted/sent on {fmt(sent)}.",
        f"Bekanntgabe is deemed on the {rule} after posting ({_NOTIFICATION_LAW[law]}): "
        f"{fmt(deemed)}.",
    ]
    if is_working_day(deemed, state):
        return Computation(deemed, tuple(steps))
    why = _why_not_working(deemed, state)
    if law == "ao":
        moved = roll_forward(deemed, state=state, law=law).date
        steps.append(
            f"{fmt(deemed)} is {why}; in tax law the deemed day moves to the next working "
            f"day, {fmt(moved)} (§ 108 Abs. 3 AO; BFH IX R 68/98)."
        )
        return Computation(moved, tuple(steps))
    case = "BSG B 14 AS 12/09 R" if law == "sgb" else "following BSG B 14 AS 12/09 R for SGB X"
    steps.append(f"{fmt(deemed)} is {why}; the deemed day stays unchanged ({case}).")
    return Computation(deemed, tuple(steps))


@lru_cache(maxsize=4096)  # pure; analysis meets the same dates again and again
def deadline_after_notification(
    sent: dt.date,
    amount: int,
    unit: Unit,
    *,
    law: str = "sgb",
    state: str | None = None,
) -> Computation:
    """Period "innerhalb von N … nach Bekanntgabe/Erhalt/Zugang", from the deemed Bekanntgabe."""
    notified = deemed_notification(sent, law=law, state=state)
    end = period_end(
        notified.date, amount, unit, state=state, law=law, trigger_label="the Bekanntgabe"
    )
    return Computation(end.date, (*notified.steps, *end.steps))


@lru_cache(maxsize=4096)  # pure; analysis meets the same dates again and again
def deadline_after_date(
    day: dt.date,
    amount: int,
    unit: Unit,
    *,
    law: str = "sgb",
    state: str | None = None,
) -> Computation:
    """Period "innerhalb von N … ab Datum dieses Schreibens", from the letter date itself."""
    return period_end(day, amount, unit, state=state, law=law, trigger_label="the letter date")


@lru_cache(maxsize=4096)  # pure; analysis meets the same dates again and again
def objection_deadline(
    sent: dt.date,
    *,
    law: str = "sgb",
    state: str | None = None,
    instructed: bool = True,
    amount: int = 1,
    unit: Unit = Unit.MONTH,
) -> Computation:
    """Last day for Widerspruch/Einspruch/Klage against a decision posted on ``sent``.

    With a Rechtsbehelfsbelehrung the period it states (normally one month); without
    one (or with a wrong one) one year after Bekanntgabe.
    """
    law = _law(law)
    notified = deemed_notification(sent, law=law, state=state)
    if instructed:
        head = (
            f"Rechtsbehelfsbelehrung given: {_describe_period(amount, unit)} after "
            f"Bekanntgabe ({_OBJECTION_LAW[law]})."
        )
    else:
        amount, unit = 1, Unit.YEAR
        head = (
            "No Rechtsbehelfsbelehrung found in this decision: the objection is possible "
            f"within one year after Bekanntgabe ({_NO_INSTRUCTION_LAW[law]})."
        )
    end = period_end(
        notified.date, amount, unit, state=state, law=law, trigger_label="the Bekanntgabe"
    )
    return Computation(end.date, (*notified.steps, head, *end.steps))


def explicit_deadline(day: dt.date, *, law: str = "sgb", state: str | None = None) -> Computation:
    """A date the agency set as end of a period: moved off weekends/holidays.

    § 26 Abs. 3 Satz 1 SGB X and § 31 Abs. 3 Satz 1 VwVfG also cover periods set
    by the agency (unless it named the day "unter Hinweis auf diese Vorschrift",
    Satz 2 – the caller checks for that); § 108 Abs. 3 AO likewise. Appointments
    are not periods and are never passed here.
    """
    return roll_forward(day, state=state, law=law)
