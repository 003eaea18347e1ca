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

import datetime as dt
import functools
import logging
import mailbox
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from helperdesk.app import sandbox
from helperdesk.app.batch import (
    Context,
    prepare_in_sandbox,
    prepare_many,
    prepare_paper_in_sandbox,
)
from helperdesk.app.ocr.engine import OcrCancelled
from helperdesk.app.ocr.letters import Reader, read_pdf, read_photos
from helperdesk.app.sandbox import SandboxFailure
from helperdesk.filing import assign_case
from helperdesk.intake.prepare import Prepared, content_hash, prepare_photos
from helperdesk.intake.scan import Recognised, page_kind, pages_hash
from helperdesk.model import (
    Deadline,
    DeadlineKind,
    DeadlineSuggestion,
    Direction,
    Message,
    Provenance,
    Source,
)
from i18n import N_, _
from storage.messages import AddResult
from storage.readings import record_reading
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
    read_by_ocr: int = 0  # new letters whose text (some of it) OCR read
    needs_ocr: int = 0  # new letters stored as "needs OCR" (OCR could not run or read)
    notices: list[str] = field(default_factory=list)  # one line each, e.g. why no OCR

    def to_json(self) -> dict[str, object]:
        return {"new": self.new, "already_stored": self.already_stored,
                "read_by_ocr": self.read_by_ocr, "needs_ocr": self.needs_ocr,
                "failed": self.failed, "notices": self.notices}


@dataclass(frozen=True)
class ImportProgress:
    """Files done of total, and the pages OCR has read of the current letter."""

    files_done: int
    files_total: int
    pages_done: int = 0
    pages_total: int = 0


def context_for(store: Store, household_id: int | None, source: Source = Source.FILE) -> Context:
    """What analysis needs for mail going to ``household_id``: agencies and Bundesland."""
    state = store.households.get(household_id).state if household_id is not None else None
    return Context(source=source, directory=store.agencies.list_all(), state=state)


def store_prepared(
    store: Store, prepared: Prepared, *, household_id: int | None = None,
    by_sender: bool = False,
) -> AddResult:
    """Store, file and schedule one prepared message (in the caller's transaction if open).

    Without ``household_id`` the household is the thread's; with ``by_sender``
    (file import) then the one household the sender's filed mail belongs to,
    if it is exactly one and the sender is not an agency (an agency writes to
    many households). Otherwise the message waits under Unfiled.
    """
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
            if thread_household is None and by_sender and household_id is None \
                    and message.from_addr and analysis.agency is None:
                senders = store.messages.sender_households(message.from_addr)
                thread_household = senders[0] if len(senders) == 1 else None
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
            _suggest_deadlines(store, message, result.id, analysis.deadlines)
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


def _suggest_deadlines(
    store: Store, message: Message, message_id: int, found: Sequence[DeadlineSuggestion],
    known: Collection[tuple[dt.date, DeadlineKind]] = (),
) -> None:
    for s in found:
        if (s.date, s.kind) in known:
            continue
        store.deadlines.add(Deadline(
            household_id=message.household_id, case_id=message.case_id,
            message_id=message_id, date=s.date, time=s.time, kind=s.kind,
            basis=s.basis, evidence=s.evidence, explanation=list(s.explanation),
        ))


def store_reading(store: Store, stored: Message, prepared: Prepared) -> None:
    """A stored letter read again (by OCR): its text, date, analysis, deadlines and case.

    The attachments are the same files in the same order; deadline
    suggestions already there (or already handled by the helper) are not
    added twice; a letter filed to a household but to no case gets the case
    its IDs now point to.
    """
    assert stored.id is not None
    read = prepared.message
    attachments = [replace(new, id=old.id)
                   for old, new in zip(stored.attachments, read.attachments, strict=False)]
    analysis = prepared.analysis
    with store.unit():
        record_reading(store, stored.id, text=read.text, date=read.date,
                       problems=read.problems, analysis=analysis.to_json(),
                       attachments=attachments)
        hid = stored.household_id
        if hid is not None and stored.case_id is None:
            decision = assign_case(
                analysis.processing_ids, store.cases.filing_views(hid, stored.from_addr),
                sender=stored.from_addr, household_id=hid, is_forward=analysis.is_forward)
            if decision.case_id is not None:
                store.messages.file(stored.id, hid, decision.case_id)
                stored.case_id = decision.case_id
        known = {(d.deadline.date, d.deadline.kind)
                 for d in store.deadlines.matching(status=None, message_id=stored.id)}
        _suggest_deadlines(store, stored, stored.id, analysis.deadlines, known)


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
    """One paper or portal letter (PDF): its text read in the sandbox, OCR where it has none."""
    if not pdf.strip():
        raise ImportRefused(_(EMPTY_INPUT))
    prepared = paper_letter(pdf, filename, reader_for(store, household_id))
    return store_prepared(store, prepared, household_id=household_id)


def reader_for(
    store: Store, household_id: int | None, *, progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> Reader:
    """How to read letters for ``household_id``: its Bundesland and language."""
    household = store.households.get(household_id) if household_id is not None else None
    return Reader(directory=store.agencies.list_all(),
                  state=household.state if household else None,
                  language=household.language if household else None,
                  progress=progress, cancel=cancel)


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files as given; folders as the importable files inside them, recursively, sorted.

    Hidden files and files of other kinds inside a folder are passed over; a
    file named on its own is kept, so that a wrong kind is reported.
    """
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(
                p for p in path.rglob("*")
                if p.is_file() and page_kind(p.name) and p.suffix
                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            out.append(path)
    return out


def _prepared_from(path: Path, context: Context) -> Iterator[Prepared]:
    """Mails of an .eml or .mbox file (paper letters go through ``_read_letter``)."""
    suffix = path.suffix.lower()
    if suffix == ".mbox":
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
        raise ImportRefused(_(
            "{path}: not an .eml, .mbox, .pdf or image (JPEG, PNG, TIFF, HEIC) file.").format(
            path=path))


def _checked(path: Path) -> None:
    if not path.is_file():
        raise ImportRefused(_("{path}: no such file.").format(path=path))
    if path.stat().st_size == 0:
        raise ImportRefused(f"{path}: {_(EMPTY_INPUT)}")
    if path.stat().st_size > MAX_FILE_BYTES and path.suffix.lower() != ".mbox":
        raise ImportRefused(_(
            "{path}: larger than {value} MB, not imported.").format(
            path=path, value=MAX_FILE_BYTES // 2**20))


def paper_letter(pdf: bytes, filename: str, reader: Reader) -> Prepared:
    """A PDF letter: its text layer read in the parsing sandbox, its pages without one
    (a scan, or a scanned page inside a digital letter) by OCR in the OCR worker."""
    return read_pdf(pdf, filename=filename, reader=reader)


def _read_letter(store: Store, paths: Sequence[Path], reader: Reader) -> Prepared:
    """A PDF or the page images of one letter, prepared outside any transaction.

    OCR takes seconds per page: it must not hold the store's write lock. A
    letter already stored is not read again (only its new file name is kept).
    """
    datas = [p.read_bytes() for p in paths]
    if len(paths) == 1 and page_kind(paths[0].name) == "pdf":
        if store.messages.has_content(content_hash(datas[0])):
            # Stored already: only its new file name is kept, nothing is read again.
            context = Context(source=Source.PAPER, directory=reader.directory,
                              state=reader.state)
            return prepare_paper_in_sandbox(datas[0], paths[0].name, context)
        return paper_letter(datas[0], paths[0].name, reader)
    pages = [(p.name, d) for p, d in zip(paths, datas, strict=True)]
    if store.messages.has_content(pages_hash(datas)):
        return prepare_photos(pages, recognised=Recognised(), directory=reader.directory,
                              state=reader.state)
    return read_photos(pages, reader=reader)


def import_files(
    store: Store, paths: Sequence[Path], *, household_id: int | None = None,
    on_error: Callable[[str], None] | None = None, one_letter: bool = False,
    progress: Callable[[ImportProgress], None] | None = None,
    cancel: threading.Event | None = None,
) -> ImportSummary:
    """Import .eml, .mbox, .pdf and image files, and folders of them (recursively).

    Every image is a letter of its own; with ``one_letter`` all the images
    given are the pages of one letter, in the order given. A file that fails
    is named and the others go on; OCR that cannot run is one notice, and
    the letters are stored as "needs OCR".
    """
    summary = ImportSummary()
    context = context_for(store, household_id)
    files = expand_paths(paths)
    groups: list[list[Path]] = [[p] for p in files]
    if one_letter:
        images = [p for p in files if page_kind(p.name) == "image"]
        groups = [[p] for p in files if page_kind(p.name) != "image"] + (
            [images] if images else [])
    total = len(groups)

    def report(done: int, pages: int = 0, pages_total: int = 0) -> None:
        if progress is not None:
            progress(ImportProgress(done, total, pages, pages_total))

    report(0)
    for done, group in enumerate(groups):
        if cancel is not None and cancel.is_set():
            break
        try:
            for path in group:
                _checked(path)
            if page_kind(group[0].name) in ("pdf", "image"):
                reader = reader_for(store, household_id, cancel=cancel,
                                    progress=functools.partial(report, done))
                prepared = _read_letter(store, group, reader)
                with store.unit():
                    _count(summary, store_prepared(store, prepared, household_id=household_id),
                           prepared)
            else:
                # One unit per file: a failure undoes the file, and the full-text
                # index is written once for all its mails, not once per mail.
                with store.unit():
                    for prepared in _prepared_from(group[0], context):
                        _count(summary, store_prepared(store, prepared, household_id=household_id,
                                                       by_sender=True), prepared)
        except OcrCancelled:
            break  # the letter being read is not stored; those before it are
        except (ImportRefused, OSError) as exc:
            message = str(exc) if isinstance(exc, ImportRefused) else \
                f"{group[0]}: {exc.strerror}"
            summary.failed.append(message)
            if on_error is not None:
                on_error(message)
        report(done + 1)
    return summary


def _count(summary: ImportSummary, result: AddResult, prepared: Prepared) -> None:
    if not result.new:
        summary.already_stored += 1
        return
    summary.new += 1
    summary.message_ids.append(result.id)
    attachments = prepared.message.attachments
    if any(a.ocr.get("pages") for a in attachments):
        summary.read_by_ocr += 1
    if any(a.needs_ocr for a in attachments):
        summary.needs_ocr += 1
    for a in attachments:
        problems = a.ocr.get("problems")
        for problem in problems if isinstance(problems, list) else []:
            reason = str(problem).removeprefix("needs OCR: ")
            if reason != str(problem) and reason not in summary.notices:
                summary.notices.append(reason)
