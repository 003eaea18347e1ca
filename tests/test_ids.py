"""Processing IDs: check digits, recognition, canonical form, and what must not match."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helperdesk.analysis.ids import candidates as id_candidates
from helperdesk.analysis.ids.extract import (
    canonical,
    find_ids,
    is_valid_iban,
    is_valid_kvnr,
    is_valid_rv_nummer,
    is_valid_steuer_id,
    kvnr_check_digit,
    merge_ids,
    rv_check_digit,
    scan_texts,
    steuer_id_check_digit,
)
from helperdesk.model import Found, IdKind, ProcessingId


def ids(text: str) -> set[tuple[str, str]]:
    return {(p.kind.value, p.value) for p in find_ids(text)}


# --- check digits -----------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["86095742719", "47036892816", "65929970489", "57549285017", "25768131411"]
)
def test_valid_steuer_ids(value: str) -> None:
    assert is_valid_steuer_id(value)
    assert steuer_id_check_digit(value[:10]) == int(value[10])


@pytest.mark.parametrize(
    "value",
    [
        "86095742718",  # wrong check digit
        "06095742719",  # leading zero
        "12345678901",  # no repeated digit among the first ten
        "11111111116",  # far too many repeats
        "1234567890",  # too short
        "8609574271X",
    ],
)
def test_invalid_steuer_ids(value: str) -> None:
    assert not is_valid_steuer_id(value)


def test_steuer_id_three_in_a_row_is_invalid() -> None:
    head = "1112345678"
    value = head + str(steuer_id_check_digit(head))
    assert not is_valid_steuer_id(value)
    head_ok = "1121345678"  # digit 1 three times, not adjacent
    assert is_valid_steuer_id(head_ok + str(steuer_id_check_digit(head_ok)))


@pytest.mark.parametrize("value", ["10010490A443", "12 150780 M 04 6", "65170839J003"])
def test_valid_rv_nummern(value: str) -> None:
    assert is_valid_rv_nummer(value)


@pytest.mark.parametrize("value", ["10010490A442", "12150780M047", "12321380M046", "1215078M046"])
def test_invalid_rv_nummern(value: str) -> None:
    assert not is_valid_rv_nummer(value)


def test_rv_check_digit_known_example() -> None:
    # Published example: 10010490A443 has check digit 3.
    assert rv_check_digit("10010490A44") == 3


@pytest.mark.parametrize("value", ["A123456780", "T987654328", "Z123456783", "B047110812"])
def test_valid_kvnr(value: str) -> None:
    assert is_valid_kvnr(value)
    assert kvnr_check_digit(value[:9]) == int(value[9])


@pytest.mark.parametrize("value", ["A123456781", "1123456780", "AB23456780", "A12345678"])
def test_invalid_kvnr(value: str) -> None:
    assert not is_valid_kvnr(value)


def test_iban_check() -> None:
    assert is_valid_iban("DE89 3704 0044 0532 0130 00")
    assert not is_valid_iban("DE88 3704 0044 0532 0130 00")


# --- recognition --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("BG-Nummer: 12345BG0012345", "12345BG0012345"),
        ("Nummer der Bedarfsgemeinschaft 12345 BG 0012345", "12345BG0012345"),
        ("Nummer der Bedarfsgemeinschaft: 12345 BG\n0012345", "12345BG0012345"),
        ("BG-Nr. 12345bg0012345", "12345BG0012345"),
        ("ihre alte Nummer 61402//00000705 gilt weiter", "61402//00000705"),
    ],
)
def test_bg_nummer(text: str, value: str) -> None:
    assert ids(text) == {("bg_nummer", value)}


def test_kundennummer_needs_its_label() -> None:
    assert ids("Kundennummer: 123A456789") == {("kundennummer", "123A456789")}
    assert ids("Kunden-Nr. 123 A 456789") == {("kundennummer", "123A456789")}
    assert ids("Artikel 123A456789 ist lieferbar") == set()
    assert ids("Kundennummer: 4711-0815") == set()  # a shop's customer number


def test_kindergeldnummer() -> None:
    assert ids("Kindergeldnummer 515 FK 123456") == {("kindergeldnummer", "515FK123456")}
    assert ids("Bitte geben Sie 515FK123456 an") == {("kindergeldnummer", "515FK123456")}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Aktenzeichen: III/2-AB-1234/25", "III/2-AB-1234/25"),
        ("Az.: KVR-II/21-4711 vom 03.03.2025", "KVR-II/21-4711"),
        ("Geschäftszeichen 61.2-12345/2024", "61.2-12345/2024"),
        ("Gesch.-Z.: 412 - 5567/25", "412-5567/25"),
        ("Geschäftszeichen: IV B 12-4711/25 (bitte angeben)", "IVB12-4711/25"),
        ("Aktenzeichen (bitte stets angeben): 2025/0815-S", "2025/0815-S"),
    ],
)
def test_aktenzeichen_after_label(text: str, value: str) -> None:
    assert ids(text) == {("aktenzeichen", value)}


@pytest.mark.parametrize(
    "text",
    [
        "Aktenzeichen: 03.03.2025",  # a date
        "Aktenzeichen: Sozialleistungen",  # a single word
        "Aktenzeichen bitte angeben. Tel. 089 1234-567",
        "Az.: 089 12345678",  # a phone number
        "Aktenzeichen: DE89 3704 0044 0532 0130 00",  # an IBAN
        "Aktenzeichen: 12",  # too short
        "Aktenzeichen: 1.234,56 EUR",  # money
    ],
)
def test_aktenzeichen_rejects_non_ids(text: str) -> None:
    assert ids(text) == set()


def test_weak_zeichen_labels_only_in_official_letters() -> None:
    official = "Landratsamt Freising\nAusländerbehörde\nUnser Zeichen: 32-1/AB-2025-117\n"
    assert ids(official) == {("aktenzeichen", "32-1/AB-2025-117")}
    private = (
        "Hausverwaltung Huber GmbH\nUnser Zeichen: MV-2024-117\n"
        + "Text\n" * 12
        + "Legen Sie dies Ihrem Jobcenter vor.\n"
        + "Gruß\n" * 10
    )
    assert ids(private) == set()


def test_empty_ihr_zeichen_does_not_take_the_next_line() -> None:
    text = "Landratsamt\nIhr Zeichen:\nUnser Zeichen: AB-2025-1\n"
    assert ids(text) == {("aktenzeichen", "AB-2025-1")}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Steuernummer: 143/123/45678", "143/123/45678"),
        ("St.-Nr. 21/815/08150", "21/815/08150"),
        ("StNr 9181081508155", "9181081508155"),
        ("Steuernummer 133/8150/8159", "133/8150/8159"),
    ],
)
def test_steuernummer(text: str, value: str) -> None:
    assert ids(text) == {("steuernummer", value)}


def test_steuer_id_needs_label_and_validity() -> None:
    assert ids("Steuer-ID: 86 095 742 719") == {("steuer_id", "86095742719")}
    assert ids("Identifikationsnummer 86095742719") == {("steuer_id", "86095742719")}
    assert ids("Identifikationsnummer 86095742718") == set()  # bad check digit
    assert ids("Bestellung 86095742719") == set()  # valid but no label
    assert ids("USt-IdNr. DE123456789") == set()


def test_rv_nummer_spaced_and_compact() -> None:
    assert ids("Versicherungsnummer: 12 150780 M 04 6") == {("rv_nummer", "12150780M046")}
    assert ids("RV-Nr 12150780M046") == {("rv_nummer", "12150780M046")}
    assert ids("Versicherungsnummer: 12 150780 M 04 7") == set()


def test_kvnr_label_or_health_context() -> None:
    assert ids("Krankenversichertennummer: A123456780") == {("kvnr", "A123456780")}
    assert ids("Ihre AOK: Versicherte A123456780") == {("kvnr", "A123456780")}
    assert ids("Rechnung Nr. A123456780") == set()
    assert ids("Auftragsnummer A123456780") == set()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Az.: S 12 AS 345/24 ER", "S12AS345/24ER"),
        ("In dem Rechtsstreit S 7 AS 1234/25 wird", "S7AS1234/25"),
        ("Aktenzeichen L 11 AS 123/24 B ER", "L11AS123/24BER"),
        ("Verwaltungsgericht Berlin, VG 9 L 199/24", "VG9L199/24"),
        ("Bayerisches Verwaltungsgericht München Az. M 10 K 24.1234", "M10K24.1234"),
        ("Aktenzeichen: B 14 AS 12/09 R", "B14AS12/09R"),
    ],
)
def test_court_az(text: str, value: str) -> None:
    assert ids(text) == {("court_az", value)}


@pytest.mark.parametrize(
    "text",
    [
        "vgl. BSG, Urteil vom 12.05.2009 - B 14 AS 12/09 R",
        "BSG B 14 AS 12/09 R",
        "LSG Bayern, Beschluss vom 03.02.2020 - L 11 AS 123/19 B ER",
        "nach § 66 Abs. 2 SGG und § 86b SGG",
        "S. 12 AS 345/24",
    ],
)
def test_cited_decisions_and_laws_are_not_case_ids(text: str) -> None:
    assert {k for k, _ in ids(text)} - {"aktenzeichen"} == set()
    assert ("court_az", "B14AS12/09R") not in ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "IBAN: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX",
        "Tel.: +49 89 12345-678, Fax 089 12345-679",
        "Servicenummer 0800 4 5555 00",
        "80331 München, Zimmer 2.17",
        "Betrag: 1.482,00 EUR am 15.04.2025",
        "Rechnungsnummer: RE-2025-004711, Bestellnummer 302-1234567-7654321",
        "Vertragsnummer 123456789012",
        "USt-IdNr.: DE 123 456 789",
        "Mobil 0176 12345678",
    ],
)
def test_negatives(text: str) -> None:
    assert ids(text) == set()


def test_canonical() -> None:
    assert canonical(" 12345 bg\n0012345 ") == "12345BG0012345"
    assert canonical("KVR–II/21–4711") == "KVR-II/21-4711"


def test_raw_and_label_are_kept() -> None:
    (pid,) = find_ids("Kindergeld-Nr.: 515 FK 123456")
    assert pid.raw == "515 FK 123456"
    assert pid.kind is IdKind.KINDERGELDNUMMER


def test_specific_kind_wins_over_generic_aktenzeichen() -> None:
    assert ids("Jobcenter\nMein Zeichen: 412 - 12345BG0012345") == {("bg_nummer", "12345BG0012345")}


def test_found_in_priority() -> None:
    found = scan_texts(
        subject="Ihr Kindergeld 515FK123456",
        body="Kindergeldnummer 515FK123456, BG-Nummer 12345BG0012345",
        quoted="> BG-Nummer 12345BG0012345\n> Az.: S 12 AS 345/24",
        attachments=["Steuernummer: 143/123/45678\nBG 12345BG0012345"],
    )
    where = {(p.kind.value, p.value): p.found_in for p in found}
    assert where[("kindergeldnummer", "515FK123456")] is Found.SUBJECT
    assert where[("bg_nummer", "12345BG0012345")] is Found.BODY
    assert where[("steuernummer", "143/123/45678")] is Found.ATTACHMENT
    assert where[("court_az", "S12AS345/24")] is Found.QUOTED


def test_merge_keeps_most_authoritative() -> None:
    q = ProcessingId("X1234", IdKind.AKTENZEICHEN, found_in=Found.QUOTED)
    b = ProcessingId("X1234", IdKind.AKTENZEICHEN, found_in=Found.BODY)
    assert merge_ids([[q], [b]]) == [b]


@given(st.text(max_size=300))
def test_never_raises(text: str) -> None:
    find_ids(text)


# --- behaviour the fast scan must keep (see id_candidates.Text) --------------


def test_id_over_a_line_break_is_checked_against_both_lines() -> None:
    # Spans to exclude are looked for only in the lines a candidate touches: the
    # valid IBAN "BG12 3456 7000 0000 44" on the second line hides the BG-Nummer
    # that starts on the first, one line further down it does not; so does a
    # phone number on its first line.
    assert ids("Nummer 12345\nBG1234567 0000 0044") == set()
    assert ids("Nummer 12345\nBG1234567\nBG1234567 0000 0044") == {("bg_nummer", "12345BG1234567")}
    assert ids("Tel. 0891 12345\nBG1234567") == set()  # the phone number on the first line
    assert ids("Tel. 089 12345 12345BG1234567") == set()
    assert ids("Tel. 089 12345\n12345BG1234567") == {("bg_nummer", "12345BG1234567")}


@pytest.mark.parametrize(
    "text, expected",
    [
        # Kelvin sign: lower-cases to "k", so the label is found ...
        ("\u212aundennummer: 123A456789", {("kundennummer", "123A456789")}),
        # ... unless a dotted capital I makes the text lower-case by ASCII only.
        ("\u0130 \u212aundennummer: 123A456789", set()),
        # \d takes any decimal digit after the leading ASCII one.
        ("1\uff12\uff13\uff14\uff15BG\uff11\uff12\uff13\uff14\uff15\uff16\uff17",
         {("bg_nummer", "1\uff12\uff13\uff14\uff15BG\uff11\uff12\uff13\uff14\uff15\uff16\uff17")}),
        # "az" inside words next to a real label.
        ("Einsatz dazu Az.: 4711/25", {("aktenzeichen", "4711/25")}),
        ("dazu\nAZ: XY-12/25", {("aktenzeichen", "XY-12/25")}),
        ("Platz 12345BG1234567", {("bg_nummer", "12345BG1234567")}),
    ],
)  # fmt: skip
def test_unusual_characters_and_anchors(text: str, expected: set[tuple[str, str]]) -> None:
    assert ids(text) == expected


def test_unicode_facts_behind_the_shortcuts() -> None:
    # id_candidates.Text lower-cases latin-1 bytes and pieces of a text instead of the
    # whole text; that gives the same only while these facts hold.
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    assert {c for c in chars if len(c.lower()) != 1} == {id_candidates._GROWS}
    single = [c for c in chars if c != id_candidates._GROWS]
    into = {c for c in single if ord(c) > 0xFF and ord(c.lower()) <= 0xFF}
    assert into == id_candidates._INTO_LATIN1
    assert all(ord(chr(b).lower()) <= 0xFF for b in range(256))
    # Only the capital sigma lower-cases by its neighbours (final sigma).
    plain = [c for c in single if c != id_candidates._SIGMA]
    for left, right in (("a", " "), (" ", "a"), ("", "")):
        got = "".join(left + c + right for c in plain).lower()
        assert got == "".join(left.lower() + c.lower() + right.lower() for c in plain)
    assert "a\u03a3 ".lower() != "a" + "\u03a3".lower() + " "
    # The shape marks exactly the characters re's \d takes.
    assert set(re.findall(r"\d", "".join(chars))) == {c for c in chars if c.isdecimal()}


def test_phone_label_words_begin_every_label() -> None:
    starts = [w.decode() for w in id_candidates._PHONE_LABEL_STARTS]
    for label in id_candidates._PHONE_LABELS:
        assert any(label.startswith(w) for w in starts), label


def test_dense_texts_scanned_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    # A text full of digits is scanned with re.finditer instead of candidate by
    # candidate; both ways must find the same.
    corpus = Path(__file__).parent / "corpus"
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.iterdir())
             if p.is_file()]
    texts += [
        "Kontoauszug\n"
        + "\n".join(f"0{i % 9 + 1}.02.2025 Miete 12345BG{i:07d} 1.234,56" for i in range(40)),
        "Tel. 089 1234567 Fax +49 30 123456 KVNR A123456780 Steuer-ID 86095742719 S 12 AS 345/24",
    ]
    found = {}
    for dense_min in (10**9, -(10**9)):  # never dense, always dense
        monkeypatch.setattr(id_candidates, "_DENSE_MIN", dense_min)
        found[dense_min] = [find_ids(t) for t in texts]
    assert found[10**9] == found[-(10**9)]
    assert sum(map(len, found[10**9])) > 40
