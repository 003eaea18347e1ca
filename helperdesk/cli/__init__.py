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
from helperdesk.cli import accounts, analyze, demo, households, messages, ocr, store_admin
from helperdesk.cli import sync as sync_cli
from helperdesk.cli.common import CliError
from storage.errors import StoreError

COMMAND_MODULES = (store_admin, households, messages, analyze, accounts, sync_cli, demo, ocr)


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
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        func = demo.open_gui
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
    except Exception as exc:
        if os.environ.get("HELPERDESK_DEBUG"):
            raise
        # The message of an unexpected error may quote mail content: name its type only.
        print(
            f"helperdesk: internal error ({type(exc).__name__}); "
            "run again with HELPERDESK_DEBUG=1 to see details.",
            file=sys.stderr,
        )
        return 1
