"""The compose window: a reply prepared by ``helperdesk.app.replies``, edited and sent.

The draft arrives complete (recipient, thread, subject with the ID, reference
block, quote). While the helper writes, the problems of the draft are listed
(checked a moment after the last key press, no store access); sending with
problems left asks first. Sending runs off the GUI thread through the Outbox
(``helperdesk.app.outbox``), so a failure keeps the mail there for a retry.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from helperdesk.app import outbox
from helperdesk.app.replies import (
    ReplyError,
    ReplyResult,
    edited,
    live_problems,
    make_reply,
    template_text,
)
from helperdesk.replies.checks import Problem
from helperdesk.replies.mime import OutgoingFile
from helperdesk.replies.templates import TEMPLATES
from i18n import _
from storage.errors import StoreError
from storage.store import Store
from ui.workers.tasks import TaskRunner, user_message

CHECK_DELAY_MS = 300
MAX_FILE_BYTES = 25 * 1024 * 1024


class ComposeDialog(QDialog):
    sent = Signal(object)  # the SendOutcome of a mail that went out

    def __init__(self, store: Store, result: ReplyResult, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self.reply = result
        self.files: list[OutgoingFile] = list(result.files)
        self.problems: list[Problem] = list(result.problems)
        self.setWindowTitle(_("Reply: {subject}").format(subject=result.draft.subject))

        sender = result.draft.from_addr + (f" ({result.account})" if result.account else "")
        self.from_label = QLabel(sender, self)
        self.to_edit = QLineEdit(result.draft.to, self)
        self.to_edit.setAccessibleName(_("Recipient"))
        if not result.draft.to:
            self.to_edit.setPlaceholderText(_("The agency's address (unknown so far)"))
        self.subject_edit = QLineEdit(result.draft.subject, self)
        self.subject_edit.setAccessibleName(_("Subject"))
        self.template = QComboBox(self)
        self.template.setAccessibleName(_("Template"))
        self.template.addItem(_("Insert a template…"), "")
        for name, (title, _fn) in TEMPLATES.items():
            self.template.addItem(title, name)
        self.template.activated.connect(self._insert_template)
        self.body = QPlainTextEdit(result.draft.body, self)
        self.body.setAccessibleName(_("Text"))
        self.attachments = QListWidget(self)
        self.attachments.setAccessibleName(_("Attachments"))
        self.attachments.setMaximumHeight(80)
        add_file = QPushButton(_("Add &file…"), self)
        add_file.clicked.connect(self.choose_files)
        remove_file = QPushButton(_("&Remove"), self)
        remove_file.clicked.connect(self.remove_file)
        self.problem_list = QListWidget(self)
        self.problem_list.setAccessibleName(_("Problems"))
        self.problem_list.setMaximumHeight(110)
        self.problem_list.setWordWrap(True)
        self.problem_label = QLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.send_button = QPushButton(_("&Send"), self)
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        self.draft_button = QPushButton(_("Keep as &draft"), self)
        self.draft_button.clicked.connect(self.keep_draft)
        cancel = QPushButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(_("From:"), self.from_label)
        form.addRow(_("&To:"), self.to_edit)
        form.addRow(_("S&ubject:"), self.subject_edit)
        form.addRow(_("Te&mplate:"), self.template)
        files = QHBoxLayout()
        files.addWidget(self.attachments, 1)
        file_buttons = QVBoxLayout()
        file_buttons.addWidget(add_file)
        file_buttons.addWidget(remove_file)
        files.addLayout(file_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(cancel)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addLayout(files)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.problem_list)
        layout.addLayout(buttons)
        self.resize(820, 680)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        for edit in (self.to_edit, self.subject_edit):
            edit.textChanged.connect(lambda _t: self._timer.start())
        self.body.textChanged.connect(self._timer.start)
        self._show_files()
        self._show_problems()
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)

    @classmethod
    def for_message(cls, store: Store, message_id: int, runner: TaskRunner,
                    parent: QWidget | None = None) -> ComposeDialog:
        return cls(store, make_reply(store, message_id), runner, parent)

    # -- checks ----------------------------------------------------------------

    def check_now(self) -> list[Problem]:
        self._timer.stop()
        self.problems = live_problems(
            self.reply, to=self.to_edit.text(), subject=self.subject_edit.text(),
            body=self.body.toPlainText(), attachments=len(self.files))
        self._show_problems()
        return self.problems

    def _show_problems(self) -> None:
        self.problem_list.clear()
        for p in self.problems:
            self.problem_list.addItem(p.message)
        self.problem_list.setVisible(bool(self.problems))
        self.problem_label.setText(
            _("<b>Before you send:</b>") if self.problems
            else _("No problems found: right recipient, thread and ID."))

    # -- attachments and templates ----------------------------------------------

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if path.stat().st_size > MAX_FILE_BYTES:
                self.status.setText(_("{name} is larger than 25 MB.").format(
                    name=path.name))
                continue
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self.files.append(OutgoingFile(path.name, mime, path.read_bytes()))
        self._show_files()
        self.check_now()

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Attach files"))
        if names:
            self.add_files([Path(n) for n in names])

    def remove_file(self) -> None:
        row = self.attachments.currentRow()
        if 0 <= row < len(self.files):
            del self.files[row]
            self._show_files()
            self.check_now()

    def _show_files(self) -> None:
        self.attachments.clear()
        for f in self.files:
            self.attachments.addItem(_("{name} ({kb} KB)").format(
                name=f.filename, kb=max(1, len(f.data) // 1024)))

    def _insert_template(self, index: int) -> None:
        name = self.template.itemData(index)
        if not name:
            return
        self.body.textCursor().insertText(template_text(self._store, self.reply, name))
        self.template.setCurrentIndex(0)

    # -- keeping and sending ------------------------------------------------------

    def current(self) -> ReplyResult:
        return edited(self.reply, to=self.to_edit.text(), subject=self.subject_edit.text(),
                      body=self.body.toPlainText(), files=self.files)

    def keep_draft(self) -> None:
        outbox.keep(self._store, self.current(), status="draft")
        self.accept()

    def confirm(self, problems: list[Problem]) -> bool:
        """Ask before sending with problems left (tests replace this)."""
        text = "\n".join(f"• {p.message}" for p in problems)
        answer = QMessageBox.question(
            self, _("Send with problems?"),
            _("This mail still has problems:\n\n{problems}\n\nSend it anyway?").format(
                problems=text),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def send(self) -> None:
        result = self.current()
        if not result.recipients:
            self.status.setText(_("Enter the agency's address first."))
            return
        problems = self.check_now()
        if problems and not self.confirm(problems):
            return
        entry = outbox.keep(self._store, result, status="queued")
        entry_id = entry.id
        assert entry_id is not None
        self._busy(True)
        self.status.setText(_("Sending…"))
        store = self._store
        self._runner.run(lambda: outbox.send(store, entry_id), self._sent, self._failed)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for w in (self.send_button, self.draft_button, self.to_edit, self.subject_edit,
                  self.body):
            w.setEnabled(not busy)

    def _sent(self, outcome: outbox.SendOutcome) -> None:
        self._busy(False)
        if outcome.status in ("sent", "accepted"):
            self.sent.emit(outcome)
            self.accept()
            return
        self.status.setText(_("Not sent; it waits in the outbox: {reason}").format(
            reason=outcome.error))
        self.send_button.setEnabled(False)  # a retry goes through the outbox, same Message-ID

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.status.setText(_("Not sent: {reason}").format(reason=user_message(exc)))


def open_reply(store: Store, message_id: int, runner: TaskRunner, parent: QWidget,
               on_error: Callable[[str], None]) -> ComposeDialog | None:
    """Show the compose window for a reply to ``message_id``; None (and why) if impossible."""
    try:
        dialog = ComposeDialog.for_message(store, message_id, runner, parent)
    except (ReplyError, StoreError) as exc:
        on_error(_("No reply possible: {reason}")
                 .format(reason=str(exc)))
        return None
    dialog.show()
    return dialog
