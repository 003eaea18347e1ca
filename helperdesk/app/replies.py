"""Use cases: a reply to an agency letter, and the checks of a draft against the store.

``make_reply`` answers a stored letter (or, for a household's forward, the
agency's original recovered from it): From the account that received it, to
the agency, in the agency's thread, with the case's IDs; with a template,
files and stored documents attached. ``check_mail`` runs the draft checks of
``helperdesk.replies`` on any mail, finding its household and case by thread,
IDs, recipient or sending account. CLI and app call these, nothing else.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
from dataclasses import dataclass, field, replace
from typing import Any

from helperdesk.analysis.agency_senders import match_directory
from helperdesk.analysis.ids.extract import scan_texts
from helperdesk.app import sandbox
from helperdesk.app.ingest import recover_forwarded
from helperdesk.mail.headers import decode_header_value
from helperdesk.mail.quotes import split_quoted
from helperdesk.model import Case, Direction, Found, IdKind, Message, ProcessingId, Source
from helperdesk.replies.checks import CaseFacts, DraftFacts, Problem, check_draft, draft_facts
from helperdesk.replies.compose import Letter, ReplyContext, ReplyDraft, build_reply, is_noreply
from helperdesk.replies.mime import Outgoing, OutgoingFile, build_mime, message_domain
from helperdesk.replies.templates import TemplateFacts, render
from i18n import _
from storage.accounts import Account
from storage.errors import NotFound
from storage.outgoing import case_letters
from storage.store import Store

HELPER_NAME_SETTING = "reply.helper_name"


class ReplyError(Exception):
    """A reply that cannot be made; the message is one sentence for the user."""


@dataclass
class ReplyResult:
    raw: bytes
    draft: ReplyDraft
    message_id: str
    answered: int  # stored id of the letter answered (the original, for a forward)
    household_id: int | None
    case_id: int | None
    account: str | None
    problems: list[Problem]
    recipients: list[str]
    documents: list[dict[str, Any]] = field(default_factory=list)
    facts: CaseFacts = field(default_factory=CaseFacts)  # what the checks know of the case
    files: list[OutgoingFile] = field(default_factory=list)
    date: dt.datetime | None = None

    def to_json(self, sent: bool | str = False) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "from": self.draft.from_addr,
            "to": self.draft.to,
            "subject": self.draft.subject,
            "in_reply_to": self.draft.in_reply_to,
            "references": self.draft.references,
            "processing_ids": [{"kind": p.kind.value, "value": p.value} for p in
                               self.draft.processing_ids],
            "problems": [p.to_json() for p in self.problems],
            "sent": sent,
        }


def resolve_message(store: Store, ref: str) -> int:
    """A stored id ("42") or an RFC Message-ID ("<x@y>", brackets optional)."""
    ref = ref.strip()
    if ref.isdigit():
        store.messages.get(int(ref))  # NotFound names it
        return int(ref)
    mid = ref if ref.startswith("<") else f"<{ref}>"
    found = store.messages.ids_by_message_id([mid])
    if mid not in found:
        raise NotFound(_("No stored message with Message-ID {mid}.").format(mid=mid))
    return found[mid]


def answered_letter(store: Store, message_id: int) -> Message:
    """The letter a reply answers: the message, or the agency original inside a forward."""
    message = store.messages.get(message_id)
    if message.direction is Direction.IN and store.messages.analysis(message_id).get(
            "is_forward"):
        original = recover_forwarded(store, message_id, message.raw,
                                     household_id=message.household_id)
        if original is not None:
            return store.messages.get(original)
    return message


def _ids(analysis: dict[str, Any]) -> tuple[ProcessingId, ...]:
    return tuple(ProcessingId(value=p["value"], kind=IdKind(p["kind"]), raw=p.get("raw", ""),
                              label=p.get("label", ""), found_in=Found(p.get("found_in", "body")))
                 for p in analysis.get("processing_ids", []))


def _header_block(raw: bytes) -> bytes:
    end = min((i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0),
              default=len(raw))
    return raw[:end]


def _letter(message: Message, analysis: dict[str, Any]) -> Letter:
    """The letter as the reply needs it: stored text (the mail is not parsed again)."""
    head = (email.message_from_bytes(_header_block(message.raw), policy=email.policy.compat32)
            if message.source is not Source.PAPER else None)
    reply_to = email.utils.parseaddr(
        decode_header_value(str(head.get("Reply-To", "") or "")) if head else "")[1]
    from_name = email.utils.parseaddr(
        decode_header_value(str(head.get("From", "") or "")) if head else "")[0]
    return Letter(message_id=message.message_id, subject=message.subject,
                  from_addr=message.from_addr, from_name=from_name, reply_to=reply_to,
                  references=tuple(message.references), date=message.date,
                  text=message.text, ids=_ids(analysis))


def choose_account(store: Store, letter: Message, name: str | None) -> Account | None:
    """The named account, else the one that received the letter, else the household's."""
    if name:
        return store.accounts.by_name(name)
    accounts = store.accounts.list_all()
    seen = {p.account for p in letter.provenance if p.account}
    for account in accounts:
        if account.name in seen:
            return account
    for account in accounts:
        if letter.household_id is not None and account.household_id == letter.household_id:
            return account
    return accounts[0] if len(accounts) == 1 else None


def _person(store: Store, household_id: int | None, text: str) -> str:
    if household_id is None:
        return ""
    household = store.households.get(household_id)
    for member in household.members:
        if member.name and member.name in text:
            return member.name
    return household.members[0].name if household.members else household.name


def case_facts(store: Store, case_id: int | None) -> CaseFacts:
    """What the checks need to know about a case (empty facts without a case)."""
    if case_id is None:
        return CaseFacts()
    case = store.cases.get(case_id)
    agency = store.agencies.get(case.agency_id) if case.agency_id is not None else None
    letters = case_letters(store, case_id)
    from_agency = [row for row in letters if row[0] == "in" and not row[3] and row[4]]
    addresses = list(agency.emails if agency else [])
    addresses += [row[2] for row in from_agency if row[2] and not is_noreply(row[2])]
    own = {p.value for p in case.processing_ids}
    foreign = {value: next(w for c, w in owners if c != case_id)
               for value, owners in store.cases.id_owners().items()
               if value not in own and any(c != case_id for c, _w in owners)}
    return CaseFacts(
        agency_name=agency.name if agency else "",
        agency_addresses=tuple(dict.fromkeys(a.lower() for a in addresses)),
        case_ids=tuple(case.processing_ids), foreign_ids=foreign,
        agency_letters=frozenset(row[1] for row in from_agency if row[1]),
        # Any letter of the agency in the case: a mail to it should answer one of them.
        open_letter=bool(from_agency),
    )


def _template_facts(analysis: dict[str, Any], files: list[OutgoingFile]) -> TemplateFacts:
    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    deadlines = analysis.get("deadlines", [])
    by_kind = {d["kind"]: d for d in reversed(deadlines)}
    appointment = by_kind.get("appointment")
    when = None
    if appointment:
        hm = dt.time.fromisoformat(appointment["time"]) if appointment.get("time") else dt.time()
        when = dt.datetime.combine(dt.date.fromisoformat(appointment["date"]), hm)
    return TemplateFacts(
        letter_date=day(analysis.get("letter_date")),
        deadline=day(by_kind.get("submit", {}).get("date")),
        objection_deadline=day(by_kind.get("objection", {}).get("date")),
        appointment=when, documents=tuple(f.filename for f in files))


def _stored_documents(store: Store, ids: list[int]) -> tuple[list[OutgoingFile],
                                                             list[dict[str, Any]]]:
    files: list[OutgoingFile] = []
    records: list[dict[str, Any]] = []
    for ref in ids:
        message = store.messages.get(ref)
        parts = [OutgoingFile(a.filename, a.mime_type, a.data) for a in message.attachments]
        if not parts:
            name = (message.subject or "Nachricht").replace("/", "-")[:80] + ".eml"
            parts = [OutgoingFile(name, "message/rfc822", message.raw)]
        files.extend(parts)
        records += [{"message": ref, "filename": p.filename, "case": message.case_id}
                    for p in parts]
    return files, records


def make_reply(
    store: Store, message_id: int, *, text: str = "", template: str | None = None,
    files: list[OutgoingFile] | None = None, attach_messages: list[int] | None = None,
    account_name: str | None = None, now: dt.datetime | None = None,
) -> ReplyResult:
    """The reply draft (bytes and facts) to the stored message ``message_id``."""
    letter_msg = answered_letter(store, message_id)
    assert letter_msg.id is not None
    analysis = store.messages.analysis(letter_msg.id)
    letter = _letter(letter_msg, analysis)
    account = choose_account(store, letter_msg, account_name)
    from_addr = (account.username if account and "@" in account.username
                 else next(iter(letter_msg.to_addrs), ""))
    if not from_addr:
        raise ReplyError(_(
            "No address to send from: add a mail account with 'helperdesk account add' or "
            "name one with --account."))
    case: Case | None = (store.cases.get(letter_msg.case_id)
                         if letter_msg.case_id is not None else None)
    facts = case_facts(store, case.id if case else None)
    agency_name = facts.agency_name or (analysis.get("agency") or {}).get("name", "")
    helper = str(store.settings.get(HELPER_NAME_SETTING, "") or "")
    ctx = ReplyContext(
        agency_name=agency_name, agency_addresses=facts.agency_addresses,
        case_ids=facts.case_ids, person=_person(store, letter_msg.household_id, letter.text),
        helper_name=helper, from_addr=from_addr, from_name=helper)
    attached = list(files or [])
    documents: list[dict[str, Any]] = []
    if attach_messages:
        more, documents = _stored_documents(store, attach_messages)
        attached += more
    if template:
        try:
            text = render(template, _template_facts(analysis, attached)) + (
                "\n\n" + text if text.strip() else "")
        except KeyError:
            raise ReplyError(_(
                "Unknown template {template}.").format(
                template=repr(template))) from None
    draft = build_reply(letter, ctx, text)
    moment = now or dt.datetime.now(dt.UTC).astimezone()
    msgid = email.utils.make_msgid(domain=message_domain(from_addr))
    to = [draft.to] if draft.to else []
    raw = build_mime(Outgoing(from_addr=from_addr, from_name=draft.from_name, to=to,
                              subject=draft.subject, body=draft.body,
                              in_reply_to=draft.in_reply_to, references=draft.references,
                              attachments=attached), message_id=msgid, date=moment)
    problems = _field_problems(draft, facts, to, len(attached)) if to else [Problem(
        "wrong_recipient", _("The agency writes from a no-reply address and its own "
                             "address is not known: enter the agency's address as the "
                             "recipient."))]
    return ReplyResult(raw=raw, draft=draft, message_id=msgid, answered=letter_msg.id,
                       household_id=letter_msg.household_id,
                       case_id=case.id if case else None,
                       account=account.name if account else None, problems=problems,
                       recipients=to, documents=documents, facts=facts, files=attached,
                       date=moment)


def _field_problems(draft: ReplyDraft, facts: CaseFacts, to: list[str] | tuple[str, ...],
                    attachments: int) -> list[Problem]:
    """The checks on a draft's fields (no MIME built or parsed)."""
    found = DraftFacts(subject=draft.subject, to=tuple(a.strip().lower() for a in to),
                       text=split_quoted(draft.body).new_text, body=draft.body,
                       in_reply_to=draft.in_reply_to, references=tuple(draft.references),
                       attachments=attachments, from_addr=draft.from_addr)
    return check_draft(found, facts)


def live_problems(result: ReplyResult, *, to: str, subject: str, body: str,
                  attachments: int) -> list[Problem]:
    """The checks on what the helper is writing (fast: no store, no parsing of MIME)."""
    recipients = tuple(a for a in to.replace(";", ",").split(",") if a.strip())
    return _field_problems(replace(result.draft, subject=subject, body=body), result.facts,
                           recipients, attachments)


def edited(result: ReplyResult, *, to: str, subject: str, body: str,
           files: list[OutgoingFile]) -> ReplyResult:
    """The reply as the helper changed it: same Message-ID and thread, new bytes and checks."""
    recipients = [a.strip() for a in to.replace(";", ",").split(",") if a.strip()]
    raw = build_mime(Outgoing(from_addr=result.draft.from_addr, from_name=result.draft.from_name,
                              to=recipients, subject=subject, body=body,
                              in_reply_to=result.draft.in_reply_to,
                              references=result.draft.references, attachments=files),
                     message_id=result.message_id,
                     date=result.date or dt.datetime.now(dt.UTC).astimezone())
    draft = replace(result.draft, to=", ".join(recipients), subject=subject, body=body)
    problems = live_problems(result, to=to, subject=subject, body=body, attachments=len(files))
    return replace(result, raw=raw, draft=draft, recipients=recipients, problems=problems,
                   files=list(files))


@dataclass
class CheckResult:
    household: str | None
    case: str | None
    problems: list[Problem]
    household_id: int | None = None
    case_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"household": self.household, "case": self.case,
                "problems": [p.to_json() for p in self.problems]}


def locate(store: Store, raw: bytes) -> tuple[int | None, int | None]:
    """Household and case of a draft: thread, then IDs, then recipient, then sender."""
    mail = sandbox.shared().call("parse", raw)  # a draft file may be anyone's mail
    household, case = store.messages.filed_ancestor(mail.in_reply_to, mail.references)
    if household is not None:
        return household, case
    owners = store.cases.id_owners()
    for pid in scan_texts(subject=mail.subject, body=mail.new_text, quoted=mail.quoted_text):
        if pid.value in owners:
            found = store.cases.get(owners[pid.value][0][0])
            return found.household_id, found.id
    directory = store.agencies.list_all()
    sender_household = next((a.household_id for a in store.accounts.list_all()
                             if a.username.lower() == mail.from_addr.lower()), None)
    for addr in mail.to_addrs:
        agency = match_directory(addr, directory)
        if agency is None:
            continue
        for h in ([sender_household] if sender_household else
                  [x.id for x in store.households.list_all()]):
            if h is None:
                continue
            for c in store.cases.for_household(h):
                if c.agency_id == agency.id:
                    return h, c.id
    return sender_household, None


def check_mail(store: Store, raw: bytes) -> CheckResult:
    """The draft checks for any mail (a draft file, a sent mail)."""
    household_id, case_id = locate(store, raw)
    problems = check_draft(draft_facts(raw), case_facts(store, case_id))
    household = store.households.get(household_id).name if household_id is not None else None
    case = store.cases.get(case_id).title if case_id is not None else None
    return CheckResult(household, case, problems, household_id, case_id)


def template_text(store: Store, result: ReplyResult, name: str) -> str:
    """A template's German text filled from the answered letter (KeyError: unknown name)."""
    analysis = store.messages.analysis(result.answered)
    return render(name, _template_facts(analysis, result.files))
