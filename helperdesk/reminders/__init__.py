"""Reminders: which deadlines to remind about today (pure rules, no store, no Qt).

Offers ``due_reminders`` over ``DueItem``s, giving ``Reminder``s, the
default windows (7 days, 2 days, the day itself) in ``DEFAULT_WINDOWS``,
``banner_reminders`` (what the in-app banner shows) and ``whose`` (the
household, agency or case a reminder is about).
"""

from helperdesk.reminders.rules import (
    DEFAULT_WINDOWS,
    DueItem,
    Reminder,
    ReminderId,
    banner_reminders,
    due_reminders,
    whose,
)

__all__ = ["DEFAULT_WINDOWS", "DueItem", "Reminder", "ReminderId", "banner_reminders",
           "due_reminders", "whose"]
