"""One ingest path: the same letter gets the same analysis however it came in.

The CLI's ``import`` and the app's drop on a household both go through
``helperdesk.app.ingest``, with the agency directory and the household's
Bundesland; the stored analysis and the suggested deadlines are identical.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from helperdesk.analysis.analyze import Analysis
from helperdesk.cli import main
from helperdesk.model import Agency, AgencyKind, Household
from helperdesk.samples.pdfmake import text_to_pdf
from storage.store import Store

from conftest import PASSPHRASE

# Dated Tuesday 2 December 2025: Bekanntgabe on the 4th day, Saturday 6 December;
# one month later is Tuesday 6 January 2026, Heilige Drei Könige, a holiday in
# Bavaria (not nationwide), so there the period ends on Wednesday 7 January.
# The app's drop path used to analyse without the household's Bundesland and
# gave the 6th; the CLI gave the 7th.
LETTER = """Landratsamt Musterkreis – Ausländerbehörde
Musterstraße 1, 80331 München

München, 02.12.2025

Aktenzeichen: 32-1/AB-2025-117

Bescheid über die Verlängerung Ihrer Aufenthaltserlaubnis

Gegen diesen Bescheid können Sie innerhalb eines Monats nach Bekanntgabe Widerspruch erheben.
Bitte reichen Sie außerdem bis zum 19.12.2025 Ihren Mietvertrag ein.
"""


def _household(store: Store) -> int:
    store.agencies.add(Agency(name="Landratsamt Musterkreis – Ausländerbehörde",
                              kind=AgencyKind.AUSLAENDERBEHOERDE,
                              emails=["lra-musterkreis.example"], state="BY"))
    household = store.households.add(Household(name="Familie Haddad", state="BY"))
    assert household.id is not None
    return household.id


def _stored(store: Store) -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    (summary,) = store.messages.find()
    deadlines = sorted((v.deadline.date, v.deadline.time, v.deadline.kind, v.deadline.basis,
                        tuple(v.deadline.explanation))
                       for v in store.deadlines.matching(status=None))
    return store.messages.analysis(summary.id), deadlines


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "Bescheid_ABH.pdf"
    path.write_bytes(text_to_pdf(LETTER))
    return path


def test_cli_import_and_app_drop_give_the_same_analysis(
    qtbot: Any, tmp_path: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.main_window import MainWindow

    cli_path = tmp_path / "cli.db"
    with Store.create(cli_path, PASSPHRASE) as cli_store:
        _household(cli_store)
    monkeypatch.setenv("HELPERDESK_PASSPHRASE", PASSPHRASE)
    assert main(["--store", str(cli_path), "import", "--household", "Familie Haddad",
                 str(letter)]) == 0
    with Store.open(cli_path, PASSPHRASE) as cli_store:
        by_cli = _stored(cli_store)

    with Store.create(tmp_path / "app.db", PASSPHRASE) as app_store:
        hid = _household(app_store)
        window = MainWindow(app_store, synchronous_tasks=True)
        qtbot.addWidget(window)
        window.add_paper(hid, [letter])  # what a drop on the household does
        by_app = _stored(app_store)
        window.shutdown()

    assert by_app == by_cli
    analysis = Analysis.from_json(by_cli[0])
    assert analysis.agency is not None
    assert analysis.agency.kind is AgencyKind.AUSLAENDERBEHOERDE
    assert {d.date for d in analysis.deadlines} == {dt.date(2025, 12, 19), dt.date(2026, 1, 7)}
    assert len(by_cli[1]) == len(analysis.deadlines) >= 2


def test_stored_analysis_reads_back_typed_and_tolerates_the_unknown() -> None:
    from helperdesk.intake.prepare import prepare_paper

    analysis = prepare_paper(text_to_pdf(LETTER), filename="b.pdf").analysis
    again = Analysis.from_json(analysis.to_json())
    assert again.to_json() == analysis.to_json()
    newer = analysis.to_json() | {
        "letter_type": "a_type_of_the_future",
        "agency": {"kind": "mars_office", "name": "?"},
        "processing_ids": [{"value": "X1", "kind": "future_id"},
                           *analysis.to_json()["processing_ids"]],
        "deadlines": [{"date": "not a date"}, *analysis.to_json()["deadlines"]],
    }
    read = Analysis.from_json(newer)
    assert read.letter_type.value == "other" and read.agency is None
    assert read.processing_ids == analysis.processing_ids
    assert read.deadlines == analysis.deadlines
    assert Analysis.from_json({}).to_json() == Analysis.nothing().to_json()


def test_a_remembered_conversation_files_later_mail_on_arrival(store: Store) -> None:
    from helperdesk.app.ingest import ingest_mail
    from helperdesk.app.triage import NewCase, file_message

    hid = _household(store)

    def mail(mid: str, reply_to: str, subject: str) -> bytes:
        return (f"From: post@lra-musterkreis.example\nTo: helper@example.org\n"
                f"Subject: {subject}\nMessage-ID: <{mid}>\nIn-Reply-To: <{reply_to}>\n"
                f"References: <{reply_to}>\n\nText\n").encode()

    # The household's own first mail (<root@x>) never reached the store.
    first = ingest_mail(store, mail("a@x", "root@x", "AW: Antrag"))
    assert store.messages.get(first.id).household_id is None
    result = file_message(store, first.id, hid, NewCase("Aufenthalt"), whole_thread=True)
    later = ingest_mail(store, mail("b@x", "root@x", "AW: Antrag (Nachtrag)"))
    stored = store.messages.get(later.id)
    assert (stored.household_id, stored.case_id) == (hid, result.case_id)
