"""The reader: no remote resources, PDFs from memory, highlighted findings, accept a deadline."""

from __future__ import annotations

import http.server
import threading
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from helperdesk.app.demo import demo_store
from helperdesk.intake.prepare import prepare_mail
from helperdesk.model import DeadlineStatus, Source
from storage.store import Store
from ui.reader.pdf_viewer import PdfView
from ui.reader.reader import ReaderWidget
from ui.reader.safe_browser import SafeTextBrowser

from ui_fixtures import Filled


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 (shared by design: the test reads it)

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    _Counter.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", _Counter.hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def _html_mail(url: str) -> bytes:
    return (
        "From: amt@example.org\nTo: a@example.net\nSubject: Bild\nMessage-ID: <img@test>\n"
        "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
        f'<p>Hallo</p><img src="{url}/pixel.png"><img src="https://example.invalid/x.png">'
        f'<link rel="stylesheet" href="{url}/style.css">'
        f'<div style="background:url({url}/bg.png)">Text</div>\n'
    ).encode()


def test_reader_loads_no_remote_image(qtbot: Any, store: Store,
                                      server: tuple[str, list[str]]) -> None:
    url, hits = server
    # The counter works: a direct request is seen.
    urllib.request.urlopen(f"{url}/control").close()  # noqa: S310 (local test server)
    assert hits == ["/control"]
    hits.clear()
    mid = store.messages.add(prepare_mail(_html_mail(url)).message).id
    reader = ReaderWidget(store)
    qtbot.addWidget(reader)
    reader.resize(800, 600)
    reader.show()
    reader.show_message(mid)
    qtbot.waitExposed(reader)
    reader.grab()  # render everything, as a person looking at it would
    assert "Hallo" in reader.body.toPlainText()
    assert hits == []


def test_browser_refuses_resources_even_unsanitised(qtbot: Any,
                                                   server: tuple[str, list[str]]) -> None:
    url, hits = server
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.show()
    # Straight into the browser, bypassing nh3: the browser itself must refuse.
    browser.setHtml(f'<img src="{url}/raw.png" width="10" height="10"><p>x</p>')
    qtbot.waitExposed(browser)
    browser.grab()  # renders the document, which asks for the image
    assert browser.blocked_requests >= 1
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    for scheme_url in (f"{url}/a.png", "ftp://127.0.0.1/x", "file:///etc/hostname"):
        value = browser.loadResource(QTextDocument.ResourceType.ImageResource.value,
                                     QUrl(scheme_url))
        assert not value
    assert hits == []


def test_pdf_attachment_opens_from_memory(qtbot: Any, tmp_path: Any,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # anything written to a temp file shows here
    with demo_store() as demo:
        paper = next(m for m in demo.messages.find() if m.source is Source.PAPER)
        reader = ReaderWidget(demo)
        qtbot.addWidget(reader)
        reader.show_message(paper.id)
        assert reader.attachments.count() == 1
        dialog = reader.view_attachment()
        assert dialog is not None
        qtbot.addWidget(dialog)
        assert isinstance(dialog.pdf, PdfView)
        assert dialog.pdf.is_ready()
        assert dialog.pdf.page_count() >= 1
        dialog._zoom_in()
        dialog.close()
    assert list(tmp_path.iterdir()) == []


def test_findings_highlighted_and_deadline_accepted(qtbot: Any, filled: Filled) -> None:
    store = filled.store
    reader = ReaderWidget(store)
    qtbot.addWidget(reader)
    reader.show_message(filled.unfiled)
    assert not reader.findings.isHidden()
    html = reader.body.toHtml()
    assert "99999BG0000001" in html and "#fff3b0" in html  # the ID is marked
    assert len(reader.accept_buttons) == 1
    with qtbot.waitSignal(reader.deadline_accepted) as blocker:
        reader.accept_buttons[0].click()
    deadline = next(v.deadline for v in store.deadlines.matching(status=DeadlineStatus.OPEN)
                    if v.deadline.id == blocker.args[0])
    assert deadline.confirmed and deadline.message_id == filled.unfiled
    assert reader.accept_buttons == []  # now shown as accepted


def test_existing_suggestion_is_confirmed_not_duplicated(qtbot: Any, filled: Filled) -> None:
    from helperdesk.model import Deadline, DeadlineKind

    store = filled.store
    analysis = store.messages.analysis(filled.unfiled)
    import datetime as dt

    due = dt.date.fromisoformat(analysis["deadlines"][0]["date"])
    suggested = store.deadlines.add(Deadline(household_id=None, message_id=filled.unfiled,
                                             date=due, kind=DeadlineKind.SUBMIT))
    reader = ReaderWidget(store)
    qtbot.addWidget(reader)
    reader.show_message(filled.unfiled)
    reader.accept_buttons[0].click()
    rows = store.deadlines.matching(status=None, message_id=filled.unfiled)
    assert [v.deadline.id for v in rows] == [suggested.id]
    assert rows[0].deadline.confirmed
