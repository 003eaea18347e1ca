"""CLI: ``summary`` — the printed page for a household, as PDF (or its content as JSON).

``helperdesk summary HOUSEHOLD [--language CODE] [--out FILE.pdf] [--since DATE]
[--json] [--large]``. The PDF is made in memory and written only where the
helper says (``--out``), else as ``summary-<household>-<date>.pdf`` in the
current folder, which is never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from helperdesk.analysis.regions import parse_language
from helperdesk.app.summary import SummaryOptions, household_summary
from helperdesk.cli.common import CliError, add_json_flag, emit_json, open_store
from i18n import _


def _language(text: str) -> str:
    try:
        return parse_language(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_(
            "not a date {text}; write it as YYYY-MM-DD").format(
            text=repr(text))) from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("summary", help=_("a printable one-page summary for a household (PDF)"))
    p.add_argument("household", metavar="HOUSEHOLD", help=_("the household's name (or id)"))
    p.add_argument("--language", type=_language, metavar="CODE",
                   help=_("de en ar fa tr uk ru (default: the household's language)"))
    p.add_argument("--out", metavar="FILE.pdf", help=_("where to write the PDF"))
    p.add_argument("--since", type=_date, metavar="DATE",
                   help=_("only cases with a letter or deadline on or after DATE (YYYY-MM-DD)"))
    p.add_argument("--large", action="store_true", help=_("large print"))
    add_json_flag(p)
    p.set_defaults(func=summary)


def _default_name(household: str, today: dt.date) -> Path:
    slug = re.sub(r"[^\w-]+", "-", household, flags=re.UNICODE).strip("-") or "household"
    return Path(f"summary-{slug}-{today.isoformat()}.pdf")


def summary(args: argparse.Namespace) -> int:
    today = dt.date.today()
    options = SummaryOptions(language=args.language, since=args.since, today=today)
    out: Path | None = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() != ".pdf":
        raise CliError(_(
            "{out}: the file name must end in .pdf.").format(
            out=out))
    with open_store(args) as store:
        content = household_summary(store, args.household, options)
    if out is None and not args.json:
        out = _default_name(args.household, today)
        if out.exists():
            raise CliError(_(
                "{out} already exists; choose another file with --out.").format(
                out=out))
    if out is not None:
        from ui.printing import offscreen_application, render_pdf  # lazy: Qt lays the page out

        offscreen_application()
        pdf = render_pdf(content, args.large)
        try:
            out.write_bytes(pdf)
        except OSError as exc:
            raise CliError(_(
                "{out}: {strerror}; no PDF was written.").format(
                out=out, strerror=exc.strerror)) from None
    if args.json:
        document = content.to_json()
        document["household"] = args.household
        document["pdf"] = str(out) if out is not None else None
        emit_json(document)
    else:
        print(_(
            "Wrote the summary to {out}.").format(
            out=out))
    return 0
