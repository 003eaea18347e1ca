"""The summary use case on a store: which cases, who waits, loose deadlines, --since, contact."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from summary_support import compile_catalogs

from helperdesk.app.ingest import ingest_mail
from helperdesk.app.summary import SummaryOptions, household_summary, set_contact
from helperdesk.model import (
    Agency,
    AgencyKind,
    Case,
    CaseStatus,
    Deadline,
    DeadlineKind,
    Direction,
    Household,
    IdKind,
    ProcessingId,
)
from helperdesk.summaries import Contact
from storage.store import Store

TODAY = dt.date(2026, 12, 3)
STNR = "217/5678/1234"


def _mail(sender: str, to: str, subject: str, body: str, when: dt.datetime) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{abs(hash((subject, when)))}@test.example>"
    msg.set_content(body)
    return bytes(msg)


@pytest.fixture
def filled(store: Store) -> Store:
    compile_catalogs()
    h = store.households.add(Household(name="Familie Demir", language="tr", state="NW"))
    fa = store.agencies.add(Agency(name="Finanzamt Köln-Mitte", kind=AgencyKind.FINANZAMT,
                                   emails=["finanzamt-koeln.example"], state="NW"))
    abh = store.agencies.add(Agency(name="Ausländerbehörde Köln",
                                    kind=AgencyKind.AUSLAENDERBEHOERDE,
                                    emails=["abh-koeln.example"], state="NW"))
    assert h.id is not None
    tax = store.cases.add(Case(household_id=h.id, agency_id=fa.id, title="Einkommensteuer",
                               processing_ids=[ProcessingId(STNR, IdKind.STEUERNUMMER)]))
    store.cases.add(Case(household_id=h.id, agency_id=abh.id, title="Alter Antrag",
                         status=CaseStatus.CLOSED,
                         processing_ids=[ProcessingId("ABH-1/99", IdKind.AKTENZEICHEN)]))
    sent = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)
    ingest_mail(store, _mail(
        "post@finanzamt-koeln.example", "demir@example.net",
        f"Einkommensteuerbescheid 2025 – Steuernummer {STNR}",
        f"Sehr geehrte Frau Demir,\n\nanbei erhalten Sie den Bescheid über Einkommensteuer "
        f"2025.\n\nSteuernummer: {STNR}\n\nRechtsbehelfsbelehrung: Gegen diesen Bescheid ist "
        "der Einspruch zulässig. Der Einspruch ist innerhalb eines Monats nach Bekanntgabe "
        "dieses Bescheides schriftlich einzulegen.", sent), household_id=h.id)
    ingest_mail(store, _mail(
        "demir@example.net", "post@finanzamt-koeln.example",
        f"Frage zum Bescheid – Steuernummer {STNR}", f"Steuernummer {STNR}: eine Frage.",
        sent + dt.timedelta(days=3)), household_id=h.id, direction=Direction.OUT)
    store.deadlines.add(Deadline(household_id=h.id, date=dt.date(2026, 12, 15),
                                 kind=DeadlineKind.APPOINTMENT, time=dt.time(11, 0)))
    assert tax.id is not None
    set_contact(store, Contact(name="Jonas Weber", phone="", email="jonas@example.org"))
    return store


def test_open_cases_waiting_and_loose_deadlines(filled: Store) -> None:
    s = household_summary(filled, "Familie Demir", SummaryOptions(today=TODAY))
    assert s.language == "tr" and not s.rtl
    blocks = s.sections[0].blocks
    headings = [b.heading for b in blocks]
    assert "Finanzamt Köln-Mitte – Einkommensteuer" in headings
    assert not any("Alter Antrag" in h for h in headings), "closed cases are left out"
    tax = next(b for b in blocks if b.heading.startswith("Finanzamt"))
    german = [line.german for line in tax.lines]
    assert f"Schreiben Sie diese Nummer auf jeden Brief an das Amt: Steuernummer {STNR}." in (
        german)
    assert "Das Amt hat entschieden (Bescheid)." in german
    assert any("Einspruch einlegen" in g for g in german), german  # AO: Einspruch
    assert "Sie warten auf eine Antwort vom Amt." in german  # the household wrote last
    # A deadline of the household outside any case still appears, under the household.
    loose = next(b for b in blocks if b.heading == "Familie Demir")
    assert [line.german for line in loose.lines] == [
        "Ihr Termin ist am Dienstag, 15. Dezember 2026 um 11:00 Uhr."]
    assert [b.heading for b in s.sections[1].blocks] == ["Familie Demir"]
    contact = s.sections[-1]
    assert contact.title.german == "Ihre Ansprechperson: Jonas Weber"
    assert contact.blocks[0].lines[0].local == "E-posta: jonas@example.org"


def test_since_keeps_what_is_new(filled: Store) -> None:
    # After the appointment: the tax case stays for its objection period (a deadline then).
    s = household_summary(filled, "Familie Demir",
                          SummaryOptions(today=TODAY, since=dt.date(2026, 12, 16)))
    assert [b.heading for b in s.sections[0].blocks] == ["Finanzamt Köln-Mitte – Einkommensteuer"]
    s = household_summary(filled, "Familie Demir",
                          SummaryOptions(today=TODAY, since=dt.date(2027, 3, 1)))
    assert [line.german for b in s.sections[0].blocks for line in b.lines] == [
        "Es gibt keine offenen Angelegenheiten."]
    s = household_summary(filled, "Familie Demir",
                          SummaryOptions(today=TODAY, since=dt.date(2026, 11, 1)))
    assert len(s.sections[0].blocks) == 2
