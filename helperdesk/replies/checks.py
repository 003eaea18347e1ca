"""Check a draft before it goes to an agency; each problem with one sentence of advice.

Codes: ``forwarded`` (a forward, not a reply), ``missing_id`` (no processing ID
of the case in the subject or the new text), ``wrong_id`` (an ID of another case
or household), ``not_in_thread`` (writes to an agency with an open letter but
references none of its letters), ``wrong_recipient`` (not an address of the
case's agency), ``attachment_missing`` (the text says "anbei" and nothing is
attached). Only the new text counts: a quoted letter below is history.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ahocorasick_rs import AhoCorasick

from helperdesk.mail.parse import parse_message
from helperdesk.model import ProcessingId
from helperdesk.replies.forwards import REPLY_SUBJECT_RE, forward_reasons, unquoted
from helperdesk.replies.names import agency_form, carries_id, id_name, squash
from i18n import N_, _

CODES = ("forwarded", "missing_id", "wrong_id", "not_in_thread", "wrong_recipient",
         "attachment_missing")
_ENCLOSED_RE = re.compile(
    r"\b(?:anbei|im\s+anhang|als\s+anhang|beigefügt|beigefuegt|beiliegend|in\s+der\s+anlage|"
    r"angehängt|angehaengt|füge\s+ich\b[^.\n]{0,60}\bbei|sende\s+ich\s+ihnen\b[^.\n]{0,60}"
    r"\b(?:mit|zu)\b|attached|enclosed)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Problem:
    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class DraftFacts:
    """What the checks read from a draft."""

    subject: str
    to: tuple[str, ...]
    text: str  # the new text (without quoted history)
    body: str = ""  # the whole text, for forward markers
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    forwarded_message_id: str = ""
    attached_message: bool = False
    attachments: int = 0
    from_addr: str = ""


@dataclass(frozen=True)
class CaseFacts:
    """What the store knows about the case the draft goes to."""

    agency_name: str = ""
    agency_addresses: tuple[str, ...] = ()  # addresses or bare domains of the agency
    case_ids: tuple[ProcessingId, ...] = ()
    foreign_ids: Mapping[str, str] = field(default_factory=dict)  # value -> whose it is
    agency_letters: frozenset[str] = frozenset()  # Message-IDs of the agency's letters
    open_letter: bool = False  # an agency letter in the case waits for an answer

    def foreign_matcher(self) -> AhoCorasick:
        """One automaton over the foreign IDs, built on first use and kept."""
        found = self.__dict__.get("_matcher")
        if found is None:
            found = AhoCorasick(list(self.foreign_ids))
            object.__setattr__(self, "_matcher", found)
        return found


def draft_facts(raw: bytes) -> DraftFacts:
    """The facts of a draft or sent mail from its bytes (never raises)."""
    mail = parse_message(raw)
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    fwd_id = str(msg.get("X-Forwarded-Message-Id", "") or "")
    attached = any(part.get_content_type() == "message/rfc822" for part in msg.walk())
    own_files = [a for a in mail.attachments if not a.forwarded]
    return DraftFacts(
        subject=mail.subject, to=tuple(a.lower() for a in (*mail.to_addrs, *mail.cc_addrs)),
        text=mail.new_text, body=mail.text, in_reply_to=mail.in_reply_to,
        references=tuple(mail.references), forwarded_message_id=fwd_id,
        attached_message=attached,
        attachments=len(own_files), from_addr=mail.from_addr.lower(),
    )


def _domain(addr: str) -> str:
    return addr.rpartition("@")[2].strip().lower()


def belongs_to(addr: str, addresses: Sequence[str]) -> bool:
    """Whether ``addr`` is one of the agency's addresses or in one of its domains."""
    a = addr.strip().lower()
    domain = _domain(a)
    for entry in addresses:
        e = entry.strip().lower().lstrip("@")
        if not e:
            continue
        if "@" in e:
            if a == e or _domain(e) == domain:
                return True
        elif domain == e or domain.endswith("." + e):
            return True
    return False


# The advice for each code (English source text like every message; German and
# the other languages come from the catalogs).
ADVICE: dict[str, str] = {
    "forwarded": N_("This is a forward, not a reply: reply directly to the letter from "
                    "{agency}, so that it reaches the right file."),
    "missing_id": N_("The {name} {value} is missing: write it in the subject, so that "
                     "{agency} can match the mail."),
    "wrong_id": N_("The number {value} belongs to {whose}: take it out and give the "
                   "number of this case."),
    "not_in_thread": N_("The mail refers to no letter from {agency}: reply to the open "
                        "letter, so that the answer lands in the right file."),
    "wrong_recipient": N_("The address {address} does not belong to {agency}: send the "
                          "mail to the agency's address."),
    "attachment_missing": N_("The text says something is enclosed, but the mail has no "
                             "attachment: attach the file or change the text."),
    "agency": N_("the agency"),
}


def advice_texts() -> dict[str, str]:
    """The advice templates in the current language (callers checking many mails keep it)."""
    return {code: _(text) for code, text in ADVICE.items()}


class _Texts:
    """Translates lazily, once per code: most drafts need none or one text."""

    def __init__(self, given: Mapping[str, str] | None) -> None:
        self._cache: dict[str, str] = dict(given or {})

    def __getitem__(self, code: str) -> str:
        if code not in self._cache:
            self._cache[code] = _(ADVICE[code])
        return self._cache[code]


def foreign_in(text: str, case: CaseFacts) -> str | None:
    """The first ID of another case or household in ``text`` (any spacing or case)."""
    if not case.foreign_ids:
        return None
    own = {p.value for p in case.case_ids}
    for value in case.foreign_matcher().find_matches_as_strings(squash(text)):
        if value not in own:
            return value
    return None


def check_draft(draft: DraftFacts, case: CaseFacts,
                texts: Mapping[str, str] | None = None) -> list[Problem]:
    """The problems of ``draft`` for ``case``, in the order of ``CODES``."""
    problems: list[Problem] = []
    t = _Texts(texts)
    reasons = forward_reasons(draft.subject, draft.body or draft.text,
                              forwarded_message_id=draft.forwarded_message_id,
                              attached_message=draft.attached_message)
    if reasons == ["attached"] and draft.in_reply_to and REPLY_SUBJECT_RE.match(draft.subject):
        reasons = []  # a reply that encloses a stored mail as a document

    def agency() -> str:
        return case.agency_name or t["agency"]

    if reasons:
        problems.append(Problem("forwarded", t["forwarded"].format(agency=agency())))
    new_text = unquoted(draft.text)
    searched = draft.subject + "\n" + new_text
    if case.case_ids and not any(carries_id(searched, p) for p in case.case_ids):
        pid = case.case_ids[0]
        problems.append(Problem("missing_id", t["missing_id"].format(
            name=id_name(pid), value=agency_form(pid), agency=agency())))
    foreign = foreign_in(searched, case)
    if foreign is not None:
        problems.append(Problem("wrong_id", t["wrong_id"].format(
            value=foreign, whose=case.foreign_ids[foreign])))
    links = {x for x in (draft.in_reply_to, *draft.references) if x}
    if case.open_letter and case.agency_letters and not links & case.agency_letters:
        problems.append(Problem("not_in_thread", t["not_in_thread"].format(agency=agency())))
    if case.agency_addresses:
        wrong = [a for a in draft.to if not belongs_to(a, case.agency_addresses)]
        if wrong or not draft.to:
            problems.append(Problem("wrong_recipient", t["wrong_recipient"].format(
                address=wrong[0] if wrong else "—", agency=agency())))
    if draft.attachments == 0 and _ENCLOSED_RE.search(new_text):
        problems.append(Problem("attachment_missing", t["attachment_missing"]))
    return problems
