"""Filing: which case of a household a mail belongs to (pure rules, no store).

Offers ``assign_case`` (a known processing ID, then the thread, then the
sender decide), the ``CaseView`` it decides over and the ``FilingDecision``
with the ``FilingRule`` that applied.
"""

from helperdesk.filing.rules import CaseView, FilingDecision, FilingRule, assign_case

__all__ = ["CaseView", "FilingDecision", "FilingRule", "assign_case"]
