"""The app's process (it holds the key) never loads a native PDF parser, even to show a PDF,
and shows only safe attachment names."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from helperdesk.app.ingest import ingest_mail
from storage.store import Store
from ui.reader.reader import ReaderWidget

_SHOW_A_PDF = """
import sys
import nh3
from PySide6.QtWidgets import QApplication
from helperdesk.app.demo import demo_store

cleaned = []
_clean = nh3.clean
nh3.clean = lambda *a, **k: cleaned.append(1) or _clean(*a, **k)
from helperdesk.model import Source
from ui.reader.reader import ReaderWidget

app = QApplication([])
with demo_store() as demo:
    paper = next(m for m in demo.messages.find() if m.source is Source.PAPER)
    reader = ReaderWidget(demo)
    reader.show_message(paper.id)
    dialog = reader.view_attachment()
    assert dialog is not None and dialog.pdf.page_count() >= 1, "no page shown"
    mail = next(m for m in demo.messages.find() if m.source is not Source.PAPER)
    reader.show_message(mail.id)
    dialog.close()
loaded = sorted(m for m in sys.modules
                if m.split(".")[0] in ("pypdfium2", "pypdfium2_raw", "pypdf", "fitz")
                or m.startswith("PySide6.QtPdf"))
print("html sanitised here:", len(cleaned))
print("loaded:", loaded)
"""


def test_gui_process_loads_no_native_pdf_parser_and_sanitises_no_html() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, "-c", _SHOW_A_PDF], capture_output=True, text=True,
                         env=env, check=False, timeout=240)
    assert out.returncode == 0, out.stderr[-2000:]
    # nh3 is imported with the mail package, but never called in this process.
    assert out.stdout.strip().splitlines()[-2:] == ["html sanitised here: 0", "loaded: []"]


HOSTILE_NAME = "rechnung\u202efdp.exe"


def test_attachment_names_shown_and_offered_are_safe(qtbot: Any, store: Store) -> None:
    raw = (b"From: a@b.de\r\nSubject: Anhang\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n"
           b"Content-Type: text/plain\r\n\r\nHallo\r\n--x\r\n"
           b"Content-Type: application/pdf\r\nContent-Disposition: attachment; "
           b"filename*=utf-8''..%2F..%2Fetc%2Frechnung%E2%80%AEfdp.exe\r\n\r\nxxx\r\n--x--\r\n")
    result = ingest_mail(store, raw)
    reader = ReaderWidget(store)
    qtbot.addWidget(reader)
    reader.show_message(result.id)
    label = reader.attachments.item(0).text()
    assert "\u202e" not in label and "/" not in label
    assert label.startswith("rechnungfdp.exe")
    assert "open with care" in label

