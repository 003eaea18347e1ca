"""Follow-ups: what nobody answered or what runs out (pure rules, no store, no Qt).

Offers ``FollowUp`` and the rules that make them: ``authorisation_follow_ups``
(a Vollmacht expiring: 30 and 7 days before), ``sent_kind`` (is an outgoing
letter an application or an objection?), ``unanswered_follow_ups`` (a nudge
after 4 weeks and the day an Untätigkeitsklage becomes possible, § 88 SGG /
§ 75 VwGO), ``renewal_follow_up`` (8 weeks before a Bewilligungszeitraum
ends) and ``current`` (which of them to show today).
"""

from helperdesk.followups.rules import (
    NUDGE_AFTER,
    RENEWAL_LEAD,
    FollowUp,
    SentKind,
    add_months,
    authorisation_follow_ups,
    current,
    renewal_follow_up,
    sent_kind,
    unanswered_follow_ups,
)

__all__ = [
    "NUDGE_AFTER",
    "RENEWAL_LEAD",
    "FollowUp",
    "SentKind",
    "add_months",
    "authorisation_follow_ups",
    "current",
    "renewal_follow_up",
    "sent_kind",
    "unanswered_follow_ups",
]
