"""``helperdesk deadlines`` and ``helperdesk deadline …``: the JSON contract, the rules, errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from helperdesk.app import deadlines as uc
from helperdesk.app.ingest import store_prepared
from helperdesk.cli import main
from helperdesk.intake.prepare import prepare_mail
from helperdesk.model import Agency, AgencyKind, Case, Deadline, DeadlineKind, Household
from storage.store import Store

from conftest import PASSPHRASE

FIELDS = {"id", "household", "case", "agency", "kind", "title", "date", "time", "status",
          "suggested", "source_message", "explanation"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def filled(cli_env: Path) -> dict[str, int]:
    with Store.create(cli_env, PASSPHRASE) as store:
        hh = store.households.add(Household(name="Familie Haddad", state="BY"))
        other = store.households.add(Household(name="Familie Yilmaz"))
        jc = store.agencies.add(Agency(name="Jobcenter München", kind=AgencyKind.JOBCENTER))
        case = store.cases.add(Case(household_id=hh.id or 0, agency_id=jc.id, title="Bürgergeld"))
        other_case = store.cases.add(Case(household_id=other.id or 0, agency_id=None,
                                          title="Kita"))
        suggested = store.deadlines.add(Deadline(
            household_id=hh.id, case_id=case.id, date=dt.date(2026, 3, 16),
            kind=DeadlineKind.SUBMIT, evidence="Bitte reichen Sie die Unterlagen ein.",
            explanation=["Bekanntgabe am 4. Tag", "zwei Wochen"]))
    return {"household": hh.id or 0, "case": case.id or 0, "other_case": other_case.id or 0,
            "suggested": suggested.id or 0}


def test_list_hides_suggested_until_asked(filled: dict[str, int],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(capsys, "deadlines", "--json") == []
    rows = run_json(capsys, "deadlines", "--include-suggested", "--json")
    assert isinstance(rows, list) and len(rows) == 1
    row = rows[0]
    assert set(row) >= FIELDS
    assert row["suggested"] is True and row["status"] == "open"
    assert row["household"] == "Familie Haddad" and row["agency"] == "Jobcenter München"
    assert row["case"] == "Bürgergeld" and row["date"] == "2026-03-16" and row["time"] is None
    assert row["explanation"] == ["Bekanntgabe am 4. Tag", "zwei Wochen"]
    assert row["title"] == "Submit documents – Jobcenter München"
    code, out, _ = run(capsys, "deadlines")
    assert code == 0 and "--include-suggested" in out


@pytest.mark.slow  # a dozen CLI runs, each deriving the store key
def test_confirm_done_dismiss_move(filled: dict[str, int],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    sid = str(filled["suggested"])
    row = run_json(capsys, "deadline", "confirm", sid, "--json")
    assert isinstance(row, dict) and row["suggested"] is False and row["revision"] == 1
    again = run_json(capsys, "deadline", "confirm", sid, "--json")
    assert isinstance(again, dict) and again["revision"] == 1  # nothing changed
    assert [r["id"] for r in run_json(capsys, "deadlines", "--json")] == [filled["suggested"]]

    moved = run_json(capsys, "deadline", "move", sid, "--date", "2026-03-20", "--time", "9:30",
                     "--json")
    assert isinstance(moved, dict)
    assert (moved["date"], moved["time"], moved["revision"]) == ("2026-03-20", "09:30", 2)

    done = run_json(capsys, "deadline", "done", sid, "--json")
    assert isinstance(done, dict) and done["status"] == "done" and done["revision"] == 3
    assert run_json(capsys, "deadlines", "--json") == []
    assert len(run_json(capsys, "deadlines", "--status", "done", "--json")) == 1  # type: ignore[arg-type]
    code, _, err = run(capsys, "deadline", "move", sid, "--date", "2026-04-01")
    assert code == 1 and err.count("\n") == 1 and "already done" in err
    dismissed = run_json(capsys, "deadline", "dismiss", sid, "--json")
    assert isinstance(dismissed, dict) and dismissed["status"] == "dismissed"
    assert len(run_json(capsys, "deadlines", "--status", "all", "--json")) == 1  # type: ignore[arg-type]


def test_add_by_hand(filled: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    row = run_json(capsys, "deadline", "add", "--household", "familie haddad",
                   "--case", str(filled["case"]), "--date", "2026-10-26", "--time", "10:15",
                   "--kind", "appointment", "--title", "Termin bei Frau K.", "--json")
    assert isinstance(row, dict)
    assert row["title"] == "Termin bei Frau K." and row["kind"] == "appointment"
    assert row["suggested"] is False and row["source_message"] is None
    assert row["agency"] == "Jobcenter München" and row["time"] == "10:15"
    listed = run_json(capsys, "deadlines", "--household", "Familie Haddad", "--json")
    assert [r["id"] for r in listed] == [row["id"]]  # type: ignore[index]
    assert run_json(capsys, "deadlines", "--household", "Familie Yilmaz", "--json") == []
    code, out, _ = run(capsys, "deadline", "add", "--household", "Familie Haddad",
                       "--date", "2026-11-02", "--kind", "follow_up", "--title", "Nachfragen")
    assert code == 0 and "Added" in out


@pytest.mark.parametrize(("args", "needle"), [
    (("deadline", "done", "999"), "No deadline with id 999"),
    (("deadline", "move", "1", "--date", "31.02.2026"), "Cannot read the date"),
    (("deadline", "move", "1", "--date", "2026-03-01", "--time", "25:00"),
     "Cannot read the time"),
    (("deadline", "add", "--household", "Niemand", "--date", "2026-03-01", "--kind", "other",
      "--title", "x"), "No household named"),
    (("deadline", "add", "--household", "Familie Haddad", "--date", "2026-03-01",
      "--kind", "other", "--title", "  "), "must not be empty"),
    (("deadlines", "--household", "Niemand"), "No household named"),
])
def test_bad_input_is_one_line_and_changes_nothing(
    filled: dict[str, int], capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...], needle: str,
) -> None:
    before = run_json(capsys, "deadlines", "--status", "all", "--include-suggested", "--json")
    code, out, err = run(capsys, *args)
    assert code == 1 and out == "" and err.count("\n") == 1 and needle in err, err
    after = run_json(capsys, "deadlines", "--status", "all", "--include-suggested", "--json")
    assert after == before


def test_case_of_another_household_is_refused(filled: dict[str, int],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "deadline", "add", "--household", "Familie Haddad", "--case",
                       str(filled["other_case"]), "--date", "2026-03-01", "--kind", "other",
                       "--title", "x")
    assert code == 1 and "does not belong" in err


def test_usage_errors_exit_2(filled: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["deadline", "add", "--household", "Familie Haddad", "--date", "2026-03-01",
              "--kind", "party", "--title", "x"])
    assert exc.value.code == 2
    capsys.readouterr()


def test_past_when_imported(store: Store) -> None:
    hh = store.households.add(Household(name="Familie Alt"))
    raw = (b"From: a@jobcenter.example\r\nSubject: x\r\nMessage-ID: <x@y>\r\n"
           b"Date: Mon, 03 Mar 2025 09:00:00 +0100\r\n\r\nText\r\n")
    msg_id = store_prepared(store, prepare_mail(raw)).id
    old = store.deadlines.add(Deadline(household_id=hh.id, date=dt.date(2025, 3, 20),
                                       kind=DeadlineKind.SUBMIT, message_id=msg_id,
                                       confirmed=True))
    by_hand = store.deadlines.add(Deadline(household_id=hh.id, date=dt.date(2025, 3, 20),
                                           kind=DeadlineKind.SUBMIT, confirmed=True))
    items = {it.deadline.id: it for it in uc.list_deadlines(store)}
    assert items[old.id].past_when_imported is True
    assert items[by_hand.id].past_when_imported is False
