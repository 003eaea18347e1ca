"""iCalendar export: events, alarms, time zones, UIDs and SEQUENCE, redaction, the command."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest

from helperdesk.app import deadlines as uc
from helperdesk.app.calendar_export import calendar_entries, export_ics
from helperdesk.calendar import (
    AlarmSpec,
    CalendarEntry,
    ExportOptions,
    build_calendar,
    ordered_alarms,
    parse_alarms,
)
from helperdesk.calendar.ics import fold
from helperdesk.cli import main
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

from calendar_support import read_both
from conftest import PASSPHRASE

STAMP = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
UTC = dt.UTC


def entry(uid: str, date: dt.date, time: dt.time | None = None, **kw: object) -> CalendarEntry:
    base: dict[str, object] = {
        "uid": uid, "sequence": 0, "stamp": STAMP, "date": date, "time": time,
        "kind": DeadlineKind.SUBMIT, "household": "Familie Haddad",
        "agency": "Jobcenter München", "agency_kind": "Jobcenter",
        "processing_id": (IdKind.BG_NUMMER, "83501BG0047112"),
        "evidence": "Bitte reichen Sie die Unterlagen bis zum 16.03.2026 ein.",
        "explanation": ("Bekanntgabe: 4. Tag nach Aufgabe zur Post", "Fristende: Montag"),
    }
    base.update(kw)
    return CalendarEntry(**base)  # type: ignore[arg-type]


def test_all_day_event_with_default_alarms() -> None:
    data = build_calendar([entry("a@x", dt.date(2026, 3, 16))], ExportOptions())
    ev = read_both(data)["a@x"]
    assert ev.start == dt.date(2026, 3, 16) and ev.end == dt.date(2026, 3, 17)
    assert ev.transp == "TRANSPARENT" and ev.status == "CONFIRMED"
    assert b"DTSTART;VALUE=DATE:20260316" in data
    # 2 days before at 08:00 first (Outlook keeps one), then the morning, then 7 days before.
    assert ev.triggers == [-dt.timedelta(days=1, hours=16), dt.timedelta(hours=8),
                           -dt.timedelta(days=6, hours=16)]
    assert ev.summary == ("Deadline: documents to Jobcenter München – Familie Haddad"
                          " (BG number 83501BG0047112)")
    assert "Bitte reichen Sie die Unterlagen" in ev.description
    assert "Fristende: Montag" in ev.description
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


@pytest.mark.parametrize(("day", "utc_hour"), [
    (dt.date(2026, 3, 27), 9),   # before the switch to summer time (CET, +1)
    (dt.date(2026, 3, 30), 8),   # after it (CEST, +2)
    (dt.date(2026, 10, 23), 8),  # before the switch back
    (dt.date(2026, 10, 26), 9),  # after it
])
def test_timed_appointments_across_dst(day: dt.date, utc_hour: int) -> None:
    data = build_calendar([entry("t@x", day, dt.time(10, 0), kind=DeadlineKind.APPOINTMENT)],
                          ExportOptions())
    assert b"BEGIN:VTIMEZONE" in data and b"DTSTART;TZID=Europe/Berlin:" in data
    ev = read_both(data)["t@x"]
    assert isinstance(ev.start, dt.datetime)
    assert ev.start.astimezone(UTC) == dt.datetime.combine(day, dt.time(utc_hour), UTC)
    assert ev.end - ev.start == dt.timedelta(hours=1)  # type: ignore[operator]
    assert ev.transp is None
    # Timed: 2 days before, the morning (08:00, i.e. 2 h before 10:00), 7 days before.
    assert ev.triggers == [-dt.timedelta(days=2), -dt.timedelta(hours=2),
                           -dt.timedelta(days=7)]


def test_alarm_list_parsing_and_order() -> None:
    assert parse_alarms("7d,2d,0d") == (AlarmSpec(7), AlarmSpec(2), AlarmSpec(0))
    assert parse_alarms("none") == ()
    assert parse_alarms("3h, 1d") == (AlarmSpec(0, 3), AlarmSpec(1))
    assert ordered_alarms(parse_alarms("0d,14d,1d,3d")) == [
        AlarmSpec(1), AlarmSpec(0), AlarmSpec(3), AlarmSpec(14)]
    with pytest.raises(ValueError, match="Cannot read the alarm 'tomorrow'"):
        parse_alarms("7d,tomorrow")
    ev = read_both(build_calendar([entry("n@x", dt.date(2026, 5, 4))],
                                  ExportOptions(alarms=())))["n@x"]
    assert ev.triggers == []


def test_text_survives_escaping_and_folding() -> None:
    tricky = ("Komma, Semikolon; Backslash \\ und\nZeilenumbruch – " + "ÄÖÜß€ " * 20
              + "مرحبا بكم في " * 6 + "🙂" * 30)
    data = build_calendar([entry("e@x", dt.date(2026, 6, 1), title=tricky, evidence=tricky)],
                          ExportOptions())
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never cut inside a character
    ev = read_both(data)["e@x"]
    assert tricky in ev.summary and tricky in ev.description
    assert fold("x" * 75) == "x" * 75 and fold("x" * 76) == "x" * 75 + "\r\n x"


def test_cancelled_and_suggested() -> None:
    data = build_calendar([entry("c@x", dt.date(2026, 3, 16), cancelled=True, sequence=4),
                           entry("s@x", dt.date(2026, 3, 17), suggested=True)], ExportOptions())
    events = read_both(data)
    assert events["c@x"].status == "CANCELLED" and events["c@x"].sequence == 4
    assert events["c@x"].triggers == []
    assert events["s@x"].status == "TENTATIVE"
    assert "suggested" in events["s@x"].summary


def test_redacted_export_names_nobody() -> None:
    data = build_calendar([entry("r@x", dt.date(2026, 3, 16))], ExportOptions(redact=True))
    ev = read_both(data)["r@x"]
    assert ev.summary == "Deadline: Jobcenter – household H."
    for secret in (b"Haddad", b"83501BG0047112", b"M\xc3\xbcnchen", b"Unterlagen bis",
                   b"Bekanntgabe"):
        assert secret not in data


# -- from the store -----------------------------------------------------------------------


@pytest.fixture
def cal_store(store: Store) -> Store:
    hh = store.households.add(Household(name="Familie Haddad", state="BY"))
    jc = store.agencies.add(Agency(name="Jobcenter München", kind=AgencyKind.JOBCENTER))
    case = store.cases.add(Case(household_id=hh.id or 0, agency_id=jc.id, title="Bürgergeld",
                                processing_ids=[ProcessingId("83501BG0047112",
                                                             IdKind.BG_NUMMER)]))
    store.deadlines.add(Deadline(household_id=hh.id, case_id=case.id, date=dt.date(2026, 3, 16),
                                 kind=DeadlineKind.SUBMIT, confirmed=True,
                                 evidence="Bitte reichen Sie … ein."))
    store.deadlines.add(Deadline(household_id=hh.id, case_id=case.id, date=dt.date(2026, 3, 30),
                                 time=dt.time(10, 0), kind=DeadlineKind.APPOINTMENT,
                                 confirmed=True))
    store.deadlines.add(Deadline(household_id=hh.id, date=dt.date(2026, 4, 1),
                                 kind=DeadlineKind.OBJECTION))  # suggested
    return store


def test_uids_stable_sequence_rises_and_closed_ones_cancel(
    cal_store: Store, tmp_path: Path
) -> None:
    first = read_both(export_ics(cal_store, tmp_path / "a.ics").path.read_bytes())
    second = read_both(export_ics(cal_store, tmp_path / "b.ics").path.read_bytes())
    assert len(first) == 2  # the suggested one only on request
    assert {u: e.sequence for u, e in first.items()} == {u: e.sequence for u, e in second.items()}
    assert (tmp_path / "a.ics").read_bytes() == (tmp_path / "b.ics").read_bytes()
    assert stat.S_IMODE((tmp_path / "a.ics").stat().st_mode) == 0o600
    assert all(cal_store.store_id in uid for uid in first)

    # A backup copy (another computer) names the same deadlines the same way.
    copy = cal_store.backup(tmp_path / "copy.db")
    with Store.open(copy, PASSPHRASE) as other:
        assert read_both(export_ics(other, tmp_path / "c.ics").path.read_bytes()).keys() \
            == first.keys()

    views = cal_store.deadlines.matching()
    submit, appointment = views[0].deadline, views[1].deadline
    assert submit.id is not None and appointment.id is not None
    uc.move(cal_store, appointment.id, dt.date(2026, 3, 31), dt.time(11, 0))
    uc.mark_done(cal_store, submit.id)
    moved = read_both(export_ics(cal_store, tmp_path / "d.ics").path.read_bytes())
    by_id = {uid.split("-")[1]: ev for uid, ev in moved.items()}
    assert by_id[str(appointment.id)].sequence > first_seq(first, appointment.id)
    assert by_id[str(submit.id)].status == "CANCELLED"
    assert by_id[str(submit.id)].sequence > first_seq(first, submit.id)

    # 90 days after it was done the cancelled event is no longer sent.
    later = dt.datetime.now(UTC) + dt.timedelta(days=91)
    uids = {e.uid for e in calendar_entries(cal_store, now=later)}
    assert not any(f"-{submit.id}-" in u for u in uids)
    assert len(calendar_entries(cal_store, include_suggested=True)) == 3


def first_seq(events: dict[str, object], deadline_id: int) -> int:
    ev = next(e for u, e in events.items() if u.split("-")[1] == str(deadline_id))
    return int(ev.sequence)  # type: ignore[attr-defined]


def test_export_command(cal_store: Store, store_path: Path, tmp_path: Path,
                        monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    cal_store.close()
    monkeypatch.setenv("HELPERDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("HELPERDESK_STORE", str(store_path))
    out = tmp_path / "fristen.ics"
    assert main(["export", "ics", str(out), "--household", "Familie Haddad",
                 "--include-suggested", "--redact", "--alarms", "2d", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["events"] == 3 and doc["redacted"] is True
    events = read_both(out.read_bytes())
    assert all(len(e.triggers) == 1 for e in events.values())
    assert b"Haddad" not in out.read_bytes()
    assert main(["export", "ics", str(out), "--alarms", "soon"]) == 1
    assert main(["export", "ics", str(tmp_path / "missing" / "x.ics")]) == 1
    err = capsys.readouterr().err
    assert "Cannot read the alarm" in err and "does not exist" in err
    assert len(read_both(out.read_bytes())) == 3  # the failed runs left the file alone
