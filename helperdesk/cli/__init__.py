"""The ``helperdesk`` command: the scriptable twin of the desktop app.

Composition root: the only place in ``helperdesk`` that wires storage, sync and
the GUI together. Exit codes: 0 ok, 1 error (one line on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
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
from storage.connection import DatabaseError, classify
from storage.errors import StoreError

COMMAND_MODULES = (
    store_admin, households, cases, messages, analyze, accounts, sync_cli, deadlines, calendar,
    replies, summary, ocr, demo, about,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="helperdesk",
        description="HelperDesk: households' agency mail, IDs and deadlines in one "
        "encrypted place. Without a command, the desktop app opens.",
    )
    parser.add_argument("--version", action="version", version=f"HelperDesk {__version__}")
    parser.add_argument("--store", metavar="PATH",
                        help="the store file (default: your user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
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
        print(f"helperdesk: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; that is not an error of ours.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (avoid a second error at exit)
        return 0
    except KeyboardInterrupt:
        print("helperdesk: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 1
    except DatabaseError as exc:
        # E.g. a full disk or a read-only file found while writing: the one-line reason.
        print(f"helperdesk: {classify(exc, store_path(args))}", file=sys.stderr)
        return 1
    except OSError as exc:
        # Named by its cause and the file, never by content: e.g. no space, no permission.
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"helperdesk: {exc.strerror or type(exc).__name__}{where}.", file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("HELPERDESK_DEBUG"):
            raise
        # The message of an unexpected error may quote mail content: name its type
        # only, and keep where it happened (frames, no values) in the error log.
        try:
            log_path = errorlog.install()
            logging.getLogger("helperdesk.cli").error("command failed", exc_info=exc)
            details = f"details (without personal data) are in {log_path}"
        except OSError:
            details = "run again with HELPERDESK_DEBUG=1 to see details"
        print(f"helperdesk: internal error ({type(exc).__name__}); {details}.", file=sys.stderr)
        return 1
    finally:
        put_back_environment(taken)
