"""Mails analysed per second on one core (parse + IDs + agency + letter type + deadlines).

Run by hand:  .venv/bin/python benchmarks/analyze_bench.py [--mails 2000] [--profile]

Typical ~10 KB agency mails without PDFs (helperdesk.samples.sample_data.bulk_mails),
analysed through the production path (helperdesk.intake.prepare.prepare_mail), one
process, one core. Target: ≥ 500 mails/s. Also prints the time split by stage
so a regression points at its module.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from helperdesk.analysis.agencies import detect_agency_in_mail
from helperdesk.analysis.deadlines.extract import extract_deadlines
from helperdesk.analysis.ids.extract import scan_mail
from helperdesk.analysis.letter_types import classify_mail
from helperdesk.intake.prepare import prepare_mail
from helperdesk.mail.parse import parse_message
from helperdesk.samples.sample_data import bulk_mails


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mails", type=int, default=2000)
    parser.add_argument("--profile", action="store_true", help="print the top functions")
    args = parser.parse_args()
    mails = bulk_mails(args.mails, seed=11)
    print(f"{len(mails)} mails, average {sum(map(len, mails)) / len(mails) / 1024:.1f} KB")
    for raw in mails[:20]:  # warm caches (holiday tables, compiled patterns)
        prepare_mail(raw)
    # CPU time of this process is the "one core" figure; wall time is printed
    # too, and differs from it only when something else runs on the machine.
    start, cpu = time.perf_counter(), time.process_time()
    for raw in mails:
        prepare_mail(raw)
    total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"full analysis: {len(mails) / total_cpu:.0f} mails/s of CPU time "
          f"({total_cpu / len(mails) * 1000:.2f} ms each; wall clock {len(mails) / total:.0f}"
          " mails/s)")

    parsed = [parse_message(raw) for raw in mails[:300]]
    stages = {
        "parse": lambda i: parse_message(mails[i]),
        "ids": lambda i: scan_mail(parsed[i]),
        "agency": lambda i: detect_agency_in_mail(parsed[i]),
        "letter type": lambda i: classify_mail(parsed[i]),
        "deadlines": lambda i: extract_deadlines(parsed[i].new_text, letter_date=None,
                                                 state="BY"),
    }
    for name, stage in stages.items():
        t = time.process_time()
        for i in range(len(parsed)):
            stage(i)
        print(f"  {name:12s} {(time.process_time() - t) / len(parsed) * 1000:.2f} ms/mail")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for raw in mails[:300]:
            prepare_mail(raw)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
