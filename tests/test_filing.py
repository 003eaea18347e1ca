"""Case assignment rules."""

from __future__ import annotations

from helperdesk.filing.rules import CaseView, FilingRule, assign_case
from helperdesk.model import CaseStatus, Found, IdKind, ProcessingId

CASES = [
    CaseView(1, 10, CaseStatus.OPEN, ("12345BG0012345", "123A456789"), ("jc@jobcenter-ge.de",)),
    CaseView(2, 10, CaseStatus.OPEN, ("515 FK 123456",), ("fk@arbeitsagentur.de",)),
    CaseView(3, 10, CaseStatus.CLOSED, ("61402//00000705",), ("jc@jobcenter-ge.de",)),
    CaseView(4, 20, CaseStatus.OPEN, ("S 12 AS 1234/24",), ("sg@justiz.example",)),
    CaseView(5, 10, CaseStatus.OPEN, ("1234",), ()),
]


def pid(value: str, where: Found, kind: IdKind = IdKind.AKTENZEICHEN) -> ProcessingId:
    return ProcessingId(value, kind, found_in=where)


def test_subject_id_wins_over_body_id() -> None:
    found = [pid("12345BG0012345", Found.BODY), pid("515FK123456", Found.SUBJECT)]
    decision = assign_case(found, CASES, household_id=10)
    assert (decision.case_id, decision.rule) == (2, FilingRule.SUBJECT_ID)


def test_body_then_attachment() -> None:
    found = [pid("515FK123456", Found.ATTACHMENT), pid("12345BG0012345", Found.BODY)]
    assert assign_case(found, CASES).rule is FilingRule.BODY_ID
    decision = assign_case([pid("515FK123456", Found.ATTACHMENT)], CASES)
    assert (decision.case_id, decision.rule) == (2, FilingRule.ATTACHMENT_ID)


def test_canonical_comparison() -> None:
    decision = assign_case([pid("515fk123456", Found.BODY)], CASES)
    assert decision.case_id == 2
    decision = assign_case([pid("61402//00000705", Found.BODY)], CASES)
    assert decision.case_id == 3  # closed, but the ID is unambiguous


def test_no_substring_matches() -> None:
    found = [pid("S12AS1234/24ER", Found.BODY), pid("123", Found.BODY)]
    decision = assign_case(found, CASES, household_id=20)
    assert decision.case_id is None and decision.rule is FilingRule.UNASSIGNED


def test_quoted_ids_do_not_decide_in_a_reply() -> None:
    decision = assign_case([pid("12345BG0012345", Found.QUOTED)], CASES)
    assert decision.case_id is None
    decision = assign_case([pid("12345BG0012345", Found.QUOTED)], CASES, is_forward=True)
    assert (decision.case_id, decision.rule) == (1, FilingRule.FORWARDED_ID)


def test_thread_case_before_sender() -> None:
    decision = assign_case(
        [], CASES, thread_case_id=2, sender="jc@jobcenter-ge.de", household_id=10
    )
    assert (decision.case_id, decision.rule) == (2, FilingRule.THREAD)


def test_thread_case_of_another_household_is_ignored() -> None:
    decision = assign_case([], CASES, thread_case_id=4, household_id=10)
    assert decision.case_id is None


def test_sender_of_exactly_one_open_case() -> None:
    decision = assign_case([], CASES, sender="JC@jobcenter-ge.de", household_id=10)
    assert (decision.case_id, decision.rule) == (1, FilingRule.SENDER)  # case 3 is closed
    two_open = [*CASES, CaseView(6, 10, CaseStatus.OPEN, (), ("jc@jobcenter-ge.de",))]
    assert assign_case([], two_open, sender="jc@jobcenter-ge.de").case_id is None


def test_ambiguous_id_prefers_the_open_case() -> None:
    cases = [
        CaseView(1, 10, CaseStatus.OPEN, ("AB-2025-1",)),
        CaseView(2, 10, CaseStatus.CLOSED, ("AB-2025-1",)),
    ]
    assert assign_case([pid("AB-2025-1", Found.BODY)], cases).case_id == 1
    both_open = [
        CaseView(1, 10, CaseStatus.OPEN, ("AB-2025-1",)),
        CaseView(2, 10, CaseStatus.OPEN, ("AB-2025-1",)),
    ]
    decision = assign_case([pid("AB-2025-1", Found.BODY)], both_open, thread_case_id=2)
    assert (decision.case_id, decision.rule) == (2, FilingRule.THREAD)


def test_short_generic_ids_are_ignored() -> None:
    cases = [CaseView(1, 10, CaseStatus.OPEN, ("12",))]
    assert assign_case([pid("12", Found.SUBJECT)], cases).case_id is None
