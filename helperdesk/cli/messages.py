"""CLI: ``import``, ``messages`` and ``search`` commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helperdesk.analysis.wording import problem_note
from helperdesk.app import ingest
from helperdesk.cli.common import CliError, add_json_flag, emit_json, open_store
from helperdesk.mail.filenames import mismatch, safe_filename
from i18n import _
from storage.messages import MessageSummary


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser(
        "import", help=_("import .eml, .mbox, .pdf and image files, and folders (recursively)"))
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--household", help=_("file the imported messages to this household"))
    imp.add_argument("--one-letter", action="store_true",
                     help=_("the images given are the pages of one letter, in this order"))
    imp.add_argument("--progress", action="store_true",
                     help=_("show files and OCR pages done on stderr"))
    add_json_flag(imp)
    imp.set_defaults(func=import_files)

    msgs = sub.add_parser("messages", help=_("list or show stored messages"))
    msub = msgs.add_subparsers(dest="action", required=True, metavar="ACTION")
    ls = msub.add_parser("list", help=_("list messages, newest first"))
    ls.add_argument("--household", help=_("only this household's messages"))
    ls.add_argument("--unfiled", action="store_true", help=_("only messages still to be filed"))
    add_json_flag(ls)
    ls.set_defaults(func=messages_list)
    show = msub.add_parser("show", help=_("show one message's headers and text"))
    show.add_argument("id", type=int)
    add_json_flag(show)
    show.set_defaults(func=messages_show)

    search = sub.add_parser("search", help=_("full-text search over all messages"))
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
        line = _("Imported {new} new message(s); {already_stored} already stored.").format(
            new=summary.new, already_stored=summary.already_stored)
        if summary.read_by_ocr or summary.needs_ocr:
            line += " " + _("Read by OCR: {read}; stored as needing OCR: {needs}.").format(
                read=summary.read_by_ocr, needs=summary.needs_ocr)
        print(line)
    return 1 if summary.failed else 0


def _show_progress(p: ingest.ImportProgress) -> None:
    line = _("file {done} of {total}").format(done=min(p.files_done + 1, p.files_total),
                                               total=p.files_total)
    if p.pages_total:
        line += _(", page {done} of {total}").format(done=p.pages_done, total=p.pages_total)
    print(line, file=sys.stderr, flush=True)


def _print_summaries(items: list[MessageSummary]) -> None:
    if not items:
        print(_("No messages."))
    for m in items:
        date = m.date.strftime("%Y-%m-%d") if m.date else "----------"
        where = m.household or _("unfiled")
        arrow = "→" if m.direction.value == "out" else "←"
        print(f"{m.id:>6}  {date}  {arrow} {m.subject or _('(no subject)')}  [{where}]")


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
    print(_(
        "Subject: {subject}\nFrom: {from_addr}\nDate: {value}").format(
        subject=msg.subject, from_addr=msg.from_addr, value=doc['date'] or '-'))
    for a in msg.attachments:
        line = _("Attachment: {filename} ({mime_type}, {size} bytes)").format(
            filename=safe_filename(a.filename), mime_type=a.mime_type, size=a.size)
        if mismatch(a.filename, a.mime_type):
            line += _(" - its name does not match its type, open with care")
        print(line)
    for p in msg.problems:
        print(_("Problem: {p}").format(p=problem_note(p)))
    print()
    print(msg.text)
    return 0


def search_messages(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CliError(_("--limit must be at least 1."))
    with open_store(args) as store:
        items = store.search(args.query, limit=args.limit)
    if args.json:
        emit_json([m.to_json() for m in items])
    else:
        _print_summaries(items)
    return 0
