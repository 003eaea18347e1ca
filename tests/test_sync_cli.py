"""The ``account`` and ``sync`` commands end to end, and where passwords are kept."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from test_sync_engine import make_mail

from helperdesk.cli import main
from storage import secrets
from storage.store import Store
from sync.credentials import keyring_user

from conftest import PASSPHRASE, need
from dovecot_server import PASSWORD, USER, DovecotServer

ROOT = Path(__file__).parent.parent


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "helperdesk", *args], env=env, input=stdin,
                          capture_output=True, text=True, check=False)


@pytest.fixture
def initialised(cli_env: Path) -> Path:
    assert run_cli("init").returncode == 0
    return cli_env


@pytest.mark.servers
@pytest.mark.keyring
def test_account_add_list_test_sync_remove(initialised: Path, dovecot: DovecotServer) -> None:
    need(secrets.status().usable, "no usable keyring backend (run under dbus-run-session)")
    dovecot.add_mails([make_mail("Einladung"), make_mail("Bescheid")])
    dovecot.add_mails([make_mail("Antwort", sender=USER)], folder="Sent", seen=True)
    assert run_cli("household", "add", "Familie Yilmaz").returncode == 0

    added = run_cli("account", "add", "yilmaz", "--host", "127.0.0.1", "--port",
                    str(dovecot.port), "--user", USER, "--security", "none",
                    "--household", "Familie Yilmaz", "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert "keyring" in added.stdout
    with Store.open(initialised, PASSPHRASE) as store:
        store_id = store.store_id
        assert store.accounts.stored_password(1) is None
    assert keyring.get_password(secrets.IMAP_SERVICE, f"yilmaz@{store_id}") == PASSWORD

    listed = run_cli("account", "list", "--json")
    assert listed.returncode == 0
    [acc] = json.loads(listed.stdout)
    assert acc["name"] == "yilmaz" and acc["household"] == "Familie Yilmaz"
    assert acc["has_password"] is True
    assert PASSWORD not in listed.stdout

    tested = run_cli("account", "test", "yilmaz", "--json")
    assert tested.returncode == 0, tested.stderr
    folders = {f["name"]: f["flags"] for f in json.loads(tested.stdout)["folders"]}
    assert "\\Sent" in folders["Sent"] and "INBOX" in folders

    synced = run_cli("sync", "--json")
    assert synced.returncode == 0, synced.stderr
    doc = json.loads(synced.stdout)["yilmaz"]
    assert doc["folders"]["INBOX"] == {"new": 2, "remapped": 0, "updated": 0,
                                       "deleted_on_server": 0, "errors": []}
    assert doc["folders"]["Sent"]["new"] == 1
    again = json.loads(run_cli("sync", "--account", "yilmaz", "--json").stdout)
    assert again["yilmaz"]["folders"]["INBOX"]["new"] == 0
    with Store.open(initialised, PASSPHRASE) as store:
        filed = store.conn.execute(
            "SELECT count(*) FROM messages m JOIN households h ON h.id = m.household_id"
            " WHERE h.name = 'Familie Yilmaz'").fetchone()[0]
    assert filed == 3

    removed = run_cli("account", "remove", "yilmaz")
    assert removed.returncode == 0
    assert keyring.get_password(secrets.IMAP_SERVICE, f"yilmaz@{store_id}") is None
    assert json.loads(run_cli("account", "list", "--json").stdout) == []


@pytest.mark.servers
def test_sync_failure_exits_1_with_one_line_per_account(
    initialised: Path, dovecot: DovecotServer
) -> None:
    added = run_cli("account", "add", "falsch", "--host", "127.0.0.1", "--port",
                    str(dovecot.port), "--user", USER, "--security", "none",
                    "--password-stdin", stdin="nicht-das-passwort\n")
    assert added.returncode == 0, added.stderr
    result = run_cli("sync")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == ["helperdesk: account falsch: password rejected by the server — "
                     "update it in Accounts ([AUTHENTICATIONFAILED] Authentication failed.)"]
    tested = run_cli("account", "test", "falsch")
    assert tested.returncode == 1 and "password rejected" in tested.stderr
    assert "Traceback" not in tested.stderr


def test_account_add_refuses_plaintext_to_remote_and_missing_password(
    initialised: Path,
) -> None:
    plain = run_cli("account", "add", "x", "--host", "imap.example.org", "--user", "u",
                    "--security", "none", "--password-stdin", stdin="pw\n")
    assert plain.returncode == 1 and "expose the password" in plain.stderr
    allowed = run_cli("account", "add", "x", "--host", "imap.example.org", "--user", "u",
                      "--security", "none", "--allow-insecure", "--password-stdin",
                      stdin="pw\n")
    assert allowed.returncode == 0, allowed.stderr
    no_tty = run_cli("account", "add", "y", "--host", "imap.gmx.net", "--user", "u", stdin="")
    assert no_tty.returncode == 1
    assert "--password-stdin" in no_tty.stderr
    bad_pin = run_cli("account", "add", "z", "--host", "imap.gmx.net", "--user", "u",
                      "--pin-fingerprint", "1234", "--password-stdin", stdin="pw\n")
    assert bad_pin.returncode == 1 and "64 hex digits" in bad_pin.stderr


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def test_without_keyring_password_goes_into_the_encrypted_store(
    initialised: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert not secrets.status().usable
    secret = "Geheim-Nur-Im-Store-4711"
    monkeypatch.setattr(sys, "stdin", io.StringIO(secret + "\n"))
    assert main(["account", "add", "ohne", "--host", "imap.gmx.net", "--user", "u@gmx.de",
                 "--password-stdin"]) == 0
    assert "encrypted store" in capsys.readouterr().out
    with Store.open(initialised, PASSPHRASE) as store:
        account = store.accounts.by_name("ohne")
        assert account.id is not None
        assert store.accounts.stored_password(account.id) == secret
        assert keyring_user(store, "ohne").startswith("ohne@")
    for path in initialised.parent.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    assert main(["account", "remove", "ohne"]) == 0
