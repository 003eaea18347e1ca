"""Sync pieces that need no server: presets, fingerprints, retries, the v1 -> v2 migration."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from storage import migrations
from storage.connection import open_connection
from storage.store import Store
from sync.connection import check_account, fingerprint_of, is_loopback, normalise_fingerprint
from sync.errors import AccountInvalid, AuthFailed, Cancelled, ServerError
from sync.providers import PRESETS, preset_for_address, preset_for_domain
from sync.retry import backoff_delays, with_retries


@pytest.mark.parametrize(("address", "host"), [
    ("anna@gmx.de", "imap.gmx.net"),
    ("Anna@GMX.NET", "imap.gmx.net"),
    ("a@web.de", "imap.web.de"),
    ("a@t-online.de", "secureimap.t-online.de"),
    ("a@googlemail.com", "imap.gmail.com"),
    ("a@hotmail.com", "outlook.office365.com"),
    ("a@live.com", "outlook.office365.com"),
    ("a@posteo.de", "posteo.de"),
    ("a@mailbox.org", "imap.mailbox.org"),
    ("a@freenet.de", "mx.freenet.de"),
    ("a@yahoo.de", "imap.mail.yahoo.com"),
])
def test_provider_lookup(address: str, host: str) -> None:
    preset = preset_for_address(address)
    assert preset is not None and preset.host == host
    assert preset.port == 993 and preset.security == "ssl"


def test_provider_unknown_and_presets_sane() -> None:
    assert preset_for_address("nachbar@eigene-domain.example") is None
    assert preset_for_address("no-at-sign") is None
    assert preset_for_domain("ionos.de") is not None
    for p in PRESETS:
        assert p.host and p.security in {"ssl", "starttls"} and p.domains


def test_fingerprints() -> None:
    fp = fingerprint_of(b"certificate bytes")
    assert fp.startswith("SHA256:") and len(fp) == 7 + 64 + 31
    canonical = normalise_fingerprint(fp)
    assert normalise_fingerprint(canonical.replace(":", "").upper()) == canonical
    with pytest.raises(AccountInvalid):
        normalise_fingerprint("SHA256:12:34")


def test_plaintext_only_to_loopback() -> None:
    from storage.accounts import Account

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("imap.gmx.net")
    check_account(Account("a", "127.0.0.1", 143, "none", "u"))
    with pytest.raises(AccountInvalid):
        check_account(Account("a", "192.168.1.5", 143, "none", "u"))
    check_account(Account("a", "192.168.1.5", 143, "none", "u", allow_insecure=True))


def test_retry_backs_off_on_network_errors_only() -> None:
    calls: list[int] = []
    waits: list[float] = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise ServerError("connection reset")
        return "ok"

    assert with_retries(flaky, attempts=4, base=0.001,
                        on_retry=lambda n, d, e: waits.append(d)) == "ok"
    assert len(calls) == 3 and len(waits) == 2 and waits[1] > waits[0] * 1.2

    def bad_password() -> None:
        calls.append(1)
        raise AuthFailed()

    calls.clear()
    with pytest.raises(AuthFailed):
        with_retries(bad_password, attempts=5, base=0.001)
    assert len(calls) == 1

    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        with_retries(flaky, attempts=3, base=10, cancel=cancel)
    delays = backoff_delays(10, base=2, cap=60, jitter=0)
    assert delays[:3] == [2, 4, 8] and max(delays) == 60


def test_v1_store_migrates_to_v2_with_sync_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = open_connection(path, "pw", create=True)
    try:
        migrations.migrate(conn, target=1)
        conn.execute("INSERT INTO meta VALUES ('store_id', 'x'), ('created', 'y')")
        conn.execute(
            "INSERT INTO messages(content_hash, raw, source, direction, imported)"
            " VALUES ('h', x'00', 'imap', 'in', 'now')")
        conn.execute(
            "INSERT INTO provenance(message_ref, source, account, folder, uidvalidity, uid,"
            " seen) VALUES (1, 'imap', 'a', 'INBOX', 7, 1, 'now')")
    finally:
        conn.close()
    with Store.open(path, "pw") as store:
        assert store.schema_version == migrations.LATEST >= 2
        row = store.conn.execute(
            "SELECT flags, internaldate, deleted_on_server FROM provenance").fetchone()
        assert row == ("[]", None, None)
        cols = {r[1] for r in store.conn.execute("PRAGMA table_info(folder_state)")}
        assert {"uidvalidity", "highest_uid", "highestmodseq", "uidnext",
                "exists_count"} <= cols
        assert store.sync_state.known_uids("a", "INBOX", 7) == {1}
