"""Letter type classification."""

from __future__ import annotations

import pytest

from helperdesk.letter_types import LetterType, classify, classify_mail
from helperdesk.mailparse import parse_message

T = LetterType


@pytest.mark.parametrize(
    ("subject", "text", "expected"),
    [
        (
            "",
            "Bescheid über Leistungen nach dem SGB II\nwerden bewilligt.\nRechtsbehelfsbelehrung\n"
            "Gegen diesen Bescheid kann Widerspruch erhoben werden.",
            T.BESCHEID,
        ),
        (
            "",
            "Änderungsbescheid\nDer Bescheid vom 01.02.2025 wird wie folgt geändert.\n"
            "Rechtsbehelfsbelehrung",
            T.AENDERUNGSBESCHEID,
        ),
        (
            "",
            "Aufhebungs- und Erstattungsbescheid\nDie Bewilligung wird aufgehoben. "
            "Der Betrag ist zu erstatten.\nRechtsbehelfsbelehrung",
            T.AUFHEBUNG_ERSTATTUNG,
        ),
        (
            "Einladung",
            "bitte kommen Sie am 15.04.2025 um 09:30 Uhr in Zimmer 2.17.",
            T.EINLADUNG_TERMIN,
        ),
        (
            "",
            "Anhörung nach § 24 SGB X\nWir beabsichtigen, die Bewilligung aufzuheben und "
            "den Betrag zu erstatten. Sie haben Gelegenheit zur Stellungnahme.",
            T.ANHOERUNG,
        ),
        (
            "Fehlende Unterlagen",
            "Bitte reichen Sie folgende Unterlagen bis zum 30.05.2025 ein. § 60 SGB I",
            T.AUFFORDERUNG_MITWIRKUNG,
        ),
        ("Mahnung", "Der offene Betrag ist noch nicht beglichen. Säumniszuschläge.", T.MAHNUNG),
        ("Eingangsbestätigung", "Ihr Antrag ist bei uns eingegangen.", T.EINGANGSBESTAETIGUNG),
        (
            "Neues Dokument in Ihrem Postfach",
            "Bitte melden Sie sich an, um es abzurufen. Es enthält Ihren Bescheid.",
            T.PORTAL_BENACHRICHTIGUNG,
        ),
        (
            "Information zu Öffnungszeiten",
            "Wir informieren Sie über geänderte Öffnungszeiten.",
            T.INFORMATION,
        ),
        ("Hallo", "wie geht es dir?", T.OTHER),
        ("", "", T.OTHER),
    ],
)
def test_types(subject: str, text: str, expected: LetterType) -> None:
    assert classify(subject=subject, new_text=text).type is expected


def test_forwarded_bescheid_is_a_bescheid() -> None:
    raw = (
        "From: n@example.com\nSubject: WG: Post\nContent-Type: text/plain; charset=utf-8\n\n"
        "Kannst du dir das ansehen?\n\n-------- Weitergeleitete Nachricht --------\n"
        "Von: Jobcenter <a@jobcenter-ge.de>\nDatum: 03.03.2025 um 10:12 Uhr\n\n"
        "Änderungsbescheid\nDer Bescheid vom 01.02.2025 wird wie folgt geändert.\n"
        "Rechtsbehelfsbelehrung\n"
    ).encode()
    assert classify_mail(parse_message(raw)).type is T.AENDERUNGSBESCHEID


def test_quoted_history_of_a_reply_is_ignored() -> None:
    result = classify(
        subject="AW: Frage",
        new_text="Vielen Dank, wir haben Ihre Unterlagen erhalten.",
        quoted_text="Mahnung\nBitte zahlen Sie den offenen Betrag.",
    )
    assert result.type is T.EINGANGSBESTAETIGUNG


def test_cover_mail_is_typed_by_its_attachment() -> None:
    result = classify(
        subject="Ihr Schreiben",
        new_text="Im Anhang erhalten Sie ein Schreiben.",
        attachment_texts=["Jobcenter\n\nEinladung\nBitte kommen Sie am 03.09.2025 um 10:00 Uhr."],
    )
    assert result.type is T.EINLADUNG_TERMIN


def test_negated_bescheid() -> None:
    result = classify(
        subject="Ihre Renteninformation", new_text="Diese Information ist kein Bescheid."
    )
    assert result.type is T.INFORMATION


def test_reasons_are_given() -> None:
    result = classify(subject="Mahnung", new_text="")
    assert result.reasons and "subject" in result.reasons[0]
