"""CLI: ``export ics`` (deadlines as an iCalendar file) and ``calendar add|list|remove|push``."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from helperdesk.app import calendar_push
from helperdesk.app.calendar_export import export_ics
from helperdesk.calendar import DEFAULT_ALARMS, ExportOptions, parse_alarms
from helperdesk.cli.common import CliError, add_json_flag, emit_json, open_store
from i18n import _
from sync.caldav_push import CalendarError

DEFAULT_ALARM_TEXT = ",".join(a.code() for a in DEFAULT_ALARMS)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ex = sub.add_parser("export", help=_("export deadlines for other programs"))
    esub = ex.add_subparsers(dest="format", required=True, metavar="FORMAT")
    ics = esub.add_parser("ics", help=_("an iCalendar file with alarms, for calendar apps"))
    ics.add_argument("out", metavar="OUT.ics", type=Path)
    ics.add_argument("--household", action="append", default=[], metavar="NAME",
                     help=_("only this household's deadlines (repeatable)"))
    ics.add_argument("--include-suggested", action="store_true",
                     help=_("also deadlines not confirmed yet (marked as suggested)"))
    ics.add_argument("--redact", action="store_true",
                     help=_("no names, addresses, IDs or letter text (for Google & co.)"))
    ics.add_argument("--alarms", default=DEFAULT_ALARM_TEXT, metavar="LIST",
                     help=_(
                         "days before, at 08:00 (default {default}); 'none'").format(
                         default=DEFAULT_ALARM_TEXT))
    add_json_flag(ics)
    ics.set_defaults(func=export_ics_cmd)

    cal = sub.add_parser("calendar", help=_("CalDAV calendars that receive the deadlines"))
    csub = cal.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = csub.add_parser("add", help=_("add a CalDAV calendar (its collection URL)"))
    add.add_argument("name")
    add.add_argument("--url", required=True, help=_("the calendar's address, https://…/"))
    add.add_argument("--user", default="", metavar="U")
    add.add_argument("--password-stdin", action="store_true",
                     help=_("read the password from the first line of stdin"))
    add.add_argument("--redact", action="store_true",
                     help=_("no names, addresses, IDs or letter text in the events"))
    add.add_argument("--allow-insecure", action="store_true",
                     help=_("allow plain http:// to a host other than this computer"))
    add.add_argument("--alarms", default="", metavar="LIST",
                     help=_(
                         "alarms for this calendar (default {default})").format(
                         default=DEFAULT_ALARM_TEXT))
    add.set_defaults(func=calendar_add)
    ls = csub.add_parser("list", help=_("list calendars"))
    add_json_flag(ls)
    ls.set_defaults(func=calendar_list)
    rm = csub.add_parser("remove", help=_("forget a calendar and its password"))
    rm.add_argument("name")
    rm.set_defaults(func=calendar_remove)
    push = csub.add_parser("push", help=_("bring calendars up to date with the deadlines"))
    push.add_argument("name", nargs="?", help=_("only this calendar"))
    add_json_flag(push)
    push.set_defaults(func=calendar_push_cmd)


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
            raise CliError(_(
                "Cannot write {out}: {value}").format(
                out=args.out, value=exc.strerror or exc)) from None
    if args.json:
        emit_json({"path": str(result.path), "events": result.events,
                   "cancelled": result.cancelled, "redacted": args.redact})
    else:
        print(_(
            "Wrote {events} events ({cancelled} cancelled) to {path}.").format(
            events=result.events, cancelled=result.cancelled, path=result.path))
    return 0


def _read_password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        password = password.removesuffix("\r")
        if not password:
            raise CliError(_("The password must not be empty; no calendar was added."))
        return password
    if args.user and sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"Password for {args.user} on the calendar server: ") or None
    return None


def calendar_add(args: argparse.Namespace) -> int:
    password = _read_password(args)
    with open_store(args) as store:
        try:
            cal, where = calendar_push.add_calendar(
                store, args.name, args.url, username=args.user, password=password,
                redact=args.redact, allow_insecure=args.allow_insecure, alarms=args.alarms)
        except CalendarError as exc:
            raise CliError(_(
                "{exc}; no calendar was added.").format(
                exc=exc)) from None
    kept = {"keyring": " The password is in the keyring.",
            "store": " The password is kept inside the encrypted store (no keyring here).",
            None: ""}[where]
    print(_(
        "Added calendar {name} ({url}).{kept}").format(
        name=repr(cal.name), url=cal.url, kept=kept))
    return 0


def calendar_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        cals = store.calendars.list_all()
    if args.json:
        emit_json([{"name": c.name, "url": c.url, "user": c.username, "redact": c.redact,
                    "allow_insecure": c.allow_insecure, "alarms": c.alarms or DEFAULT_ALARM_TEXT,
                    "last_push": c.last_push} for c in cals])
    elif not cals:
        print(_("No calendars yet. Add one with: helperdesk calendar add NAME --url URL"))
    else:
        for c in cals:
            flags = ", redacted" if c.redact else ""
            print(_(
                "{name}  {url}  [{user}{flags}]  last push: {last_push}").format(
                name=c.name, url=c.url, user=c.username or _("no user"), flags=flags,
                last_push=c.last_push or _("never")))
    return 0


def calendar_remove(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        cal = calendar_push.remove_calendar(store, args.name)
    print(_(
        "Removed calendar {name}; the events on the server were left as they are.").format(
        name=repr(cal.name)))
    return 0


def calendar_push_cmd(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        report = calendar_push.push(store, args.name)
    if args.json:
        emit_json([r.to_json() for r in report.results])
    elif not report.results:
        print(_("No calendars yet. Add one with: helperdesk calendar add NAME --url URL"))
    for r in report.results:
        if not args.json:
            print(_(
                "{calendar}: {created} new, {updated} updated, {deleted} removed, "
                "{unchanged} unchanged").format(
                calendar=r.calendar, created=r.created, updated=r.updated, deleted=r.deleted,
                unchanged=r.unchanged))
        if r.error:
            print(_(
                "helperdesk: calendar {calendar}: {error}").format(
                calendar=r.calendar, error=r.error), file=sys.stderr)
    return 0 if report.ok else 1
