"""CalDAV push against a real Radicale, read back by a second client (plain HTTP GET)."""

from __future__ import annotations

import datetime as dt
import io
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from helperdesk.app import calendar_push
from helperdesk.app import deadlines as uc
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
from storage import secrets
from storage.calendars import CalendarAccount
from storage.store import Store
from sync.caldav_push import CalDavClient, CalendarInvalid, check_url

from calendar_support import read_both
from conftest import PASSPHRASE, need
from dovecot_server import free_port
from radicale_server import PASSWORD, USER, RadicaleServer

pytestmark = pytest.mark.servers


@pytest.fixture
def dl_store(store: Store) -> Store:
    hh = store.households.add(Household(name="Familie Haddad", state="BY"))
    jc = store.agencies.add(Agency(name="Jobcenter München", kind=AgencyKind.JOBCENTER))
    case = store.cases.add(Case(household_id=hh.id or 0, agency_id=jc.id, title="Bürgergeld",
                                processing_ids=[ProcessingId("83501BG0047112",
                                                             IdKind.BG_NUMMER)]))
    for date, time, kind, confirmed in (
        (dt.date(2026, 3, 16), None, DeadlineKind.SUBMIT, True),
        (dt.date(2026, 3, 30), dt.time(10, 0), DeadlineKind.APPOINTMENT, True),
        (dt.date(2026, 4, 2), None, DeadlineKind.OBJECTION, False),
    ):
        store.deadlines.add(Deadline(household_id=hh.id, case_id=case.id, date=date, time=time,
                                     kind=kind, confirmed=confirmed))
    return store


def _add(store: Store, url: str, password: str = PASSWORD, **kw: object) -> CalendarAccount:
    cal, _where = calendar_push.add_calendar(store, "Handy", url, username=USER,
                                             password=password, **kw)  # type: ignore[arg-type]
    return cal


def _by_deadline(data: bytes) -> dict[int, object]:
    return {int(uid.split("-")[1]): ev for uid, ev in read_both(data).items()}


def test_push_is_idempotent_updates_and_removes(dl_store: Store,
                                                radicale: RadicaleServer) -> None:
    _add(dl_store, radicale.calendar_url)
    first = calendar_push.push(dl_store).results[0]
    assert (first.created, first.updated, first.deleted, first.error) == (2, 0, 0, None)
    events = read_both(radicale.read_calendar())
    assert len(events) == 2  # the suggested deadline stays in HelperDesk
    for ev in events.values():  # alarms survived the round trip, most important first
        assert ev.triggers[0] in (-dt.timedelta(days=1, hours=16), -dt.timedelta(days=2))
        assert len(ev.triggers) == 3
    timed = next(ev for ev in events.values() if isinstance(ev.start, dt.datetime))
    assert timed.start.astimezone(dt.UTC) == dt.datetime(2026, 3, 30, 8, 0, tzinfo=dt.UTC)

    again = calendar_push.push(dl_store).results[0]
    assert (again.created, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 2)
    assert read_both(radicale.read_calendar()).keys() == events.keys()

    submit, appointment = (v.deadline for v in dl_store.deadlines.matching()[:2])
    assert submit.id is not None and appointment.id is not None
    uc.move(dl_store, appointment.id, dt.date(2026, 3, 31), dt.time(11, 30))
    uc.dismiss(dl_store, submit.id)
    third = calendar_push.push(dl_store).results[0]
    assert (third.created, third.updated, third.deleted) == (0, 1, 1)
    after = _by_deadline(radicale.read_calendar())
    assert list(after) == [appointment.id]
    moved = after[appointment.id]
    assert moved.start.astimezone(dt.UTC) == dt.datetime(  # type: ignore[attr-defined]
        2026, 3, 31, 9, 30, tzinfo=dt.UTC)
    assert moved.sequence == 1  # type: ignore[attr-defined]


def test_changed_on_server_is_reported_then_repaired(dl_store: Store,
                                                     radicale: RadicaleServer) -> None:
    cal = _add(dl_store, radicale.calendar_url)
    assert calendar_push.push(dl_store).ok
    assert cal.id is not None
    pushed = dl_store.calendars.pushed(cal.id)
    href = next(iter(pushed.values())).href
    status, body = radicale.request("GET", href)
    assert status == 200
    edited = body.replace(b"SEQUENCE:0", b"SEQUENCE:5")
    assert radicale.request("PUT", href, edited,
                            {"Content-Type": "text/calendar"})[0] in (201, 204)
    for view in dl_store.deadlines.matching():
        if view.deadline.confirmed and view.deadline.id is not None:
            uc.move(dl_store, view.deadline.id, view.deadline.date + dt.timedelta(days=1))
    result = calendar_push.push(dl_store).results[0]
    assert result.error is not None and "changed on 127.0.0.1" in result.error
    assert "\n" not in result.error
    repaired = calendar_push.push(dl_store).results[0]
    assert repaired.error is None and repaired.updated >= 1
    server = read_both(radicale.read_calendar())
    assert all(ev.sequence == 1 for ev in server.values())  # HelperDesk's version won
    assert calendar_push.push(dl_store).results[0].unchanged == 2


def test_wrong_password_is_one_line_and_nothing_recorded(dl_store: Store,
                                                         radicale: RadicaleServer) -> None:
    cal = _add(dl_store, radicale.calendar_url, password="falsch")
    result = calendar_push.push(dl_store).results[0]
    assert result.error is not None and "refused the user name or password" in result.error
    assert cal.id is not None and dl_store.calendars.pushed(cal.id) == {}
    assert read_both(radicale.read_calendar()) == {}


def test_server_down_and_timeout(dl_store: Store) -> None:
    cal = _add(dl_store, f"http://127.0.0.1:{free_port()}/helper/fristen/")
    down = calendar_push.push(dl_store).results[0]
    assert down.error is not None and "could not connect" in down.error and down.retry_later
    assert cal.id is not None and dl_store.calendars.pushed(cal.id) == {}

    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        slow = calendar_push.add_calendar(dl_store, "Stumm",
                                          f"http://127.0.0.1:{port}/c/")[0]

        def quick(c: CalendarAccount, pw: str | None) -> CalDavClient:
            return CalDavClient(c.url, c.username, pw, timeout=0.5)

        result = calendar_push.push(dl_store, "Stumm", client_factory=quick).results[0]
    assert result.error is not None and "did not answer within 0.5 seconds" in result.error
    assert slow.id is not None and dl_store.calendars.pushed(slow.id) == {}


def test_plain_http_only_to_this_computer() -> None:
    with pytest.raises(CalendarInvalid, match="without encryption"):
        check_url("http://kalender.example.org/dav/", allow_insecure=False)
    assert check_url("http://kalender.example.org/dav", allow_insecure=True) \
        == "http://kalender.example.org/dav/"
    assert check_url("https://kalender.example.org/dav/", allow_insecure=False)
    assert check_url("http://[::1]:5232/a/b", allow_insecure=False) == "http://[::1]:5232/a/b/"
    with pytest.raises(CalendarInvalid, match="not a calendar address"):
        check_url("ftp://x/", allow_insecure=True)


@pytest.fixture
def cli_store(cli_env: Path, dl_store: Store) -> Iterator[Path]:
    dl_store.close()
    yield cli_env


def test_calendar_commands(cli_store: Path, radicale: RadicaleServer,
                           monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["calendar", "add", "Handy", "--url", radicale.calendar_url, "--user", USER,
                 "--password-stdin", "--redact", "--alarms", "2d,0d"]) == 0
    assert "Added calendar 'Handy'" in capsys.readouterr().out
    assert main(["calendar", "add", "Fremd", "--url", "http://example.org/cal/"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "without encryption" in err
    assert main(["calendar", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [c["name"] for c in listed] == ["Handy"] and listed[0]["redact"] is True
    assert main(["calendar", "push", "--json"]) == 0
    pushed = json.loads(capsys.readouterr().out)
    assert pushed == [{"calendar": "Handy", "created": 2, "updated": 0, "deleted": 0,
                       "unchanged": 0, "error": None}]
    data = radicale.read_calendar()
    assert b"Haddad" not in data and b"83501BG0047112" not in data  # redacted
    assert all(len(ev.triggers) == 2 for ev in read_both(data).values())
    assert main(["calendar", "remove", "Handy"]) == 0
    assert main(["calendar", "push", "Handy"]) == 1
    assert "No calendar named" in capsys.readouterr().err
    with Store.open(cli_store, PASSPHRASE) as store:
        assert store.calendars.list_all() == []


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def test_password_inside_the_store_without_a_keyring(
    dl_store: Store, radicale: RadicaleServer, no_keyring: None
) -> None:
    cal, where = calendar_push.add_calendar(dl_store, "Handy", radicale.calendar_url,
                                            username=USER, password=PASSWORD)
    assert where == "store" and cal.id is not None
    assert dl_store.calendars.stored_password(cal.id) == PASSWORD
    assert calendar_push.push(dl_store).ok


@pytest.mark.keyring
def test_password_in_the_keyring(dl_store: Store, radicale: RadicaleServer) -> None:
    need(secrets.status().usable, "no usable keyring backend (run under dbus-run-session)")
    cal, where = calendar_push.add_calendar(dl_store, "Handy", radicale.calendar_url,
                                            username=USER, password=PASSWORD)
    assert where == "keyring" and cal.id is not None
    assert dl_store.calendars.stored_password(cal.id) is None
    user = f"Handy@{dl_store.store_id}"
    assert keyring.get_password(secrets.CALDAV_SERVICE, user) == PASSWORD
    assert calendar_push.push(dl_store).ok
    calendar_push.remove_calendar(dl_store, "Handy")
    assert keyring.get_password(secrets.CALDAV_SERVICE, user) is None
