"""The reader's one-click offer to add an agency the directory does not know yet.

Shown above the text when the mail's letterhead or signature names an agency
missing from the directory ("Add agency: Jobcenter München (Jobcenter, BY)");
the button runs the ``accept_proposal`` use case, which also gives the mail's
case that agency when it has none.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from helperdesk.analysis.agency_kinds import display_name
from helperdesk.app.agencies import accept_proposal, proposal_for_message
from i18n import _
from storage.store import Store


class AgencyOffer(QWidget):
    agency_added = Signal(int)  # the new agency's id
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self._message_id: int | None = None
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.button = QPushButton(_("Add &agency"), self)
        self.button.setAccessibleName(_("Add this agency to the directory"))
        self.button.clicked.connect(self.accept)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_for(self, store: Store | None, message_id: int | None) -> bool:
        """Offer the agency named in this message, if any; whether it is offered."""
        self._store, self._message_id = store, message_id
        proposal = (
            proposal_for_message(store, message_id)
            if store is not None and message_id is not None
            else None
        )
        if proposal is None:
            self.hide()
            return False
        where = proposal.state or _("Bundesland unknown")
        self.label.setText(
            _("New agency in this mail: {name} ({kind}, {where})").format(
                name=proposal.name, kind=display_name(proposal.kind), where=where)
        )
        self.show()
        return True

    def accept(self) -> None:
        if self._store is None or self._message_id is None:
            return
        try:
            done = accept_proposal(self._store, self._message_id)
        except ValueError:
            self.hide()
            return
        self.hide()
        self.status_message.emit(_("Added agency {name}").format(name=done.agency.name))
        self.agency_added.emit(int(done.agency.id or 0))
