"""Reply use cases and their CLI: drafts, forwards answered to the agency, checks, audit."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
from pathlib import Path

import pytest

from helperdesk.app.audit import audit
from helperdesk.app.ingest import ingest_mail
from helperdesk.app.replies import check_mail, make_reply, resolve_message
from helperdesk.cli import main
from helperdesk.model import (
    Agency,
    AgencyKind,
    Case,
    Direction,
    Household,
    IdKind,
    Member,
    ProcessingId,
)
from helperdesk.samples.pdfmake import text_to_pdf
from i18n import format_day, set_language
from storage.accounts import Account
from storage.store import Store

import reply_samples as rs
from conftest import PASSPHRASE

BG_ID = ProcessingId(rs.BG, IdKind.BG_NUMMER, raw=rs.BG, label="BG-Nummer")


def setup_store(store: Store) -> tuple[int, int]:
    hh = store.households.add(Household(name="Schmidt", state="BY",
                                        members=[Member("Anna Schmidt")]))
    agency = store.agencies.add(Agency(name="Jobcenter München", kind=AgencyKind.JOBCENTER,
                                       emails=["jobcenter-ge.de"]))
    assert hh.id is not None
    case = store.cases.add(Case(household_id=hh.id, agency_id=agency.id, title="Bürgergeld",
                                processing_ids=[BG_ID]))
    other = store.households.add(Household(name="Yilmaz"))
    assert other.id is not None
    store.cases.add(Case(household_id=other.id, agency_id=agency.id, title="Bürgergeld",
                         processing_ids=[ProcessingId("12345BG7654321", IdKind.BG_NUMMER)]))
    store.accounts.add(Account(name="helfer", host="127.0.0.1", port=143, security="none",
                               username=rs.HELPER, household_id=hh.id))
    assert case.id is not None
    return hh.id, case.id


def test_reply_to_a_letter_goes_to_the_agency_in_its_thread(store: Store) -> None:
    hid, cid = setup_store(store)
    letter = ingest_mail(store, rs.agency_letter(reply_to=rs.AGENCY_TEAM), household_id=hid)
    assert store.messages.get(letter.id).case_id == cid
    result = make_reply(store, letter.id, text="Die Auszüge folgen per Post.")
    assert result.recipients == [rs.AGENCY_TEAM]
    assert result.draft.in_reply_to == rs.AGENCY_MSGID
    assert result.draft.subject == f"AW: Aufforderung zur Mitwirkung – BG-Nummer {rs.BG}"
    assert (result.case_id, result.account, result.problems) == (cid, "helfer", [])
    msg = email.message_from_bytes(result.raw, policy=email.policy.default)
    assert msg["From"].addresses[0].addr_spec == rs.HELPER
    assert msg["Message-ID"] == result.message_id and result.message_id.endswith("@posteo.de>")
    assert "Betroffene Person: Anna Schmidt" in msg.get_body(("plain",)).get_content()
    # The same draft checked as a file: nothing to complain about.
    assert check_mail(store, result.raw).problems == []
    # A template that says "anbei" without a file: attachment_missing.
    doc = make_reply(store, letter.id, template="unterlagen")
    assert [p.code for p in doc.problems] == ["attachment_missing"]


@pytest.mark.parametrize("kind", ["thunderbird_attached", "gmail_attached", "gmail",
                                  "outlook", "apple"])
def test_replying_on_a_forward_answers_the_agency(store: Store, kind: str) -> None:
    hid, cid = setup_store(store)
    client = kind.removesuffix("_attached")
    raw = rs.attached(client) if kind.endswith("attached") else rs.INLINE[kind]()
    fwd = ingest_mail(store, raw, household_id=hid)
    original_id = store.reply_links.original_of(fwd.id)
    assert original_id is not None and original_id != fwd.id
    original = store.messages.get(original_id)
    assert original.from_addr.endswith("@jobcenter-ge.de")
    assert (original.household_id, original.case_id) == (hid, cid)
    assert store.reply_links.forwarded_by(original_id) == rs.HOUSEHOLD
    result = make_reply(store, fwd.id, text="Hier die Antwort.")
    assert result.answered == original_id
    assert result.recipients and result.recipients[0].endswith("@jobcenter-ge.de")
    assert rs.HOUSEHOLD not in result.recipients
    assert rs.BG in result.draft.subject
    if kind.endswith("attached"):
        assert result.draft.in_reply_to == rs.AGENCY_MSGID
    assert [p.code for p in result.problems] == []


def test_forward_of_a_letter_already_stored_links_to_it(store: Store) -> None:
    hid, _cid = setup_store(store)
    letter = ingest_mail(store, rs.agency_letter(reply_to=rs.AGENCY_TEAM), household_id=hid)
    fwd = ingest_mail(store, rs.thunderbird_inline(), household_id=hid)
    assert store.reply_links.original_of(fwd.id) == letter.id
    assert make_reply(store, fwd.id).answered == letter.id


def test_resolve_by_message_id(store: Store) -> None:
    hid, _ = setup_store(store)
    letter = ingest_mail(store, rs.agency_letter(), household_id=hid)
    assert resolve_message(store, rs.AGENCY_MSGID.strip("<>")) == letter.id
    assert resolve_message(store, str(letter.id)) == letter.id


def test_audit_finds_forwards_and_sent_mail_without_id(store: Store) -> None:
    hid, cid = setup_store(store)
    ingest_mail(store, rs.agency_letter(reply_to=rs.AGENCY_TEAM), household_id=hid)
    ingest_mail(store, rs.reply_by("thunderbird"), household_id=hid, direction=Direction.OUT)
    bad = email.message.EmailMessage(policy=email.policy.SMTP)
    bad["From"], bad["To"], bad["Subject"] = rs.HOUSEHOLD, rs.AGENCY_TEAM, "Kontoauszüge"
    bad["Message-ID"], bad["Date"] = "<new@gmx.de>", "Fri, 05 Mar 2027 10:00:00 +0100"
    bad.set_content("Anbei die Auszüge.")
    sent = ingest_mail(store, bad.as_bytes(), household_id=hid, direction=Direction.OUT)
    store.messages.file(sent.id, hid, cid)
    ingest_mail(store, rs.outlook_inline(), household_id=hid)
    result = audit(store)
    by_code = {p.code: i for i in result.items for p in i.problems}
    assert {"missing_id", "not_in_thread", "attachment_missing", "forwarded"} <= set(by_code)
    assert by_code["missing_id"].message == sent.id
    forwarded = next(p for i in result.items for p in i.problems if p.code == "forwarded")
    assert format_day(dt.date(2027, 3, 3)) in forwarded.message and rs.BG in forwarded.message
    set_language("de")  # the advice in the helper's language (German here)
    try:
        german = next(p for i in audit(store).items for p in i.problems if p.code == "forwarded")
    finally:
        set_language(None)
    assert "vom 03.03.2027" in german.message and "antworten Sie" in german.message
    assert audit(store, hid + 1).items == []  # Yilmaz has nothing


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_reply_check_audit_outbox(cli_env: Path, capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    with Store.create(cli_env, PASSPHRASE) as store:
        hid, _ = setup_store(store)
        ingest_mail(store, rs.agency_letter(reply_to=rs.AGENCY_TEAM), household_id=hid)
    code, out, _ = run(capsys, "messages", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and listed[0]["message_id"] == rs.AGENCY_MSGID
    draft = tmp_path / "antwort.eml"
    code, out, _ = run(capsys, "reply", rs.AGENCY_MSGID, "--text", "Hallo", "--out",
                       str(draft), "--json")
    doc = json.loads(out)
    assert code == 0 and draft.is_file()
    assert set(doc) == {"message_id", "from", "to", "subject", "in_reply_to", "references",
                        "processing_ids", "problems", "sent"}
    assert doc["to"] == rs.AGENCY_TEAM and doc["sent"] is False and doc["problems"] == []
    assert doc["processing_ids"] == [{"kind": "bg_nummer", "value": rs.BG}]
    code, out, _ = run(capsys, "check", str(draft), "--json")
    assert code == 0 and json.loads(out) == {"household": "Schmidt", "case": "Bürgergeld",
                                             "problems": []}
    fwd = tmp_path / "fwd.eml"
    fwd.write_bytes(rs.gmail_inline())
    code, out, _ = run(capsys, "check", str(fwd), "--json")
    assert code == 0 and "forwarded" in [p["code"] for p in json.loads(out)["problems"]]
    code, out, _ = run(capsys, "reply", "1", "--template", "widerspruch", "--attach",
                       str(fwd), "--json")
    assert code == 0 and json.loads(out)["problems"] == []
    code, out, _ = run(capsys, "outbox", "--json")
    assert code == 0 and [e["status"] for e in json.loads(out)] == ["draft"]
    code, out, _ = run(capsys, "audit", "--household", "Schmidt", "--json")
    assert code == 0 and json.loads(out)["checked"] == 0
    code, _, err = run(capsys, "reply", "<nope@x>")
    assert code == 1 and "No stored message" in err and "\n" not in err.strip()
    code, _, err = run(capsys, "check", str(tmp_path / "missing.eml"))
    assert code == 1 and "no such file" in err


def test_attach_a_stored_letter_of_another_case(store: Store) -> None:
    hid, _cid = setup_store(store)
    letter = ingest_mail(store, rs.agency_letter(reply_to=rs.AGENCY_TEAM), household_id=hid)
    from helperdesk.app.ingest import ingest_paper

    paper = ingest_paper(store, text_to_pdf("Bescheinigung der Familienkasse"),
                         filename="bescheinigung.pdf", household_id=hid)
    result = make_reply(store, letter.id, text="Anbei die Bescheinigung.",
                        attach_messages=[paper.id])
    assert [p.code for p in result.problems] == []
    assert result.documents == [{"message": paper.id, "filename": "bescheinigung.pdf",
                                 "case": store.messages.get(paper.id).case_id}]
    msg = email.message_from_bytes(result.raw, policy=email.policy.default)
    assert [a.get_filename() for a in msg.iter_attachments()] == ["bescheinigung.pdf"]


def test_cli_account_smtp_settings(cli_env: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    Store.create(cli_env, PASSPHRASE).close()
    monkeypatch.setattr("sys.stdin", io.StringIO("geheim\n"))
    code, _, err = run(capsys, "account", "add", "gm", "--host", "imap.gmail.com", "--user",
                       "anna@gmail.com", "--password-stdin")
    assert code == 0, err
    code, out, _ = run(capsys, "account", "list", "--json")
    assert json.loads(out)[0]["smtp"] == {"host": "smtp.gmail.com", "port": 465,
                                          "security": "ssl", "files_sent": True}
    code, _, err = run(capsys, "account", "edit", "gm", "--smtp-host", "mail.example.org",
                       "--smtp-security", "starttls", "--files-sent", "no")
    assert code == 0, err
    code, out, _ = run(capsys, "account", "list", "--json")
    assert json.loads(out)[0]["smtp"] == {"host": "mail.example.org", "port": 587,
                                          "security": "starttls", "files_sent": False}
    code, _, err = run(capsys, "account", "edit", "gm", "--smtp-host", "mail.example.org",
                       "--smtp-security", "none")
    assert code == 1 and "plaintext SMTP" in err
