"""Follow-ups: the pure rules, computed from a store, in Due soon, the CLI and the calendar."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from helperdesk.app.calendar_export import calendar_entries, export_ics
from helperdesk.app.followups import dismiss_follow_up, follow_ups
from helperdesk.app.ingest import store_prepared
from helperdesk.cli import main
from helperdesk.followups import (
    SentKind,
    add_months,
    authorisation_follow_ups,
    current,
    renewal_follow_up,
    sent_kind,
    unanswered_follow_ups,
)
from helperdesk.intake.prepare import prepare_mail
from helperdesk.model import (
    Agency,
    AgencyKind,
    Case,
    Deadline,
    DeadlineKind,
    Direction,
    Household,
)
from storage.store import Store
from ui.models.deadlines import DueSoonModel

from calendar_support import read_both

D = dt.date


def test_add_months_keeps_the_day_or_takes_the_month_end() -> None:
    assert add_months(D(2026, 3, 3), 6) == D(2026, 9, 3)
    assert add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert add_months(D(2027, 11, 30), 3) == D(2028, 2, 29)


def test_authorisation_30_and_7_days_before() -> None:
    ups = authorisation_follow_ups(4, D(2026, 6, 30))
    assert [u.date for u in ups] == [D(2026, 5, 31), D(2026, 6, 23)]
    assert len({u.key for u in ups}) == 2 and ups[0].group == ups[1].group
    # Once the 7-day reminder is due, the 30-day one is no longer shown.
    assert [u.date for u in current(ups, D(2026, 6, 1))] == [D(2026, 5, 31), D(2026, 6, 23)]
    assert [u.date for u in current(ups, D(2026, 6, 24))] == [D(2026, 6, 23)]


@pytest.mark.parametrize(("subject", "text", "kind"), [
    ("Widerspruch gegen den Bescheid vom 01.02.2026", "", SentKind.OBJECTION),
    ("BG 83501BG0047112", "hiermit lege ich Widerspruch ein", SentKind.OBJECTION),
    ("Einspruch", "", SentKind.OBJECTION),
    ("Weiterbewilligungsantrag", "anbei", SentKind.APPLICATION),
    ("Unterlagen", "Hiermit beantrage ich Wohngeld.", SentKind.APPLICATION),
    ("Unterlagen", "anbei die Kontoauszüge", None),
    ("Termin", "Ich lege hiermit die Unterlagen vor.", None),
])
def test_sent_kind(subject: str, text: str, kind: SentKind | None) -> None:
    assert sent_kind(subject, text) is kind


@pytest.mark.parametrize(("kind", "agency", "months"), [
    (SentKind.APPLICATION, AgencyKind.JOBCENTER, 6),   # § 88 Abs. 1 SGG
    (SentKind.OBJECTION, AgencyKind.JOBCENTER, 3),     # § 88 Abs. 2 SGG
    (SentKind.APPLICATION, AgencyKind.WOHNGELDSTELLE, 3),  # § 75 VwGO
    (SentKind.APPLICATION, None, 3),                   # unknown: the earlier day
])
def test_unanswered_nudge_and_untaetigkeitsklage(kind: SentKind, agency: AgencyKind | None,
                                                 months: int) -> None:
    nudge, suit = unanswered_follow_ups(1, 9, D(2026, 3, 3), kind, agency=agency)
    assert nudge.date == D(2026, 3, 31)
    assert suit.date == add_months(D(2026, 3, 3), months)
    assert any(("SGG" in s or "VwGO" in s) for s in suit.explanation)
    assert current([nudge, suit], suit.date) == [suit]


def test_renewal_eight_weeks_before() -> None:
    f = renewal_follow_up(2, D(2026, 9, 30))
    assert f.date == D(2026, 8, 5) and "30.09.2026" in f.title


def _mail(subject: str, body: str, msgid: str, date: str, *, out: bool,
          reply_to: str | None = None) -> bytes:
    sender, to = ("familie@example.net", "team@jobcenter.example") if out else (
        "team@jobcenter.example", "familie@example.net")
    extra = f"In-Reply-To: {reply_to}\r\n" if reply_to else ""
    return (f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: {msgid}\r\n"
            f"{extra}Date: {date}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"{body}\r\n").encode()


@pytest.fixture
def fu_store(store: Store) -> Store:
    hh = store.households.add(Household(name="Familie Haddad",
                                        authorisation_expires=D(2026, 6, 30)))
    assert hh.id is not None
    jc = store.agencies.add(Agency(name="Jobcenter München", kind=AgencyKind.JOBCENTER))
    case = store.cases.add(Case(household_id=hh.id, agency_id=jc.id, title="Bürgergeld"))
    for raw, out in (
        (_mail("Widerspruch", "Hiermit lege ich Widerspruch ein.", "<w@x>",
               "Tue, 03 Mar 2026 09:00:00 +0100", out=True), True),
        (_mail("Antrag auf Mehrbedarf", "Hiermit beantrage ich …", "<a@x>",
               "Mon, 02 Feb 2026 09:00:00 +0100", out=True), True),
        (_mail("Re: Antrag", "Eingang bestätigt", "<r@x>", "Thu, 05 Feb 2026 09:00:00 +0100",
               out=False, reply_to="<a@x>"), False),
    ):
        prepared = prepare_mail(raw)
        if out:
            prepared.message.direction = Direction.OUT
        result = store_prepared(store, prepared)
        store.messages.file(result.id, hh.id, case.id if out else None)
    store.deadlines.add(Deadline(household_id=hh.id, case_id=case.id, date=D(2026, 9, 30),
                                 kind=DeadlineKind.RENEWAL, confirmed=True))
    return store


def test_follow_ups_from_the_store(fu_store: Store) -> None:
    items = follow_ups(fu_store, D(2026, 3, 10))
    titles = [(it.follow_up.date, it.follow_up.title) for it in items]
    dates = [d for d, _t in titles]
    # The objection is unanswered: nudge 31.03., suit 03.06. (§ 88 Abs. 2 SGG).
    assert D(2026, 3, 31) in dates and D(2026, 6, 3) in dates
    # The application was answered (a reply to it): no follow-up for it.
    assert not any("02.02.2026" in t for _d, t in titles)
    assert D(2026, 5, 31) in dates and D(2026, 6, 23) in dates  # Vollmacht
    assert D(2026, 8, 5) in dates  # renewal
    nudge = next(it for it in items if it.follow_up.date == D(2026, 3, 31))
    assert nudge.household == "Familie Haddad" and nudge.agency == "Jobcenter München"
    dismiss_follow_up(fu_store, nudge.follow_up.key)
    assert nudge.follow_up.key not in {it.follow_up.key for it in follow_ups(fu_store,
                                                                             D(2026, 3, 10))}


def test_due_soon_lists_follow_ups(fu_store: Store, qtmodeltester: object) -> None:
    model = DueSoonModel(fu_store)
    model.reload(today=D(2026, 3, 25))
    keys = [model.view_at(r).follow_up for r in range(model.rowCount())]
    assert any(k and k.endswith("-nudge") for k in keys)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_follow_ups_are_exported_as_kind_follow_up(fu_store: Store, tmp_path: Path) -> None:
    now = dt.datetime(2026, 3, 10, tzinfo=dt.UTC)
    entries = [e for e in calendar_entries(fu_store, now=now)
               if e.kind is DeadlineKind.FOLLOW_UP]
    assert len(entries) >= 5 and all(e.uid.startswith("followup-") for e in entries)
    again = [e.uid for e in calendar_entries(fu_store, now=now) if e.kind is
             DeadlineKind.FOLLOW_UP]
    assert [e.uid for e in entries] == again
    out = export_ics(fu_store, tmp_path / "f.ics", now=now).path
    events = read_both(out.read_bytes())
    assert any(ev.summary.startswith("Follow-up:") for ev in events.values())


def test_cli_lists_follow_ups(fu_store: Store, store_path: Path,
                              monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import PASSPHRASE

    fu_store.close()
    monkeypatch.setenv("HELPERDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("HELPERDESK_STORE", str(store_path))
    assert main(["deadlines", "--follow-ups", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in rows if r["id"] is not None] == ["renewal"]
    computed = [r for r in rows if r["id"] is None]
    assert computed and all(r["kind"] == "follow_up" and r["follow_up"] for r in computed)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
