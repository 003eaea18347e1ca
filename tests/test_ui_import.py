"""The app's import: File menu, drops, the household choice (never silent), progress, summary."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from helperdesk.app.ocr import engine
from helperdesk.samples.pdfmake import text_to_pdf
from ui.dialogs.importing import ImportDialog

from conftest import need
from ocr_letters import snippet
from ui_fixtures import Filled


def expected_handled(event: QDropEvent) -> bool:
    """Whether the window's drop handler should take the event (importable files only)."""
    return any(u.toLocalFile().endswith(".pdf") for u in event.mimeData().urls())


def _letter(tmp_path: Path, name: str = "Bescheid.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(text_to_pdf(f"Jobcenter Berlin\n{name}\nBescheid über Leistungen " * 3))
    return path


def test_file_menu_offers_import(window: Any) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts[:2] == ["&Import files…", "Import &folder…"]


def test_without_a_selected_household_the_helper_must_choose(
    qtbot: Any, filled: Filled, tmp_path: Path
) -> None:
    dialog = ImportDialog(filled.store, [_letter(tmp_path)], synchronous=True)
    qtbot.addWidget(dialog)
    assert dialog.household.currentData() is None
    assert not dialog.start_button.isEnabled()  # no silent default
    dialog.household.setCurrentIndex(dialog.household.findData(filled.wagner))
    assert dialog.start_button.isEnabled()
    dialog.start()
    assert dialog.summary is not None and dialog.summary.new == 1
    assert "New: 1" in dialog.outcome.text()
    assert dialog.progress.value() == dialog.progress.maximum()
    subjects = [m.subject for m in filled.store.messages.find(household_id=filled.wagner)]
    assert subjects == ["Bescheid"]


def test_the_automatic_choice_leaves_unknown_mail_unfiled(
    qtbot: Any, filled: Filled, tmp_path: Path
) -> None:
    _letter(tmp_path, "a.pdf")
    (tmp_path / "sub").mkdir()
    _letter(tmp_path / "sub", "b.pdf")
    dialog = ImportDialog(filled.store, [tmp_path], synchronous=True)
    qtbot.addWidget(dialog)
    dialog.household.setCurrentIndex(1)  # by thread, the rest under Unfiled
    dialog.start()
    assert dialog.summary is not None and dialog.summary.new == 2
    unfiled = {m.subject for m in filled.store.messages.find(unfiled=True)}
    assert {"a", "b"} <= unfiled


def test_a_drop_on_the_window_opens_the_dialog_for_the_selected_household(
    window: Any, filled: Filled, tmp_path: Path
) -> None:
    window.select_household(filled.haddad)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(_letter(tmp_path)))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    assert window.importer.eventFilter(window, event) is expected_handled(event)
    dialogs = window.findChildren(ImportDialog)
    assert len(dialogs) == 1
    assert dialogs[0].household.currentData() == filled.haddad
    dialogs[0].close()


def test_a_drop_of_other_files_is_refused(window: Any, tmp_path: Path) -> None:
    other = tmp_path / "notes.docx"
    other.write_bytes(b"PK")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    assert window.importer.eventFilter(window, event) is expected_handled(event)
    assert window.findChildren(ImportDialog) == []


def test_several_images_can_be_one_letter(qtbot: Any, filled: Filled, tmp_path: Path) -> None:
    need(shutil.which("tesseract") is not None, "Tesseract is not installed (tesseract-ocr)")
    engine.status.cache_clear()
    pages = []
    for n in (1, 2):
        page = tmp_path / f"seite{n}.png"
        page.write_bytes(snippet("b_jc_mitwirkung_explicit_he"))
        pages.append(page)
    pages[1].write_bytes(pages[1].read_bytes() + b"\0")  # a different file, same picture
    dialog = ImportDialog(filled.store, pages, household_id=filled.haddad, synchronous=True)
    qtbot.addWidget(dialog)
    assert not dialog.one_letter.isHidden()
    dialog.one_letter.setChecked(True)
    dialog.start()
    assert dialog.summary is not None
    assert (dialog.summary.new, dialog.summary.read_by_ocr) == (1, 1)
    (letter,) = [m for m in filled.store.messages.find(household_id=filled.haddad)
                 if m.subject == "seite1"]
    assert [a.filename for a in filled.store.messages.get(letter.id).attachments] == [
        "seite1.png", "seite2.png"]


@pytest.fixture(autouse=True)
def _fresh_engine_status() -> None:
    engine.status.cache_clear()


def test_the_filing_dialog_does_not_preselect_a_household(qtbot: Any, filled: Filled) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.dialogs.filing.triage_dialog import TriageDialog

    dialog = TriageDialog(filled.store, filled.unfiled)
    qtbot.addWidget(dialog)
    assert dialog.household.currentData() is None
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.household.setCurrentIndex(dialog.household.findData(filled.haddad))
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_the_reader_shows_a_page_photo_beside_its_text(qtbot: Any, store: Any) -> None:
    from helperdesk.intake.prepare import prepare_photos
    from helperdesk.intake.scan import Recognised
    from ui.reader.page_viewer import PageViewerDialog
    from ui.reader.reader import ReaderWidget

    from ocr_letters import heic

    photo = heic("b_jc_mitwirkung_explicit_he")  # decoded by the worker, not by the app
    prepared = prepare_photos([("IMG_1.heic", photo)],
                              recognised=Recognised(texts={0: "BG-Nummer 43901BG0120045"}))
    mid = store.messages.add(prepared.message).id
    reader = ReaderWidget(store)
    qtbot.addWidget(reader)
    reader.show_message(mid)
    assert "Paper letter (photos or scans)" in reader.meta.text()
    dialog = reader.view_attachment()
    assert isinstance(dialog, PageViewerDialog)
    qtbot.addWidget(dialog)
    pixmap = dialog.image.pixmap()
    assert not pixmap.isNull() and max(pixmap.width(), pixmap.height()) <= 1600
    assert "43901BG0120045" in dialog.text.toPlainText()
    dialog.close()


def test_letters_that_need_ocr_are_read_in_the_background(qtbot: Any, store: Any) -> None:
    """The hook the main window calls at start and unlock (after an upgrade, say)."""
    from PySide6.QtWidgets import QMainWindow

    from helperdesk.intake.prepare import prepare_photos
    from helperdesk.intake.scan import Recognised
    from ui.dialogs.importing import ImportController

    need(shutil.which("tesseract") is not None, "Tesseract is not installed (tesseract-ocr)")
    waiting = prepare_photos([("brief.png", snippet("b_jc_mitwirkung_explicit_he"))],
                             recognised=Recognised(unavailable="Tesseract is not installed."))
    mid = store.messages.add(waiting.message).id
    assert store.messages.get(mid).attachments[0].needs_ocr
    window = QMainWindow()
    qtbot.addWidget(window)
    controller = ImportController(store, window, current_household=lambda: None)
    lines: list[str] = []
    controller.status.connect(lines.append)
    with qtbot.waitSignal(controller.imported, timeout=120_000):
        controller.read_backlog()  # a real thread and a real OCR worker
    controller.shutdown()
    letter = store.messages.get(mid)
    assert not letter.attachments[0].needs_ocr and "43901BG0120045" in letter.text
    assert lines == ["Letters read by OCR: 1."]
