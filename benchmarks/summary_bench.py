"""How long a household summary takes: 20 open cases, read from the store, built and laid out.

Target (issue 15): a household with 20 cases renders in at most 1 s. Run by hand::

    QT_QPA_PLATFORM=offscreen python benchmarks/summary_bench.py [--runs 5] [--out /tmp/x.pdf]

Builds a throwaway encrypted store with one household, 20 agencies and one
case each; every case gets a request for documents by mail (analysed through
the normal ingest path, so it has deadlines) and half of them an invitation
to an appointment. Reports the median of ``--runs`` for reading + building the
content and for the PDF, in Arabic (right to left, the slowest) and German,
normal and large print, and the page count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import secrets
import statistics
import tempfile
import time
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from helperdesk.app.ingest import ingest_mail
from helperdesk.app.summary import SummaryOptions, household_summary, set_contact
from helperdesk.model import Agency, AgencyKind, Case, Household, IdKind, ProcessingId
from helperdesk.summaries import Contact
from storage.store import Store

KINDS = list(AgencyKind)


def _mail(agency: Agency, n: int, when: dt.datetime, invite: bool) -> bytes:
    msg = EmailMessage()
    domain = agency.emails[0]
    msg["From"] = f"{agency.name} <post@{domain}>"
    msg["To"] = "familie@example.net"
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<bench{n}.{int(invite)}@{domain}>"
    due = (when + dt.timedelta(days=14)).strftime("%d.%m.%Y")
    if invite:
        msg["Subject"] = "Einladung zu einem Gespräch"
        body = (f"Sehr geehrte Frau Beispiel,\n\nich lade Sie zu einem Gespräch ein. Termin am "
                f"{due} um 10:15 Uhr, Zimmer {n}.0{n % 7}. Bitte erscheinen Sie persönlich. "
                f"Bitte bringen Sie Ihren Personalausweis mit.\n\nAktenzeichen: AZ-{n:04d}/26")
    else:
        msg["Subject"] = f"Aufforderung zur Mitwirkung – Aktenzeichen AZ-{n:04d}/26"
        body = (f"Sehr geehrte Frau Beispiel,\n\nwir benötigen noch folgende Unterlagen:\n"
                f"- Kontoauszüge der letzten drei Monate\n- aktuelle Mietbescheinigung\n\n"
                f"Bitte reichen Sie die Unterlagen bis zum {due} ein.\n\n"
                f"Aktenzeichen: AZ-{n:04d}/26\n\nMit freundlichen Grüßen\n{agency.name}")
    msg.set_content(body)
    return bytes(msg)


def fill(store: Store, today: dt.date, cases: int = 20) -> str:
    household = store.households.add(Household(name="Familie Beispiel", language="ar",
                                               state="BE"))
    assert household.id is not None
    set_contact(store, Contact("Anna Sommer", "+49 30 0000 1234", "anna@example.org"))
    for n in range(cases):
        agency = store.agencies.add(Agency(
            name=f"Amt Nummer {n + 1} Berlin", kind=KINDS[n % len(KINDS)],
            emails=[f"amt{n}.example"], state="BE"))
        store.cases.add(Case(household_id=household.id, agency_id=agency.id, title=f"Sache {n}",
                             processing_ids=[ProcessingId(f"AZ-{n:04d}/26", IdKind.AKTENZEICHEN)]))
        when = dt.datetime.combine(today - dt.timedelta(days=n), dt.time(9), tzinfo=dt.UTC)
        ingest_mail(store, _mail(agency, n, when, invite=False), household_id=household.id)
        if n % 2:
            ingest_mail(store, _mail(agency, n, when + dt.timedelta(hours=3), invite=True),
                        household_id=household.id)
    return household.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write the Arabic PDF here")
    args = parser.parse_args()

    from ui.printing import load_fonts, offscreen_application, render_pdf

    offscreen_application()
    t0 = time.perf_counter()
    load_fonts()
    print(f"fonts registered once per process: {time.perf_counter() - t0:.3f} s")
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.create(Path(folder) / "bench.db", secrets.token_urlsafe(16))
        try:
            name = fill(store, today)
            for lang in ("ar", "de"):
                for large in (False, True):
                    build, render, total, pages = [], [], [], 0
                    for _ in range(args.runs):
                        t0 = time.perf_counter()
                        content = household_summary(
                            store, name, SummaryOptions(language=lang, today=today))
                        t1 = time.perf_counter()
                        pdf = render_pdf(content, large)
                        t2 = time.perf_counter()
                        build.append(t1 - t0)
                        render.append(t2 - t1)
                        total.append(t2 - t0)
                        pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
                    cases = len(content.sections[0].blocks)
                    print(f"{lang} {'large ' if large else 'normal'}: {cases} cases, {pages} pages,"
                          f" {len(pdf) // 1024} KiB; median of {args.runs}: read+build "
                          f"{statistics.median(build):.3f} s, PDF {statistics.median(render):.3f}"
                          f" s, total {statistics.median(total):.3f} s (max {max(total):.3f} s)")
                    if args.out and lang == "ar" and not large:
                        args.out.write_bytes(pdf)
        finally:
            store.close()


if __name__ == "__main__":
    main()
