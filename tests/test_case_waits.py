"""One agency waits for another: links between cases, arrival, follow-up, CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from helperdesk.app import case_waits
from helperdesk.app.ingest import ingest_mail
from helperdesk.cli import main
from helperdesk.model import Agency, AgencyKind, Case, Household, IdKind, ProcessingId
from storage.store import Store

import reply_samples as rs
from conftest import PASSPHRASE


def two_cases(store: Store) -> tuple[int, int, int]:
    hh = store.households.add(Household(name="Schmidt"))
    abh = store.agencies.add(Agency(name="Ausländerbehörde München",
                                    kind=AgencyKind.AUSLAENDERBEHOERDE))
    jc = store.agencies.add(Agency(name="Jobcenter München", kind=AgencyKind.JOBCENTER,
                                   emails=["jobcenter-ge.de"]))
    assert hh.id is not None
    a = store.cases.add(Case(household_id=hh.id, agency_id=abh.id, title="Aufenthalt"))
    b = store.cases.add(Case(household_id=hh.id, agency_id=jc.id, title="Bürgergeld",
                             processing_ids=[ProcessingId(rs.BG, IdKind.BG_NUMMER)]))
    assert a.id is not None and b.id is not None
    return hh.id, a.id, b.id


def test_link_shows_in_both_cases_until_the_document_arrives(store: Store) -> None:
    hid, abh, jc = two_cases(store)
    today = dt.date(2027, 3, 2)
    view = case_waits.link(store, abh, jc, "Bescheinigung", today=today)
    assert view.text == "waits for: Bescheinigung from Jobcenter München"
    assert view.other_text == "Ausländerbehörde München waits for: Bescheinigung"
    assert view.follow_up == dt.date(2027, 3, 16) and not view.due
    for case in (abh, jc):
        assert [v.id for v in case_waits.waits(store, case_id=case, today=today)] == [view.id]
    later = case_waits.waits(store, case_id=abh, today=dt.date(2027, 3, 16))
    assert later[0].due  # the follow-up reminder is due after 14 days
    ingest_mail(store, rs.agency_letter(), household_id=hid)  # filed in the Jobcenter case
    assert case_waits.waits(store, case_id=abh) == []
    done = case_waits.waits(store, case_id=abh, include_done=True)
    assert done[0].done and not done[0].due


def test_configurable_follow_up_and_refusals(store: Store) -> None:
    _hid, abh, jc = two_cases(store)
    store.settings.set(case_waits.FOLLOW_UP_SETTING, 7)
    view = case_waits.link(store, abh, jc, "Nachweis", today=dt.date(2027, 3, 2))
    assert view.follow_up == dt.date(2027, 3, 9)
    case_waits.mark_done(store, view.id)
    assert case_waits.waits(store) == []
    with pytest.raises(case_waits.WaitError):
        case_waits.link(store, abh, abh, "x")
    with pytest.raises(case_waits.WaitError):
        case_waits.link(store, abh, jc, "  ")
    other = store.households.add(Household(name="Yilmaz"))
    assert other.id is not None
    foreign = store.cases.add(Case(household_id=other.id, agency_id=None, title="x"))
    with pytest.raises(case_waits.WaitError):
        case_waits.link(store, abh, foreign.id or 0, "Nachweis")


def test_cli_waits(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.create(cli_env, PASSPHRASE) as store:
        _hid, abh, jc = two_cases(store)
    assert main(["waits", "add", "--case", str(abh), "--for-case", str(jc), "--document",
                 "Bescheinigung", "--days", "10", "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert added["text"] == "waits for: Bescheinigung from Jobcenter München"
    assert main(["waits", "list", "--household", "Schmidt", "--json"]) == 0
    assert [v["id"] for v in json.loads(capsys.readouterr().out)] == [added["id"]]
    assert main(["waits", "done", str(added["id"])]) == 0
    capsys.readouterr()
    assert main(["waits", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["waits", "add", "--case", str(abh), "--for-case", str(abh),
                 "--document", "x"]) == 1
