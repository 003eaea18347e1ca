"""The reader's warning when the subject names a processing ID the letter contradicts.

"The subject names BG-Nummer 11111BG1111111, the letter 22222BG2222222 – not filed
by the subject." The analysis flags it (``id_conflicts``), filing ignores that
subject ID; this note tells the helper why, so a wrong number is not copied on.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from i18n import _
from storage.store import Store


class IdConflictNote(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #8a1c00;")
        self.setAccessibleName(_("Warning about a processing ID in the subject"))
        self.hide()

    def show_for(self, store: Store | None, message_id: int | None) -> bool:
        """Show the conflicts of this message's analysis; whether there are any."""
        conflicts: list[dict[str, object]] = []
        if store is not None and message_id is not None:
            conflicts = store.messages.analysis(message_id).get("id_conflicts") or []
        lines = []
        for c in conflicts:
            try:
                lines.append(
                    _("The subject names {subject}, the letter {letter} – check which is "
                            "right; this mail was not filed by the subject.").format(
                        subject=str(c["subject"]), letter=str(c["letter"]))
                )
            except (KeyError, TypeError):
                continue
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
        return bool(lines)
