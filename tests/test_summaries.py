"""The summary content (pure): dates, letter facts, sentences in two languages, catalogs, HTML."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from summary_support import LANGS, compile_catalogs

import i18n
from helperdesk.model import DeadlineKind, IdKind, ProcessingId
from helperdesk.summaries import (
    CaseFacts,
    Contact,
    DueDate,
    LetterFacts,
    Summary,
    SummaryInput,
    build_summary,
    long_date,
    short_time,
    summary_html,
)
from helperdesk.summaries.facts import documents, in_person, room, to_bring

TODAY = dt.date(2026, 12, 3)  # a Thursday
PACKAGE = Path(__file__).resolve().parent.parent / "helperdesk" / "summaries"

ASK = """Sehr geehrter Herr Haddad,

für die Bearbeitung Ihres Weiterbewilligungsantrags benötigen wir noch folgende Unterlagen:
- Kontoauszüge der letzten drei Monate
- aktuelle Mietbescheinigung
- Nachweis über die Kita-Gebühren

Bitte reichen Sie die Unterlagen bis zum 30.11.2026 ein.

Ihre Aufenthaltserlaubnis ist gültig bis 01.02.2027.

Mit freundlichen Grüßen
Bitte beachten Sie, dass Sie verpflichtet sind, einen Personalausweis vorzulegen.
"""
INVITE = """Sehr geehrter Herr Haddad,
ich lade Sie zu einem Gespräch ein. Termin am 09.12.2026 um 09:30 Uhr, Zimmer 2.14.
Bitte erscheinen Sie persönlich. Bitte bringen Sie Ihren Reisepass und den Mietvertrag mit.
"""


@pytest.fixture(scope="module", autouse=True)
def catalogs() -> None:
    compile_catalogs()


def make(lang: str, *, cases: tuple[CaseFacts, ...] | None = None) -> Summary:
    bg = ProcessingId("83501BG0047112", IdKind.BG_NUMMER)
    default = (
        CaseFacts(
            agency="Jobcenter München", agency_kind="jobcenter", title="Bürgergeld",
            processing_ids=(bg,),
            latest=LetterFacts(dt.date(2026, 12, 1), "einladung_termin", INVITE,
                               reply_address="team621@jobcenter-muenchen.example"),
            due=(DueDate(dt.date(2026, 11, 30), DeadlineKind.SUBMIT),
                 DueDate(dt.date(2026, 12, 9), DeadlineKind.APPOINTMENT, dt.time(9, 30))),
            office_waits=True),
        CaseFacts(
            agency="Familienkasse Bayern Süd", agency_kind="familienkasse", title="Kindergeld",
            processing_ids=(ProcessingId("515FK204711", IdKind.KINDERGELDNUMMER),),
            latest=LetterFacts(dt.date(2026, 11, 20), "aufforderung_mitwirkung", ASK),
            due=(DueDate(dt.date(2026, 12, 21), DeadlineKind.OBJECTION),),
            household_waits=True),
    )
    data = SummaryInput(household="Familie Haddad", language=lang, today=TODAY,
                        cases=default if cases is None else cases,
                        contact=Contact("Anna Sommer", "+49 89 0000 1234", "anna@example.org"))
    return build_summary(data, i18n.translation(lang, "summaries"),
                         i18n.translation("de", "summaries"))


def all_lines(s: Summary) -> list[tuple[str, str]]:
    lines = [s.title, *s.intro]
    for sec in s.sections:
        lines.append(sec.title)
        lines.extend(line for b in sec.blocks for line in b.lines)
    return [(line.local, line.german) for line in lines]


# -- dates --------------------------------------------------------------------------


def test_dates_are_written_out_with_the_weekday() -> None:
    day = dt.date(2026, 12, 8)
    assert long_date(day, "de") == "Dienstag, 8. Dezember 2026"
    assert long_date(day, "en") == "Tuesday, December 8, 2026"
    assert long_date(day, "tr") == "8 Aralık 2026 Salı"
    assert long_date(day, "uk") == "вівторок, 8 грудня 2026"  # no "р." abbreviation
    assert long_date(day, "ru") == "вторник, 8 декабря 2026"
    assert long_date(day, "ar").startswith("الثلاثاء")
    fa = long_date(day, "fa")
    assert "سه\u200cشنبه" in fa and "۸" in fa and "۲۰۲۶" in fa
    assert not re.search(r"[0-9]", fa), "Persian dates use Persian digits"
    assert short_time(dt.time(9, 30), "fa") == "۰۹:۳۰"
    assert short_time(dt.time(14, 5), "en") == "14:05"  # no "PM" abbreviation
    assert short_time(dt.time(9, 30), "de") == "09:30"


# -- what a letter asks for ------------------------------------------------------------


def test_documents_from_the_list_and_glossary_only_when_asked() -> None:
    found = documents(ASK)
    assert [t.german for t in found] == [
        "Kontoauszüge der letzten drei Monate", "aktuelle Mietbescheinigung",
        "Nachweis über die Kita-Gebühren"]
    assert [t.msgid for t in found] == [
        "bank statements", "rent certificate from the landlord", ""]
    # Named without being asked for, or only in the standard paragraphs: left out.
    assert documents("Ihre Aufenthaltserlaubnis ist gültig bis 01.02.2027.") == []
    assert documents("Bitte senden Sie uns eine aktuelle Schulbescheinigung zu.")[0].msgid == (
        "school certificate")


def test_appointment_facts() -> None:
    assert room(INVITE) == "2.14"
    assert room("Bitte melden Sie sich an der Information.") == ""
    assert room("", "Zimmer 104") == "104"
    assert room("Bitte kommen Sie in Raum E.07.") == "E.07"
    assert in_person(INVITE)
    assert [t.msgid for t in to_bring(INVITE)] == ["passport", "rental contract"]


# -- the page --------------------------------------------------------------------------


def test_each_line_in_the_language_with_the_german_underneath() -> None:
    s = make("ar")
    assert s.rtl and s.language == "ar"
    pairs = all_lines(s)
    assert all(re.search(r"[\u0621-\u064a]", local) for local, _ in pairs)
    german = [g for _, g in pairs]
    assert "Ihr Termin ist am Mittwoch, 9. Dezember 2026 um 09:30 Uhr." in german
    assert "Gehen Sie in Zimmer 2.14." in german
    assert "Gehen Sie persönlich hin." in german
    assert "Schreiben Sie diese Nummer auf jeden Brief an das Amt: BG-Nummer 83501BG0047112." in (
        german)
    assert "Schicken Sie dieses Dokument: Kontoauszüge der letzten drei Monate." in german
    assert "Schicken Sie dieses Dokument: Nachweis über die Kita-Gebühren." in german
    assert "Sie können bis Montag, 21. Dezember 2026 Einspruch einlegen." in german
    assert "Das Amt wartet auf Ihre Antwort." in german
    assert "Sie warten auf eine Antwort vom Amt." in german
    assert s.sections[-1].title.german == "Ihre Ansprechperson: Anna Sommer"
    local = {g: text for text, g in pairs}
    assert "BG-Nummer 83501BG0047112" in local[
        "Schreiben Sie diese Nummer auf jeden Brief an das Amt: BG-Nummer 83501BG0047112."]
    assert "كشوف الحساب البنكي (Kontoauszüge der letzten drei Monate)" in local[
        "Schicken Sie dieses Dokument: Kontoauszüge der letzten drei Monate."]
    # The personal-ID-free document the glossary does not know stays in German.
    assert "Nachweis über die Kita-Gebühren" in local[
        "Schicken Sie dieses Dokument: Nachweis über die Kita-Gebühren."]


def test_a_passed_deadline_says_so_and_is_marked() -> None:
    s = make("uk")
    blocks = s.sections[0].blocks
    jobcenter = blocks[0]
    passed = [line for line in jobcenter.lines if line.strong]
    assert [line.german for line in passed] == [
        "Dieses Datum ist schon vorbei. Sprechen Sie heute mit Ihrer Ansprechperson."]
    assert jobcenter.heading == "Jobcenter München – Bürgergeld"
    assert jobcenter.ids == ("BG-Nummer 83501BG0047112",)
    appointments = s.sections[1]
    assert appointments.title.german == "Ihre nächsten Termine"
    assert [b.heading for b in appointments.blocks] == ["Jobcenter München"]


def test_german_households_read_each_sentence_once() -> None:
    s = make("de")
    assert all(local == german for local, german in all_lines(s))
    assert s.title.local == "Übersicht für Familie Haddad"


def test_nothing_open() -> None:
    s = make("tr", cases=())
    assert [line.german for b in s.sections[0].blocks for line in b.lines] == [
        "Es gibt keine offenen Angelegenheiten."]
    assert len(s.sections) == 2  # open matters and the contact, no appointments


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_is_complete(lang: str) -> None:
    s = make(lang)
    pairs = all_lines(s)
    assert len(pairs) > 20
    if lang not in ("de", "en"):
        # Translated: the household's line differs from the German and the English.
        english = {text for text, _ in all_lines(make("en"))}
        same = [g for text, g in pairs
                if text == g and not g.startswith(("Telefon:", "Familie"))]
        assert same == []
        assert not english & {text for text, _ in pairs}
    assert not [p for p in pairs if "{" in p[0] + p[1]], "every placeholder is filled"


def test_json_shape() -> None:
    doc = make("fa").to_json()
    assert doc["direction"] == "rtl"
    first = doc["sections"][0]["blocks"][0]  # type: ignore[index]
    assert first["ids"] == ["BG-Nummer 83501BG0047112"]
    assert {"text", "german", "important"} <= set(first["lines"][0])


def test_html_escapes_keeps_ids_whole_and_sets_direction() -> None:
    cases = (CaseFacts(agency="Amt <b>&</b>", agency_kind="", title="",
                       processing_ids=(ProcessingId("56/3-WG-2291/25", IdKind.AKTENZEICHEN),)),)
    html = summary_html(make("fa", cases=cases))
    assert "<b>&" not in html and "&lt;b&gt;&amp;&lt;/b&gt;" in html
    assert '<span style="white-space:nowrap;">56/3-WG-2291/25.</span>' in html
    assert 'dir="rtl"' in html and 'dir="ltr"' in html
    large = summary_html(make("fa", cases=cases), large=True)
    assert "font-size:16pt" in large and "font-size:16pt" not in html


# -- catalogs ---------------------------------------------------------------------------


def _source_messages() -> set[str]:
    return {msg for _f, _l, msg, *_ in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords={"N_": None})}


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_covers_the_source_with_the_same_placeholders(lang: str) -> None:
    path = Path(i18n.LOCALE_DIR) / lang / "LC_MESSAGES" / "summaries.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    entries = {m.id: m for m in catalog if m.id}
    assert set(entries) == _source_messages()
    for msgid, m in entries.items():
        assert m.string and not m.fuzzy, msgid
        assert sorted(re.findall(r"\{\w+\}", str(msgid))) == sorted(
            re.findall(r"\{\w+\}", str(m.string))), msgid
