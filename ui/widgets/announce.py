"""Status changes spoken by screen readers (AT-SPI on Linux, UIA on Windows).

``announce(widget, text)`` sends an accessibility announcement, so "Mail
fetched", "Deadline accepted" or a sync error are heard, not only shown.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, text: str, *, urgent: bool = False) -> None:
    """Say ``text`` to screen readers; ``urgent`` interrupts what they are reading."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
