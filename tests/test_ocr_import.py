"""Paper letters into the store through the one ingest path: photos, scans, folders, backlog.

Real Tesseract (required in CI, skipped with a reason elsewhere), real
encrypted stores; pages are few. What a letter's own text gives (IDs,
deadlines, printed date) is what its photo must give after import.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pytest

from helperdesk.app import ingest
from helperdesk.app.ocr import backlog, engine
from helperdesk.cli import main
from helperdesk.intake.prepare import prepare_paper
from helperdesk.model import Household, Source
from helperdesk.samples.pdfmake import text_to_pdf
from storage.store import Store

from conftest import need
from ocr_letters import DEGRADATIONS, findings, letter_pdf, photographed, render, snippet, truth

LETTER = "b_jc_mitwirkung_explicit_he"


@pytest.fixture
def tesseract() -> Iterator[None]:
    need(shutil.which("tesseract") is not None, "Tesseract is not installed (tesseract-ocr)")
    engine.status.cache_clear()
    need(engine.status().available, engine.status().reason)
    yield
    engine.status.cache_clear()


def _stored_findings(store: Store, mid: int) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    return findings(store.messages.analysis(mid))


def test_cli_imports_a_photographed_letter_into_a_household(
    tesseract: None, cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(photographed(LETTER, DEGRADATIONS[3]))
    assert main(["init"]) == 0
    assert main(["household", "add", "Familie Haddad", "--state", "HE"]) == 0
    capsys.readouterr()
    assert main(["import", str(photo), "--household", "Familie Haddad", "--json",
                 "--progress"]) == 0
    out, err = capsys.readouterr()
    summary = json.loads(out)
    assert summary["new"] == 1 and summary["read_by_ocr"] == 1 and summary["needs_ocr"] == 0
    assert "page 1 of 1" in err
    with Store.open(cli_env, "korrekt Pferd Batterie Heftklammer") as store:
        (mid,) = summary_ids(store)
        message = store.messages.get(mid)
        assert message.source is Source.PAPER
        assert [(a.filename, a.mime_type, a.needs_ocr) for a in message.attachments] == [
            ("IMG_2041.jpg", "image/jpeg", False)]
        assert message.attachments[0].data == photo.read_bytes()  # the page kept exactly
        assert _stored_findings(store, mid) == truth(letter_pdf(LETTER))
        assert message.date == printed_date()
        deadlines = store.deadlines.matching(message_id=mid)
        assert {(d.deadline.date.isoformat(), d.deadline.kind.value) for d in deadlines} == \
            truth(letter_pdf(LETTER))[1]
        assert [h.id for h in store.search("43901BG0120045")] == [mid]
    # The same photo again is the same letter: not read twice.
    assert main(["import", str(photo), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["already_stored"] == 1


def printed_date() -> object:
    """The posting date the letter's own text gives (its printed date)."""
    date = prepare_paper(letter_pdf(LETTER), filename="brief.pdf").message.date
    assert date is not None
    return date


def summary_ids(store: Store) -> list[int]:
    return [m.id for m in store.messages.find()]


def test_several_photos_become_one_letter_in_their_order(
    tesseract: None, store: Store, tmp_path: Path
) -> None:
    page = render(letter_pdf(LETTER), 200)
    top, bottom = tmp_path / "seite1.png", tmp_path / "seite2.png"
    page.crop((0, 0, page.width, page.height // 2)).save(top)
    page.crop((0, page.height // 2, page.width, page.height)).save(bottom)
    summary = ingest.import_files(store, [top, bottom], one_letter=True)
    assert (summary.new, summary.read_by_ocr, summary.failed) == (1, 1, [])
    message = store.messages.get(summary.message_ids[0])
    assert [a.filename for a in message.attachments] == ["seite1.png", "seite2.png"]
    assert message.text.index("43901BG0120045") < message.text.index("Mit freundlichen")
    assert _stored_findings(store, message.id or 0) == truth(letter_pdf(LETTER))


def test_a_scanned_page_inside_a_digital_pdf_is_read(tesseract: None, store: Store) -> None:
    digital = pypdfium2.PdfDocument(text_to_pdf("Anlage 1: Übersicht der Unterlagen\n" * 4))
    image = render(letter_pdf(LETTER), 200)
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=200)
    scan = pypdfium2.PdfDocument(buffer.getvalue())
    scan.import_pages(digital)  # the scanned letter, then a digital enclosure
    out = io.BytesIO()
    scan.save(out)
    pdf = out.getvalue()
    result = ingest.ingest_paper(store, pdf, filename="letter.pdf")  # as truth() names it
    message = store.messages.get(result.id)
    assert "Anlage 1" in message.text and "43901BG0120045" in message.text
    assert message.attachments[0].ocr["pages"] == [0]
    assert message.text.index("43901BG0120045") < message.text.index("Anlage 1")
    # The same two pages, both with a text layer, are the truth.
    twin = pypdfium2.PdfDocument(letter_pdf(LETTER))
    twin.import_pages(digital)
    twin_bytes = io.BytesIO()
    twin.save(twin_bytes)
    assert _stored_findings(store, result.id) == truth(twin_bytes.getvalue(),
                                                     store.agencies.list_all())


def test_folders_are_imported_recursively(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "Post"
    (folder / "2025" / "März").mkdir(parents=True)
    (folder / ".cache").mkdir()
    mail = (b"From: jobcenter@example.org\r\nSubject: Termin\r\nMessage-ID: <a@b>\r\n\r\n"
            b"Bitte kommen Sie am 12.03.2025.\r\n")
    (folder / "2025" / "termin.eml").write_bytes(mail)
    (folder / "2025" / "März" / "brief.pdf").write_bytes(text_to_pdf("Wohngeldbescheid " * 9))
    (folder / ".cache" / "old.eml").write_bytes(mail.replace(b"<a@b>", b"<c@d>"))
    (folder / "notizen.docx").write_bytes(b"PK")
    assert ingest.expand_paths([folder]) == [folder / "2025" / "März" / "brief.pdf",
                                              folder / "2025" / "termin.eml"]
    summary = ingest.import_files(store, [folder])
    assert (summary.new, summary.failed) == (2, [])


def test_cli_import_of_a_folder(cli_env: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.pdf").write_bytes(text_to_pdf("Familienkasse Bescheid " * 5))
    assert main(["init"]) == 0
    capsys.readouterr()
    assert main(["import", str(tmp_path / "in"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["new"] == 1


def test_without_ocr_the_letter_is_stored_as_needing_it_and_read_later(
    tesseract: None, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    hid = store.households.add(Household("Familie Haddad", state="HE")).id
    photo = tmp_path / "brief.jpg"
    photo.write_bytes(photographed(LETTER, DEGRADATIONS[0]))
    empty = tmp_path / "tessdata"
    empty.mkdir()
    monkeypatch.setenv("TESSDATA_PREFIX", str(empty))
    engine.status.cache_clear()
    summary = ingest.import_files(store, [photo], household_id=hid)
    assert (summary.new, summary.needs_ocr, summary.read_by_ocr) == (1, 1, 0)
    assert len(summary.notices) == 1 and "German language data" in summary.notices[0]
    mid = summary.message_ids[0]
    stored = store.messages.get(mid)
    assert stored.attachments[0].needs_ocr and stored.attachments[0].data == photo.read_bytes()
    assert backlog.pending(store) == [mid]
    assert backlog.read_backlog(store).unavailable  # still no OCR: nothing tried, nothing lost
    assert backlog.pending(store) == [mid]

    monkeypatch.delenv("TESSDATA_PREFIX")  # "after the upgrade"
    engine.status.cache_clear()
    seen: list[tuple[int, int]] = []
    result = backlog.read_backlog(store, progress=lambda d, n: seen.append((d, n)))
    assert (result.read, result.still_needing, seen) == (1, 0, [(1, 1)])
    assert backlog.pending(store) == []
    letter = store.messages.get(mid)
    assert not letter.attachments[0].needs_ocr
    assert _stored_findings(store, mid) == truth(letter_pdf(LETTER))
    assert letter.date == printed_date()
    assert {(d.deadline.date.isoformat(), d.deadline.kind.value)
            for d in store.deadlines.matching(message_id=mid)} == truth(letter_pdf(LETTER))[1]
    assert [h.id for h in store.search("43901BG0120045")] == [mid]
    # Reading again adds no second set of deadline suggestions.
    assert backlog.read_backlog(store).read == 0


def test_a_broken_image_is_named_and_the_others_go_on(
    tesseract: None, store: Store, tmp_path: Path
) -> None:
    bad = tmp_path / "kaputt.jpg"
    bad.write_bytes(b"\xff\xd8\xff not really a jpeg")
    good = tmp_path / "brief.pdf"
    good.write_bytes(text_to_pdf("Jobcenter Bescheid " * 5))
    summary = ingest.import_files(store, [bad, good])
    assert summary.new == 2  # the broken image is kept as a letter that needs OCR
    broken = store.messages.get(summary.message_ids[0])
    assert broken.attachments[0].needs_ocr
    assert any("unreadable" in p for p in broken.problems)


def test_cli_without_ocr_says_so_once_and_the_ocr_command_reads_later(
    tesseract: None, cli_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    photos = []
    for n in (1, 2):
        photo = tmp_path / f"brief{n}.png"
        photo.write_bytes(snippet(LETTER) + bytes(n))  # two different files
        photos.append(photo)
    assert main(["init"]) == 0
    empty = tmp_path / "tessdata"
    empty.mkdir()
    monkeypatch.setenv("TESSDATA_PREFIX", str(empty))
    engine.status.cache_clear()
    capsys.readouterr()
    assert main(["import", *map(str, photos)]) == 0
    out, err = capsys.readouterr()
    assert err.count("German language data") == 1 and len(err.strip().splitlines()) == 1
    assert "stored as needing OCR: 2" in out
    assert main(["ocr"]) == 1
    assert "German language data" in capsys.readouterr().err

    monkeypatch.delenv("TESSDATA_PREFIX")
    engine.status.cache_clear()
    assert main(["ocr", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["read"], result["still_needing"], result["pending"]) == (2, 0, 0)


def test_cli_analyze_reads_a_photo(tesseract: None, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    photo = tmp_path / "brief.png"
    photo.write_bytes(snippet(LETTER))
    assert main(["analyze", str(photo), "--json"]) == 0
    (doc,) = json.loads(capsys.readouterr().out)
    assert {p["value"] for p in doc["processing_ids"]} >= {"43901BG0120045"}


def test_import_without_household_follows_a_private_sender_not_an_agency(
    store: Store, tmp_path: Path
) -> None:
    hid = store.households.add(Household("Familie Haddad")).id

    def mail(sender: str, n: int) -> bytes:
        return (f"From: {sender}\r\nSubject: Frage {n}\r\nMessage-ID: <q{n}@x>\r\n\r\n"
                f"Hallo, hier ist Frage {n}.\r\n").encode()
    first = tmp_path / "first.eml"
    first.write_bytes(mail("sara.haddad@example.net", 1))
    ingest.import_files(store, [first], household_id=hid)
    later = tmp_path / "later.eml"
    later.write_bytes(mail("Sara.Haddad@example.net", 2))
    agency = tmp_path / "agency.eml"
    agency.write_bytes(mail("post@jobcenter-offenbach.de", 3).replace(
        b"Hallo", b"Jobcenter Offenbach, BG-Nummer 43901BG0120045. Hallo"))
    ingest.import_files(store, [agency], household_id=hid)
    agency2 = tmp_path / "agency2.eml"
    agency2.write_bytes(mail("post@jobcenter-offenbach.de", 4).replace(
        b"Hallo", b"Jobcenter Offenbach. Hallo"))
    summary = ingest.import_files(store, [later, agency2])
    stored = {store.messages.get(i).subject: store.messages.get(i).household_id
              for i in summary.message_ids}
    assert stored["Frage 2"] == hid  # the household's own member wrote
    # An agency writes to many households: its mail waits for the helper.
    assert store.messages.analysis(summary.message_ids[1])["agency"]["kind"] == "jobcenter"
    assert stored["Frage 4"] is None


def test_cancel_while_a_letter_is_read_stores_nothing_of_it(
    tesseract: None, store: Store, tmp_path: Path
) -> None:
    import threading

    first = tmp_path / "vorher.pdf"
    first.write_bytes(text_to_pdf("Jobcenter Bescheid " * 5))
    pages = []
    for n in (1, 2):
        page = tmp_path / f"seite{n}.png"
        page.write_bytes(snippet(LETTER) + bytes(n))
        pages.append(page)
    cancel = threading.Event()

    def progress(p: ingest.ImportProgress) -> None:
        if p.pages_done == 1:
            cancel.set()  # the helper presses Cancel after the first page

    summary = ingest.import_files(store, [first, *pages], one_letter=True, progress=progress,
                                  cancel=cancel)
    assert (summary.new, summary.failed) == (1, [])
    assert [m.subject for m in store.messages.find()] == ["vorher"]
