"""Use case: bring mail and letters into the store, one path for every way in.

File import (CLI), files dropped on the app, the demo and IMAP sync all end
here, so the same letter gets the same analysis and deadlines however it
arrived: it is always prepared with the store's agency directory and the
Bundesland of the household it goes to, then stored, filed and scheduled by
``store_prepared``:

* household from the caller (import option, drop target, account default),
  else from the thread (a filed ancestor in the store, else the filing the
  helper remembered for that conversation);
* case by the filing rules (``helperdesk.filing``);
* suggested deadlines as unconfirmed rows for the helper to accept;
* a household's forward of an agency letter also stores the agency's original
  (recovered from the forward) as its own message, filed and threaded like any
  letter of that agency, with who forwarded it (``recover_forwarded``).
"""

from __future__ import annotations

import logging
import mailbox
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from helperdesk.app import sandbox
from helperdesk.app.batch import (
    Context,
    prepare_in_sandbox,
    prepare_many,
    prepare_paper_in_sandbox,
)
from helperdesk.app.sandbox import SandboxFailure
from helperdesk.filing import assign_case
from helperdesk.intake.prepare import Prepared
from helperdesk.model import Deadline, Direction, Provenance, Source
from i18n import N_, _
from storage.messages import AddResult
from storage.store import Store
from storage.threads import remembered_filing

# A single .eml or .pdf larger than this is refused with a clear message rather
# than read into memory; an mbox is read mail by mail.
MAX_FILE_BYTES = 200 * 1024 * 1024
# Whatever its type, a file with no content is refused with this one message.
EMPTY_INPUT = N_("the file is empty; nothing was imported.")
MAIL_SUFFIXES = frozenset({".eml", ".msg", ".txt", ""})
log = logging.getLogger(__name__)


class ImportRefused(ValueError):
    """A file that cannot be imported; the message is one sentence for the user."""


@dataclass
class ImportSummary:
    new: int = 0
    already_stored: int = 0
    failed: list[str] = field(default_factory=list)
    message_ids: list[int] = field(default_factory=list)


def context_for(store: Store, household_id: int | None, source: Source = Source.FILE) -> Context:
    """What analysis needs for mail going to ``household_id``: agencies and Bundesland."""
    state = store.households.get(household_id).state if household_id is not None else None
    return Context(source=source, directory=store.agencies.list_all(), state=state)


def store_prepared(
    store: Store, prepared: Prepared, *, household_id: int | None = None
) -> AddResult:
    """Store, file and schedule one prepared message (in the caller's transaction if open)."""
    message = prepared.message
    analysis = prepared.analysis
    with store.unit():
        if not store.messages.has_content(message.content_hash):
            thread_household, thread_case = store.messages.filed_ancestor(
                message.in_reply_to, message.references)
            if thread_household is None and (message.in_reply_to or message.references):
                remembered = remembered_filing(store, message.message_id, message.in_reply_to,
                                               message.references)
                if remembered is not None:
                    thread_household, thread_case = remembered
            hid = household_id if household_id is not None else thread_household
            message.household_id = hid
            if hid is not None:
                decision = assign_case(
                    analysis.processing_ids,
                    store.cases.filing_views(hid, message.from_addr),
                    thread_case_id=thread_case if thread_household == hid else None,
                    sender=message.from_addr,
                    household_id=hid,
                    is_forward=analysis.is_forward,
                    suspect_ids=[c.subject.value for c in analysis.id_conflicts],
                )
                message.case_id = decision.case_id
        result = store.messages.add(message, analysis=analysis.to_json())
        if result.new and message.direction is Direction.IN:
            for s in analysis.deadlines:
                store.deadlines.add(Deadline(
                    household_id=message.household_id, case_id=message.case_id,
                    message_id=result.id, date=s.date, time=s.time, kind=s.kind,
                    basis=s.basis, evidence=s.evidence, explanation=list(s.explanation),
                ))
        if result.new and message.direction is Direction.IN and analysis.is_forward:
            recover_forwarded(store, result.id, message.raw, household_id=message.household_id)
    return result


def recover_forwarded(store: Store, forward_id: int, raw: bytes, *,
                      household_id: int | None) -> int | None:
    """Store the agency mail inside the forward ``forward_id`` as its own message; its id.

    Done once per forward; a forward without a recognisable original (no sender
    in it) gives None and stays as it is.
    """
    known = store.reply_links.original_of(forward_id)
    if known is not None:
        return known
    try:  # the forward is a stranger's mail: taken apart in the sandbox
        original = sandbox.shared().call("forward", raw)
    except SandboxFailure as exc:  # a forward we cannot take apart stays a plain mail
        log.warning("forward not taken apart: %s", type(exc).__name__)
        return None
    if original is None or not original.from_addr:
        return None
    stored = store.messages.ids_by_message_id([original.message_id]) if original.message_id \
        else {}
    if stored:  # the agency's mail itself is already here (synced, imported)
        store.reply_links.record_origin(stored[original.message_id or ""], forward_id,
                                        original.forwarded_by)
        return stored[original.message_id or ""]
    context = context_for(store, household_id)
    prepared = prepare_in_sandbox(original.raw, Direction.IN, None, context)
    result = store_prepared(store, prepared, household_id=household_id)
    if result.id == forward_id:
        return None
    store.reply_links.record_origin(result.id, forward_id, original.forwarded_by)
    return result.id


def ingest_mail(
    store: Store, raw: bytes, *, household_id: int | None = None,
    provenance: Provenance | None = None, direction: Direction = Direction.IN,
) -> AddResult:
    """One mail's bytes, prepared with the store's agencies and the household's Bundesland."""
    if not raw.strip():
        raise ImportRefused(_(EMPTY_INPUT))
    context = context_for(store, household_id)
    return store_prepared(store, prepare_in_sandbox(raw, direction, provenance, context),
                          household_id=household_id)


def ingest_paper(
    store: Store, pdf: bytes, *, filename: str, household_id: int | None = None
) -> AddResult:
    """One paper or portal letter (PDF), prepared like any mail of the household."""
    if not pdf.strip():
        raise ImportRefused(_(EMPTY_INPUT))
    context = context_for(store, household_id)
    prepared = prepare_paper_in_sandbox(pdf, filename, context)
    return store_prepared(store, prepared, household_id=household_id)


def _prepared_from(path: Path, context: Context) -> Iterator[Prepared]:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportRefused(_("{path}: no such file.").format(path=path))
    size = path.stat().st_size
    if size == 0:
        raise ImportRefused(f"{path}: {_(EMPTY_INPUT)}")
    if size > MAX_FILE_BYTES and suffix != ".mbox":
        raise ImportRefused(_(
            "{path}: larger than {value} MB, not imported.").format(
            path=path, value=MAX_FILE_BYTES // 2**20))
    if suffix == ".pdf":
        pdf = path.read_bytes()
        if not pdf.strip():
            raise ImportRefused(f"{path}: {_(EMPTY_INPUT)}")
        yield prepare_paper_in_sandbox(pdf, path.name, context)
    elif suffix == ".mbox":
        box = mailbox.mbox(path, create=False)
        try:
            prov = Provenance(source=Source.FILE, filename=path.name)
            yield from prepare_many(
                ((box.get_bytes(key), Direction.IN, prov) for key in box.iterkeys()), context)
        finally:
            box.close()
    elif suffix in MAIL_SUFFIXES:
        raw = path.read_bytes()
        if not raw.strip():
            raise ImportRefused(f"{path}: {_(EMPTY_INPUT)}")
        prov = Provenance(source=Source.FILE, filename=path.name)
        yield prepare_in_sandbox(raw, Direction.IN, prov, context)
    else:
        raise ImportRefused(_("{path}: not an .eml, .mbox or .pdf file.").format(path=path))


def import_files(
    store: Store, paths: Sequence[Path], *, household_id: int | None = None,
    on_error: Callable[[str], None] | None = None,
) -> ImportSummary:
    """Import .eml, .mbox and .pdf files; a file that fails is named, the others go on."""
    summary = ImportSummary()
    context = context_for(store, household_id)
    for path in paths:
        try:
            # One unit per file: a failure undoes the file, and the full-text
            # index is written once for all its mails, not once per mail.
            with store.unit():
                for prepared in _prepared_from(path, context):
                    result = store_prepared(store, prepared, household_id=household_id)
                    if result.new:
                        summary.new += 1
                        summary.message_ids.append(result.id)
                    else:
                        summary.already_stored += 1
        except (ImportRefused, OSError) as exc:
            message = str(exc) if isinstance(exc, ImportRefused) else f"{path}: {exc.strerror}"
            summary.failed.append(message)
            if on_error is not None:
                on_error(message)
    return summary
