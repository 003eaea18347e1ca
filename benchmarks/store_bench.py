"""Import throughput of the encrypted store vs. a plain one, and full-text search latency.

Run by hand:  .venv/bin/python benchmarks/store_bench.py [--mails 20000] [--search-mails 50000]

Mails are parsed and analysed once (worker processes, as bulk import does),
then written through the same code path (store_prepared in batched
transactions) into a plain and an encrypted store; only the key differs.
Targets on the 2-core reference machine: ≥ 1,000 mails/s encrypted,
encrypted/plain ≥ 0.85, search p95 ≤ 20 ms at 50,000 mails.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from helperdesk.app.batch import WORKERS, Context, prepare_many
from helperdesk.app.ingest import store_prepared
from helperdesk.intake.prepare import Prepared
from helperdesk.model import Direction
from helperdesk.samples.sample_data import bulk_mails
from storage.store import Store

BATCH = 500
QUERIES = [
    "Kontoauszüge", "Mietbescheinigung", "Weiterbewilligungsantrag", "Datenschutz",
    "Mitwirkung", "Unterlagen", "Portal", "Änderungen Einkommens", "Jobcenter München",
    "Familienkasse", "Wohngeldstelle", "Servicezeiten", "Beschäftigung", "Umzug",
    "Gespräch", "Aufenthaltstitel", "Kindergeld Nachweis", "versagt", "Nummer",
    "Ansprechperson",
]


def prepare_all(mails: list[bytes]) -> tuple[list[Prepared], float]:
    """Parse and analyse (the CLI's bulk path: worker processes, input order)."""
    start = time.perf_counter()
    prepared = list(prepare_many(((raw, Direction.IN, None) for raw in mails), Context()))
    return prepared, time.perf_counter() - start


def write_all(store: Store, prepared: list[Prepared]) -> float:
    """Store, index, file and schedule, a batch per unit (store_prepared), as import and sync do."""
    start = time.perf_counter()
    for i in range(0, len(prepared), BATCH):
        with store.unit():
            for p in prepared[i : i + BATCH]:
                p.message.id = None
                store_prepared(store, p)
    return time.perf_counter() - start


def search_latency(store: Store, runs: int = 50) -> tuple[float, float]:
    rng = random.Random(3)
    times = []
    for _ in range(runs):
        q = rng.choice(QUERIES)
        t = time.perf_counter()
        store.search(q, limit=50)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mails", type=int, default=20_000)
    parser.add_argument("--search-mails", type=int, default=50_000,
                        help="size of the encrypted store for the search measurement")
    args = parser.parse_args()
    total = max(args.mails, args.search_mails)
    print(f"generating {total} mails of ~10 KB …", flush=True)
    mails = bulk_mails(total)
    avg = sum(map(len, mails[: args.mails])) / args.mails
    print(f"average size {avg / 1024:.1f} KB")
    prepared, t_prep = prepare_all(mails)
    n = args.mails
    print(f"parse + analysis:      {total / t_prep:8.0f} mails/s ({WORKERS} worker processes)")
    with tempfile.TemporaryDirectory() as tmp:
        plain = Store.create(Path(tmp) / "plain.db", None, encrypted=False)
        t_plain = write_all(plain, prepared[:n])
        plain.close()
        enc = Store.create(Path(tmp) / "enc.db", "benchmark passphrase")
        t_enc = write_all(enc, prepared[:n])
        print(f"store, plain:          {n / t_plain:8.0f} mails/s")
        print(f"store, encrypted:      {n / t_enc:8.0f} mails/s")
        print(f"ratio encrypted/plain: {t_plain / t_enc:8.2f}")
        per_mail = t_prep / total + t_enc / n
        print(f"whole import, encrypted (stages in sequence): {1 / per_mail:.0f} mails/s")
        if total > n:
            write_all(enc, prepared[n:])
        p50, p95 = search_latency(enc)
        print(f"search over {enc.messages.count()} mails: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        enc.close()


if __name__ == "__main__":
    main()
