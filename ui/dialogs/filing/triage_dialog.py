"""File an unfiled mail: choose the household and the case, or start a case from the mail.

A new case takes its agency and processing IDs from the mail's analysis. The
rest of the conversation is filed along with it, and the choice is remembered
for replies that arrive later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

from helperdesk.model import Agency, Case
from storage.errors import NotFound
from storage.store import Store
from storage.threads import remember_filing, unfiled_in_thread
from ui.reader.reader import analysis_ids

NEW_CASE = -1


@dataclass(frozen=True)
class TriageResult:
    household_id: int
    case_id: int
    filed: list[int]  # every message id that was filed


def agency_for(store: Store, analysis: dict[str, Any], from_addr: str) -> Agency | None:
    """The agency named by analysis, else the one whose address or domain sent the mail."""
    named = (analysis.get("agency") or {}).get("name")
    if named:
        try:
            return store.agencies.by_name(str(named))
        except NotFound:
            pass
    sender = from_addr.lower()
    domain = sender.rsplit("@", 1)[-1]
    for agency in store.agencies.list_all():
        if sender in agency.emails or domain in agency.emails:
            return agency
    return None


class TriageDialog(QDialog):
    def __init__(self, store: Store, message_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("File mail"))
        self._store = store
        self._message_id = message_id
        msg = store.messages.get(message_id)
        self._analysis = store.messages.analysis(message_id)
        self._agency = agency_for(store, self._analysis, msg.from_addr)
        self.result_value: TriageResult | None = None

        subject = QLabel(msg.subject or self.tr("(no subject)"), self)
        subject.setWordWrap(True)
        self.household = QComboBox(self)
        self.household.setAccessibleName(self.tr("Household"))
        # No silent default: an unfiled mail waits until the helper chooses.
        self.household.addItem(self.tr("Choose a household…"), None)
        for h in store.households.list_all():
            self.household.addItem(h.name, h.id)
        if msg.household_id is not None:
            self.household.setCurrentIndex(self.household.findData(msg.household_id))
        self.case = QComboBox(self)
        self.case.setAccessibleName(self.tr("Case"))
        self.title = QLineEdit(self)
        self.title.setAccessibleName(self.tr("Title of the new case"))
        self.title.setText(self._default_title(msg.subject))
        agency_text = self._agency.name if self._agency else self.tr("unknown – set it later")
        self.agency_label = QLabel(agency_text, self)
        ids = analysis_ids(self._analysis)
        self.ids_label = QLabel(", ".join(p.value for p in ids) or self.tr("none found"), self)
        self.whole_thread = QCheckBox(
            self.tr("File the &whole conversation and remember it for replies"), self)
        self.whole_thread.setChecked(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&File"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow(subject)
        form.addRow(self.tr("&Household:"), self.household)
        form.addRow(self.tr("&Case:"), self.case)
        form.addRow(self.tr("New case &title:"), self.title)
        form.addRow(self.tr("Agency:"), self.agency_label)
        form.addRow(self.tr("IDs:"), self.ids_label)
        form.addRow(self.whole_thread)
        form.addRow(self.buttons)
        self.household.currentIndexChanged.connect(self._fill_cases)
        self.case.currentIndexChanged.connect(self._update)
        self._fill_cases()

    def _default_title(self, subject: str) -> str:
        letter_type = str(self._analysis.get("letter_type") or "").strip()
        if self._agency is not None:
            return f"{self._agency.name} – {letter_type}" if letter_type else self._agency.name
        return letter_type or subject

    def _fill_cases(self) -> None:
        self.case.clear()
        self.case.addItem(self.tr("New case from this mail"), NEW_CASE)
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
        store = self._store
        with store.transaction():
            if case_id == NEW_CASE:
                case = store.cases.add(Case(
                    household_id=household_id,
                    agency_id=self._agency.id if self._agency else None,
                    title=title or self.tr("New case"),
                    processing_ids=analysis_ids(self._analysis)))
                assert case.id is not None
                case_id = case.id
            ids = unfiled_in_thread(store, self._message_id) if whole_thread \
                else [self._message_id]
            for mid in ids:
                store.messages.file(mid, household_id, case_id)
            if whole_thread:
                remember_filing(store, self._message_id, household_id, case_id)
        return TriageResult(household_id, case_id, ids)
