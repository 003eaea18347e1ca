"""Export calendar…: what goes into the .ics file, and where it is written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from helperdesk.calendar import DEFAULT_ALARMS, ExportOptions, parse_alarms
from i18n import _


class ExportCalendarDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export calendar"))
        intro = QLabel(_(
            "Writes your open deadlines as an .ics file for a calendar app. The file is not "
            "encrypted: keep it where only you can read it. Google Calendar ignores the "
            "alarms in an imported file; for reminders on your phone use a CalDAV calendar."),
            self)
        intro.setWordWrap(True)
        self.include_suggested = QCheckBox(_("Include &suggested deadlines"), self)
        self.redact = QCheckBox(_("&Redact: no names, IDs or letter text"), self)
        self.redact.setToolTip(_("For calendars kept by Google, Apple, Microsoft & co."))
        self.alarms = QLineEdit(",".join(a.code() for a in DEFAULT_ALARMS), self)
        self.alarms.setAccessibleName(_("Alarms, days before"))
        self.alarms.textChanged.connect(self._check)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(self.include_suggested)
        form.addRow(self.redact)
        form.addRow(_("&Alarms (days before):"), self.alarms)
        form.addRow(self.problem)
        form.addRow(self.buttons)

    def _check(self) -> None:
        try:
            parse_alarms(self.alarms.text())
        except ValueError as exc:
            self.problem.setText(str(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        self.problem.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)

    def options(self) -> ExportOptions:
        return ExportOptions(redact=self.redact.isChecked(),
                             alarms=parse_alarms(self.alarms.text()))

    def ask_path(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self.parentWidget(), _("Export calendar"), str(Path.home() / "deadlines.ics"),
            _("iCalendar files (*.ics)"))
        return Path(name) if name else None
