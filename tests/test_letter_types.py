"""Letter type classification."""

from __future__ import annotations

import random

import pytest

from helperdesk.analysis import letter_type_cues, letter_types
from helperdesk.analysis.letter_type_cues import LetterType
from helperdesk.analysis.letter_types import classify, classify_mail
from helperdesk.mail.parse import parse_message

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


# Characters whose lower-casing is special: İ lowers to two characters, Σ by
# its neighbours, K (Kelvin) and ẞ into Latin-1; others are not Latin-1.
_ODD = ["İ", "Σ", "ΑΣ ", "\u212a", "ẞ", "Ÿ", "–", "„", "😀", "\udc80", "?", "ÄÖÜ", "ß", "\u00a0"]


@pytest.mark.parametrize("seed", range(6))
def test_lower_equals_str_lower(seed: int) -> None:
    rng = random.Random(seed)
    pieces = [*_ODD, "Bescheid ", "KEIN ", "Änderung", "\n", "abc", "É", "ǅ", "ﬀ", "µ", "ÿ"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        low, latin1 = letter_types.lower(text)
        assert low == text.lower()
        assert latin1 == low.encode("latin-1", "replace")


def test_latin1_letters_lower_within_latin1() -> None:
    # lower's byte table relies on it.
    assert all(len(chr(i).lower()) == 1 and ord(chr(i).lower()) < 256 for i in range(256))


@pytest.mark.parametrize(
    "text",
    [
        "Von: Jobcenter\nDatum: heute\nBescheid über Leistungen",
        "von\u00a0: x\nMahnung",  # whitespace before the ":" is stripped
        "> Am 3. März 2025 schrieb Jobcenter:\nBescheid",
        "Dies ist kein\nBescheid.\nEinladung",
        "\n".join(["Zeile"] * 17 + ["Betreff: Mahnung", "Diese Information ist keine Mahnung."]),
        "\n".join(["Zeile"] * 17 + ["Einladung", "Uhrzeit: 10:00", "An: dich"]),
    ],
)
def test_cleaned_zones_equal_cleaning_first(text: str) -> None:
    # Header lines and negations are dropped per zone before the cues run;
    # the scan does that only where it finds a ":", "schrieb" or "kein".
    lines = text.split("\n")
    expected = letter_types._Tally()
    for zone, factor, part in (("title", 2.0, lines[:18]), ("text", 1.0, lines[18:])):
        clean = "\n".join(ln for ln in part if not letter_types._is_header_line(ln))
        clean = letter_types._NEGATED_RE.sub(" ", clean.lower())
        for i, (_kind, rx, _weight) in enumerate(letter_type_cues.CUES):
            for m in rx.finditer(clean):
                st = m.start()
                before = clean[st - 1] if st else ""
                if not st or not (before.isalnum() or before == "_") or not clean[st].isalnum():
                    expected.add(m, i, factor, zone)
                    break
    got = letter_types._Tally()
    letter_types._body_scores(text, (2.0, 1.0), got, ("title", "text"))
    assert got == expected
    assert got.reasons  # the texts have cues
