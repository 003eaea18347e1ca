"""Household → Print summary…: preview, language and print size, contact, save as PDF, printer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from summary_support import compile_catalogs, poppler, squeezed

from helperdesk.app.demo import fill_demo_store
from helperdesk.app.summary import get_contact
from storage.store import Store
from ui.dialogs.summary.summary_dialog import SummaryDialog
from ui.printing import paint_summary

from conftest import PASSPHRASE


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    compile_catalogs()
    store = Store.create(tmp_path_factory.mktemp("ui-summary") / "demo.db", PASSPHRASE)
    try:
        fill_demo_store(store, dt.date.today())
        yield store
    finally:
        store.close()


@pytest.fixture
def dialog(demo: Store, qtbot: QtBot) -> SummaryDialog:
    d = SummaryDialog(demo, demo.households.by_name("Olena Kovalenko"))
    qtbot.addWidget(d)
    return d


def test_opens_in_the_households_language_with_a_preview(dialog: SummaryDialog) -> None:
    assert dialog.summary is not None and dialog.summary.language == "uk"
    assert dialog.language.currentData() == "uk"
    assert dialog.page_count() == 1
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()


def test_language_and_large_print_rebuild_the_page(dialog: SummaryDialog) -> None:
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    assert dialog.summary is not None and dialog.summary.rtl
    dialog.large.setChecked(True)
    assert dialog.page_count() >= 2


def test_contact_is_kept_in_the_store(dialog: SummaryDialog, demo: Store) -> None:
    dialog.contact_phone.setText("+49 30 1111 2222")
    dialog.contact_phone.editingFinished.emit()
    assert get_contact(demo).phone == "+49 30 1111 2222"
    assert dialog.summary is not None
    assert "+49 30 1111 2222" in str(dialog.summary.to_json())


def test_save_as_pdf_and_print_give_the_same_page(dialog: SummaryDialog, tmp_path: Path) -> None:
    saved = dialog.save_pdf(tmp_path / "olena.pdf")
    assert saved is not None
    text = poppler("pdftotext", str(saved), "-")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.summary is not None
    assert paint_summary(dialog.summary, printer) == 1
    printed = poppler("pdftotext", str(tmp_path / "printed.pdf"), "-")
    for needle in ("515FK204711", "KVR-II/21-4711", "Familienkasse Bayern Süd"):
        assert squeezed(needle) in squeezed(text) and squeezed(needle) in squeezed(printed)


def test_a_failed_save_says_why_and_keeps_the_dialog(dialog: SummaryDialog,
                                                     tmp_path: Path) -> None:
    assert dialog.save_pdf(tmp_path / "missing-folder" / "x.pdf") is None
    assert not dialog.error.isHidden() and "could not be saved" in dialog.error.text()


def test_every_control_has_an_accessible_name(dialog: SummaryDialog) -> None:
    unnamed = [w.metaObject().className() for w in dialog.findChildren(QWidget)
               if w.focusPolicy() != w.focusPolicy().NoFocus and w.isVisibleTo(dialog)
               and not w.accessibleName() and not getattr(w, "text", lambda: "")()
               and w.parent() is dialog]
    assert unnamed == []
