"""Issue 14 ID shapes: Aktenzeichen as Landesämter and Bezirksämter write them, several
IDs of a kind, "Ihr Zeichen" in agency letters, and a subject ID the letter contradicts."""

from __future__ import annotations

import pytest

from helperdesk.analysis.ids.conflicts import scan_mail_checked, subject_conflicts
from helperdesk.analysis.ids.extract import find_ids
from helperdesk.filing import FilingRule, assign_case
from helperdesk.filing.rules import CaseView
from helperdesk.mail.parse import parse_message
from helperdesk.model import Found, IdKind, ProcessingId


def azs(text: str) -> list[str]:
    return [p.value for p in find_ids(text) if p.kind is IdKind.AKTENZEICHEN]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Geschäftszeichen: IV A 3 - 12345/2025", "IVA3-12345/2025"),
        ("Gesch.-Z.: LEA A 2.1 - 0815/24", "LEAA2.1-0815/24"),
        ("Aktenzeichen: Soz 2 - 4711/2025", "SOZ2-4711/2025"),
        ("Aktenzeichen: 33.1-4711/24", "33.1-4711/24"),
        ("Az.: 2025-000123", "2025-000123"),
        ("Aktenzeichen: ABH 123/2025", "ABH123/2025"),
        ("Aktenzeichen: 50.2.3-WG-2025/0815", "50.2.3-WG-2025/0815"),
        ("Geschäftszeichen: II.1/0815-2025", "II.1/0815-2025"),
        ("Unser Aktenzeichen: 56/3-WG-2291/25", "56/3-WG-2291/25"),
        ("Aktenzeichen (bitte stets angeben): 21-3.3/447120", "21-3.3/447120"),
    ],
)
def test_aktenzeichen_shapes(text: str, value: str) -> None:
    assert azs(text) == [value]


def test_spaced_aktenzeichen_stops_before_the_next_field() -> None:
    assert azs("Geschäftszeichen: IV A 3 - 12345/2025 - Bitte stets angeben") == [
        "IVA3-12345/2025"
    ]
    assert azs("Aktenzeichen: IV A 3 Datum: 01.02.2025") == ["IVA3"]


def test_several_ids_of_one_kind_and_kundennummer_next_to_bg_nummer() -> None:
    text = ("Aktenzeichen: 3.2-ABH/2025/4711\nAktenzeichen: 3.2-ABH/2024/0815\n"
            "Kundennummer: 123D456789\nBG-Nummer: 12345BG1234567\n")
    found = [(p.kind.value, p.value) for p in find_ids(text)]
    assert ("aktenzeichen", "3.2-ABH/2025/4711") in found
    assert ("aktenzeichen", "3.2-ABH/2024/0815") in found
    assert ("kundennummer", "123D456789") in found
    assert ("bg_nummer", "12345BG1234567") in found


def test_ihr_zeichen_in_an_agency_letter_is_the_households_own() -> None:
    letter = (
        "Landratsamt Freising\nAusländerbehörde\n\nIhr Zeichen: YIL-2025-01\n"
        "Unser Zeichen: 32-4521.07/2025\n\nSehr geehrte Frau Yilmaz,\nText.\n\n"
        "Mit freundlichen Grüßen\nLandratsamt Freising\n"
    )
    assert azs(letter) == ["32-4521.07/2025"]
    # The helper's own mail to the agency: "Ihr Zeichen" is the agency's Az.
    helper = "Sehr geehrte Damen und Herren,\nIhr Zeichen: 32-1/AB-2025-117\nFrage.\nPetra Weber"
    assert [p.value for p in find_ids(helper, weak_labels=True)] == ["32-1/AB-2025-117"]


def pid(value: str, kind: IdKind, where: Found) -> ProcessingId:
    return ProcessingId(value=value, kind=kind, raw=value, found_in=where)


def test_subject_conflicts() -> None:
    bg, az = IdKind.BG_NUMMER, IdKind.AKTENZEICHEN
    wrong = pid("11111BG1111111", bg, Found.SUBJECT)
    right = pid("22222BG2222222", bg, Found.QUOTED)
    [c] = subject_conflicts([wrong], [right])
    assert (c.subject, c.letter) == (wrong, right)
    assert subject_conflicts([wrong], [pid("11111BG1111111", bg, Found.BODY), right]) == []
    assert subject_conflicts([wrong], []) == []
    # Aktenzeichen: a letter may carry several; only one other counts as a contradiction.
    s = pid("1/2025", az, Found.SUBJECT)
    assert subject_conflicts([s], [pid("2/2025", az, Found.BODY), pid("3/2025", az, Found.BODY)]) \
        == []
    assert len(subject_conflicts([s], [pid("2/2025", az, Found.BODY)])) == 1


def test_wrong_subject_id_is_flagged_and_not_filed_by() -> None:
    raw = (
        b"From: helfer@example.org\r\nTo: jc@jobcenter-ge.de\r\n"
        b"Subject: AW: Unterlagen 11111BG1111111\r\nMessage-ID: <r1@x>\r\n"
        b"Date: Mon, 03 Mar 2025 09:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Anbei die Unterlagen.\r\n\r\n> Jobcenter Berlin Mitte\r\n> BG-Nummer: 22222BG2222222\r\n"
        b"> Bitte reichen Sie die Kontoauszuege ein.\r\n"
    )
    ids, conflicts = scan_mail_checked(parse_message(raw))
    assert [(c.subject.value, c.letter.value) for c in conflicts] == [
        ("11111BG1111111", "22222BG2222222")
    ]
    other = CaseView(id=1, household_id=7, processing_ids=("11111BG1111111",))
    mine = CaseView(id=2, household_id=7, processing_ids=("22222BG2222222",))
    plain = assign_case(ids, [other, mine], household_id=7)
    assert (plain.case_id, plain.rule) == (1, FilingRule.SUBJECT_ID)  # the old behaviour
    checked = assign_case(ids, [other, mine], household_id=7,
                          suspect_ids=[c.subject.value for c in conflicts])
    assert checked.case_id != 1
