"""CLI: ``demo`` (a throwaway store with sample households) and ``gui``.

The demo store lives in a private temporary folder, is keyed with a random
passphrase held only in memory, and is deleted when the demo ends.
"""

from __future__ import annotations

import argparse

from helperdesk.app.demo import demo_store
from helperdesk.cli.common import (
    PASSPHRASE_ENV,
    emit_json,
    env_secret,
    open_store,
    store_path,
)
from i18n import _


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help=_("open the app on a throwaway store with sample data"))
    demo.add_argument("--print", dest="print_only", action="store_true",
                      help=_("print the demo store's contents instead of opening the app"))
    demo.add_argument("--check-start", dest="check_start", action="store_true",
                      help=_("open the window, print how it is shown (JSON) and close it again "
                             "(a start check for installers and bundles)"))
    demo.set_defaults(func=run_demo)
    gui = sub.add_parser("gui", help=_("open the desktop app (the default without a command)"))
    gui.set_defaults(func=open_gui)


def run_demo(args: argparse.Namespace) -> int:
    with demo_store() as store:
        if not args.print_only:
            from ui.app import run_app  # lazy: the CLI must start without Qt

            if args.check_start:
                from ui.start_check import arm

                arm()
            return run_app(store, demo=True)
        emit_json({
            "store": str(store.path),
            "households": [h.name for h in store.households.list_all()],
            "messages": [m.to_json() for m in store.messages.find()],
            "deadlines": [d.to_json() for d in store.deadlines.matching()],
        })
    return 0


def open_gui(args: argparse.Namespace) -> int:
    """The app on the default (or --store) store: it unlocks or sets up the store itself."""
    from ui.app import run_app  # lazy: the CLI must start without Qt

    if env_secret(PASSPHRASE_ENV):
        # Scripted start (tests, kiosks): the same unlocking rules as the CLI.
        with open_store(args) as store:
            return run_app(store, demo=False)
    return run_app(path=store_path(args), demo=False)
