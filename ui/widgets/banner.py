"""The in-app banners: deadline reminders (snooze / done) and non-modal error notes."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from helperdesk.reminders.rules import Reminder, ReminderId, whose
from i18n import _, format_day
from storage.deadlines import DeadlineView
from ui.models.deadlines import kind_label
from ui.theme import NOTE_TEXT
from ui.widgets.announce import announce


class ReminderBanner(QFrame):
    """Names the household every time; a click on the text opens the letter."""

    snooze = Signal(object)  # a deadline's id or a follow-up's key
    done = Signal(object)
    show_all = Signal()
    open_letter = Signal(int)  # the stored message the deadline came from

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        self.setStyleSheet("#reminderBanner { background: #fff4ce; border: 1px solid #e0c060;"
                           " border-radius: 4px; }"
                           f" #reminderBanner QLabel {{ color: {NOTE_TEXT}; }}")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                          | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.text.linkActivated.connect(lambda _link: self.open_current_letter())
        self.done_button = QPushButton(_("Mark done"), self)
        self.snooze_button = QPushButton(_("Remind me tomorrow"), self)
        self.all_button = QPushButton(_("Show all"), self)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        for b in (self.done_button, self.snooze_button, self.all_button):
            layout.addWidget(b)
        self._current: ReminderId | None = None
        self._letter: int | None = None
        self.done_button.clicked.connect(lambda: self._emit(self.done))
        self.snooze_button.clicked.connect(lambda: self._emit(self.snooze))
        self.all_button.clicked.connect(self.show_all)
        self.hide()

    def _emit(self, signal: SignalInstance) -> None:
        if self._current is not None:
            signal.emit(self._current)

    def open_current_letter(self) -> None:
        if self._letter is not None:
            self.open_letter.emit(self._letter)

    def set_reminders(self, items: list[tuple[Reminder, DeadlineView]]) -> None:
        if not items:
            self._current = self._letter = None
            self.hide()
            return
        reminder, view = items[0]
        d = view.deadline
        self._current = view.follow_up or d.id
        self._letter = d.message_id
        if reminder.days_left < 0:
            when = _("overdue since {date}").format(date=format_day(d.date))
        elif reminder.days_left == 0:
            when = _("today")
        else:
            when = _("in {n} days ({date})").format(
                n=reminder.days_left, date=format_day(d.date))
        owner = whose(view.household, view.agency, view.case)
        what = html.escape(f"{kind_label(d.kind)} {when}")
        if d.message_id is not None:
            what = _('<a href="letter">{what}</a> (open the letter)').format(what=what)
        if owner:
            text = _("<b>Reminder:</b> {household}: {what}").format(
                household=html.escape(owner), what=what)
        else:  # not filed to a household yet: said so, and no stray ": "
            text = _("<b>Reminder:</b> {what} – not yet assigned to a household").format(
                what=what)
        if len(items) > 1:
            text += " " + _("(+{n} more)").format(n=len(items) - 1)
        self.text.setText(text)
        self.show()


class MessageStrip(QFrame):
    """A dismissible note (sync errors and the like) that never blocks the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageStrip")
        self.setStyleSheet("#messageStrip { background: #fde2e1; border: 1px solid #d08080;"
                           " border-radius: 4px; }"
                           f" #messageStrip QLabel {{ color: {NOTE_TEXT}; }}")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAccessibleName(_("Problem"))
        close = QPushButton(_("Dismiss"), self)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(close)
        self.hide()

    def show_message(self, text: str) -> None:
        self.text.setText(text)
        self.show()
        announce(self, text, urgent=True)
