"""The safe-date policy (issue 14): where the law leaves a choice, the earliest date.

E-mail receipt instead of the Bekanntgabe fiction, Werktage and Arbeitstage,
the Länder's holidays checked against a table written from the Länder's
holiday laws (independent of the ``holidays`` package the code uses), and an
unknown Land giving the earliest end.
"""

from __future__ import annotations

import datetime as dt

import pytest

from helperdesk.analysis.agencies import detect_agency_in_mail
from helperdesk.analysis.analyze import holiday_state
from helperdesk.analysis.deadlines import periods as fristen
from helperdesk.analysis.deadlines.extract import extract_deadlines
from helperdesk.analysis.deadlines.periods import Unit
from helperdesk.analysis.deadlines.safe import deadline_after_receipt, working_day_period_end
from helperdesk.analysis.regions import STATES
from helperdesk.intake.prepare import prepare_mail
from helperdesk.mail.parse import parse_message

D = dt.date
MON = D(2025, 3, 3)  # a Monday; deemed Bekanntgabe Fri 07.03.2025

REQUEST = (
    "Sehr geehrte Frau Yilmaz,\n\nbitte senden Sie uns die Kontoauszüge der letzten drei "
    "Monate innerhalb von zwei Wochen nach Erhalt dieser Nachricht zu.\n"
)


def dates(text: str, **kw: object) -> list[tuple[dt.date, str]]:
    kw.setdefault("letter_date", MON)
    kw.setdefault("state", "BY")
    return [(s.date, s.kind.value) for s in extract_deadlines(text, **kw)]  # type: ignore[arg-type]


# --------------------------------------------------------------------- e-mail receipt


def test_receipt_of_an_email_counts_from_the_day_it_arrived_and_names_the_later_date() -> None:
    comp = deadline_after_receipt(MON, 2, Unit.WEEK, state="BY")
    assert comp.date == D(2025, 3, 17)
    assert "Mon 03.03.2025" in comp.steps[0]
    assert "Fri 21.03.2025" in comp.steps[-1]  # the later, Verwaltungsakt reading


def test_posted_letter_keeps_the_fiction_email_does_not() -> None:
    assert dates(REQUEST) == [(D(2025, 3, 21), "submit")]
    assert dates(REQUEST, electronic=True) == [(D(2025, 3, 17), "submit")]


def test_email_that_is_clearly_a_verwaltungsakt_keeps_the_fiction() -> None:
    text = REQUEST + "\nDieser Bescheid wird hiermit bewilligt.\n"
    found = dates(text, electronic=True, letter_type="bescheid")
    assert (D(2025, 3, 21), "submit") in found  # no Rechtsbehelfsbelehrung: one year, too
    assert (D(2025, 3, 17), "submit") not in found


def test_email_without_named_start_counts_from_arrival() -> None:
    text = "Bitte reichen Sie die Nachweise innerhalb von 10 Tagen ein.\n"
    assert dates(text, electronic=True) == [(D(2025, 3, 13), "submit")]
    assert dates(text) == [(D(2025, 3, 17), "submit")]


def test_analysis_of_a_real_mail_uses_arrival() -> None:
    raw = (
        "From: team@jobcenter-ge.de\r\nTo: a@example.org\r\nSubject: Unterlagen\r\n"
        "Date: Mon, 03 Mar 2025 10:00:00 +0100\r\nMessage-ID: <x1@example.org>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n" + REQUEST.replace("\n", "\r\n")
    ).encode()
    found = {(d.date, d.kind.value) for d in prepare_mail(raw, state="BY").analysis.deadlines}
    assert (D(2025, 3, 17), "submit") in found
    assert all(d <= D(2025, 3, 17) for d, _ in found)


# --------------------------------------------------------------------- Werktage


def test_werktage_count_saturdays_and_name_the_monday_to_friday_reading() -> None:
    thu = D(2025, 3, 6)
    comp = working_day_period_end(thu, 3, saturdays=True, state="BY")
    assert comp.date == D(2025, 3, 10)  # Fri, Sat, Mon
    assert "Tue 11.03.2025" in comp.steps[-1]
    assert working_day_period_end(thu, 3, saturdays=False, state="BY").date == D(2025, 3, 11)


def test_werktag_period_ending_on_saturday_moves_to_monday() -> None:
    comp = working_day_period_end(D(2025, 3, 4), 4, saturdays=True, state="BE")
    assert comp.date == D(2025, 3, 10)


def test_werktage_skip_the_lands_holidays_only() -> None:
    # Wed 29.10.2025 + 2 Arbeitstage: Thu 30, Fri 31 – a holiday in SN (Reformationstag).
    start = D(2025, 10, 29)
    assert working_day_period_end(start, 2, saturdays=False, state="BY").date == D(2025, 10, 31)
    assert working_day_period_end(start, 2, saturdays=False, state="SN").date == D(2025, 11, 3)
    assert working_day_period_end(start, 2, saturdays=False, state=None).date == D(2025, 10, 31)


def test_werktage_in_text_are_computed() -> None:
    thu = D(2025, 3, 6)
    text = "Bitte reichen Sie die Unterlagen innerhalb von 3 Werktagen nach Erhalt ein.\n"
    assert dates(text, letter_date=thu, electronic=True) == [(D(2025, 3, 10), "submit")]
    arbeit = text.replace("Werktagen", "Arbeitstagen")
    assert dates(arbeit, letter_date=thu, electronic=True) == [(D(2025, 3, 11), "submit")]


# --------------------------------------------------------------------- holidays


def test_24_and_31_december_are_working_days() -> None:
    for state in [None, *STATES]:
        for day in (D(2025, 12, 24), D(2025, 12, 31), D(2026, 12, 24), D(2026, 12, 31)):
            assert fristen.is_working_day(day, state), (day, state)
            assert fristen.explicit_deadline(day, state=state).date == day


# Written from the Länder's Feiertagsgesetze, not from the holidays package.
LAND_HOLIDAYS: dict[str, tuple[dt.date, frozenset[str]]] = {
    "Heilige Drei Könige": (D(2027, 1, 6), frozenset({"BW", "BY", "ST"})),
    "Frauentag": (D(2027, 3, 8), frozenset({"BE", "MV"})),
    "Fronleichnam": (D(2026, 6, 4), frozenset({"BW", "BY", "HE", "NW", "RP", "SL"})),
    "Mariä Himmelfahrt": (D(2025, 8, 15), frozenset({"SL"})),
    "Weltkindertag": (D(2027, 9, 20), frozenset({"TH"})),
    "Reformationstag": (
        D(2025, 10, 31),
        frozenset({"BB", "HB", "HH", "MV", "NI", "SN", "ST", "SH", "TH"}),
    ),
    "Allerheiligen": (D(2027, 11, 1), frozenset({"BW", "BY", "NW", "RP", "SL"})),
    "Buß- und Bettag": (D(2025, 11, 19), frozenset({"SN"})),
}


@pytest.mark.parametrize("name", sorted(LAND_HOLIDAYS))
def test_land_holidays_per_land_and_unknown_land_gives_earliest(name: str) -> None:
    day, lands = LAND_HOLIDAYS[name]
    assert day.weekday() < 5
    for state in STATES:
        assert fristen.is_working_day(day, state) == (state not in lands), (name, state)
        moved = fristen.explicit_deadline(day, state=state).date
        assert (moved > day) == (state in lands), (name, state)
    assert fristen.is_working_day(day, None)
    assert fristen.explicit_deadline(day, state=None).date == day


def test_local_catholic_holidays_are_not_moved_but_explained() -> None:
    # Mariä Himmelfahrt in Bavaria, Fronleichnam in Saxony and Thuringia: only some places.
    for day, state in ((D(2025, 8, 15), "BY"), (D(2026, 6, 4), "SN"), (D(2026, 6, 4), "TH")):
        comp = fristen.explicit_deadline(day, state=state)
        assert comp.date == day
        assert comp.steps and "some municipalities" in comp.steps[0]


def test_nationwide_holidays_move_even_with_unknown_land() -> None:
    assert fristen.explicit_deadline(D(2025, 10, 3), state=None).date == D(2025, 10, 6)
    assert fristen.explicit_deadline(D(2026, 12, 25), state=None).date == D(2026, 12, 28)


def test_every_land_code_is_known_to_the_holiday_calendar() -> None:
    assert {fristen.normalise_state(s) for s in STATES} == set(STATES)
    assert fristen.normalise_state("Atlantis") is None


def test_unknown_land_names_the_lands_where_the_day_is_a_holiday() -> None:
    comp = fristen.explicit_deadline(D(2025, 10, 31), state=None)
    assert comp.date == D(2025, 10, 31)
    note = comp.steps[0]
    assert "Reformationstag" in note and "SN" in note and "BY" not in note
    assert fristen.explicit_deadline(D(2025, 10, 30), state=None).steps == ()


def test_holiday_land_is_the_agencys_seat_or_nationwide_for_federal_agencies() -> None:
    def state_of(sender: str, body: str, household: str | None = "BY") -> str | None:
        raw = (f"From: {sender}\r\nSubject: x\r\nDate: Mon, 03 Mar 2025 09:00:00 +0100\r\n"
               f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()
        mail = parse_message(raw)
        agency = detect_agency_in_mail(mail)
        return holiday_state(mail, agency, [], household)

    assert state_of("abh@leipzig.de", "Ausländerbehörde Leipzig") == "SN"  # the city's Land
    assert state_of("x@jobcenter-ge.de", "Ihr Jobcenter München\nBürgergeld") == "BY"  # local
    assert state_of("familienkasse-nord@arbeitsagentur.de", "Familienkasse Nord\nKindergeld") \
        is None
    assert state_of("a@example.org", "Hallo", household=None) is None
