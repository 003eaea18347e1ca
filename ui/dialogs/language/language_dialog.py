"""Choose the screen language; it is saved and used from the next start."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from i18n import LANGUAGES, _
from ui.language import NATIVE_NAMES, chosen_language, save_language


class LanguageDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Language"))
        label = QLabel(_("&Language of HelperDesk:"), self)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(_("Language of HelperDesk"))
        self.combo.addItem(_("As the computer (system language)"), "")
        for code in LANGUAGES:
            self.combo.addItem(NATIVE_NAMES[code], code)
        current = chosen_language() or ""
        self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        label.setBuddy(self.combo)
        note = QLabel(_("HelperDesk shows the new language after a restart."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (label, self.combo, note, buttons):
            layout.addWidget(w)

    def accept(self) -> None:
        save_language(self.combo.currentData() or None)
        super().accept()
