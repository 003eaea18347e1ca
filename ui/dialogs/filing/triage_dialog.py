"""File an unfiled mail: choose the household and the case, or start a case from the mail.

A new case takes its agency and processing IDs from the mail's analysis. The
rest of the conversation is filed along with it, and the choice is remembered
for replies that arrive later.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from helperdesk.analysis.analyze import Analysis
from helperdesk.app.cases import title_for_message
from helperdesk.app.triage import NewCase, TriageResult, agency_for, file_message
from i18n import _
from storage.store import Store

NEW_CASE = -1


class TriageDialog(QDialog):
    def __init__(self, store: Store, message_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("File mail"))
        self._store = store
        self._message_id = message_id
        msg = store.messages.get(message_id)
        self._analysis = Analysis.from_json(store.messages.analysis(message_id))
        self._agency = agency_for(store, self._analysis, msg.from_addr)
        self.result_value: TriageResult | None = None

        subject = QLabel(msg.subject or _("(no subject)"), self)
        subject.setWordWrap(True)
        self.household = QComboBox(self)
        self.household.setAccessibleName(_("Household"))
        # No silent default: an unfiled mail waits until the helper chooses.
        self.household.addItem(_("Choose a household…"), None)
        for h in store.households.list_all():
            self.household.addItem(h.name, h.id)
        if msg.household_id is not None:
            self.household.setCurrentIndex(self.household.findData(msg.household_id))
        self.case = QComboBox(self)
        self.case.setAccessibleName(_("Case"))
        self.title = QLineEdit(self)
        self.title.setAccessibleName(_("Title of the new case"))
        self.title.setText(self._default_title(msg.subject))
        agency_text = self._agency.name if self._agency else _("unknown – set it later")
        self.agency_label = QLabel(agency_text, self)
        ids = self._analysis.processing_ids
        self.ids_label = QLabel(", ".join(p.value for p in ids) or _("none found"), self)
        self.whole_thread = QCheckBox(
            _("File the &whole conversation and remember it for replies"), self)
        self.whole_thread.setChecked(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&File"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow(subject)
        form.addRow(_("&Household:"), self.household)
        form.addRow(_("&Case:"), self.case)
        form.addRow(_("New case &title:"), self.title)
        form.addRow(_("Agency:"), self.agency_label)
        form.addRow(_("IDs:"), self.ids_label)
        form.addRow(self.whole_thread)
        form.addRow(self.buttons)
        self.household.currentIndexChanged.connect(self._fill_cases)
        self.case.currentIndexChanged.connect(self._update)
        self._fill_cases()

    def _default_title(self, subject: str) -> str:
        # Agency and matter ("Jobcenter München – Bürgergeld"), never a letter-type code.
        name = self._agency.name if self._agency else None
        return title_for_message(self._store, self._message_id, name) or subject

    def _fill_cases(self) -> None:
        self.case.clear()
        self.case.addItem(_("New case from this mail"), NEW_CASE)
        hid = self.household.currentData()
        if hid is None:
            self._update()
            return
        preferred = -1
        for c in self._store.cases.for_household(int(hid)):
            self.case.addItem(c.title, c.id)
            if self._agency is not None and c.agency_id == self._agency.id and preferred < 0:
                preferred = self.case.count() - 1
        if preferred > 0:
            self.case.setCurrentIndex(preferred)
        self._update()

    def _update(self) -> None:
        new = self.case.currentData() == NEW_CASE
        self.title.setEnabled(new)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.household.currentData() is not None
                      and (not new or bool(self.title.text().strip())))

    def accept(self) -> None:
        hid = self.household.currentData()
        if hid is None:
            return
        self.result_value = self.file(int(hid), int(self.case.currentData()),
                                      self.title.text().strip(), self.whole_thread.isChecked())
        super().accept()

    def file(self, household_id: int, case_id: int, title: str, whole_thread: bool
             ) -> TriageResult:
        case: int | NewCase = NewCase(title or _("New case")) \
            if case_id == NEW_CASE else case_id
        return file_message(self._store, self._message_id, household_id, case,
                            whole_thread=whole_thread)
