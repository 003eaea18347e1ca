"""Use case: send through the Outbox, never twice, filed once.

A mail is kept in the store's Outbox with its exact bytes before anything goes
out. Sending moves it queued → sending (committed before SMTP) → accepted
(committed as soon as the server took it) → sent (stored as outgoing in its
case, threaded under the letter, and appended to the account's Sent folder with
``\\Seen`` unless the provider files it itself or the Message-ID is there).

* A refusal or a connection problem before the server took the mail leaves it
  ``failed`` with the error; ``retry`` sends it again (same bytes, same Message-ID).
* A mail found ``sending`` (the app died during SMTP) is looked for by its
  Message-ID in the store and the Sent folder; found, it counts as sent; not
  found, it becomes ``uncertain`` and is never sent again on its own.
* A connection that breaks after the whole mail was transmitted counts as
  accepted (sending again could deliver it twice); the note says so.
* Filing that fails (IMAP down) keeps it ``accepted``; ``retry`` files it.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import logging
from collections.abc import Callable
from dataclasses import dataclass

from helperdesk.app.ingest import ingest_mail
from helperdesk.app.replies import ReplyResult
from helperdesk.model import Direction
from i18n import _
from storage.accounts import Account
from storage.outbox import OutboxEntry
from storage.store import Store
from sync.credentials import load_password
from sync.errors import NoPassword, SyncError
from sync.sent import file_sent, in_sent
from sync.smtp import SmtpRefused, Unconfirmed, send_raw, settings_for

log = logging.getLogger(__name__)
RETRY_STATUSES = ("queued", "failed", "sending", "accepted")
Progress = Callable[[str], None]


class OutboxError(Exception):
    """An outbox action that cannot run; one sentence for the user."""


@dataclass(frozen=True)
class SendOutcome:
    entry_id: int
    status: str
    error: str
    filed: str  # appended, present, provider, or "" (not filed yet)
    stored_message: int | None

    def to_json(self) -> dict[str, object]:
        return {"id": self.entry_id, "status": self.status, "error": self.error,
                "filed": self.filed, "stored_message": self.stored_message}


def keep(store: Store, result: ReplyResult, *, status: str = "queued") -> OutboxEntry:
    """Put a reply into the Outbox (``draft`` to keep it, ``queued`` to send it)."""
    return store.outbox.add(OutboxEntry(
        message_id=result.message_id, raw=result.raw, status=status, account=result.account,
        subject=result.draft.subject, recipients=list(result.recipients),
        reply_to_ref=result.answered, household_id=result.household_id,
        case_id=result.case_id, documents=result.documents))


def _sender(raw: bytes, account: Account) -> str:
    if "@" in account.username:
        return account.username
    head = email.message_from_bytes(raw, policy=email.policy.compat32)
    return email.utils.parseaddr(str(head.get("From", "")))[1]


def _outcome(store: Store, entry_id: int, filed: str = "") -> SendOutcome:
    e = store.outbox.get(entry_id)
    return SendOutcome(entry_id, e.status, e.error, filed, e.stored_ref)


def _store_copy(store: Store, entry: OutboxEntry) -> int:
    """The sent mail as outgoing in its case (once), with the documents passed on."""
    assert entry.id is not None
    if entry.stored_ref is not None:
        return entry.stored_ref
    with store.unit():
        result = ingest_mail(store, entry.raw, household_id=entry.household_id,
                             direction=Direction.OUT)
        if entry.case_id is not None and result.new:
            store.messages.file(result.id, entry.household_id, entry.case_id)
        for doc in entry.documents if result.new else ():
            store.reply_links.record_passed_on(int(doc["message"]), str(doc["filename"]),
                                               doc.get("case"), entry.case_id, result.id)
        store.outbox.update(entry.id, status=entry.status, error=entry.error,
                            stored_ref=result.id)
    return result.id


def _file(store: Store, entry: OutboxEntry, account: Account, password: str,
          note: str = "") -> SendOutcome:
    assert entry.id is not None
    _store_copy(store, entry)
    try:
        where = file_sent(account, password, entry.raw, entry.message_id,
                          provider_files=settings_for(account).files_sent)
    except SyncError as exc:
        store.outbox.update(entry.id, status="accepted", error=_(
            "Sent, but not yet filed in the Sent folder ({reason}); "
            "“Send again” catches up on that.").format(reason=exc))
        return _outcome(store, entry.id)
    store.outbox.update(entry.id, status="sent", error=note, filed=True)
    return _outcome(store, entry.id, where)


def send(store: Store, entry_id: int, *, password: str | None = None,
         progress: Progress | None = None) -> SendOutcome:
    """Send (or finish sending) one Outbox entry; see the module text for the rules."""
    say = progress or (lambda _step: None)
    entry = store.outbox.get(entry_id)
    if entry.status in ("sent", "uncertain"):
        return _outcome(store, entry_id)
    if not entry.account:
        raise OutboxError(_("The mail has no account to send from: choose an account."))
    account = store.accounts.by_name(entry.account)
    secret = password if password is not None else load_password(store, account)
    if not secret:
        store.outbox.update(entry_id, status="failed" if entry.status != "accepted"
                            else "accepted", error=str(NoPassword(account.name)))
        return _outcome(store, entry_id)
    if entry.status == "accepted":
        say("filing")
        return _file(store, entry, account, secret)
    if entry.status == "sending":
        say("looking for an earlier copy")
        if _already_sent(store, entry, account, secret):
            store.outbox.update(entry_id, status="accepted", accepted=True)
            return _file(store, store.outbox.get(entry_id), account, secret)
        store.outbox.update(entry_id, status="uncertain", error=_(
            "It is unclear whether this mail arrived last time: check with the recipient "
            "before you send it again."))
        return _outcome(store, entry_id)
    store.outbox.update(entry_id, status="sending", attempt=True)
    say("sending")
    note = ""
    try:
        refused = send_raw(account, secret, entry.raw, _sender(entry.raw, account),
                           entry.recipients)
        if refused:
            note = _("Not accepted for: {who}").format(who=", ".join(sorted(refused)))
    except Unconfirmed:
        note = _("The server did not confirm receipt; the mail was not sent again, "
                 "so that it does not arrive twice.")
    except (SmtpRefused, SyncError) as exc:
        store.outbox.update(entry_id, status="failed", error=str(exc))
        return _outcome(store, entry_id)
    store.outbox.update(entry_id, status="accepted", error=note, accepted=True)
    say("filing")
    return _file(store, store.outbox.get(entry_id), account, secret, note)


def _already_sent(store: Store, entry: OutboxEntry, account: Account, password: str) -> bool:
    if store.messages.ids_by_message_id([entry.message_id]):
        return True
    try:
        return in_sent(account, password, entry.message_id)
    except SyncError:
        return False


def retry(store: Store, *, progress: Progress | None = None) -> list[SendOutcome]:
    """Send or file again everything that is not done (never an ``uncertain`` mail)."""
    outcomes = []
    for entry in store.outbox.list_all(RETRY_STATUSES):
        assert entry.id is not None
        try:
            outcomes.append(send(store, entry.id, progress=progress))
        except OutboxError as exc:
            outcomes.append(SendOutcome(entry.id, entry.status, str(exc), "", None))
    return outcomes
