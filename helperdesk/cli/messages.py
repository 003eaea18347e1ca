"""CLI: ``import``, ``messages`` and ``search`` commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helperdesk.app import ingest
from helperdesk.cli.common import CliError, add_json_flag, emit_json, open_store
from helperdesk.mail.filenames import mismatch, safe_filename
from storage.messages import MessageSummary


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser(
        "import", help="import .eml, .mbox, .pdf and image files, and folders (recursively)")
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--household", help="file the imported messages to this household")
    imp.add_argument("--one-letter", action="store_true",
                     help="the images given are the pages of one letter, in this order")
    imp.add_argument("--progress", action="store_true",
                     help="show files and OCR pages done on stderr")
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


def import_files(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        household = store.households.by_name(args.household) if args.household else None
        summary = ingest.import_files(
            store, [Path(name) for name in args.paths],
            household_id=household.id if household else None,
            on_error=lambda message: print(message, file=sys.stderr),
            one_letter=args.one_letter, progress=_show_progress if args.progress else None)
    for notice in summary.notices:
        print(notice, file=sys.stderr)
    if args.json:
        emit_json(summary.to_json())
    else:
        line = f"Imported {summary.new} new message(s); {summary.already_stored} already stored."
        if summary.read_by_ocr or summary.needs_ocr:
            line += (f" Read by OCR: {summary.read_by_ocr}; stored as needing OCR:"
                     f" {summary.needs_ocr}.")
        print(line)
    return 1 if summary.failed else 0


def _show_progress(p: ingest.ImportProgress) -> None:
    pages = f", page {p.pages_done} of {p.pages_total}" if p.pages_total else ""
    print(f"file {min(p.files_done + 1, p.files_total)} of {p.files_total}{pages}",
          file=sys.stderr, flush=True)


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
        items = store.messages.find(household_id=hid, unfiled=args.unfiled)
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
            {"filename": safe_filename(a.filename), "original_filename": a.filename,
             "mime_type": a.mime_type, "size": a.size, "needs_ocr": a.needs_ocr,
             "type_mismatch": mismatch(a.filename, a.mime_type)}
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
        warn = " - its name does not match its type, open with care" if mismatch(
            a.filename, a.mime_type) else ""
        print(f"Attachment: {safe_filename(a.filename)} ({a.mime_type}, {a.size} bytes){warn}")
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
