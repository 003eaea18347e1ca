"""Issue 14: agencies a new store learns (starter domains, postcodes, proposals) and
readable cases (titles, rename, agency, close, reopen) through the use cases and CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helperdesk.analysis.agency_proposal import propose_agency
from helperdesk.analysis.agency_starter import STARTER, starter_for
from helperdesk.analysis.postcodes import postcode_state, postcodes_in
from helperdesk.analysis.regions import STATES
from helperdesk.app.agencies import accept_proposal, pending_proposals, proposal_for_message
from helperdesk.app.cases import list_cases, title_for_message
from helperdesk.app.ingest import ingest_mail
from helperdesk.cli import main
from helperdesk.filing.case_titles import case_title
from helperdesk.model import Agency, AgencyKind, Case, Household
from storage.store import Store

from conftest import PASSPHRASE

K = AgencyKind

JC_LETTER = (
    "Jobcenter München\nSozialbürgerhaus Mitte\nMeindlstraße 14\n81373 München\n\n"
    "Frau Amina Yilmaz\nMusterweg 3\n80331 München\n\n"
    "Bürgergeld – Aufforderung zur Mitwirkung\n\nSehr geehrte Frau Yilmaz,\n"
    "bitte reichen Sie die Kontoauszüge innerhalb von zwei Wochen ein.\n\n"
    "Mit freundlichen Grüßen\nIhr Jobcenter München\n"
)


def mail(sender: str, subject: str, body: str, msgid: str) -> bytes:
    return (
        f"From: {sender}\r\nTo: familie@example.net\r\nSubject: {subject}\r\n"
        f"Message-ID: <{msgid}>\r\nDate: Mon, 03 Mar 2025 09:00:00 +0100\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + body.replace("\n", "\r\n")
    ).encode()


# --------------------------------------------------------------------- pure parts


def test_starter_directory_is_well_formed() -> None:
    domains = [s.domain for s in STARTER]
    assert len(domains) == len(set(domains))
    assert all(s.state is None or s.state in STATES for s in STARTER)
    for needed in ("jobcenter-ge.de", "arbeitsagentur.de", "drv-bund.de", "aok.de", "tk.de",
                   "sozialgerichtsbarkeit.de", "muenchen.de", "berlin.de", "hamburg.de"):
        assert needed in domains
    found = starter_for("Poststelle@LEA.Berlin.de")
    assert found is not None and found.domain == "berlin.de" and found.state == "BE"
    assert starter_for("someone@example.org") is None


@pytest.mark.parametrize(
    ("code", "state"),
    [("80331", "BY"), ("10115", "BE"), ("04109", None), ("14467", None), ("01067", None),
     ("20095", "HH"), ("22041", None), ("99084", "TH"), ("70173", "BW"), ("1234", None),
     ("abcde", None)],
)
def test_postcode_state_is_safe_where_ambiguous(code: str, state: str | None) -> None:
    assert postcode_state(code) == state


def test_postcodes_in_text() -> None:
    assert postcodes_in("Meindlstraße 14\n81373 München\nTel. 089 12345 678") == ["81373"]


def test_proposal_from_letterhead_with_land_from_postcode() -> None:
    p = propose_agency(kind=K.JOBCENTER, name="Jobcenter München",
                       from_addr="Jobcenter-Muenchen@jobcenter-ge.de", text=JC_LETTER)
    assert p is not None
    assert (p.kind, p.name, p.emails) == (K.JOBCENTER, "Jobcenter München",
                                          ("jobcenter-muenchen@jobcenter-ge.de",))
    assert (p.state, p.state_from) == ("BY", "postcode")


def test_no_proposal_for_known_or_generic_agencies_and_no_private_address() -> None:
    known = [Agency(name="Jobcenter München", kind=K.JOBCENTER)]
    assert propose_agency(kind=K.JOBCENTER, name="Jobcenter München", from_addr="",
                          text=JC_LETTER, directory=known) is None
    assert propose_agency(kind=K.JOBCENTER, name="Jobcenter", from_addr="x@jobcenter-ge.de",
                          text="") is None
    tk = propose_agency(kind=K.KRANKENKASSE, name="Krankenkasse", from_addr="service@tk.de",
                        text="")
    assert tk is not None and (tk.name, tk.emails) == ("Techniker Krankenkasse", ("tk.de",))
    fwd = propose_agency(kind=K.JOBCENTER, name="Jobcenter München",
                         from_addr="nachbarin@gmail.com", text=JC_LETTER)
    assert fwd is not None and fwd.emails == ()
    two_lands = JC_LETTER.replace("80331 München", "10115 Berlin")
    p = propose_agency(kind=K.JOBCENTER, name="Jobcenter München", from_addr="", text=two_lands)
    assert p is not None and p.state is None  # two Länder in the letterhead: unknown


@pytest.mark.parametrize(
    ("agency", "kind", "subject", "text", "title"),
    [
        ("Jobcenter München", K.JOBCENTER, "Aufforderung zur Mitwirkung", "Ihr Kindergeld …",
         "Jobcenter München – Bürgergeld"),
        ("Ausländerbehörde Leipzig", K.AUSLAENDERBEHOERDE, "Ihr Antrag",
         "Verlängerung Ihrer Aufenthaltserlaubnis",
         "Ausländerbehörde Leipzig – Aufenthaltserlaubnis"),
        ("Familienkasse Bayern Süd", K.FAMILIENKASSE, "", "",
         "Familienkasse Bayern Süd – Kindergeld"),
        ("Wohngeldstelle", K.WOHNGELDSTELLE, "", "", "Wohngeldstelle"),  # matter in the name
        (None, None, "AW: WG: Ihre Kontoauszüge", "", "Ihre Kontoauszüge"),
        (None, None, "Frage", "Ihr Wohngeld wird …", "Wohngeld"),
    ],
)
def test_case_titles_name_agency_and_matter(
    agency: str | None, kind: AgencyKind | None, subject: str, text: str, title: str
) -> None:
    got = case_title(agency, kind, subject, text)
    assert got == title
    assert "_" not in got


# --------------------------------------------------------------------- store and CLI


@pytest.fixture
def filed(store: Store) -> tuple[Store, int, int]:
    """A Jobcenter mail filed in a case without agency (as on a fresh store)."""
    hh = store.households.add(Household(name="Yilmaz", state="BY"))
    assert hh.id is not None
    mid = ingest_mail(store, mail("Jobcenter München <Jobcenter-Muenchen@jobcenter-ge.de>",
                                  "Aufforderung zur Mitwirkung", JC_LETTER, "jc1@x"),
                      household_id=hh.id).id
    case = store.cases.add(Case(household_id=hh.id, agency_id=None,
                                title=title_for_message(store, mid)))
    assert case.id is not None
    store.messages.file(mid, hh.id, case.id)
    return store, mid, case.id


def test_new_case_title_and_accepting_a_proposal_links_the_case(
    filed: tuple[Store, int, int],
) -> None:
    store, mid, case_id = filed
    assert store.cases.get(case_id).title == "Jobcenter München – Bürgergeld"
    proposal = proposal_for_message(store, mid)
    assert proposal is not None and proposal.state == "BY"
    assert [m for m, _ in pending_proposals(store)] == [mid]
    done = accept_proposal(store, mid)
    assert done.created and done.case_id == case_id
    assert store.cases.get(case_id).agency_id == done.agency.id
    assert store.agencies.by_name("Jobcenter München").state == "BY"
    assert proposal_for_message(store, mid) is None  # known now
    assert pending_proposals(store) == []
    rows = list_cases(store)
    assert [(r.title, r.agency, r.status) for r in rows] == [
        ("Jobcenter München – Bürgergeld", "Jobcenter München", "open")
    ]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_propose_accept_and_case_commands(
    monkeypatch: pytest.MonkeyPatch, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.create(store_path, PASSPHRASE)
    hh = store.households.add(Household(name="Yilmaz", state="BY"))
    assert hh.id is not None
    mid = ingest_mail(store, mail("Jobcenter-Muenchen@jobcenter-ge.de", "Mitwirkung", JC_LETTER,
                                  "jc2@x"), household_id=hh.id).id
    case = store.cases.add(Case(household_id=hh.id, agency_id=None, title="x"))
    store.messages.file(mid, hh.id, int(case.id or 0))
    store.close()
    monkeypatch.setenv("HELPERDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("HELPERDESK_STORE", str(store_path))

    code, out, _ = run(capsys, "agency", "propose", "--json")
    assert code == 0
    assert json.loads(out) == [{
        "message_id": mid, "kind": "jobcenter", "name": "Jobcenter München",
        "emails": ["jobcenter-muenchen@jobcenter-ge.de"], "state": "BY", "state_from": "postcode",
    }]
    code, out, _ = run(capsys, "agency", "accept", str(mid))
    assert code == 0 and "Added agency 'Jobcenter München'" in out
    code, out, err = run(capsys, "agency", "accept", str(mid))
    assert code == 1 and out == "" and err.count("\n") == 1

    cid = str(case.id)
    assert run(capsys, "case", "rename", cid, "Jobcenter München – Bürgergeld")[0] == 0
    assert run(capsys, "case", "close", cid)[0] == 0
    code, out, _ = run(capsys, "case", "list", "--json")
    rows = json.loads(out)
    assert [(r["title"], r["agency"], r["status"]) for r in rows] == [
        ("Jobcenter München – Bürgergeld", "Jobcenter München", "closed")
    ]
    assert run(capsys, "case", "reopen", cid)[0] == 0
    assert run(capsys, "case", "set-agency", cid)[0] == 0
    code, out, _ = run(capsys, "case", "list", "--household", "Yilmaz", "--json")
    assert [(r["agency"], r["status"]) for r in json.loads(out)] == [(None, "open")]
    for bad in (("case", "rename", "999", "T"), ("case", "rename", cid, "  "),
                ("case", "set-agency", cid, "Nirgendwo"), ("case", "close", "999")):
        code, out, err = run(capsys, *bad)
        assert code == 1 and err.count("\n") == 1, bad


def test_domains_starting_with_fa_are_no_finanzamt() -> None:
    from helperdesk.analysis.agency_senders import kind_for_domain

    assert kind_for_domain("x@familienkasse.example") is not K.FINANZAMT
    assert kind_for_domain("notification@facebookmail.com") is None
    assert kind_for_domain("poststelle@fa-muenchen.bayern.de") is K.FINANZAMT
    assert kind_for_domain("poststelle@finanzamt-muenchen.de") is K.FINANZAMT
