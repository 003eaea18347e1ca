"""CLI: ``ocr`` — read the stored letters that still need OCR (e.g. after installing Tesseract)."""

from __future__ import annotations

import argparse
import sys

from helperdesk.app.ocr import backlog
from helperdesk.cli.common import CliError, add_json_flag, emit_json, open_store
from i18n import _


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("ocr", help=_("read the stored letters that still need OCR"))
    p.add_argument("--limit", type=int, help=_("read at most this many letters"))
    p.add_argument("--progress", action="store_true", help=_("show letters done on stderr"))
    add_json_flag(p)
    p.set_defaults(func=read_pending)


def read_pending(args: argparse.Namespace) -> int:
    def show(done: int, total: int) -> None:
        print(_("letter {done} of {total}").format(done=done, total=total), file=sys.stderr,
              flush=True)

    with open_store(args) as store:
        summary = backlog.read_backlog(store, limit=args.limit,
                                       progress=show if args.progress else None)
        left = len(backlog.pending(store))
    if summary.unavailable:
        raise CliError(summary.unavailable)
    if args.json:
        emit_json({**summary.to_json(), "pending": left})
    else:
        print(_("Read {read} letter(s) by OCR; {failed} could not be read; {left} still "
                "waiting.").format(read=summary.read, failed=summary.still_needing, left=left))
    return 0
