"""Use case: a throwaway demo store filled with the fictional sample households.

The store lives in a private temporary folder, is keyed with a random
passphrase held only in memory, and is deleted when the demo ends. Its mail
goes through the same ingest path as any import.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from helperdesk.app.ingest import ingest_mail, ingest_paper
from helperdesk.app.summary import set_contact
from helperdesk.model import Agency, Case, ProcessingId
from helperdesk.samples import sample_data as samples
from helperdesk.summaries import Contact
from storage.store import Store


def fill_demo_store(store: Store, today: dt.date) -> None:
    """Write the sample agencies, households and their mail into ``store``."""
    directory = [
        store.agencies.add(Agency(name=a.name, kind=a.kind, emails=list(a.emails), state=a.state))
        for a in samples.AGENCIES
    ]
    set_contact(store, Contact(name=samples.HELPER_NAME, phone=samples.HELPER_PHONE,
                               email=samples.HELPER_ADDR))
    with store.transaction():
        for sample in samples.demo_households(today):
            household = store.households.add(sample.household)
            assert household.id is not None
            for case in sample.cases:
                agency = next(a for a in directory if a.name == case.agency)
                store.cases.add(Case(
                    household_id=household.id, agency_id=agency.id, title=case.title,
                    processing_ids=[ProcessingId(v, kind, raw=v) for kind, v in case.ids],
                ))
            for item in sample.items:
                target = None if item.unfiled else household.id
                if item.kind == "mail":
                    ingest_mail(store, item.data, household_id=target)
                else:
                    ingest_paper(store, item.data, filename=item.filename,
                                 household_id=target)


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
