"""Deadline extraction from German agency text, German date parsing, letter dates."""

from __future__ import annotations

import datetime as dt
import random
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helperdesk.analysis.dates_de import find_dates, parse_date
from helperdesk.analysis.deadlines import cue_scan
from helperdesk.analysis.deadlines import text as deadline_text
from helperdesk.analysis.deadlines.extract import extract_deadlines, find_letter_date
from helperdesk.model import DeadlineBasis, DeadlineKind, DeadlineSuggestion

D = dt.date
LETTER = D(2025, 3, 3)  # a Monday; deemed Bekanntgabe Fri 07.03.2025


def found(text: str, **kw: object) -> list[tuple[str, str, str | None]]:
    kw.setdefault("letter_date", LETTER)
    kw.setdefault("state", "BY")
    result = extract_deadlines(text, **kw)  # type: ignore[arg-type]
    return [
        (s.date.isoformat(), s.kind.value, s.time.strftime("%H:%M") if s.time else None)
        for s in result
    ]


# --------------------------------------------------------------------- date parsing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15.12.2026", D(2026, 12, 15)),
        ("15.12.26", D(2026, 12, 15)),
        ("3. Februar 2027", D(2027, 2, 3)),
        ("03. Feb. 2027", D(2027, 2, 3)),
        ("1.1.2027", D(2027, 1, 1)),
        ("3. März 2025", D(2025, 3, 3)),
        ("3. Maerz 2025", D(2025, 3, 3)),
        ("2027-01-12", D(2027, 1, 12)),
        ("29.02.2024", D(2024, 2, 29)),
        ("31.02.2025", None),
        ("29.02.2025", None),
        ("32.01.2025", None),
        ("15.13.2025", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Tel. 089/12.34.56",
        "Betrag 1.234,56 EUR",
        "Zimmer 2.14",
        "IBAN DE02 7015 0000 0012 3456 78",
        "Version 1.2.3.4",
        "Mailadresse",
        "um 9.30 Uhr",
    ],
)
def test_number_groups_are_not_dates(text: str) -> None:
    assert [h for h in find_dates(text) if h.date is not None] == []


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)))
def test_every_numeric_date_round_trips(day: dt.date) -> None:
    assert parse_date(f"{day:%d.%m.%Y}") == day
    assert parse_date(f"{day.day}.{day.month}.{day.year}") == day
    assert parse_date(f"{day:%d.%m.%y}") == day


# --------------------------------------------------------------------- letter date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jobcenter München\nOrleansplatz 11\n\nMünchen, 03.03.2025\n\nSehr geehrte", LETTER),
        ("Frau X\ngeb. 01.01.1980\nDatum: 03.03.2025\n", LETTER),
        ("Amt\nDatum 3. März 2025\nBetreff", LETTER),
        ("Berlin, den 3. März 2025", LETTER),
        ("Frankfurt am Main, 03.03.2025", LETTER),
        (
            "Ihr Zeichen  Ihre Nachricht vom  Unser Zeichen  Datum\n"
            "-  12.02.2025  MW-1  03.03.2025",
            LETTER,
        ),
        ("Amt\nStraße 1\n\n03.03.2025\n\nSehr geehrte Frau", LETTER),
        ("Frau Y, geb. 14.06.1988\nfür den Zeitraum 01.01.2025 bis 31.03.2025", None),
        ("Ihr Schreiben vom 12.02.2025", None),
        ("", None),
    ],
)
def test_find_letter_date(text: str, expected: dt.date | None) -> None:
    assert find_letter_date(text) == expected


# --------------------------------------------------------------------- explicit dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bitte reichen Sie die Unterlagen bis zum 15.12.2026 ein.", ("2026-12-15", "submit")),
        (
            "Senden Sie uns die Nachweise spätestens bis 3. Februar 2027 zu.",
            ("2027-02-03", "submit"),
        ),
        ("Bitte legen Sie die Belege bis 08.01.27 vor.", ("2027-01-08", "submit")),
        ("Legen Sie den Mietvertrag bis spätestens 15.04.2025 vor.", ("2025-04-15", "submit")),
        ("Die Nachweise müssen spätestens am 15.04.2025 vorliegen.", ("2025-04-15", "submit")),
        ("Reichen Sie den Antrag bis einschließlich 15.04.2025 ein.", ("2025-04-15", "submit")),
        ("Bitte senden Sie die Unterlagen bis Dienstag, 15.04.2025 zu.", ("2025-04-15", "submit")),
        ("Bitte überweisen Sie 50,00 EUR bis zum 15.04.2025.", ("2025-04-15", "payment")),
        ("Der Betrag ist am 15.04.2025 fällig.", ("2025-04-15", "payment")),
        ("Zahlen Sie den Rückstand bis spätestens 15.04.2025.", ("2025-04-15", "payment")),
        ("Sie haben Gelegenheit, sich bis zum 15.04.2025 zu äußern.", ("2025-04-15", "submit")),
        ("Bitte melden Sie sich bis zum 15.04.2025 bei uns.", ("2025-04-15", "other")),
        ("Ihr Aufenthaltstitel ist gültig bis 14.02.2027.", ("2027-02-14", "renewal")),
        ("Ihre Aufenthaltserlaubnis läuft am 14.02.2027 ab.", ("2027-02-14", "renewal")),
        ("Bitte reichen Sie die Unterlagen bis Ende April 2025 ein.", ("2025-04-30", "submit")),
        ("Antwort bitte bis 15.04.", ("2025-04-15", "submit")),
    ],
)
def test_explicit_deadlines(text: str, expected: tuple[str, str]) -> None:
    assert [(d, k) for d, k, _ in found(text)] == [expected]


def test_explicit_deadline_on_weekend_moves_and_explains() -> None:
    [s] = extract_deadlines(
        "Bitte legen Sie uns bis zum 15.03.2026 die Unterlagen vor.",
        letter_date=D(2026, 2, 16),
        state="HH",
        law="vwvfg",
    )
    assert s.date == D(2026, 3, 16)
    assert s.basis is DeadlineBasis.EXPLICIT
    assert any("§ 31 Abs. 3 VwVfG" in step for step in s.explanation)


def test_explicit_deadline_on_working_day_has_no_explanation() -> None:
    [s] = extract_deadlines("Bitte reichen Sie alles bis zum 14.03.2025 ein.", letter_date=LETTER)
    assert s.explanation == ()
    assert s.evidence == "Bitte reichen Sie alles bis zum 14.03.2025 ein."


def test_two_deadlines_in_one_sentence_get_their_own_kinds() -> None:
    text = (
        "Bitte reichen Sie die Nachweise bis zum 15.04.2025 ein und überweisen Sie den "
        "Betrag von 20 EUR bis zum 30.04.2025."
    )
    assert found(text) == [("2025-04-15", "submit", None), ("2025-04-30", "payment", None)]


# --------------------------------------------------------------------- appointments


@pytest.mark.parametrize(
    "text",
    [
        "Termin am Dienstag, 12.01.2027 um 09:30 Uhr, Zimmer 2.14",
        "Wir laden Sie zu einem Meldetermin am 12.01.2027, 9:30 Uhr ein.",
        "Einladung zum Gespräch am 12.01.2027 um 9.30 Uhr in Raum 2.14.",
        "Bitte erscheinen Sie persönlich am 12. Januar 2027 um 9:30 Uhr.",
        "Ihr Termin:\nDatum: Dienstag, 12.01.2027\nUhrzeit: 09:30 Uhr\nOrt: Zimmer 2.14",
    ],
)
def test_appointments(text: str) -> None:
    result = extract_deadlines(text, letter_date=D(2026, 12, 15), state="BY")
    assert [(s.date, s.kind, s.time) for s in result] == [
        (D(2027, 1, 12), DeadlineKind.APPOINTMENT, dt.time(9, 30))
    ]
    assert result[0].explanation == ()


def test_appointment_place_and_never_moved() -> None:
    [s] = extract_deadlines(
        "Termin am Samstag, 16.01.2027 um 09:30 Uhr, Zimmer 2.14, 2. OG",
        letter_date=D(2026, 12, 15),
    )
    assert s.date == D(2027, 1, 16)  # a Saturday, yet an appointment stays
    assert s.place.startswith("Zimmer 2.14")


def test_opening_hours_and_date_stamps_are_no_appointments() -> None:
    text = (
        "Öffnungszeiten: Mo - Fr 08:00 - 12:00 Uhr.\n\n"
        "Von: Jobcenter <a@b.de>\nGesendet: Montag, 3. März 2025 10:15\nAn: x@y.de\n"
    )
    assert found(text) == []


# --------------------------------------------------------------------- relative periods


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bitte reichen Sie die Unterlagen innerhalb von zwei Wochen ein.", "2025-03-21"),
        ("Bitte reichen Sie die Unterlagen innerhalb von 14 Tagen nach Erhalt ein.", "2025-03-21"),
        ("Senden Sie uns den Nachweis binnen drei Wochen nach Zugang zu.", "2025-03-28"),
        ("Legen Sie die Belege innerhalb eines Monats nach Bekanntgabe vor.", "2025-04-07"),
        (
            "Bitte reichen Sie die Unterlagen innerhalb von zwei Wochen ab Datum dieses "
            "Schreibens ein.",
            "2025-03-17",
        ),
    ],
)
def test_relative_periods(text: str, expected: str) -> None:
    [s] = extract_deadlines(text, letter_date=LETTER, state="BY")
    assert s.date.isoformat() == expected
    assert s.kind is DeadlineKind.SUBMIT
    assert s.basis is DeadlineBasis.COMPUTED
    assert s.explanation


def test_relative_period_without_letter_date_is_not_computed() -> None:
    assert found("Bitte reichen Sie alles innerhalb von zwei Wochen ein.", letter_date=None) == []


@pytest.mark.parametrize(
    "text",
    [
        "Änderungen Ihrer Verhältnisse müssen Sie innerhalb einer Woche mitteilen.",
        "Falls Sie umziehen, teilen Sie uns dies innerhalb von zwei Wochen mit.",
        "Sie erhalten innerhalb von zwei Wochen einen Bescheid.",
        "Die Bearbeitung dauert in der Regel innerhalb von vier Wochen.",
        "Bitte reichen Sie innerhalb von zwei Wochen nach Ihrem Umzug die Meldebescheinigung ein.",
    ],
)
def test_relative_non_deadlines(text: str) -> None:
    assert found(text) == []


# --------------------------------------------------------------------- objections

RBB = (
    "Rechtsbehelfsbelehrung\nGegen diesen Bescheid kann innerhalb eines Monats nach "
    "Bekanntgabe Widerspruch erhoben werden."
)


def test_bescheid_with_rechtsbehelfsbelehrung() -> None:
    text = f"Bescheid über Leistungen\n\nHiermit bewillige ich Ihnen Leistungen.\n\n{RBB}"
    [s] = extract_deadlines(text, letter_date=LETTER, state="BY")
    assert (s.date, s.kind, s.basis) == (
        D(2025, 4, 7),
        DeadlineKind.OBJECTION,
        DeadlineBasis.COMPUTED,
    )
    assert any("§ 37 Abs. 2 SGB X" in step for step in s.explanation)
    assert "Widerspruch" in s.evidence


def test_einspruch_under_ao_moves_the_deemed_day() -> None:
    text = (
        "Bescheid über Kindergeld\n\nIhr Antrag wird abgelehnt.\n\nRechtsbehelfsbelehrung\n"
        "Sie können gegen diesen Bescheid innerhalb eines Monats nach seiner Bekanntgabe "
        "Einspruch einlegen."
    )
    result = extract_deadlines(text, letter_date=D(2025, 3, 11), law="ao", state="BY")
    assert [(s.date, s.kind) for s in result] == [(D(2025, 4, 17), DeadlineKind.OBJECTION)]


def test_bescheid_without_rechtsbehelfsbelehrung_gets_one_year() -> None:
    text = "Bewilligungsbescheid\n\nIhnen werden Leistungen bewilligt."
    [s] = extract_deadlines(text, letter_date=LETTER, state="BE")
    assert (s.date, s.kind) == (D(2026, 3, 9), DeadlineKind.OBJECTION)
    assert any("§ 66 Abs. 2 SGG" in step for step in s.explanation)


def test_letter_type_from_classifier_is_respected() -> None:
    text = f"Sehr geehrte Frau X,\n\n{RBB}"
    assert found(text, letter_type="einladung_termin") == []
    assert found(text, letter_type="bescheid") == [("2025-04-07", "objection", None)]
    assert found("Guten Tag, anbei Informationen.", letter_type="bescheid") == [
        ("2026-03-09", "objection", None)
    ]


@pytest.mark.parametrize(
    "text",
    [
        # An Anhörung announces a decision; it is none.
        "Anhörung nach § 24 SGB X\n\nWir beabsichtigen, den Bescheid vom 12.01.2024 aufzuheben.",
        # A Mitwirkungsaufforderung refers to an earlier Bescheid.
        "Ihr Bescheid vom 12.01.2025\n\nBitte beachten Sie, dass Leistungen versagt werden können.",
        "Information zum Regelbedarf\n\nDie Regelbedarfe steigen ab dem 01.01.2026.",
    ],
)
def test_no_objection_for_non_decisions(text: str) -> None:
    assert found(text) == []


# --------------------------------------------------------------------- renewals


def test_bewilligungszeitraum_gives_one_renewal_at_its_end() -> None:
    text = (
        "Bescheid\n\nFür den Bewilligungszeitraum vom 01.04.2025 bis 30.09.2025 werden "
        "Leistungen bewilligt.\nApril 2025: Leistungen vom 01.04.2025 bis 30.04.2025 bewilligt.\n"
        f"\n{RBB}"
    )
    result = extract_deadlines(text, letter_date=LETTER, state="BY")
    renewals = [s for s in result if s.kind is DeadlineKind.RENEWAL]
    assert [s.date for s in renewals] == [D(2025, 9, 30)]
    assert "Weiterbewilligungsantrag" in renewals[0].explanation[0]


def test_aufenthaltstitel_renewal_cites_aufenthg() -> None:
    [s] = extract_deadlines(
        "Ihre Aufenthaltserlaubnis ist gültig bis 14.02.2027.", letter_date=D(2026, 11, 10)
    )
    assert s.kind is DeadlineKind.RENEWAL
    assert s.date == D(2027, 2, 14)  # a Sunday: an expiry date is not moved
    assert "§ 81 Abs. 4 AufenthG" in s.explanation[0]


def test_past_or_aufgehoben_periods_are_no_renewals() -> None:
    text = (
        "Die Bewilligung für die Zeit vom 01.01.2025 bis 30.06.2025 wird aufgehoben. "
        "Leistungen für den Zeitraum 01.10.2024 bis 31.12.2024 wurden bewilligt."
    )
    assert [k for _, k, _ in found(text, letter_type="aufhebung_erstattung")] == ["objection"]


# --------------------------------------------------------------------- negatives


@pytest.mark.parametrize(
    "text",
    [
        "Frau Ayşe Yılmaz, geb. am 14.06.2030, wohnhaft in München.",
        "Geboren 14.06.2030 in Izmir.",
        "Ihr Schreiben vom 10.03.2025 haben wir erhalten.",
        "Ihr Antrag vom 01.04.2025 ist eingegangen.",
        "Leistungen ab dem 01.04.2025.",
        "Das Jobcenter ist vom 24.12.2025 bis 26.12.2025 geschlossen.",
        "Sie erhalten Leistungen bis zum 30.06.2025.",
        "Die Auszahlung erfolgt am 30.04.2025.",
        "Bitte reichen Sie die Unterlagen bis zum 01.03.2025 ein.",  # before the letter date
        "München, 03.03.2025",
        "Telefon 089/12.34.56.78, Fax 089 1234-5678",
    ],
)
def test_not_deadlines(text: str) -> None:
    assert found(text) == []


# --------------------------------------------------------------------- history and forwards


def test_quoted_history_is_ignored_when_there_is_own_text() -> None:
    quoted = "> Bitte reichen Sie die Unterlagen bis zum 24.03.2025 ein."
    own = "Sehr geehrter Herr Huber, anbei die Unterlagen. Mit freundlichen Grüßen"
    assert found(own, quoted_text=quoted) == []
    assert found(f"{own}\n\n{quoted}") == []  # ">" lines in text are history too


def test_a_bare_reply_passes_the_quoted_message_on() -> None:
    quoted = "Bitte reichen Sie die Unterlagen bis zum 24.03.2025 ein."
    assert found("", quoted_text=quoted) == [("2025-03-24", "submit", None)]


def test_forward_counts_and_anchors_relative_periods_on_the_original_date() -> None:
    text = (
        "Hallo, bitte schau mal.\n\n---------- Forwarded message ---------\n"
        "Von: Jobcenter <jc@jobcenter-ge.de>\nDate: Mo., 3. März 2025 um 10:12 Uhr\n"
        "Subject: Unterlagen\nTo: <x@example.de>\n\n"
        "Bitte senden Sie uns die Bescheinigung innerhalb von zwei Wochen nach Erhalt zu."
    )
    assert found(text, letter_date=D(2025, 3, 5)) == [("2025-03-21", "submit", None)]


# --------------------------------------------------------------------- robustness


def test_datetime_letter_date_and_unknown_law_do_not_crash() -> None:
    result = extract_deadlines(
        "Bitte reichen Sie alles bis zum 14.03.2025 ein.",
        letter_date=dt.datetime(2025, 3, 3, 10, 0),
        law="xyz",
        state="Nirgendwo",
    )
    assert [s.date for s in result] == [D(2025, 3, 14)]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.none() | st.dates(), st.sampled_from(["sgb", "ao", "vwvfg"]))
def test_never_crashes_and_only_future_dates(text: str, letter: dt.date | None, law: str) -> None:
    for s in extract_deadlines(text, letter_date=letter, law=law):
        assert isinstance(s, DeadlineSuggestion)
        if letter is not None:
            assert s.date > letter


def test_duplicates_are_merged() -> None:
    text = (
        "Bitte reichen Sie die Unterlagen bis zum 14.03.2025 ein. Wenn die Unterlagen nicht "
        "bis zum 14.03.2025 eingereicht werden, kann der Antrag abgelehnt werden."
    )
    assert found(text) == [("2025-03-14", "submit", None)]


def test_booking_confirmation_fields() -> None:
    text = (
        "Terminbestätigung\n\nAnliegen: Aufenthaltstitel abholen\n"
        "Termin: Mi, 14.01.2026\nBeginn: 10:15 Uhr\nStandort: Servicezentrum, Raum 3\n"
        "Datum: 02.01.2026\n"
    )
    got = extract_deadlines(text, letter_date=dt.date(2026, 1, 2), state="BY")
    appointments = [d for d in got if d.kind is DeadlineKind.APPOINTMENT]
    assert [(d.date, d.time) for d in appointments] == [(dt.date(2026, 1, 14), dt.time(10, 15))]
    assert appointments[0].place.startswith("Servicezentrum")
    # A letter's own "Datum:" line followed by no time is not an appointment.
    assert extract_deadlines("Termin\nDatum: 20.01.2026\n", letter_date=dt.date(2026, 1, 2)) == []


def _reference_split(paragraph: str) -> list[str]:
    """Sentence split with the documented pattern (_SENT_SPLIT), as it was first written."""
    out, start = [], 0
    for m in deadline_text._SENT_SPLIT.finditer(paragraph):
        stop = m.start() + 1
        tail = paragraph[max(0, stop - 12) : stop].rsplit(None, 1)[-1].lower()
        word = tail.removesuffix(".").lstrip('(„"')
        if tail.endswith(".") and (
            (word.isdigit() and len(word) <= 2) or word in deadline_text._ABBREVIATIONS
        ):
            continue
        out.append(paragraph[start:stop])
        start = m.end()
    out.append(paragraph[start:])
    return out


def test_sentence_split_points_match_the_documented_pattern() -> None:
    rng = random.Random(3)
    words = ["Bitte", "bis", "zum", "3.", "März.", "Nr.", "5", "geb.", "Maier!", "Sie?", "(Anlage)",
             "„Zitat.“", "Ende.", "ÄNDERUNG.", "12.", "z.B.", "Das", "i.v.m.", "x", "Abs."]
    for _ in range(3000):
        para = " ".join(rng.choice(words) for _ in range(rng.randint(1, 25)))
        spans = deadline_text._split_sentences(para)
        assert [para[a:b] for a, b in spans] == _reference_split(para)


# --------------------------------------------------------------------- pre-scan
# extract_deadlines and find_letter_date read only the lines a byte-level
# pre-scan names (deadline_text.scan). These pin spellings it must still see.


def test_prescan_character_tables_are_complete() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    spaces = set(re.findall(r"\s", every))
    assert spaces == {c for c in every if c.isspace()} == set(cue_scan._WHITESPACE)
    # Characters that str.lower() or a case-insensitive re treats like an
    # ASCII letter or umlaut without being one make the pre-scan read all lines.
    plain = set("abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ")
    like = set(re.findall(r"[a-zäöüß]", every, re.IGNORECASE))
    like |= {c for c in every if any(x in plain for x in c.lower())}
    assert like - plain == set(cue_scan._ODD_LETTERS)
    # So do digits other than 0-9 (re's \d matches them in dates).
    digits = set(re.findall(r"\d", every)) - set("0123456789")
    assert len(digits) > 600
    assert all(deadline_text.scan(f"x {c} y") is None for c in sorted(digits | like - plain))
    assert deadline_text.scan("x 1 y") is not None


@pytest.mark.parametrize(
    ("text", "kw", "expected"),
    [
        # A date and "Ende <Monat>" wrapped over lines of one paragraph.
        ("Bitte senden Sie die Nachweise\nbis zum 3.\nApril 2025 zurück.", {},
         [("2025-04-03", "submit", None)]),
        ("Bitte melden Sie sich bis ENDE\nAPRIL 2025 beim Amt.", {},
         [("2025-04-30", "other", None)]),
        # Capital umlauts: bytes.lower() leaves "Ä" as it is.
        ("Bitte reichen Sie die Unterlagen SPÄTESTENS 14 Tage nach Erhalt ein.", {},
         [("2025-03-21", "submit", None)]),
        ("Bitte reichen Sie die Unterlagen in den NÄCHSTEN 14 Tagen ein.", {},
         [("2025-03-21", "submit", None)]),
        # The Kelvin sign lowers to "k": a decision verb all the same.
        ("Ihr Antrag auf Wohngeld wird hiermit zurüc\u212agenommen.", {"letter_type": None},
         [("2026-03-09", "objection", None)]),
        ("GEGEN DIESEN BESCHEID KANN INNERHALB EINES MONATS NACH BEKANNTGABE WIDERSPRUCH "
         "ERHOBEN WERDEN.", {"letter_type": None}, [("2025-04-07", "objection", None)]),
    ],
)  # fmt: skip
def test_prescan_sees_wrapped_upper_case_and_odd_spellings(
    text: str, kw: dict[str, object], expected: list[tuple[str, str, str | None]]
) -> None:
    assert found(text, **kw) == expected
    assert found(text.replace("\n", "\r\n"), **kw) == expected


@pytest.mark.parametrize("between", ["\n\n", "\n\nVon: Jobcenter\n", "\n> zitiert\n", "\n \n\n"])
def test_appointment_place_may_follow_in_a_later_paragraph(between: str) -> None:
    text = f"Wir laden Sie am 12.03.2025 um 10 Uhr zu einem Gespräch ein.{between}Zimmer 12, 2. OG"
    got = extract_deadlines(text, letter_date=LETTER, state="BY")
    assert [(d.kind, d.place) for d in got] == [(DeadlineKind.APPOINTMENT, "Zimmer 12, 2. OG")]


def test_forwarded_header_date_anchors_only_the_text_after_it() -> None:
    ask = "Bitte teilen Sie uns innerhalb von zwei Wochen nach Erhalt mit, ob Sie zustimmen."
    text = (
        "Hallo,\nanbei das Schreiben. Datenschutz: siehe unten.\n\n"
        "-------- Weitergeleitete Nachricht --------\nBetreff: Anhörung\nDatum: 10.02.2025\n"
        f"Von: Jobcenter <a@b.de>\n\n{ask}"
    )
    assert found(text) == [("2025-02-28", "submit", None)]
    assert found(ask) == [("2025-03-21", "submit", None)]


def test_letter_date_after_long_lines_and_in_din_reference_line() -> None:
    filler = "Lorem ipsum dolor sit amet, 60 SGB I und § 66 SGB I. " * 30
    assert find_letter_date(f"Jobcenter\n{filler}\n\n\nMünchen, 3. März 2025") == D(2025, 3, 3)
    din = "Ihre Nachricht vom   Unser Zeichen   Datum\n01.02.2025   AZ 12   14.02.2025\n"
    assert find_letter_date(f"{filler}\n{din}") == D(2025, 2, 14)


@pytest.mark.parametrize("month", ["ſeptember", "maı", "MAİ", "Aprıl"])
def test_month_spelled_with_look_alike_letters_is_no_date_and_no_error(month: str) -> None:
    # re's case-insensitive match takes "ſ", "ı" and "İ" for "s" and "i",
    # the month table does not: no date (this used to raise KeyError).
    text = f"Bitte reichen Sie die Unterlagen bis zum 3. {month} 2025 ein."
    assert find_dates(text) == []
    assert parse_date(f"3. {month} 2025") is None
    assert found(text) == []
    assert find_letter_date(f"Datum: 3. {month} 2025") is None
    assert [h.date for h in find_dates(f"3. {month} 2025, 4. Mai 2025")] == [D(2025, 5, 4)]
