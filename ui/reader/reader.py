"""The reader: headers, the text (sanitised HTML, nothing remote), attachments, findings.

Detected processing IDs and deadlines from the stored analysis are shown
above the text and highlighted in it; a suggested deadline can be accepted
with one button. PDFs open inside the app from memory; saving an attachment
happens only when the user asks and chooses where.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from helperdesk.analysis.analyze import Analysis
from helperdesk.analysis.wording import explanation_step, legal_terms, problem_note
from helperdesk.app import deadlines as deadline_uc
from helperdesk.mail.filenames import mismatch, safe_filename
from helperdesk.model import (
    Attachment,
    Deadline,
    DeadlineStatus,
    DeadlineSuggestion,
    Direction,
    Message,
    Source,
)
from i18n import _, format_day, format_time
from storage.deadlines import DeadlineView
from storage.store import Store
from ui.models.deadlines import kind_label
from ui.reader.agency_offer import AgencyOffer
from ui.reader.id_conflict_note import IdConflictNote
from ui.reader.page_viewer import PageViewerDialog
from ui.reader.pdf_viewer import PdfViewerDialog
from ui.reader.safe_browser import SafeTextBrowser
from ui.theme import NOTE_TEXT
from ui.widgets.id_panel import IdPanel

_MARK = "background-color:#fff3b0;color:#1f1f1f;font-weight:bold"  # dark text in any palette
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def highlight_text(text: str, needles: list[str]) -> str:
    """Escape ``text`` for HTML and mark every needle (IDs, dates) in it."""
    escaped = html.escape(text)
    wanted = sorted({html.escape(n) for n in needles if n.strip()}, key=len, reverse=True)
    if wanted:
        pattern = re.compile("|".join(re.escape(n) for n in wanted))
        escaped = pattern.sub(lambda m: f'<span style="{_MARK}">{m.group(0)}</span>', escaped)
    return f'<div style="white-space:pre-wrap">{escaped}</div>'


class ReaderWidget(QWidget):
    deadline_accepted = Signal(int)
    status_message = Signal(str)
    reply_requested = Signal(int)  # the stored id of the letter to answer

    def __init__(self, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._message: Message | None = None
        self._analysis = Analysis.nothing()

        self.subject = QLabel(self)
        font = QFont(self.subject.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.subject.setFont(font)
        self.subject.setWordWrap(True)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reply_button = QPushButton(_("&Reply"), self)
        self.reply_button.setToolTip(_(
            "Answer this letter: to the agency, in its thread, with its ID"))
        self.reply_button.clicked.connect(self._reply)
        self.meta = QLabel(self)
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.findings = QFrame(self)
        self.findings.setFrameShape(QFrame.Shape.StyledPanel)
        self.findings.setObjectName("findings")
        self.findings.setStyleSheet("#findings { background: #fffbe6; }"
                                    f" #findings QLabel {{ color: {NOTE_TEXT}; }}")
        # Never squeeze the findings: the IDs and the accept button must stay readable.
        self.findings.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._findings_layout = QVBoxLayout(self.findings)
        self.ids = IdPanel(self.findings)
        self.ids.copied.connect(lambda v: self.status_message.emit(
            _("Copied {value}").format(value=v)))
        self._findings_layout.addWidget(self.ids)
        self.agency_offer = AgencyOffer(self.findings)
        self.agency_offer.status_message.connect(self.status_message)
        self._findings_layout.addWidget(self.agency_offer)
        self.id_conflicts = IdConflictNote(self.findings)
        self._findings_layout.addWidget(self.id_conflicts)
        self._deadline_rows: list[QWidget] = []
        self.accept_buttons: list[QPushButton] = []

        self.body = SafeTextBrowser(self)
        self.body.setAccessibleName(_("Message text"))

        self.attachments = QListWidget(self)
        self.attachments.setAccessibleName(_("Attachments"))
        self.attachments.itemActivated.connect(lambda _item: self.view_attachment())
        self.view_button = QPushButton(_("&View"), self)
        self.view_button.clicked.connect(self.view_attachment)
        self.save_button = QPushButton(_("&Save as…"), self)
        self.save_button.clicked.connect(self.save_attachment)
        att_buttons = QHBoxLayout()
        att_buttons.addWidget(QLabel(_("Attachments:"), self))
        att_buttons.addStretch(1)
        att_buttons.addWidget(self.view_button)
        att_buttons.addWidget(self.save_button)
        att_box = QWidget(self)
        att_layout = QVBoxLayout(att_box)
        att_layout.setContentsMargins(0, 0, 0, 0)
        att_layout.addLayout(att_buttons)
        att_layout.addWidget(self.attachments)
        self.attachment_box = att_box

        self.placeholder = QLabel(_("Select a mail to read it."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.body)
        split.addWidget(att_box)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        self._content = QWidget(self)
        content = QVBoxLayout(self._content)
        content.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.subject, 1)
        heading.addWidget(self.reply_button, 0, Qt.AlignmentFlag.AlignTop)
        content.addLayout(heading)
        content.addWidget(self.meta)
        content.addWidget(self.findings)
        content.addWidget(split, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.placeholder)
        # At large text sizes (200 %) the reader scrolls rather than squeezing its parts.
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its parts are the tab stops
        self._scroll.setWidget(self._content)
        layout.addWidget(self._scroll)
        self.clear()

    # -- public --------------------------------------------------------------

    @property
    def message(self) -> Message | None:
        return self._message

    def set_store(self, store: Store | None) -> None:
        self._store = store

    def clear(self) -> None:
        self._message = None
        self._analysis = Analysis.nothing()
        self.subject.clear()
        self.meta.clear()
        self.body.clear()
        self.attachments.clear()
        self.ids.set_ids([])
        self.agency_offer.hide()
        self.id_conflicts.hide()
        self._set_deadlines([])
        self._scroll.hide()
        self.placeholder.show()

    def show_message(self, message_id: int | None) -> None:
        if message_id is None or self._store is None:
            self.clear()
            return
        store = self._store
        msg = store.messages.get(message_id)
        self._message = msg
        self._analysis = Analysis.from_json(store.messages.analysis(message_id))
        self.placeholder.hide()
        self._scroll.show()
        self.subject.setText(msg.subject or _("(no subject)"))
        self.reply_button.setVisible(msg.direction is Direction.IN)
        self.meta.setText(self._meta_text(msg))
        # What exactly could not be read, in the screen language, on hover.
        self.meta.setToolTip("\n".join(problem_note(p) for p in msg.problems))
        ids = self._analysis.processing_ids
        self.ids.set_ids(ids)
        suggestions = self._analysis.deadlines
        self._set_deadlines(suggestions)
        offered = self.agency_offer.show_for(store, message_id)
        offered = self.id_conflicts.show_for(store, message_id) or offered
        self.findings.setVisible(bool(ids or suggestions or offered))
        needles = [p.raw for p in ids] + [p.value for p in ids]
        for s in suggestions:
            needles += _date_needles(s.date.isoformat())
        self.body.setHtml(self._body_html(msg, needles))
        self.attachments.clear()
        for att in msg.attachments:
            label = _("{name} ({kb} KB)").format(name=safe_filename(att.filename),
                                                 kb=max(1, att.size // 1024))
            if mismatch(att.filename, att.mime_type):
                label += " – " + _("name and type disagree: open with care")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, att.id)
            self.attachments.addItem(item)
        if msg.attachments:
            self.attachments.setCurrentRow(0)
        self.attachment_box.setVisible(bool(msg.attachments))

    def _reply(self) -> None:
        if self._message is not None and self._message.id is not None:
            self.reply_requested.emit(self._message.id)

    # -- parts ---------------------------------------------------------------

    def _meta_text(self, msg: Message) -> str:
        lines = []
        if msg.source is Source.PAPER:
            lines.append(_("Paper letter (PDF)") if msg.raw
                         else _("Paper letter (photos or scans)"))
        elif msg.from_addr:
            lines.append(_("From: {addr}").format(addr=msg.from_addr))
        if msg.to_addrs:
            lines.append(_("To: {addrs}").format(addrs=", ".join(msg.to_addrs)))
        if msg.date:
            lines.append(_("Date: {date}").format(
                date=format_day(msg.date) + " " + format_time(msg.date.time())))
        if msg.problems:
            lines.append(_("Note: parts of this message could not be read."))
        return "\n".join(lines)

    def _body_html(self, msg: Message, needles: list[str]) -> str:
        # The text stored at import (HTML mail already converted by the parsing
        # workers): the window holding the key parses no untrusted bytes.
        text = msg.text or _("(This letter has no readable text; open the PDF below.)")
        return highlight_text(text, needles)

    def _existing_deadlines(self) -> list[DeadlineView]:
        if self._store is None or self._message is None or self._message.id is None:
            return []
        return self._store.deadlines.matching(status=None, message_id=self._message.id)

    def _set_deadlines(self, suggestions: list[DeadlineSuggestion]) -> None:
        for w in self._deadline_rows:
            self._findings_layout.removeWidget(w)
            w.deleteLater()
        self._deadline_rows = []
        self.accept_buttons = []
        if not suggestions:
            return
        existing = self._existing_deadlines()
        for s in suggestions:
            date, kind = s.date, s.kind
            row = QWidget(self.findings)
            lay = QHBoxLayout(row)
            lay.setContentsMargins(0, 0, 0, 0)
            when = format_day(date) + (f" {s.time:%H:%M}" if s.time else "")
            label = QLabel(_("Deadline {when} – {kind}: “{evidence}”").format(
                when=when, kind=kind_label(kind), evidence=" ".join(s.evidence.split())), row)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            # How the date was computed and what the legal words mean, on hover.
            label.setToolTip("\n".join([
                *(explanation_step(str(x)) for x in s.explanation),
                *legal_terms(s.evidence)]))
            lay.addWidget(label, 1)
            match = next((v.deadline for v in existing
                          if v.deadline.date == date and v.deadline.kind is kind), None)
            if match is not None and (match.confirmed or match.status is not DeadlineStatus.OPEN):
                done = QLabel(_("✓ in your deadlines"), row)
                lay.addWidget(done)
            else:
                button = QPushButton(_("&Accept deadline"), row)
                button.setAccessibleName(_("Accept deadline {when}").format(when=when))
                button.clicked.connect(
                    lambda _=False, sug=s, d=match: self._accept(sug, d))
                lay.addWidget(button)
                self.accept_buttons.append(button)
            self._findings_layout.addWidget(row)
            self._deadline_rows.append(row)

    def _accept(self, suggestion: DeadlineSuggestion, existing: Deadline | None) -> None:
        store, msg = self._store, self._message
        if store is None or msg is None:
            return
        deadline_id = deadline_uc.accept_suggestion(store, msg, suggestion, existing)
        self._set_deadlines(self._analysis.deadlines)
        self.deadline_accepted.emit(deadline_id)
        self.status_message.emit(_("Deadline accepted."))

    # -- attachments ---------------------------------------------------------

    def current_attachment(self) -> Attachment | None:
        item = self.attachments.currentItem()
        if item is None or self._message is None:
            return None
        att_id = item.data(Qt.ItemDataRole.UserRole)
        return next((a for a in self._message.attachments if a.id == att_id), None)

    def view_attachment(self) -> PdfViewerDialog | PageViewerDialog | None:
        att = self.current_attachment()
        if att is None:
            return None
        if att.mime_type == "application/pdf" or att.filename.lower().endswith(".pdf"):
            dialog = PdfViewerDialog(att.data, safe_filename(att.filename), self)
            dialog.show()
            return dialog
        if att.mime_type.startswith("image/"):
            page = PageViewerDialog(att, self)  # the page photo beside the text read from it
            page.show()
            return page
        QMessageBox.information(self, _("View attachment"), _(
            "HelperDesk can show PDF files. Use “Save as…” to open this file "
            "with another program."))
        return None

    def save_attachment(self) -> None:
        att = self.current_attachment()
        if att is None:
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Save attachment as"),
                                                    safe_filename(att.filename))
        if path:
            Path(path).write_bytes(att.data)
            self.status_message.emit(_("Attachment saved."))


def _date_needles(value: object) -> list[str]:
    try:
        d = dt.date.fromisoformat(str(value))
    except ValueError:
        return []
    return [d.strftime("%d.%m.%Y"), f"{d.day}.{d.month}.{d.year}"]
