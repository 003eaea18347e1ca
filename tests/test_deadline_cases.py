"""Issue 14 gaps in deadline extraction: cancelled and moved appointments, court
periods, periods beside appointments, English and bilingual letters, payments."""

from __future__ import annotations

import datetime as dt

from helperdesk.analysis.dates_de import find_dates
from helperdesk.analysis.deadlines.extract import extract_deadlines

D = dt.date
MON = D(2025, 3, 3)


def found(text: str, **kw: object) -> list[tuple[dt.date, str, str | None]]:
    kw.setdefault("letter_date", MON)
    kw.setdefault("state", "BY")
    kw.setdefault("electronic", True)
    return [
        (s.date, s.kind.value, s.time.strftime("%H:%M") if s.time else None)
        for s in extract_deadlines(text, **kw)  # type: ignore[arg-type]
    ]


def test_cancelled_appointment_gives_no_deadline() -> None:
    for verb in ("entfällt", "wird abgesagt", "fällt leider aus", "findet nicht statt"):
        text = f"Sehr geehrter Herr Ali,\n\nder Termin am 12.03.2025 um 9:00 Uhr {verb}.\n"
        assert found(text) == [], verb


def test_moved_appointment_keeps_only_the_new_date() -> None:
    text = (
        "Sehr geehrter Herr Ali,\n\nIhr Termin am 12.03.2025 um 9:00 Uhr wird verlegt auf den "
        "19.03.2025 um 10:30 Uhr, Zimmer 204.\n"
    )
    assert found(text) == [(D(2025, 3, 19), "appointment", "10:30")]
    two = (
        "Sehr geehrter Herr Ali,\n\nder Termin am 12.03.2025 um 9:00 Uhr muss leider verschoben "
        "werden. Neuer Termin: 19.03.2025 um 10:30 Uhr in Zimmer 204.\n"
    )
    assert found(two) == [(D(2025, 3, 19), "appointment", "10:30")]


def test_cancelled_date_named_again_elsewhere_is_dropped_too() -> None:
    text = (
        "Einladung zum Termin am 12.03.2025 um 9:00 Uhr in Zimmer 3.\n\n"
        "Nachtrag: Der Termin am 12.03.2025 entfällt.\n"
    )
    assert found(text) == []


def test_appointment_without_cancellation_stays() -> None:
    text = "Wir laden Sie zu einem Termin am 12.03.2025 um 9:00 Uhr in Zimmer 204 ein.\n"
    assert found(text) == [(D(2025, 3, 12), "appointment", "09:00")]


def test_court_period_of_four_weeks() -> None:
    text = (
        "Sozialgericht München\n\nIn dem Rechtsstreit S 12 AS 345/25 werden Sie gebeten, "
        "innerhalb von vier Wochen zu der Klageerwiderung Stellung zu nehmen.\n"
    )
    assert found(text) == [(D(2025, 3, 31), "submit", None)]
    # A posted court letter: from the deemed Bekanntgabe (Fri 07.03.) -> Fri 04.04.
    assert found(text, electronic=False) == [(D(2025, 4, 4), "submit", None)]


def test_rechtsbehelfsbelehrung_sentence_is_no_plain_period() -> None:
    text = "Gegen diesen Bescheid kann innerhalb eines Monats Klage erhoben werden.\n"
    assert all(kind != "submit" for _, kind, _ in found(text, letter_type="information"))


def test_period_beside_an_appointment_and_counted_back_from_it() -> None:
    text = (
        "Sehr geehrte Frau Yilmaz,\n\nwir laden Sie zu einem Gespräch am 20.03.2025 um 10:00 Uhr "
        "ein. Bitte reichen Sie außerdem innerhalb von zwei Wochen Ihre Lohnabrechnungen ein.\n"
    )
    assert found(text) == [
        (D(2025, 3, 17), "submit", None),
        (D(2025, 3, 20), "appointment", "10:00"),
    ]
    back = (
        "Ihr Termin ist am Donnerstag, 20.03.2025 um 10:00 Uhr in Zimmer 12.\n\n"
        "Bitte senden Sie uns die Unterlagen spätestens eine Woche vor dem Termin zu.\n"
    )
    assert found(back) == [
        (D(2025, 3, 13), "submit", None),
        (D(2025, 3, 20), "appointment", "10:00"),
    ]


def test_counted_back_onto_a_weekend_gives_the_working_day_before() -> None:
    text = (
        "Ihr Termin ist am 24.03.2025 um 10:00 Uhr in Zimmer 12.\n\n"
        "Bitte reichen Sie die Nachweise spätestens 2 Tage vor dem Termin ein.\n"
    )
    assert (D(2025, 3, 21), "submit", None) in found(text)  # Sat 22.03. -> Fri 21.03.


def test_english_letter() -> None:
    text = (
        "Dear Mr Ali,\n\nplease send us your payslips by 14 April 2025.\n"
        "Your appointment on 20 March 2025 at 9:15 in room 12.\n"
        "Please reply within two weeks.\n"
    )
    assert found(text) == [
        (D(2025, 3, 17), "submit", None),
        (D(2025, 3, 20), "appointment", "09:15"),
        (D(2025, 4, 14), "submit", None),
    ]


def test_english_afternoon_time_and_ordinal_dates() -> None:
    text = "Dear Ms Yilmaz,\n\nYour appointment is on 20th March 2025 at 2:30 pm in room 4.\n"
    assert found(text) == [(D(2025, 3, 20), "appointment", "14:30")]
    assert [h.date for h in find_dates("by the 1st of April 2025")] == [D(2025, 4, 1)]


def test_bilingual_letter_gives_each_deadline_once() -> None:
    text = (
        "Bitte reichen Sie die Unterlagen bis zum 14.04.2025 ein.\n\n"
        "Please submit the documents by 14 April 2025.\n"
    )
    assert found(text) == [(D(2025, 4, 14), "submit", None)]


def test_payment_request_is_a_payment_not_an_objection() -> None:
    text = (
        "Gegen den Bescheid können Sie Widerspruch einlegen.\n"
        "Bitte zahlen Sie den Betrag von 120,00 EUR bis zum 31.03.2025 auf das Konto.\n"
    )
    assert found(text, letter_type="information") == [(D(2025, 3, 31), "payment", None)]
    relative = "Widerspruch eingelegt? Bitte zahlen Sie trotzdem innerhalb von zwei Wochen.\n"
    assert found(relative, letter_type="information") == [(D(2025, 3, 17), "payment", None)]


def test_moved_office_is_no_moved_appointment() -> None:
    text = (
        "Ihr Termin am 12.03.2025 um 9:00 Uhr findet in Zimmer 5 statt, weil unsere "
        "Dienststelle in die Hauptstraße 4 im Februar verlegt wurde.\n"
    )
    assert found(text) == [(D(2025, 3, 12), "appointment", "09:00")]


def test_booking_cancelled_and_booking_after_an_office_move() -> None:
    cancelled = "Ihr Termin wurde storniert.\nDatum: Mi, 12.03.2025\nUhrzeit: 09:00\n"
    assert found(cancelled) == []
    office = "Unser Bürgerbüro wurde verlegt.\nIhr Termin:\nDatum: Mi, 12.03.2025\nUhrzeit: 09:00\n"
    assert found(office) == [(D(2025, 3, 12), "appointment", "09:00")]


def test_remedy_period_sentence_stays_with_the_decision_check() -> None:
    text = "Die Frist für den Widerspruch beträgt einen Monat nach Bekanntgabe.\n"
    assert found(text, letter_type="information") == []
    reason = "Bitte begründen Sie Ihren Widerspruch bis zum 31.03.2025.\n"
    assert found(reason, letter_type="information") == [(D(2025, 3, 31), "submit", None)]
