"""Processing IDs shown large, each with a copy button (they are quoted on every reply)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from helperdesk.analysis.wording import id_kind_name
from helperdesk.model import IdKind, ProcessingId
from i18n import _


def id_kind_label(kind: IdKind) -> str:
    return id_kind_name(kind)


class IdPanel(QWidget):
    copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # One ID per row, its kind above it: large text (200 %) never pushes an ID out of sight.
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._widgets: list[QWidget] = []

    def set_ids(self, ids: list[ProcessingId]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._widgets = []
        for row, pid in enumerate(ids):
            label = QLabel(f"{pid.label or id_kind_label(pid.kind)}:", self)
            value = QLabel(pid.value, self)
            font = QFont(value.font())
            # Relative size, so it scales with the user's font setting and DPI.
            font.setPointSizeF(font.pointSizeF() * 1.5)
            font.setBold(True)
            font.setStyleHint(QFont.StyleHint.Monospace)
            value.setFont(font)
            value.setTextInteractionFlags(value.textInteractionFlags()
                                          | value.textInteractionFlags().TextSelectableByMouse)
            button = QPushButton(_("Copy"), self)
            button.setAccessibleName(_("Copy {kind} {value}").format(
                kind=id_kind_label(pid.kind), value=pid.value))
            button.clicked.connect(lambda _=False, v=pid.value: self._copy(v))
            self._layout.addWidget(label, 2 * row, 0, 1, 2)
            self._layout.addWidget(value, 2 * row + 1, 0)
            self._layout.addWidget(button, 2 * row + 1, 1)
            self._widgets += [label, value, button]
        self._layout.setColumnStretch(2, 1)

    def _copy(self, value: str) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(value)
        self.copied.emit(value)
