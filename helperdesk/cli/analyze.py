"""CLI: ``analyze FILE...`` — what HelperDesk reads in a mail or letter, without a store."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from helperdesk.analysis.regions import STATES, parse_state
from helperdesk.analysis.wording import (
    agency_kind_name,
    deadline_kind_name,
    explanation_step,
    found_in_name,
    id_kind_name,
    letter_type_name,
    long_date,
    problem_note,
)
from helperdesk.app.batch import Context, prepare_in_sandbox
from helperdesk.app.ingest import MAX_FILE_BYTES
from helperdesk.app.ocr.letters import Reader, read_pdf, read_photos
from helperdesk.cli.common import CliError, add_json_flag, emit_json
from helperdesk.intake.prepare import Prepared
from helperdesk.intake.scan import page_kind
from helperdesk.model import Direction
from i18n import _


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("analyze",
                       help=_("show agency, IDs and deadlines of .eml, .pdf and image files"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--state", help=_(
        "Bundesland for holidays: {value}").format(
        value=', '.join(STATES)))
    add_json_flag(p)
    p.set_defaults(func=analyze_files)


def _prepare(path: Path, state: str | None) -> Prepared:
    if not path.is_file():
        raise CliError(_("{path}: no such file.").format(path=path))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CliError(_(
            "{path}: larger than {value} MB, not analysed.").format(
            path=path, value=MAX_FILE_BYTES // 2**20))
    data = path.read_bytes()
    context = Context(state=state)
    # Read in the sandbox (and OCR worker) like every import: the file may come
    # from a stranger.
    kind = page_kind(path.name)
    if kind == "pdf":
        return read_pdf(data, filename=path.name, reader=Reader(state=state))
    if kind == "image":
        return read_photos([(path.name, data)], reader=Reader(state=state))
    return prepare_in_sandbox(data, Direction.IN, None, context)


def _document(name: str, prepared: Prepared) -> dict[str, Any]:
    m, a = prepared.message, prepared.analysis.to_json()
    return {
        "file": name,
        "message_id": m.message_id,
        "subject": m.subject,
        "date": m.date.isoformat() if m.date else None,
        "agency": a["agency"],
        "letter_type": a["letter_type"],
        "processing_ids": a["processing_ids"],
        "deadlines": a["deadlines"],
        "problems": a["problems"],
    }


def _print(doc: dict[str, Any], prepared: Prepared) -> None:
    agency = prepared.analysis.agency
    who = f"{agency.name} ({agency_kind_name(agency.kind)})" if agency else _("unknown sender")
    print(f"{doc['file']}: {doc['subject'] or _('(no subject)')}")
    print(_("  from {who}; letter type: {letter_type}").format(
        who=who, letter_type=letter_type_name(doc["letter_type"])))
    for pid in doc["processing_ids"]:
        print(_("  {kind}: {value}  (found in {found_in})").format(
            kind=id_kind_name(pid["kind"]), value=pid["value"],
            found_in=found_in_name(pid["found_in"])))
    for d in doc["deadlines"]:
        when = long_date(dt.date.fromisoformat(d["date"])) + (f" {d['time']}" if d["time"] else "")
        print(_("  {kind} by {when}: {evidence}").format(
            kind=deadline_kind_name(d["kind"]), when=when, evidence=d["evidence"]))
        for step in d["explanation"]:
            print(f"      · {explanation_step(step)}")
    for problem in doc["problems"]:
        print(_("  problem: {problem}").format(problem=problem_note(problem)))


def analyze_files(args: argparse.Namespace) -> int:
    state = parse_state(args.state) if args.state else None
    docs: list[dict[str, Any]] = []
    failed = False
    for name in args.files:
        try:
            prepared = _prepare(Path(name), state)
        except CliError as exc:
            failed = True
            docs.append({"file": name, "error": str(exc)})
            if not args.json:
                print(_("helperdesk: {exc}").format(exc=exc))
            continue
        doc = _document(name, prepared)
        docs.append(doc)
        if not args.json:
            _print(doc, prepared)
    if args.json:
        emit_json(docs)
    return 1 if failed else 0
