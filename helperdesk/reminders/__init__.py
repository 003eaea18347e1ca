"""Reminders: which deadlines to remind about today (pure rules, no store, no Qt).

Offers ``due_reminders`` over ``DueItem``s, giving ``Reminder``s, and the
default windows (7 days, 2 days, the day itself) in ``DEFAULT_WINDOWS``;
``whose`` names the household (or agency, case) a reminder is about.
"""

from helperdesk.reminders.rules import DEFAULT_WINDOWS, DueItem, Reminder, due_reminders, whose

__all__ = ["DEFAULT_WINDOWS", "DueItem", "Reminder", "due_reminders", "whose"]
