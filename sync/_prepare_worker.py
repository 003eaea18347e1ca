"""Preparing mails (parse, attachment text, analysis) off the syncing thread.

Parsing costs several times more CPU than fetching and storing, so a large
sync spreads it over worker processes. Functions here are top-level so a
``spawn`` process pool can import them; they receive and return plain data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from helperdesk.analysis import Analysis
from helperdesk.model import Agency, Direction, Message, Provenance, Source
from helperdesk.prepare import Prepared, content_hash, prepare_mail

# At and above this size a mail is stored whole but only its header is read:
# parsing 25 MB of attachments would take long and much memory, and the
# helper still sees sender, subject and date.
HUGE_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class Context:
    """What analysis needs to know about the account: known agencies, household state."""

    directory: Sequence[Agency] = ()
    state: str | None = None


def prepare(
    raw: bytes, direction: Direction, provenance: Provenance, context: Context = Context()
) -> Prepared:
    """prepare_mail with HelperDesk's limits; never raises for a bad mail."""
    try:
        if len(raw) >= HUGE_BYTES:
            return _prepare_huge(raw, direction, provenance, context)
        return prepare_mail(raw, source=Source.IMAP, direction=direction, provenance=provenance,
                            directory=context.directory, state=context.state)
    except Exception as exc:  # one bad mail must never stop a sync
        problem = f"mail could not be read ({type(exc).__name__})"
        return raw_only(raw, direction, provenance, problem)


def prepare_stripped(
    raw: bytes, direction: Direction, provenance: Provenance, context: Context = Context()
) -> Prepared:
    """For a worker process: the result without the raw bytes (the parent has them)."""
    prepared = prepare(raw, direction, provenance, context)
    prepared.message.raw = b""
    return prepared


def _prepare_huge(
    raw: bytes, direction: Direction, provenance: Provenance, context: Context
) -> Prepared:
    end = raw.find(b"\r\n\r\n")
    end = raw.find(b"\n\n") if end < 0 else end
    head = raw[: end if end >= 0 else min(len(raw), 256 * 1024)]
    # Only the header block goes through the normal parser (so analysis sees
    # subject and sender); raw and hash are then those of the whole mail.
    prepared = prepare_mail(head + b"\r\n\r\n", source=Source.IMAP, direction=direction,
                            provenance=provenance, directory=context.directory,
                            state=context.state)
    msg = prepared.message
    msg.raw = raw
    msg.content_hash = content_hash(raw)
    msg.attachments = []
    msg.text = ""
    msg.problems.append(
        f"mail too large to read ({len(raw) // (1024 * 1024)} MB): stored unread, "
        "open or export it to see its content"
    )
    return prepared


def raw_only(raw: bytes, direction: Direction, provenance: Provenance, problem: str) -> Prepared:
    message = Message(
        raw=raw, content_hash=content_hash(raw), subject="", date=None, from_addr="",
        direction=direction, source=Source.IMAP, problems=[problem], provenance=[provenance],
    )
    return Prepared(message, Analysis.nothing([problem]))
