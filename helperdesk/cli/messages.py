"""CLI: ``import``, ``messages`` and ``search`` commands."""

from __future__ import annotations

import argparse
import mailbox
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from helperdesk.app.batch import Context, prepare_many, prepare_safely
from helperdesk.app.ingest import store_prepared
from helperdesk.cli.common import CliError, add_json_flag, emit_json, open_store
from helperdesk.intake.prepare import Prepared, prepare_paper
from helperdesk.model import Agency, Direction, Provenance, Source
from storage.messages import MessageSummary

# A single .eml larger than this is refused with a clear message rather than
# read into memory; IMAP sync has its own limits.
MAX_FILE_BYTES = 200 * 1024 * 1024


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser("import", help="import .eml, .mbox and .pdf files")
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--household", help="file the imported messages to this household")
    add_json_flag(imp)
    imp.set_defaults(func=import_files)

    msgs = sub.add_parser("messages", help="list or show stored messages")
    msub = msgs.add_subparsers(dest="action", required=True, metavar="ACTION")
    ls = msub.add_parser("list", help="list messages, newest first")
    ls.add_argument("--household", help="only this household's messages")
    ls.add_argument("--unfiled", action="store_true", help="only messages still to be filed")
    add_json_flag(ls)
    ls.set_defaults(func=messages_list)
    show = msub.add_parser("show", help="show one message's headers and text")
    show.add_argument("id", type=int)
    add_json_flag(show)
    show.set_defaults(func=messages_show)

    search = sub.add_parser("search", help="full-text search over all messages")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=50)
    add_json_flag(search)
    search.set_defaults(func=search_messages)


def _prepared_from(
    path: Path, directory: Sequence[Agency], state: str | None
) -> Iterator[Prepared]:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise CliError(f"{path}: no such file.")
    if path.stat().st_size > MAX_FILE_BYTES and suffix != ".mbox":
        raise CliError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB, not imported.")
    if suffix == ".pdf":
        yield prepare_paper(path.read_bytes(), filename=path.name, directory=directory,
                            state=state)
    elif suffix == ".mbox":
        box = mailbox.mbox(path, create=False)
        try:
            prov = Provenance(source=Source.FILE, filename=path.name)
            yield from prepare_many(
                ((box.get_bytes(key), Direction.IN, prov) for key in box.iterkeys()),
                Context(source=Source.FILE, directory=directory, state=state),
            )
        finally:
            box.close()
    elif suffix in {".eml", ".msg", ".txt", ""}:
        raw = path.read_bytes()
        if not raw.strip():
            raise CliError(f"{path}: the file is empty.")
        prov = Provenance(source=Source.FILE, filename=path.name)
        yield prepare_safely(raw, Direction.IN, prov,
                             Context(source=Source.FILE, directory=directory, state=state))
    else:
        raise CliError(f"{path}: not an .eml, .mbox or .pdf file.")


def import_files(args: argparse.Namespace) -> int:
    new = known = 0
    failed: list[str] = []
    with open_store(args) as store:
        household = store.households.by_name(args.household) if args.household else None
        household_id = household.id if household else None
        state = household.state if household else None
        directory = store.agencies.list()
        for name in args.paths:
            path = Path(name)
            try:
                # One unit per file: a failure undoes the file, and the full-text
                # index is written once for all its mails, not once per mail.
                with store.unit():
                    for prepared in _prepared_from(path, directory, state):
                        result = store_prepared(store, prepared, household_id=household_id)
                        new, known = new + result.new, known + (not result.new)
            except (CliError, OSError) as exc:
                message = str(exc) if isinstance(exc, CliError) else f"{path}: {exc.strerror}"
                failed.append(message)
                print(message, file=sys.stderr)
    if args.json:
        emit_json({"new": new, "already_stored": known, "failed": failed})
    else:
        print(f"Imported {new} new message(s); {known} already stored.")
    return 1 if failed else 0


def _print_summaries(items: list[MessageSummary]) -> None:
    if not items:
        print("No messages.")
    for m in items:
        date = m.date.strftime("%Y-%m-%d") if m.date else "----------"
        where = m.household or "unfiled"
        arrow = "→" if m.direction.value == "out" else "←"
        print(f"{m.id:>6}  {date}  {arrow} {m.subject or '(no subject)'}  [{where}]")


def messages_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        hid = store.households.by_name(args.household).id if args.household else None
        items = store.messages.list(household_id=hid, unfiled=args.unfiled)
    if args.json:
        emit_json([m.to_json() for m in items])
    else:
        _print_summaries(items)
    return 0


def messages_show(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        msg = store.messages.get(args.id)
        analysis = store.messages.analysis(args.id)
    doc = {
        "id": msg.id,
        "message_id": msg.message_id,
        "subject": msg.subject,
        "date": msg.date.isoformat() if msg.date else None,
        "from": msg.from_addr,
        "to": msg.to_addrs,
        "direction": msg.direction.value,
        "text": msg.text,
        "attachments": [
            {"filename": a.filename, "mime_type": a.mime_type, "size": a.size,
             "needs_ocr": a.needs_ocr}
            for a in msg.attachments
        ],
        "problems": msg.problems,
        "analysis": analysis,
    }
    if args.json:
        emit_json(doc)
        return 0
    print(f"Subject: {msg.subject}\nFrom: {msg.from_addr}\nDate: {doc['date'] or '-'}")
    for a in msg.attachments:
        print(f"Attachment: {a.filename} ({a.mime_type}, {a.size} bytes)")
    for p in msg.problems:
        print(f"Problem: {p}")
    print()
    print(msg.text)
    return 0


def search_messages(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CliError("--limit must be at least 1.")
    with open_store(args) as store:
        items = store.search(args.query, limit=args.limit)
    if args.json:
        emit_json([m.to_json() for m in items])
    else:
        _print_summaries(items)
    return 0
