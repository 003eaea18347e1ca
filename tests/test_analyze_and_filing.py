"""``helperdesk analyze`` and how import files mail: cases by ID, thread, deadlines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helperdesk.app.ingest import store_prepared
from helperdesk.cli import main
from helperdesk.intake.prepare import prepare_mail, prepare_paper
from helperdesk.model import Case, Household, IdKind, ProcessingId
from helperdesk.samples.pdfmake import text_to_pdf
from storage.store import Store

BESCHEID = """Jobcenter München
Team 621
München, 03.03.2025

BG-Nummer: 83501 BG 0047112

Bescheid über Leistungen zur Sicherung des Lebensunterhalts

Sehr geehrte Frau Haddad,
für die Zeit vom 01.04.2025 bis 30.09.2025 werden Leistungen bewilligt.

Rechtsbehelfsbelehrung
Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden.
"""


def mail(subject: str, body: str, msgid: str, *, in_reply_to: str = "",
         sender: str = "team621@jobcenter-muenchen.example") -> bytes:
    extra = f"In-Reply-To: {in_reply_to}\r\nReferences: {in_reply_to}\r\n" if in_reply_to else ""
    return (
        f"From: Jobcenter München <{sender}>\r\nTo: haddad@example.net\r\n"
        f"Subject: {subject}\r\nMessage-ID: {msgid}\r\n{extra}"
        "Date: Mon, 03 Mar 2025 09:00:00 +0100\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        f"{body}\r\n"
    ).encode()


def test_analyze_json_for_pdf_and_eml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "bescheid.pdf"
    pdf.write_bytes(text_to_pdf(BESCHEID))
    eml = tmp_path / "einladung.eml"
    eml.write_bytes(mail("Einladung", "Termin am Dienstag, 12.01.2027 um 09:30 Uhr, Zimmer 2.14. "
                         "BG-Nummer: 83501BG0047112", "<e@x>"))
    assert main(["analyze", str(pdf), str(eml), "--state", "BY", "--json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert [d["file"] for d in docs] == [str(pdf), str(eml)]
    letter, invitation = docs
    assert set(letter) == {"file", "message_id", "subject", "date", "agency", "letter_type",
                           "processing_ids", "deadlines", "problems"}
    assert letter["agency"]["kind"] == "jobcenter"
    assert letter["letter_type"] == "bescheid"
    assert letter["processing_ids"][0]["value"] == "83501BG0047112"
    assert letter["processing_ids"][0]["kind"] == "bg_nummer"
    objection = next(d for d in letter["deadlines"] if d["kind"] == "objection")
    # Worked example of the issue: posted Mon 03.03.2025 → deemed Fri 07.03. → Mon 07.04.2025.
    assert objection["date"] == "2025-04-07" and objection["basis"] == "computed"
    assert any("07.03.2025" in step for step in objection["explanation"])
    appointment = invitation["deadlines"][0]
    assert appointment == {**appointment, "date": "2027-01-12", "time": "09:30",
                           "kind": "appointment", "basis": "explicit"}
    assert invitation["message_id"] == "<e@x>"


def test_analyze_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.eml"
    broken.write_bytes(b"\xff\xfe\x00garbage without headers\r\n\r\n=?utf-8?q?=ZZ?=")
    assert main(["analyze", str(broken), str(tmp_path / "missing.pdf"), "--json"]) == 1
    docs = json.loads(capsys.readouterr().out)
    assert docs[0]["problems"] and docs[0]["deadlines"] == []
    assert "no such file" in docs[1]["error"]


def test_import_files_by_id_then_thread_and_stores_suggestions(store: Store) -> None:
    hh = store.households.add(Household(name="Familie Haddad", state="BY"))
    assert hh.id is not None
    case = store.cases.add(Case(household_id=hh.id, agency_id=None, title="Bürgergeld",
                                processing_ids=[ProcessingId("83501BG0047112", IdKind.BG_NUMMER)]))
    first = store_prepared(store, prepare_mail(mail(
        "Mitwirkung BG-Nummer 83501BG0047112",
        "Bitte reichen Sie die Unterlagen bis zum 15.12.2026 ein.", "<1@jc>")),
        household_id=hh.id)
    stored = store.messages.get(first.id)
    assert stored.case_id == case.id
    suggestions = store.deadlines.matching(household_id=hh.id)
    assert [(s.deadline.date.isoformat(), s.deadline.confirmed) for s in suggestions] == [
        ("2026-12-15", False)]
    assert suggestions[0].deadline.case_id == case.id
    # The household's reply without any ID lands in the same household and case (thread).
    reply = store_prepared(store, prepare_mail(mail(
        "AW: Mitwirkung", "Anbei die Unterlagen.", "<2@haddad>", in_reply_to="<1@jc>",
        sender="haddad@example.net")))
    assert (store.messages.get(reply.id).household_id,
            store.messages.get(reply.id).case_id) == (hh.id, case.id)
    # A mail without household or thread stays unfiled for triage.
    other = store_prepared(store, prepare_mail(mail("Info", "Allgemeines", "<3@jc>")))
    assert store.messages.get(other.id).household_id is None
    assert [m.id for m in store.messages.find(unfiled=True)] == [other.id]


def test_paper_letter_gets_its_printed_date(store: Store) -> None:
    res = store_prepared(store, prepare_paper(text_to_pdf(BESCHEID), filename="Bescheid.pdf"))
    msg = store.messages.get(res.id)
    assert msg.date is not None and msg.date.date().isoformat() == "2025-03-03"
    analysis = store.messages.analysis(res.id)
    assert analysis["agency"]["kind"] == "jobcenter"
    assert {d["kind"] for d in analysis["deadlines"]} == {"objection", "renewal"}


def test_filing_a_message_moves_its_deadlines(store: Store) -> None:
    hh = store.households.add(Household(name="Familie Später"))
    res = store_prepared(store, prepare_mail(mail(
        "WG: Nachricht", "Bitte reichen Sie die Lohnabrechnung bis zum 15.12.2026 ein.", "<f@x>")))
    assert store.deadlines.matching()[0].household is None
    store.messages.file(res.id, hh.id, None)
    assert store.deadlines.matching()[0].household == "Familie Später"


def test_sender_of_exactly_one_case_files_id_less_mail(store: Store) -> None:
    hh = store.households.add(Household(name="Familie Absender"))
    assert hh.id is not None
    wohngeld = store.cases.add(Case(household_id=hh.id, agency_id=None, title="Wohngeld"))
    store.cases.add(Case(household_id=hh.id, agency_id=None, title="Kindergeld",
                         processing_ids=[ProcessingId("515FK123456", IdKind.KINDERGELDNUMMER)]))
    first = store_prepared(store, prepare_mail(mail(
        "Ihr Antrag", "Wir bearbeiten Ihren Antrag.", "<s1@x>", sender="Wohngeld@Stadt.example")),
        household_id=hh.id)
    assert store.messages.get(first.id).case_id is None  # nothing to go by yet
    store.messages.file(first.id, hh.id, wohngeld.id)  # the helper files it once
    second = store_prepared(store, prepare_mail(mail(
        "Nachfrage", "Bitte senden Sie uns noch die Mietbescheinigung.", "<s2@x>",
        sender="wohngeld@stadt.example")), household_id=hh.id)
    assert store.messages.get(second.id).case_id == wohngeld.id  # same sender, any case
