"""Calendar benchmarks: export of 5,000 deadlines, push of 500 changed ones to Radicale.

Targets (issue 13): export ≤ 1 s; push of 500 changed deadlines to a local
Radicale ≤ 10 s. Run by hand:

    PYTHONPATH=. .venv/bin/python benchmarks/calendar_bench.py [--deadlines 5000] [--push 500]

Because this machine is shared and noisy, each figure comes with a reference
measured in the same run: the export against building the same events as
``icalendar`` components (the package's own serialiser), the push against
bare HTTP PUTs of the same bodies to the same server (``urllib``, one
connection per request, no bookkeeping).
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import random
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import icalendar

from helperdesk.app import calendar_push
from helperdesk.app.calendar_export import calendar_entries, export_ics
from helperdesk.calendar import ExportOptions, event_resource
from helperdesk.calendar.alarms import ordered_alarms
from helperdesk.calendar.text import description, summary
from helperdesk.model import (
    Agency,
    AgencyKind,
    Case,
    Deadline,
    DeadlineKind,
    Household,
    IdKind,
    ProcessingId,
)
from storage.store import Store

from radicale_server import PASSWORD, USER, RadicaleServer

PASSPHRASE = "benchmark passphrase for calendars"  # noqa: S105 (a throwaway store)


def fill(store: Store, n: int) -> None:
    rnd = random.Random(13)
    agency = store.agencies.add(Agency(name="Jobcenter München", kind=AgencyKind.JOBCENTER))
    cases = []
    for i in range(50):
        hh = store.households.add(Household(name=f"Familie Nummer {i}"))
        cases.append(store.cases.add(Case(
            household_id=hh.id or 0, agency_id=agency.id, title="Bürgergeld",
            processing_ids=[ProcessingId(f"{83500 + i}BG{i:07d}", IdKind.BG_NUMMER)])))
    start = dt.date(2026, 1, 5)
    # No renewals: each would add a computed follow-up and blur the counts.
    kinds = [k for k in DeadlineKind if k not in (DeadlineKind.FOLLOW_UP, DeadlineKind.RENEWAL)]
    with store.transaction():
        for i in range(n):
            case = cases[i % len(cases)]
            timed = i % 4 == 0
            store.deadlines.add(Deadline(
                household_id=case.household_id, case_id=case.id,
                date=start + dt.timedelta(days=rnd.randrange(0, 400)),
                time=dt.time(8 + i % 9, 30) if timed else None,
                kind=rnd.choice(kinds), confirmed=True,
                evidence="Bitte reichen Sie die Unterlagen bis zum genannten Tag ein.",
                explanation=["Bekanntgabe am 4. Tag nach Aufgabe zur Post (§ 37 SGB X)",
                             "Fristende nach §§ 187, 188 BGB"]))


def icalendar_reference(store: Store) -> float:
    """The same events built and serialised as icalendar components."""
    entries = calendar_entries(store)
    options = ExportOptions()
    t0 = time.perf_counter()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//bench//")
    cal.add("version", "2.0")
    for e in entries:
        ev = icalendar.Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", e.stamp)
        ev.add("sequence", e.sequence)
        ev.add("dtstart", e.date)
        ev.add("summary", summary(e, redact=False))
        ev.add("description", description(e, redact=False))
        for spec in ordered_alarms(options.alarms):
            a = icalendar.Alarm()
            a.add("action", "DISPLAY")
            a.add("trigger", spec.trigger(e.time))
            ev.add_component(a)
        cal.add_component(ev)
    cal.to_ical()
    return time.perf_counter() - t0


def bench_export(n: int, root: Path) -> None:
    with Store.create(root / "export.db", PASSPHRASE) as store:
        fill(store, n)
        times, cpu = [], []
        for round_ in range(3):
            t0, c0 = time.perf_counter(), time.process_time()
            result = export_ics(store, root / f"out{round_}.ics")
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        ref = icalendar_reference(store)
    best = min(times)
    # CPU time is what this process used: less disturbed by other work on the machine.
    print(f"export: {result.events} deadlines in {best:.3f} s wall, {min(cpu):.3f} s CPU "
          f"(best of 3; target ≤ 1 s), {result.path.stat().st_size / 1e6:.1f} MB; "
          f"icalendar components: {ref:.3f} s (ratio {ref / best:.1f}x)")


def bare_puts(server: RadicaleServer, bodies: list[tuple[str, bytes]]) -> float:
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    t0 = time.perf_counter()
    for name, body in bodies:
        req = urllib.request.Request(  # noqa: S310 (loopback)
            f"{server.base}/{USER}/bare/{name}.ics", data=body, method="PUT",
            headers={"Authorization": f"Basic {token}", "Content-Type": "text/calendar"})
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310
            resp.read()
    return time.perf_counter() - t0


def bench_push(n: int, root: Path) -> None:
    server = RadicaleServer()
    server.start()
    try:
        with Store.create(root / "push.db", PASSPHRASE) as store:
            fill(store, n)
            calendar_push.add_calendar(store, "Bench", server.calendar_url, username=USER,
                                       password=PASSWORD)
            t0 = time.perf_counter()
            first = calendar_push.push(store).results[0]
            t_first = time.perf_counter() - t0
            assert first.error is None and first.created == n, first
            # Change every deadline (a new date), then push the 500 changes.
            for view in store.deadlines.matching():
                d = view.deadline
                assert d.id is not None
                store.deadlines.reschedule(d.id, d.date + dt.timedelta(days=1), d.time)
            t0, c0 = time.perf_counter(), time.process_time()
            changed = calendar_push.push(store).results[0]
            t_changed = time.perf_counter() - t0
            c_changed = time.process_time() - c0
            assert changed.error is None and changed.updated == n, changed
            t0 = time.perf_counter()
            again = calendar_push.push(store).results[0]
            t_noop = time.perf_counter() - t0
            assert again.unchanged == n
            bodies = [(f"e{i}", event_resource(e, ExportOptions()))
                      for i, e in enumerate(calendar_entries(store))]
        server.request("MKCALENDAR", f"{server.base}/{USER}/bare/")
        ref = bare_puts(server, bodies)
    finally:
        server.stop()
    print(f"push: {n} new in {t_first:.2f} s, {n} changed in {t_changed:.2f} s "
          f"({c_changed:.2f} s CPU in HelperDesk; target ≤ 10 s), "
          f"nothing changed in {t_noop:.2f} s; "
          f"bare HTTP PUTs of the same events: {ref:.2f} s (ratio {t_changed / ref:.2f}x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadlines", type=int, default=5000)
    parser.add_argument("--push", type=int, default=500, help="0: skip the push")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="calendar-bench-") as tmp:
        bench_export(args.deadlines, Path(tmp))
        if args.push:
            bench_push(args.push, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
