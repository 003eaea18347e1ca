"""CLI: ``export ics`` (deadlines as an iCalendar file)."""

from __future__ import annotations

import argparse
from pathlib import Path

from helperdesk.app.calendar_export import export_ics
from helperdesk.calendar import DEFAULT_ALARMS, ExportOptions, parse_alarms
from helperdesk.cli.common import CliError, add_json_flag, emit_json, open_store

DEFAULT_ALARM_TEXT = ",".join(a.code() for a in DEFAULT_ALARMS)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ex = sub.add_parser("export", help="export deadlines for other programs")
    esub = ex.add_subparsers(dest="format", required=True, metavar="FORMAT")
    ics = esub.add_parser("ics", help="an iCalendar file with alarms, for calendar apps")
    ics.add_argument("out", metavar="OUT.ics", type=Path)
    ics.add_argument("--household", action="append", default=[], metavar="NAME",
                     help="only this household's deadlines (repeatable)")
    ics.add_argument("--include-suggested", action="store_true",
                     help="also deadlines not confirmed yet (marked as suggested)")
    ics.add_argument("--redact", action="store_true",
                     help="no names, addresses, IDs or letter text (for Google & co.)")
    ics.add_argument("--alarms", default=DEFAULT_ALARM_TEXT, metavar="LIST",
                     help=f"days before, at 08:00 (default {DEFAULT_ALARM_TEXT}); 'none'")
    add_json_flag(ics)
    ics.set_defaults(func=export_ics_cmd)


def alarm_option(text: str) -> ExportOptions:
    try:
        return ExportOptions(alarms=parse_alarms(text))
    except ValueError as exc:
        raise CliError(str(exc)) from None


def export_ics_cmd(args: argparse.Namespace) -> int:
    options = alarm_option(args.alarms)
    options = ExportOptions(redact=args.redact, alarms=options.alarms)
    with open_store(args) as store:
        try:
            result = export_ics(store, args.out, households=args.household,
                                include_suggested=args.include_suggested, options=options)
        except OSError as exc:
            raise CliError(f"Cannot write {args.out}: {exc.strerror or exc}") from None
    if args.json:
        emit_json({"path": str(result.path), "events": result.events,
                   "cancelled": result.cancelled, "redacted": args.redact})
    else:
        print(f"Wrote {result.events} events ({result.cancelled} cancelled) to {result.path}.")
    return 0
