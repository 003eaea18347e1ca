"""Sending through the Outbox against real servers: aiosmtpd (STARTTLS, AUTH) and Dovecot.

Faults: the SMTP server refuses (5xx), the connection drops after DATA, IMAP is
down after SMTP accepted, the app died between acceptance and filing. In every
case the mail reaches the SMTP server once and the Sent folder once.
"""

from __future__ import annotations

import email
import email.policy
from typing import Any

import pytest

from helperdesk.app import outbox
from helperdesk.app.ingest import ingest_mail
from helperdesk.app.replies import make_reply
from helperdesk.model import Agency, AgencyKind, Case, Direction, Household, IdKind, ProcessingId
from storage.accounts import Account
from storage.store import Store
from sync.connection import fingerprint_of
from sync.smtp import send_raw, settings_for

import reply_samples as rs
from dovecot_server import PASSWORD, SENT, DovecotServer, free_port
from smtp_server import USER, SmtpServer

# Each test starts Dovecot with TLS and an SMTP server (about 8 s).
pytestmark = [pytest.mark.servers, pytest.mark.slow]


def _pin(dovecot: DovecotServer) -> str:
    assert dovecot.cert is not None
    import ssl

    der = ssl.PEM_cert_to_DER_cert(dovecot.cert.read_text())
    return fingerprint_of(der)


def setup(store: Store, dovecot: DovecotServer, smtp: SmtpServer, *,
          files_sent: bool | None = False, pin: bool = True) -> tuple[int, int]:
    hh = store.households.add(Household(name="Schmidt", state="BY"))
    agency = store.agencies.add(Agency(name="Jobcenter München", kind=AgencyKind.JOBCENTER,
                                       emails=["jobcenter-ge.de"]))
    assert hh.id is not None
    case = store.cases.add(Case(household_id=hh.id, agency_id=agency.id, title="Bürgergeld",
                                processing_ids=[ProcessingId(rs.BG, IdKind.BG_NUMMER)]))
    kw: dict[str, Any] = dovecot.account_kwargs()
    account = store.accounts.add(Account(
        name="helfer", household_id=hh.id, pin_fingerprint=_pin(dovecot) if pin else None,
        smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_security="starttls",
        files_sent=files_sent, **kw))
    assert account.id is not None
    store.accounts.set_stored_password(account.id, PASSWORD)
    letter = ingest_mail(store, rs.agency_letter(reply_to=rs.AGENCY_TEAM), household_id=hh.id)
    result = make_reply(store, letter.id, text="Die Auszüge liegen bei.", account_name="helfer",
                        files=[])
    entry = outbox.keep(store, result)
    assert entry.id is not None and case.id is not None
    return entry.id, case.id


def sent_folder(dovecot: DovecotServer) -> list[bytes]:
    return [p.read_bytes() for p in dovecot.mail_files(SENT)]


def assert_sent_once(store: Store, dovecot: DovecotServer, smtp: SmtpServer, entry_id: int,
                     case_id: int) -> None:
    entry = store.outbox.get(entry_id)
    assert entry.status == "sent", entry.error
    assert len(smtp.received) == 1
    got = smtp.received[0]
    assert got.recipients == [rs.AGENCY_TEAM] and got.sender == USER
    assert email.message_from_bytes(got.data)["Message-ID"] == entry.message_id
    copies = [m for m in sent_folder(dovecot) if entry.message_id.encode() in m]
    assert len(copies) == 1
    assert all(p.name.endswith(":2,S") for p in dovecot.mail_files(SENT))  # \Seen
    stored = store.messages.get(entry.stored_ref or 0)
    assert (stored.direction, stored.case_id, stored.message_id) == (
        Direction.OUT, case_id, entry.message_id)
    assert stored.in_reply_to == rs.AGENCY_MSGID
    assert len(store.messages.ids_by_message_id([entry.message_id])) == 1


def test_send_files_once_in_sent_and_in_the_case(store: Store, dovecot_tls: DovecotServer,
                                                 smtp_server: SmtpServer) -> None:
    entry_id, case_id = setup(store, dovecot_tls, smtp_server)
    steps: list[str] = []
    outcome = outbox.send(store, entry_id, progress=steps.append)
    assert (outcome.status, outcome.filed) == ("sent", "appended")
    assert steps == ["sending", "filing"] and smtp_server.recorder.logins == [USER]
    assert_sent_once(store, dovecot_tls, smtp_server, entry_id, case_id)
    # Asking again changes nothing.
    assert outbox.retry(store) == []
    assert outbox.send(store, entry_id).status == "sent"
    assert len(smtp_server.received) == 1 and len(sent_folder(dovecot_tls)) == 1


def test_refused_then_retried(store: Store, dovecot_tls: DovecotServer,
                              smtp_server: SmtpServer) -> None:
    entry_id, case_id = setup(store, dovecot_tls, smtp_server)
    smtp_server.recorder.mode = "refuse"
    outcome = outbox.send(store, entry_id)
    assert outcome.status == "failed" and "554" in outcome.error
    assert sent_folder(dovecot_tls) == [] and store.outbox.get(entry_id).stored_ref is None
    smtp_server.recorder.mode = "ok"
    assert [o.status for o in outbox.retry(store)] == ["sent"]
    assert_sent_once(store, dovecot_tls, smtp_server, entry_id, case_id)
    assert store.outbox.get(entry_id).attempts == 2


def test_connection_dropped_after_data_is_not_sent_again(
        store: Store, dovecot_tls: DovecotServer, smtp_server: SmtpServer) -> None:
    entry_id, case_id = setup(store, dovecot_tls, smtp_server)
    smtp_server.recorder.mode = "drop"
    outcome = outbox.send(store, entry_id)
    assert outcome.status == "sent" and "did not confirm" in outcome.error
    smtp_server.recorder.mode = "ok"
    outbox.retry(store)
    assert_sent_once(store, dovecot_tls, smtp_server, entry_id, case_id)


def test_imap_down_after_smtp_accepted(store: Store, dovecot_tls: DovecotServer,
                                       smtp_server: SmtpServer) -> None:
    entry_id, case_id = setup(store, dovecot_tls, smtp_server)
    account = store.accounts.by_name("helfer")
    real_port, account.port = account.port, free_port()  # nothing listens there
    store.accounts.update(account)
    outcome = outbox.send(store, entry_id)
    assert outcome.status == "accepted" and "not yet filed in the Sent folder" in outcome.error
    assert len(smtp_server.received) == 1 and sent_folder(dovecot_tls) == []
    assert store.outbox.get(entry_id).stored_ref is not None  # already in the case
    account.port = real_port
    store.accounts.update(account)
    assert [o.status for o in outbox.retry(store)] == ["sent"]
    assert_sent_once(store, dovecot_tls, smtp_server, entry_id, case_id)


@pytest.mark.parametrize("provider_files", [True, False])
def test_crash_between_acceptance_and_filing(
        store: Store, dovecot_tls: DovecotServer, smtp_server: SmtpServer,
        provider_files: bool) -> None:
    entry_id, case_id = setup(store, dovecot_tls, smtp_server, files_sent=provider_files)
    entry = store.outbox.get(entry_id)
    account = store.accounts.by_name("helfer")
    # The app sent it and died before it could write down that the server took it.
    store.outbox.update(entry_id, status="sending", attempt=True)
    send_raw(account, PASSWORD, entry.raw, USER, entry.recipients)
    if provider_files:  # Gmail-like: the server filed the copy itself
        dovecot_tls.add_mails([entry.raw], SENT, seen=True)
    outcome = outbox.send(store, entry_id)
    assert len(smtp_server.received) == 1  # never twice
    if provider_files:
        assert (outcome.status, outcome.filed) == ("sent", "provider")
        assert_sent_once(store, dovecot_tls, smtp_server, entry_id, case_id)
    else:  # no trace of it anywhere: not sent again on its own, the helper decides
        assert outcome.status == "uncertain" and "unclear" in outcome.error
        assert outbox.retry(store) == []
        assert len(smtp_server.received) == 1


def test_accepted_before_crash_is_filed_once_even_if_already_in_sent(
        store: Store, dovecot_tls: DovecotServer, smtp_server: SmtpServer) -> None:
    entry_id, case_id = setup(store, dovecot_tls, smtp_server)
    entry = store.outbox.get(entry_id)
    account = store.accounts.by_name("helfer")
    send_raw(account, PASSWORD, entry.raw, USER, entry.recipients)
    store.outbox.update(entry_id, status="accepted", accepted=True)
    dovecot_tls.add_mails([entry.raw], SENT, seen=True)  # the APPEND happened, then the crash
    outcome = outbox.send(store, entry_id)
    assert (outcome.status, outcome.filed) == ("sent", "present")
    assert_sent_once(store, dovecot_tls, smtp_server, entry_id, case_id)


def test_untrusted_certificate_is_refused_without_a_pin(
        store: Store, dovecot_tls: DovecotServer, smtp_server: SmtpServer) -> None:
    entry_id, _ = setup(store, dovecot_tls, smtp_server, pin=False)
    outcome = outbox.send(store, entry_id)
    assert outcome.status == "failed" and "not trusted" in outcome.error
    assert _pin(dovecot_tls) in outcome.error  # what to pin, as for IMAP
    assert smtp_server.received == [] and smtp_server.recorder.logins == []


def test_implicit_tls_and_wrong_pin(dovecot_tls: DovecotServer) -> None:
    from conftest import need

    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        need(False, "aiosmtpd not installed")
    assert dovecot_tls.cert is not None
    raw = rs.agency_letter()
    with SmtpServer(dovecot_tls.cert, dovecot_tls.cert.parent / "key.pem",
                    implicit_tls=True) as server:
        account = Account(name="x", host="127.0.0.1", port=1, security="ssl",
                          username=rs.HELPER, pin_fingerprint=_pin(dovecot_tls),
                          smtp_host="127.0.0.1", smtp_port=server.port, smtp_security="ssl")
        assert settings_for(account).port == server.port
        # The fixture's server knows the Dovecot user; any other login is refused.
        from sync.errors import AuthFailed, TlsRefused

        with pytest.raises(AuthFailed):
            send_raw(account, "falsch", raw, rs.HELPER, [rs.AGENCY_TEAM])
        account.pin_fingerprint = "SHA256:" + ":".join(["AB"] * 32)
        with pytest.raises(TlsRefused, match="pinned"):
            send_raw(account, PASSWORD, raw, rs.HELPER, [rs.AGENCY_TEAM])
        assert server.received == []


def test_reply_cli_send(cli_env: Any, capsys: pytest.CaptureFixture[str],
                        dovecot_tls: DovecotServer, smtp_server: SmtpServer) -> None:
    import json

    from helperdesk.app.ingest import ingest_paper
    from helperdesk.cli import main
    from helperdesk.samples.pdfmake import text_to_pdf

    from conftest import PASSPHRASE

    with Store.create(cli_env, PASSPHRASE) as store:
        setup(store, dovecot_tls, smtp_server)
        hid = store.households.by_name("Schmidt").id
        fk = store.agencies.add(Agency(name="Familienkasse", kind=AgencyKind.FAMILIENKASSE))
        fk_case = store.cases.add(Case(household_id=hid or 0, agency_id=fk.id,
                                       title="Kindergeld"))
        paper = ingest_paper(store, text_to_pdf("Bescheinigung der Familienkasse"),
                             filename="bescheinigung.pdf", household_id=hid)
        store.messages.file(paper.id, hid, fk_case.id)
    assert main(["reply", rs.AGENCY_MSGID, "--text", "Anbei die Bescheinigung.",
                 "--attach-message", str(paper.id), "--send", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["sent"] is True and doc["problems"] == []
    assert len(smtp_server.received) == 1
    assert main(["outbox", "--json"]) == 0
    statuses = [e["status"] for e in json.loads(capsys.readouterr().out)]
    assert statuses == ["queued", "sent"]  # the first is setup()'s, not sent yet
    copies = [m for m in sent_folder(dovecot_tls) if doc["message_id"].encode() in m]
    assert len(copies) == 1
    parsed = email.message_from_bytes(copies[0], policy=email.policy.default)
    assert parsed["In-Reply-To"] == rs.AGENCY_MSGID
    assert [a.get_filename() for a in parsed.iter_attachments()] == ["bescheinigung.pdf"]
    # Passed on from the Familienkasse case to the Jobcenter case: recorded in both.
    with Store.open(cli_env, PASSPHRASE) as store:
        jc_case = store.outbox.by_message_id(doc["message_id"])
        assert jc_case is not None and jc_case.case_id is not None
        for case_id in (fk_case.id or 0, jc_case.case_id):
            (record,) = store.reply_links.passed_on(case_id)
            assert (record.message_ref, record.filename) == (paper.id, "bescheinigung.pdf")
            assert (record.from_case, record.to_case) == (fk_case.id, jc_case.case_id)
            assert record.passed is not None and record.sent_ref == jc_case.stored_ref
