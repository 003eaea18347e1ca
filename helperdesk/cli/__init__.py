"""The ``helperdesk`` command: the scriptable twin of the desktop app.

Composition root: the only place in ``helperdesk`` that wires storage, sync and
the GUI together. Exit codes: 0 ok, 1 error (one line on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import gettext
import logging
import os
import sys
from collections.abc import Callable, Sequence

from helperdesk import __version__
from helperdesk.app import errorlog
from helperdesk.cli import (
    about,
    accounts,
    analyze,
    calendar,
    cases,
    deadlines,
    demo,
    households,
    messages,
    ocr,
    replies,
    store_admin,
    summary,
)
from helperdesk.cli import sync as sync_cli
from helperdesk.cli.common import (
    CliError,
    put_back_environment,
    store_path,
    take_secrets_from_environment,
)
from i18n import LOCALE_DIR, N_, _
from storage.connection import DatabaseError, classify
from storage.errors import StoreError

COMMAND_MODULES = (
    store_admin, households, cases, messages, analyze, accounts, sync_cli, deadlines, calendar,
    replies, summary, ocr, demo, about,
)


# argparse's own words ("usage:", "options", its error lines) are looked up in
# the standard gettext domain; ``_argparse_in_our_language`` points that domain
# at our catalogs, which translate these messages too.
ARGPARSE_WORDS = (
    N_("usage: "), N_("options"), N_("positional arguments"),
    N_("show this help message and exit"), N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("expected one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def _argparse_in_our_language() -> None:
    gettext.bindtextdomain("helperdesk", str(LOCALE_DIR))
    gettext.textdomain("helperdesk")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="helperdesk",
        description=_(
            "HelperDesk: households' agency mail, IDs and deadlines in one encrypted place. "
            "Without a command, the desktop app opens."),
    )
    parser.add_argument("--version", action="version", version=f"HelperDesk {__version__}")
    parser.add_argument("--store", metavar="PATH",
                        help=_("the store file (default: your user data folder)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    _argparse_in_our_language()
    for handler in logging.getLogger().handlers:  # tracebacks without messages or values
        handler.setFormatter(errorlog.FramesOnlyFormatter("%(levelname)s %(name)s: %(message)s"))
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        func = demo.open_gui
    taken = take_secrets_from_environment()
    try:
        return func(args)
    except (CliError, StoreError, ValueError) as exc:
        print(_("helperdesk: {exc}").format(exc=exc), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; that is not an error of ours.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (avoid a second error at exit)
        return 0
    except KeyboardInterrupt:
        print(_("helperdesk: interrupted; nothing half-written was kept."), file=sys.stderr)
        return 1
    except DatabaseError as exc:
        # E.g. a full disk or a read-only file found while writing: the one-line reason.
        print(_("helperdesk: {exc}").format(exc=classify(exc, store_path(args))),
              file=sys.stderr)
        return 1
    except OSError as exc:
        # Named by its cause and the file, never by content: e.g. no space, no permission.
        reason = exc.strerror or type(exc).__name__
        if exc.filename:
            print(_("helperdesk: {reason} ({filename}).").format(
                reason=reason, filename=exc.filename), file=sys.stderr)
        else:
            print(_("helperdesk: {reason}.").format(reason=reason), file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("HELPERDESK_DEBUG"):
            raise
        # The message of an unexpected error may quote mail content: name its type
        # only, and keep where it happened (frames, no values) in the error log.
        try:
            log_path = errorlog.install()
            logging.getLogger("helperdesk.cli").error("command failed", exc_info=exc)
            details = _("details (without personal data) are in {where}").format(
                where=log_path)
        except OSError:
            details = _("run again with HELPERDESK_DEBUG=1 to see details")
        print(_("helperdesk: internal error ({name}); {details}.").format(
            name=type(exc).__name__, details=details), file=sys.stderr)
        return 1
    finally:
        put_back_environment(taken)
