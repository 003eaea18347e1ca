"""Reply benchmark (not a test): compose window, draft check, audit of outgoing mail.

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/reply_bench.py [--audit N]

Targets (issue 12): the compose window opens in ≤ 200 ms on a thread of 200
mails; checking a draft takes ≤ 50 ms; auditing 10,000 outgoing mails ≤ 5 s.
Each figure is the median of several rounds, shown next to a reference measured
in the same run on this shared, noisy machine (the stdlib parsing the same
letter; reading the audited rows without checking them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import email
import email.policy
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

PASSPHRASE = "bench only, fictional data"  # noqa: S105 (throwaway store)
BG = "83501BG0047112"


def median_ms(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def mail(i: int, *, out: bool, parent: str | None, refs: list[str]) -> bytes:
    msg = email.message.EmailMessage(policy=email.policy.SMTP)
    agency, household = "Jobcenter München <team@jobcenter-ge.de>", "helfer@posteo.de"
    msg["From"], msg["To"] = (household, agency) if out else (agency, household)
    msg["Subject"] = ("AW: " if out else "") + f"Weiterbewilligung – BG-Nummer {BG}"
    msg["Date"] = email.utils.format_datetime(
        dt.datetime(2027, 1, 1, 9, tzinfo=dt.UTC) + dt.timedelta(hours=i))
    msg["Message-ID"] = f"<m{i}@bench.example>"
    if parent:
        msg["In-Reply-To"], msg["References"] = parent, " ".join(refs[-20:])
    body = (f"Sehr geehrte Damen und Herren,\n\nbitte reichen Sie bis zum 16.03.2027 die "
            f"Kontoauszüge ein (Schreiben {i}).\n\nBG-Nummer: {BG}\n\nMit freundlichen Grüßen\n")
    msg.set_content(body + "\n".join("> " + line for line in body.split("\n") * 3))
    return msg.as_bytes()


def setup(path: Path) -> tuple[object, int]:
    from helperdesk.app.ingest import ingest_mail
    from helperdesk.model import (
        Agency,
        AgencyKind,
        Case,
        Direction,
        Household,
        IdKind,
        ProcessingId,
    )
    from storage.accounts import Account
    from storage.store import Store

    store = Store.create(path, PASSPHRASE)
    hh = store.households.add(Household(name="Bench"))
    agency = store.agencies.add(Agency(name="Jobcenter München", kind=AgencyKind.JOBCENTER,
                                       emails=["jobcenter-ge.de"]))
    assert hh.id is not None
    store.cases.add(Case(household_id=hh.id, agency_id=agency.id, title="Bürgergeld",
                         processing_ids=[ProcessingId(BG, IdKind.BG_NUMMER)]))
    store.accounts.add(Account(name="helfer", host="127.0.0.1", port=143, security="none",
                               username="helfer@posteo.de", household_id=hh.id))
    refs: list[str] = []
    last_in = 0
    with store.unit():
        for i in range(200):
            out = i % 2 == 1
            result = ingest_mail(store, mail(i, out=out, parent=refs[-1] if refs else None,
                                             refs=refs), household_id=hh.id,
                                 direction=Direction.OUT if out else Direction.IN)
            refs.append(f"<m{i}@bench.example>")
            if not out:
                last_in = result.id
    return store, last_in


def outgoing(store: object, n: int) -> None:
    from helperdesk.intake.prepare import content_hash
    from helperdesk.model import Direction, Message, Source
    from storage.store import Store

    assert isinstance(store, Store)
    hid = store.households.list_all()[0].id
    case_id = store.cases.for_household(hid or 0)[0].id
    with store.unit():
        for i in range(n):
            raw = mail(1000 + i, out=True, parent="<m0@bench.example>", refs=[])
            text = ("Sehr geehrte Damen und Herren,\n\nanbei die Unterlagen"
                    + (f" zur BG-Nummer {BG}" if i % 3 else "") + ".\n\n> zitiert\n")
            store.messages.add(Message(
                raw=raw, content_hash=content_hash(raw), subject="AW: Weiterbewilligung",
                date=dt.datetime(2027, 2, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=i),
                from_addr="helfer@posteo.de", to_addrs=["team@jobcenter-ge.de"],
                direction=Direction.OUT, source=Source.FILE, message_id=f"<o{i}@bench>",
                in_reply_to="<m0@bench.example>" if i % 5 else None, text=text,
                household_id=hid, case_id=case_id), analysis={"is_forward": False})


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--audit", type=int, default=10_000, help="outgoing mails to audit")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from helperdesk.app.audit import audit
    from helperdesk.app.replies import check_mail, live_problems, make_reply
    from helperdesk.mail.parse import parse_message
    from storage.outgoing import audit_rows
    from storage.store import Store
    from ui.dialogs.compose.compose_dialog import ComposeDialog
    from ui.workers.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store, letter = setup(Path(tmp) / "bench.db")
        assert isinstance(store, Store)
        print(f"setup: 200-mail thread stored in {time.perf_counter() - t0:.1f} s")
        runner = TaskRunner(synchronous=True)
        raw = store.messages.get(letter).raw

        def open_compose() -> None:
            dialog = ComposeDialog.for_message(store, letter, runner)
            dialog.show()
            app.processEvents()
            dialog.close()
            dialog.deleteLater()

        open_compose()  # warm-up (imports, fonts)
        compose_ms = median_ms(open_compose, args.rounds)
        ref_ms = median_ms(lambda: parse_message(raw), args.rounds)
        print(f"compose window open (200-mail thread): {compose_ms:.1f} ms (target ≤ 200 ms); "
              f"reference parse of the letter {ref_ms:.2f} ms, ratio {compose_ms / ref_ms:.0f}×")

        draft = make_reply(store, letter, text="Die Unterlagen folgen.")
        check_ms = median_ms(lambda: check_mail(store, draft.raw), args.rounds)
        live_ms = median_ms(lambda: live_problems(draft, to=draft.draft.to,
                                                  subject=draft.draft.subject,
                                                  body=draft.draft.body, attachments=0),
                            args.rounds)
        print(f"check a draft file (store lookups included): {check_ms:.1f} ms "
              f"(target ≤ 50 ms); live check in the compose window {live_ms:.2f} ms")

        t0 = time.perf_counter()
        outgoing(store, args.audit)
        print(f"setup: {args.audit} outgoing mails stored in {time.perf_counter() - t0:.1f} s")
        rounds = max(1, args.rounds // 3)
        audit_s = median_ms(lambda: audit(store), rounds) / 1000
        read_s = median_ms(lambda: audit_rows(store), rounds) / 1000
        result = audit(store)
        print(f"audit of {result.checked} mails: {audit_s:.2f} s (target ≤ 5 s), "
              f"{len(result.items)} need attention; reading the rows alone {read_s:.2f} s, "
              f"ratio {audit_s / read_s:.1f}×")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
