"""CLI: ``demo`` (a throwaway store with sample households) and ``gui``.

The demo store lives in a private temporary folder, is keyed with a random
passphrase held only in memory, and is deleted when the demo ends.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from helperdesk.app.ingest import store_prepared
from helperdesk.cli.common import PASSPHRASE_ENV, emit_json, open_store, store_path
from helperdesk.intake.prepare import prepare_mail, prepare_paper
from helperdesk.model import Agency, Case, ProcessingId
from helperdesk.samples import sample_data as samples
from storage.store import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help="open the app on a throwaway store with sample data")
    demo.add_argument("--print", dest="print_only", action="store_true",
                      help="print the demo store's contents instead of opening the app")
    demo.set_defaults(func=run_demo)
    gui = sub.add_parser("gui", help="open the desktop app (the default without a command)")
    gui.set_defaults(func=open_gui)


def fill_demo_store(store: Store, today: dt.date) -> None:
    """Write the sample agencies, households and their mail into ``store``."""
    directory = [
        store.agencies.add(Agency(name=a.name, kind=a.kind, emails=list(a.emails), state=a.state))
        for a in samples.AGENCIES
    ]
    with store.transaction():
        for sample in samples.demo_households(today):
            household = store.households.add(sample.household)
            assert household.id is not None
            state = household.state
            for case in sample.cases:
                agency = next(a for a in directory if a.name == case.agency)
                store.cases.add(Case(
                    household_id=household.id, agency_id=agency.id, title=case.title,
                    processing_ids=[ProcessingId(v, kind, raw=v) for kind, v in case.ids],
                ))
            for item in sample.items:
                prepared = (
                    prepare_mail(item.data, directory=directory, state=state)
                    if item.kind == "mail"
                    else prepare_paper(item.data, filename=item.filename, directory=directory,
                                       state=state)
                )
                store_prepared(store, prepared,
                               household_id=None if item.unfiled else household.id)


@contextlib.contextmanager
def demo_store(today: dt.date | None = None) -> Iterator[Store]:
    folder = Path(tempfile.mkdtemp(prefix="helperdesk-demo-"))
    try:
        store = Store.create(folder / "demo.db", secrets.token_urlsafe(24))
        try:
            fill_demo_store(store, today or dt.date.today())
            yield store
        finally:
            store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_demo(args: argparse.Namespace) -> int:
    with demo_store() as store:
        if not args.print_only:
            from ui.app import run_app  # lazy: the CLI must start without Qt

            return run_app(store, demo=True)
        emit_json({
            "store": str(store.path),
            "households": [h.name for h in store.households.list()],
            "messages": [m.to_json() for m in store.messages.list()],
            "deadlines": [d.to_json() for d in store.deadlines.list()],
        })
    return 0


def open_gui(args: argparse.Namespace) -> int:
    """The app on the default (or --store) store: it unlocks or sets up the store itself."""
    from ui.app import run_app  # lazy: the CLI must start without Qt

    if os.environ.get(PASSPHRASE_ENV):
        # Scripted start (tests, kiosks): the same unlocking rules as the CLI.
        with open_store(args) as store:
            return run_app(store, demo=False)
    return run_app(path=store_path(args), demo=False)
