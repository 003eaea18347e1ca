"""Pieces every editing dialog shares: the error line, Save/Cancel, the security choice."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from i18n import _
from ui.theme import alert_style


def error_label(parent: QWidget) -> QLabel:
    """A hidden, wrapping, red line for the one-sentence reason a save failed."""
    label = QLabel(parent)
    label.setStyleSheet(alert_style())
    label.setWordWrap(True)
    label.hide()
    return label


def save_cancel(dialog: QDialog) -> QDialogButtonBox:
    """Save and Cancel, wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def security_combo(parent: QWidget) -> QComboBox:
    """How to connect to an IMAP server; item data is the account's security code."""
    combo = QComboBox(parent)
    combo.setAccessibleName(_("Connection security"))
    combo.addItem(_("SSL/TLS (recommended)"), "ssl")
    combo.addItem(_("STARTTLS"), "starttls")
    combo.addItem(_("None – unencrypted (only if you must)"), "none")
    return combo


def around_form(dialog: QDialog, form: QWidget) -> tuple[QLabel, QDialogButtonBox]:
    """Lay out ``form`` above an error line and Save/Cancel; return those two."""
    error, buttons = error_label(dialog), save_cancel(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return error, buttons
