"""Legal deadline arithmetic: the worked examples of issue 3 and general properties."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helperdesk.analysis.deadlines import periods as fristen
from helperdesk.analysis.deadlines.periods import Unit

D = dt.date
STATES = [None, "BB", "BE", "BW", "BY", "HB", "HE", "HH", "MV", "NI", "NW", "RP", "SH", "SL",
          "SN", "ST", "TH"]  # fmt: skip
dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31))
laws = st.sampled_from(fristen.LAWS)
states = st.sampled_from(STATES)
units = st.sampled_from(list(Unit))


# --------------------------------------------------------------------- worked examples


@pytest.mark.parametrize(
    ("posted", "law", "deemed", "end"),
    [
        (D(2025, 3, 3), "sgb", D(2025, 3, 7), D(2025, 4, 7)),
        (D(2024, 12, 18), "sgb", D(2024, 12, 21), D(2025, 1, 21)),
        (D(2024, 12, 30), "sgb", D(2025, 1, 2), D(2025, 2, 3)),
        (D(2025, 1, 27), "sgb", D(2025, 1, 31), D(2025, 2, 28)),
        (D(2025, 3, 11), "sgb", D(2025, 3, 15), D(2025, 4, 15)),
        (D(2025, 3, 11), "ao", D(2025, 3, 17), D(2025, 4, 17)),
    ],
)
def test_worked_objection_examples(
    posted: dt.date, law: str, deemed: dt.date, end: dt.date
) -> None:
    assert fristen.deemed_notification(posted, law=law, state="BY").date == deemed
    result = fristen.objection_deadline(posted, law=law, state="BY")
    assert result.date == end
    assert result.steps
    assert any("Bekanntgabe" in s for s in result.steps)


def test_deemed_day_on_weekend_stays_in_social_law_and_says_why() -> None:
    result = fristen.deemed_notification(D(2024, 12, 18), law="sgb", state="BE")
    assert result.date == D(2024, 12, 21)
    assert "B 14 AS 12/09 R" in result.steps[-1]
    assert "3rd day" in result.steps[1]


def test_deemed_day_moves_in_tax_law_and_follows_sgb_in_vwvfg() -> None:
    ao = fristen.deemed_notification(D(2025, 3, 11), law="ao", state="BY")
    assert ao.date == D(2025, 3, 17)
    assert "IX R 68/98" in ao.steps[-1]
    assert fristen.deemed_notification(D(2025, 3, 11), law="vwvfg", state="BY").date == D(
        2025, 3, 15
    )


def test_four_day_rule_starts_with_items_posted_in_2025() -> None:
    assert fristen.deemed_notification(D(2024, 12, 31)).date == D(2025, 1, 3)
    assert fristen.deemed_notification(D(2025, 1, 1)).date == D(2025, 1, 5)


@pytest.mark.parametrize(("state", "end"), [("BY", 20), ("NW", 20), ("HE", 20), ("BE", 19)])
def test_fronleichnam(state: str, end: int) -> None:
    result = fristen.explicit_deadline(D(2025, 6, 19), state=state)
    assert result.date == D(2025, 6, end)
    assert bool(result.steps) == (end == 20)


@pytest.mark.parametrize(("state", "end"), [("SN", 20), ("BY", 19), ("BE", 19), (None, 19)])
def test_buss_und_bettag_only_in_saxony(state: str | None, end: int) -> None:
    assert fristen.explicit_deadline(D(2025, 11, 19), state=state).date == D(2025, 11, end)


def test_christmas_end_moves_over_the_holidays_and_the_weekend() -> None:
    result = fristen.explicit_deadline(D(2025, 12, 25), state=None)
    assert result.date == D(2025, 12, 29)
    assert "Erster Weihnachtstag" in result.steps[0]
    assert "§ 26 Abs. 3 SGB X" in result.steps[0]
    assert "§ 108 Abs. 3 AO" in fristen.explicit_deadline(D(2025, 12, 25), law="ao").steps[0]


def test_two_weeks_from_a_deemed_friday() -> None:
    result = fristen.deadline_after_notification(D(2025, 3, 3), 2, Unit.WEEK, state="BY")
    assert result.date == D(2025, 3, 21)
    assert fristen.period_end(D(2025, 3, 7), 2, Unit.WEEK, state="BY").date == D(2025, 3, 21)


def test_missing_rechtsbehelfsbelehrung_gives_one_year_with_citation() -> None:
    sgb = fristen.objection_deadline(D(2025, 3, 3), state="BE", instructed=False)
    assert sgb.date == D(2026, 3, 9)  # Sat 07.03.2026 -> Mon 09.03.2026
    assert any("§ 66 Abs. 2 SGG" in s for s in sgb.steps)
    ao = fristen.objection_deadline(D(2025, 3, 11), law="ao", state="NW", instructed=False)
    assert ao.date == D(2026, 3, 17)
    assert any("§ 356 Abs. 2 AO" in s for s in ao.steps)
    vw = fristen.objection_deadline(D(2025, 3, 3), law="vwvfg", instructed=False)
    assert any("§ 58 Abs. 2 VwGO" in s for s in vw.steps)


def test_local_catholic_holiday_is_not_applied_but_explained() -> None:
    result = fristen.explicit_deadline(D(2025, 8, 15), state="BY")  # Mariä Himmelfahrt
    assert result.date == D(2025, 8, 15)
    assert "Mariä Himmelfahrt" in result.steps[0]
    augsburg = fristen.explicit_deadline(D(2025, 8, 8), state="BY")  # Friedensfest
    assert augsburg.date == D(2025, 8, 8)
    assert "Friedensfest" in augsburg.steps[0]


def test_state_names_and_unknown_states() -> None:
    assert fristen.normalise_state("by") == "BY"
    assert fristen.normalise_state("Bayern") == "BY"
    assert fristen.normalise_state("Augsburg") is None
    assert fristen.normalise_state("XX") is None
    assert fristen.normalise_state(None) is None
    # Unknown state: national holidays only (Fronleichnam is not national).
    assert fristen.explicit_deadline(D(2025, 6, 19), state="XX").date == D(2025, 6, 19)
    assert fristen.is_working_day(D(2025, 10, 3), None) is False


def test_month_and_year_clamping() -> None:
    assert fristen.add_period(D(2025, 1, 31), 1, Unit.MONTH) == D(2025, 2, 28)
    assert fristen.add_period(D(2024, 1, 31), 1, Unit.MONTH) == D(2024, 2, 29)
    assert fristen.add_period(D(2024, 2, 29), 1, Unit.YEAR) == D(2025, 2, 28)
    assert fristen.add_period(D(2025, 8, 31), 1, Unit.MONTH) == D(2025, 9, 30)
    assert fristen.add_period(D(2025, 3, 7), 14, Unit.DAY) == D(2025, 3, 21)
    steps = fristen.period_end(D(2025, 1, 31), 1, Unit.MONTH, state=None).steps
    assert any("§ 188 Abs. 3 BGB" in s for s in steps)
    with pytest.raises(ValueError, match="negative"):
        fristen.add_period(D(2025, 1, 1), -1, Unit.DAY)


# --------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(0, 60), units, states, laws)
def test_period_end_is_a_working_day_with_explanation(
    start: dt.date, amount: int, unit: Unit, state: str | None, law: str
) -> None:
    result = fristen.period_end(start, amount, unit, state=state, law=law)
    assert fristen.is_working_day(result.date, state)
    assert result.date >= fristen.add_period(start, amount, unit)
    assert (result.date - fristen.add_period(start, amount, unit)).days <= 5
    assert result.steps


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(1, 3), units, states, laws)
def test_deadline_after_notification_is_a_working_day(
    sent: dt.date, amount: int, unit: Unit, state: str | None, law: str
) -> None:
    result = fristen.deadline_after_notification(sent, amount, unit, law=law, state=state)
    assert fristen.is_working_day(result.date, state)
    assert result.date > sent
    assert result.steps


@settings(max_examples=300, deadline=None)
@given(dates, dates, states, laws, st.booleans())
def test_objection_deadline_is_monotonic(
    a: dt.date, b: dt.date, state: str | None, law: str, instructed: bool
) -> None:
    first, second = sorted((a, b))
    x = fristen.objection_deadline(first, law=law, state=state, instructed=instructed)
    y = fristen.objection_deadline(second, law=law, state=state, instructed=instructed)
    assert x.date <= y.date
    assert fristen.is_working_day(x.date, state)


@settings(max_examples=300, deadline=None)
@given(dates, dates, st.integers(0, 40), units)
def test_add_period_is_monotonic_and_clamps(a: dt.date, b: dt.date, n: int, unit: Unit) -> None:
    first, second = sorted((a, b))
    assert fristen.add_period(first, n, unit) <= fristen.add_period(second, n, unit)
    end = fristen.add_period(a, n, unit)
    if unit in (Unit.MONTH, Unit.YEAR):
        last = calendar.monthrange(end.year, end.month)[1]
        assert end.day == min(a.day, last)
        months = n if unit is Unit.MONTH else 12 * n
        assert (end.year * 12 + end.month) - (a.year * 12 + a.month) == months
    elif unit is Unit.WEEK:
        assert end.weekday() == a.weekday()


@settings(max_examples=200, deadline=None)
@given(dates, states, laws)
def test_explicit_deadline_moves_only_forward_to_working_days(
    day: dt.date, state: str | None, law: str
) -> None:
    result = fristen.explicit_deadline(day, law=law, state=state)
    assert result.date >= day
    assert fristen.is_working_day(result.date, state)
    assert (result.date == day) == fristen.is_working_day(day, state)
    if result.date != day:
        assert result.steps
