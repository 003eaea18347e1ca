"""Sync honesty: a changed pinned certificate is named as a possible attack, the new one is
never offered as the fix, and re-pinning needs account edit and a confirmation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helperdesk.app.mail_sync import sync_account
from storage.accounts import Account
from storage.store import Store
from sync.errors import PinMismatch

from dovecot_server import PASSWORD, DovecotServer

ROOT = Path(__file__).resolve().parent.parent
OLD = "ab" * 32


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "helperdesk", *args], env=env, input=stdin,
                          capture_output=True, text=True, check=False)


@pytest.mark.servers
def test_pin_mismatch_warns_and_does_not_coach(store: Store, dovecot_tls: DovecotServer) -> None:
    store.accounts.add(Account(name="gepinnt", **{  # type: ignore[arg-type]
        **dovecot_tls.account_kwargs(), "pin_fingerprint": OLD}))
    with pytest.raises(PinMismatch) as info:
        sync_account(store, "gepinnt", password=PASSWORD)
    text = str(info.value)
    presented = info.value.fingerprint
    assert presented is not None and presented in text  # shown, to compare
    assert info.value.pinned in text
    assert info.value.pinned.replace(":", "") == "SHA256" + OLD.upper()
    assert "may be an attack" in text and "changed" in text
    assert f"--pin-fingerprint {presented}" not in text  # never offered as the fix
    assert "account edit gepinnt --pin-fingerprint …" in text
    assert "\n" not in text


def test_account_edit_repins_only_with_confirmation(cli_env: Path) -> None:
    assert _cli("init").returncode == 0
    added = _cli("account", "add", "post", "--host", "imap.example.org", "--user", "u",
                 "--pin-fingerprint", OLD, "--password-stdin", stdin="pw\n")
    assert added.returncode == 0, added.stderr
    new = "cd" * 32
    refused = _cli("account", "edit", "post", "--pin-fingerprint", new)
    assert refused.returncode == 1
    assert "needs a confirmation" in refused.stderr
    with Store.open(cli_env, os.environ["HELPERDESK_PASSPHRASE"]) as store:
        assert store.accounts.by_name("post").pin_fingerprint.replace(":", "") == OLD
    done = _cli("account", "edit", "post", "--pin-fingerprint", new, "--yes")
    assert done.returncode == 0, done.stderr
    assert new.upper() in done.stdout.replace(":", "")
    with Store.open(cli_env, os.environ["HELPERDESK_PASSPHRASE"]) as store:
        assert store.accounts.by_name("post").pin_fingerprint.replace(":", "") == new
