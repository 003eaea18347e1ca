"""Waiting: which agency letters still wait for an answer (pure rules, no store).

Offers ``waits_for_answer`` and its parts (``asks_for_action``,
``is_answered``), the ``Candidate`` they judge, ``ASKING_TYPES`` and the
ordering ``newest_first``; ``days_waiting`` for display.
"""

from helperdesk.waiting.rules import (
    ASKING_TYPES,
    Candidate,
    asks_for_action,
    days_waiting,
    is_answered,
    newest_first,
    waits_for_answer,
)

__all__ = ["ASKING_TYPES", "Candidate", "asks_for_action", "days_waiting", "is_answered",
           "newest_first", "waits_for_answer"]
