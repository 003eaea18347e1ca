"""IMAP sync against a real Dovecot: nothing lost, nothing twice, nothing changed."""

from __future__ import annotations

import email.policy
import os
import signal
import subprocess
import sys
import threading
from email.message import EmailMessage
from pathlib import Path

import imapclient
import pytest
from tcp_proxy import FaultyProxy

from helperdesk.app import mail_sync as engine
from helperdesk.app.mail_sync import sync_account
from helperdesk.intake.prepare import Prepared
from helperdesk.samples.sample_data import bulk_mails
from storage.accounts import Account
from storage.messages import AddResult
from storage.store import Store
from sync import connection, fetcher
from sync.errors import AlreadySyncing, AuthFailed, TlsRefused
from sync.fetcher import uid_ranges

from dovecot_server import PASSWORD, USER, DovecotServer

pytestmark = pytest.mark.servers


def make_mail(subject: str, body: str = "Hallo", *, msgid: str | None = None,
              sender: str = "post@jobcenter-test.de") -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = USER
    msg["Subject"] = subject
    msg["Date"] = "Mon, 06 Jan 2025 09:00:00 +0100"
    msg["Message-ID"] = msgid or f"<{abs(hash((subject, body)))}@test>"
    msg.set_content(body)
    return msg.as_bytes(policy=email.policy.SMTP)  # CRLF, as IMAP serves it


MALFORMED = [
    b"this is not a mail at all \xff\xfe\x81 binary junk",
    b"From: =?utf-8?q?broken\r\nSubject: =?x-unknown?b?AAAA?=\r\n"
    b"Content-Type: text/plain; charset=x-does-not-exist\r\n\r\nK\xf6rper \xff\r\n",
    b"From: a@b.de\r\nSubject: cut multipart\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: multipart/mixed; boundary=XYZ\r\n\r\n--XYZ\r\n"
    b"Content-Type: application/pdf; name=x.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    b"JVBERi0xLjQK!!!notbase64",
    b"Subject: no end of headers",
]


def add_account(store: Store, server: DovecotServer, name: str = "familie",
                **overrides: object) -> Account:
    fields: dict[str, object] = {**server.account_kwargs(), **overrides}
    return store.accounts.add(Account(name=name, **fields))  # type: ignore[arg-type]


def counts(store: Store) -> tuple[int, int]:
    conn = store.conn
    messages = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
    slots = conn.execute("SELECT count(*) FROM provenance WHERE source='imap'").fetchone()[0]
    return int(messages), int(slots)


def subjects_by_uid(store: Store) -> list[str]:
    """The subject of the message each IMAP slot points at, in UID order."""
    rows = store.conn.execute(
        "SELECT m.subject FROM provenance p JOIN messages m ON m.id = p.message_ref"
        " WHERE p.source = 'imap' ORDER BY p.uid").fetchall()
    return [str(subject) for (subject,) in rows]


def server_flags(server: DovecotServer, folder: str = "INBOX") -> dict[int, tuple[bytes, ...]]:
    with imapclient.IMAPClient("127.0.0.1", port=server.port, ssl=False) as c:
        c.login(USER, PASSWORD)
        c.select_folder(folder, readonly=True)
        return {uid: d[b"FLAGS"] for uid, d in c.fetch(c.search(), ["FLAGS"]).items()}


def test_initial_sync_with_malformed_mails_then_resync_adds_nothing(
    store: Store, dovecot: DovecotServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = [make_mail(f"Bescheid {i}") for i in range(5)]
    dovecot.add_mails(good + MALFORMED)
    add_account(store, dovecot)
    calls: list[tuple[str, str, int, int]] = []

    result = sync_account(store, "familie", password=PASSWORD,
                          progress=lambda *a: calls.append(a))

    assert result.ok, result.errors
    inbox = result.folders[0]
    assert (inbox.folder, inbox.new, inbox.stored) == ("INBOX", 9, 9)
    assert counts(store) == (9, 9)
    raws = {bytes(r[0]) for r in store.conn.execute("SELECT raw FROM messages")}
    assert raws == set(good + MALFORMED)  # stored byte for byte
    problems = [r[0] for r in store.conn.execute("SELECT problems FROM messages")]
    assert sum(p != "[]" for p in problems) >= 2
    assert calls[0] == ("familie", "INBOX", 0, 9)
    assert ("familie", "INBOX", 9, 9) in calls

    # Nothing changed: each folder must end after EXAMINE (no SEARCH, no FETCH).
    # (Its speed is measured in benchmarks/sync_bench.py, not asserted here.)
    def must_not_run(*args: object) -> None:
        raise AssertionError("a no-change sync went past EXAMINE")

    monkeypatch.setattr(engine._FolderSync, "_changes", must_not_run)
    monkeypatch.setattr(engine._FolderSync, "_new_mails", must_not_run)
    again = sync_account(store, "familie", password=PASSWORD)
    assert again.ok, again.errors
    assert [(f.new, f.updated, f.deleted_on_server) for f in again.folders] == [(0, 0, 0)] * 2
    assert counts(store) == (9, 9)


def test_new_mail_and_seen_flag_untouched(store: Store, dovecot: DovecotServer) -> None:
    dovecot.add_mails([make_mail("erste")])
    add_account(store, dovecot)
    sync_account(store, "familie", password=PASSWORD)
    dovecot.add_mails([make_mail("zweite"), make_mail("dritte")])

    result = sync_account(store, "familie", password=PASSWORD)

    assert result.folders[0].new == 2
    assert counts(store) == (3, 3)
    flags = server_flags(dovecot)
    assert len(flags) == 3
    assert all(b"\\Seen" not in f for f in flags.values())  # BODY.PEEK[] only


def test_flag_change_on_server_is_recorded(store: Store, dovecot: DovecotServer) -> None:
    dovecot.add_mails([make_mail("a"), make_mail("b")])
    add_account(store, dovecot)
    sync_account(store, "familie", password=PASSWORD)
    with imapclient.IMAPClient("127.0.0.1", port=dovecot.port, ssl=False) as c:
        c.login(USER, PASSWORD)
        c.select_folder("INBOX")
        c.add_flags([1], [b"\\Seen", b"\\Flagged"])

    result = sync_account(store, "familie", password=PASSWORD)

    assert (result.folders[0].new, result.folders[0].updated) == (0, 1)
    flags = store.conn.execute(
        "SELECT flags FROM provenance WHERE folder='INBOX' AND uid=1").fetchone()[0]
    assert "\\Seen" in flags and "\\Flagged" in flags


def test_deleted_on_server_is_marked_and_kept(store: Store, dovecot: DovecotServer) -> None:
    paths = dovecot.add_mails([make_mail("bleibt"), make_mail("geht")])
    add_account(store, dovecot)
    sync_account(store, "familie", password=PASSWORD)
    paths[1].unlink()

    result = sync_account(store, "familie", password=PASSWORD)

    assert result.folders[0].deleted_on_server == 1
    assert counts(store) == (2, 2)
    rows = store.conn.execute(
        "SELECT m.subject, p.deleted_on_server FROM provenance p"
        " JOIN messages m ON m.id = p.message_ref ORDER BY p.uid").fetchall()
    assert rows[0] == ("bleibt", None)
    assert rows[1][0] == "geht" and rows[1][1] is not None
    again = sync_account(store, "familie", password=PASSWORD)
    assert again.folders[0].deleted_on_server == 0  # noticed once


def test_uidvalidity_reset_remaps_without_duplicates(
    store: Store, dovecot: DovecotServer
) -> None:
    paths = dovecot.add_mails([make_mail(f"m{i}") for i in range(4)])
    add_account(store, dovecot)
    sync_account(store, "familie", password=PASSWORD)
    before = store.conn.execute("SELECT uidvalidity FROM folder_state WHERE folder='INBOX'"
                                ).fetchone()[0]
    paths[3].unlink()
    dovecot.reset_uidvalidity()
    dovecot.add_mails([make_mail("neu nach reset")])

    result = sync_account(store, "familie", password=PASSWORD)

    after = store.conn.execute("SELECT uidvalidity FROM folder_state WHERE folder='INBOX'"
                               ).fetchone()[0]
    assert after != before
    assert result.ok
    assert result.folders[0].stored == 1  # only the really new mail is new content
    assert result.folders[0].deleted_on_server == 1  # m3 did not come back
    messages, slots = counts(store)
    assert messages == 5
    assert slots == 4 + 4  # old slots kept as history, 4 new ones
    live = store.conn.execute(
        "SELECT count(*) FROM provenance WHERE uidvalidity=? AND deleted_on_server IS NULL",
        (after,)).fetchone()[0]
    assert live == 4
    assert sync_account(store, "familie", password=PASSWORD).folders[0].new == 0


def test_sent_folder_is_outgoing_and_self_copy_is_one_message(
    store: Store, dovecot: DovecotServer
) -> None:
    self_copy = make_mail("Widerspruch gegen den Bescheid", sender=USER)
    dovecot.add_mails([make_mail("eingang"), self_copy])
    dovecot.add_mails([self_copy, make_mail("nur gesendet", sender=USER)], folder="Sent",
                      seen=True)
    add_account(store, dovecot)

    result = sync_account(store, "familie", password=PASSWORD)

    assert [f.folder for f in result.folders] == ["INBOX", "Sent"]
    assert counts(store) == (3, 4)
    rows = dict(store.conn.execute("SELECT subject, direction FROM messages").fetchall())
    assert rows["nur gesendet"] == "out"
    assert rows["eingang"] == "in"
    provs = store.conn.execute(
        "SELECT p.folder FROM provenance p JOIN messages m ON m.id=p.message_ref"
        " WHERE m.subject='Widerspruch gegen den Bescheid' ORDER BY p.folder").fetchall()
    assert [p[0] for p in provs] == ["INBOX", "Sent"]


def test_same_message_id_different_content_kept_twice(
    store: Store, dovecot: DovecotServer
) -> None:
    dovecot.add_mails([make_mail("Bescheid", "Version 1", msgid="<same@x>"),
                       make_mail("Bescheid", "Version 2", msgid="<same@x>")])
    add_account(store, dovecot)
    sync_account(store, "familie", password=PASSWORD)
    assert counts(store) == (2, 2)


def test_mail_whose_parsed_form_cannot_be_stored_is_kept_raw_and_the_batch_survives(
    store: Store, dovecot: DovecotServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fault injection: no real mail is known to break the schema, so the store
    # refuses the parsed form of one mail. The batch's fast path (one unit) is
    # rolled back and redone mail by mail; only that mail is kept raw.
    dovecot.add_mails([make_mail(f"Bescheid {i}") for i in range(3)]
                      + [make_mail("Unspeicherbar")] + [make_mail("Danach")])
    add_account(store, dovecot)
    real = engine.store_prepared

    def refusing(store_: Store, prepared: Prepared, **kw: int | None) -> AddResult:
        if prepared.message.subject == "Unspeicherbar":
            raise ValueError("refused by the schema")
        return real(store_, prepared, **kw)

    monkeypatch.setattr(engine, "store_prepared", refusing)
    result = sync_account(store, "familie", password=PASSWORD)

    assert result.ok and result.folders[0].new == 5 and result.folders[0].stored == 5
    assert counts(store) == (5, 5)
    rows = store.conn.execute("SELECT subject, problems FROM messages ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["Bescheid 0", "Bescheid 1", "Bescheid 2", "", "Danach"]
    assert "could not be stored in parsed form (ValueError)" in rows[3][1]
    hits = store.conn.execute(
        "SELECT count(*) FROM search_index WHERE search_index MATCH 'Bescheid'").fetchone()[0]
    assert hits == 3  # the parsed mails are indexed once each, none twice
    assert sync_account(store, "familie", password=PASSWORD).folders[0].new == 0


def test_same_mail_twice_in_one_batch_is_one_message_and_the_next_mail_keeps_its_content(
    store: Store, dovecot: DovecotServer
) -> None:
    twice = make_mail("Doppelt zugestellt")
    dovecot.add_mails([twice, twice, make_mail("Danach"), make_mail("Zuletzt")])
    add_account(store, dovecot)
    result = sync_account(store, "familie", password=PASSWORD)
    assert result.ok and result.folders[0].new == 4
    assert counts(store) == (3, 4)
    assert subjects_by_uid(store) == [
        "Doppelt zugestellt", "Doppelt zugestellt", "Danach", "Zuletzt"]


def test_sizes_asked_in_windows_and_batches_cut_by_bytes_lose_nothing(
    store: Store, dovecot: DovecotServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small windows and batches, so a handful of mails crosses every edge:
    # window ends, byte-bounded batches, a mail over the byte bound alone.
    monkeypatch.setattr(fetcher, "SIZE_WINDOW", 3)
    monkeypatch.setattr(fetcher, "BATCH_MAX_MAILS", 2)
    monkeypatch.setattr(fetcher, "BATCH_MAX_BYTES", 2000)
    monkeypatch.setattr(fetcher, "BIG_MAIL", 4000)
    mails = [make_mail(f"Post {i}", "x" * (5000 if i == 4 else 300 * i)) for i in range(10)]
    dovecot.add_mails(mails)
    add_account(store, dovecot)
    result = sync_account(store, "familie", password=PASSWORD)
    assert result.ok and result.folders[0].new == 10
    assert counts(store) == (10, 10)
    assert subjects_by_uid(store) == [f"Post {i}" for i in range(10)]


def test_huge_mail_is_stored_raw(store: Store, dovecot: DovecotServer) -> None:
    head = (b"From: post@familienkasse-test.de\r\nSubject: Riesige Anlage\r\n"
            b"Message-ID: <huge@test>\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n"
            b"Content-Type: application/octet-stream; name=scan.bin\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n")
    line = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n"
    huge = head + line * (26 * 1024 * 1024 // len(line)) + b"--B--\r\n"
    dovecot.add_mails([huge, make_mail("klein")])
    add_account(store, dovecot)

    result = sync_account(store, "familie", password=PASSWORD)

    assert result.ok and result.folders[0].new == 2
    row = store.conn.execute(
        "SELECT length(raw), subject, problems FROM messages WHERE message_id='<huge@test>'"
    ).fetchone()
    assert row[0] == len(huge)
    assert row[1] == "Riesige Anlage"
    assert "too large" in row[2]


def test_wrong_password_is_a_clear_error(store: Store, dovecot: DovecotServer) -> None:
    add_account(store, dovecot)
    with pytest.raises(AuthFailed, match="password rejected by the server"):
        sync_account(store, "familie", password="falsch")


def test_tls_self_signed_refused_then_pinned(store: Store, dovecot_tls: DovecotServer) -> None:
    dovecot_tls.add_mails([make_mail("über TLS")])
    add_account(store, dovecot_tls)
    with pytest.raises(TlsRefused) as info:
        sync_account(store, "familie", password=PASSWORD)
    assert "not trusted" in str(info.value)
    fingerprint = info.value.fingerprint
    assert fingerprint and fingerprint in str(info.value)
    assert "\n" not in str(info.value)
    expected = subprocess.run(
        ["openssl", "x509", "-in", str(dovecot_tls.cert), "-noout", "-fingerprint", "-sha256"],
        check=True, capture_output=True, text=True).stdout.split("=", 1)[1].strip()
    assert fingerprint == f"SHA256:{expected}"

    pinned = add_account(store, dovecot_tls, name="gepinnt", pin_fingerprint=fingerprint)
    result = sync_account(store, pinned, password=PASSWORD)
    assert result.ok and result.folders[0].new == 1

    wrong = add_account(store, dovecot_tls, name="falsch", pin_fingerprint="ab" * 32)
    with pytest.raises(TlsRefused, match="does not match the pinned"):
        sync_account(store, wrong, password=PASSWORD)


def test_plaintext_to_remote_host_is_refused(store: Store) -> None:
    from sync.errors import AccountInvalid

    store.accounts.add(Account(name="remote", host="imap.example.org", port=143,
                               security="none", username="x"))
    with pytest.raises(AccountInvalid, match="expose the password"):
        sync_account(store, "remote", password="x")


@pytest.mark.parametrize("mode", ["cut", "bye", "stall"])
def test_network_fault_ends_cleanly_then_resumes(
    store: Store, dovecot: DovecotServer, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    mails = bulk_mails(600, seed=3, size=4000)
    dovecot.add_mails(mails)
    monkeypatch.setattr(connection, "TIMEOUT_SECONDS", 1.0)
    with FaultyProxy(dovecot.port, limit=1_000_000, mode=mode) as proxy:
        add_account(store, dovecot, port=proxy.port)
        result = sync_account(store, "familie", password=PASSWORD)
        assert not result.ok
        assert proxy.faults >= 1
        errors = result.errors
        assert errors and all("\n" not in e for e in errors)
        assert any("resumes" in e or "could not connect" in e for e in errors), errors
        partial = counts(store)
        assert partial[0] < 600 and partial[0] == partial[1]

        proxy.limit = None
        again = sync_account(store, "familie", password=PASSWORD)
    assert again.ok, again.errors
    assert counts(store) == (600, 600)


def test_lock_refuses_second_sync_and_takes_over_stale(
    store: Store, dovecot: DovecotServer
) -> None:
    account = add_account(store, dovecot)
    assert account.id is not None
    import socket as _socket

    host = _socket.gethostname()
    # A live holder: this test process's parent (pytest runs under a live shell).
    store.sync_state.acquire_lock(account.id, os.getppid(), host, lambda *_: False)
    with pytest.raises(AlreadySyncing, match="account familie is already being synced"):
        sync_account(store, "familie", password=PASSWORD)
    store.sync_state.release_lock(account.id, os.getppid(), host)

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    store.sync_state.acquire_lock(account.id, dead.pid, host, lambda *_: False)
    assert sync_account(store, "familie", password=PASSWORD).ok  # stale lock taken over
    assert store.conn.execute("SELECT count(*) FROM sync_locks").fetchone()[0] == 0


def test_runs_in_worker_thread_and_can_be_cancelled(
    store: Store, dovecot: DovecotServer
) -> None:
    dovecot.add_mails(bulk_mails(30, seed=9, size=3000))
    add_account(store, dovecot)
    results = []

    def work(cancel: threading.Event | None) -> None:
        results.append(sync_account(store, "familie", password=PASSWORD, cancel=cancel))

    cancelled = threading.Event()
    cancelled.set()
    t = threading.Thread(target=work, args=(cancelled,))
    t.start()
    t.join()
    assert results[0].cancelled and not results[0].ok
    t = threading.Thread(target=work, args=(None,))
    t.start()
    t.join()
    assert results[1].ok
    assert counts(store) == (30, 30)


def test_uid_ranges() -> None:
    assert uid_ranges([]) == []
    assert uid_ranges([5, 1, 2, 3, 7, 8]) == ["1:3,5,7:8"]
    chunks = uid_ranges(range(1, 20000, 2), max_len=100)
    assert all(len(c) <= 100 for c in chunks)
    assert sum(len(c.split(",")) for c in chunks) == 10000


@pytest.mark.slow
def test_sigkill_mid_sync_then_rerun_stores_every_mail_once(
    dovecot: DovecotServer, cli_env: Path, tmp_path: Path
) -> None:
    n = 2500
    dovecot.add_mails(bulk_mails(n, seed=11, size=6000))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    cli = [sys.executable, "-m", "helperdesk"]
    subprocess.run([*cli, "init"], env=env, check=True, capture_output=True)
    subprocess.run(
        [*cli, "account", "add", "familie", "--host", "127.0.0.1", "--port", str(dovecot.port),
         "--user", USER, "--security", "none", "--password-stdin"],
        env=env, input=PASSWORD.encode(), check=True, capture_output=True,
    )
    for kill_after in (300, 1200):
        proc = subprocess.Popen([*cli, "sync", "--progress"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert proc.stderr is not None
        for line in proc.stderr:
            parts = line.decode().split()
            if parts[:1] == ["progress"] and parts[2] == "INBOX":
                done = int(parts[3].split("/")[0])
                if done >= kill_after:
                    break
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL

    final = subprocess.run([*cli, "sync", "--json"], env=env, capture_output=True, text=True,
                           check=False)
    assert final.returncode == 0, final.stderr
    with Store.open(cli_env, os.environ["HELPERDESK_PASSPHRASE"]) as store:
        messages, slots = counts(store)
        distinct = store.conn.execute(
            "SELECT count(DISTINCT uid) FROM provenance WHERE folder='INBOX'").fetchone()[0]
        locks = store.conn.execute("SELECT count(*) FROM sync_locks").fetchone()[0]
    assert (messages, slots, distinct) == (n, n, n)
    assert locks == 0
