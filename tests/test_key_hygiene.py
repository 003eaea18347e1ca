"""Key hygiene and the store file: a wrong passphrase changes nothing, Lock forgets the key,
folders 0700 and backups 0600 from creation, the passphrase taken out of the environment,
one clear line for a folder, a read-only store and a full disk."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helperdesk.cli import main
from helperdesk.cli.common import (
    PASSPHRASE_ENV,
    env_secret,
    put_back_environment,
    take_secrets_from_environment,
)
from helperdesk.model import Household
from storage import store as store_module
from storage.errors import StoreError, WrongPassphrase
from storage.store import Store
from ui.dialogs.unlock.lock import verify_passphrase

from conftest import PASSPHRASE

_WRITE_AND_CRASH = """
import os, sys
from pathlib import Path
from storage.store import Store
from helperdesk.model import Household
store = Store.open(Path(sys.argv[1]), sys.argv[2])
store.conn.execute("PRAGMA wal_autocheckpoint = 0")
store.households.add(Household(name="Familie Nach dem Absturz"))
os._exit(0)  # no close: the -wal file stays, as after a crash
"""


def _snapshot(path: Path) -> dict[str, tuple[bytes, int] | None]:
    out: dict[str, tuple[bytes, int] | None] = {}
    for suffix in ("", "-wal", "-shm"):
        p = Path(f"{path}{suffix}")
        out[suffix] = (p.read_bytes(), p.stat().st_mtime_ns) if p.exists() else None
    return out


def test_a_wrong_passphrase_changes_no_file_even_with_a_wal(store_path: Path) -> None:
    Store.create(store_path, PASSPHRASE).close()
    subprocess.run([sys.executable, "-c", _WRITE_AND_CRASH, str(store_path), PASSPHRASE],
                   check=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert Path(f"{store_path}-wal").stat().st_size > 0
    before = _snapshot(store_path)
    for attempt in ("falsch", "korrekt Pferd Batterie"):
        with pytest.raises(WrongPassphrase):
            Store.open(store_path, attempt)
        assert not verify_passphrase(store_path, attempt)
    assert _snapshot(store_path) == before
    with Store.open(store_path, PASSPHRASE) as store:
        assert [h.name for h in store.households.list_all()] == ["Familie Nach dem Absturz"]


def test_lock_closes_every_connection_and_forgets_the_key(store: Store) -> None:
    store.households.add(Household(name="Familie Lock"))
    conn = store.conn
    store.lock()
    assert store.locked
    with pytest.raises(Exception, match="closed"):
        conn.execute("SELECT 1")
    with pytest.raises(StoreError, match="locked"):
        store.households.list_all()
    assert not store.unlock("falsch")
    assert store.locked
    assert store.unlock(PASSPHRASE)
    assert [h.name for h in store.households.list_all()] == ["Familie Lock"]


def test_the_store_keeps_no_passphrase(store: Store) -> None:
    assert all(PASSPHRASE not in str(value) for value in vars(store).values())


def test_new_store_folder_is_private(tmp_path: Path) -> None:
    path = tmp_path / "neu" / "tiefer" / "store.db"
    Store.create(path, PASSPHRASE).close()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_backup_partial_file_is_private_from_creation(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the final chmod, the file must already be 0600 (created so, not fixed after).
    monkeypatch.setattr(store_module.os, "chmod", lambda *a, **k: None)
    old = os.umask(0)
    try:
        dest = store.backup(tmp_path / "backup.db")
    finally:
        os.umask(old)
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    with Store.open(dest, PASSPHRASE) as copy:
        assert copy.schema_version == store.schema_version


def test_the_passphrase_is_taken_out_of_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    taken = take_secrets_from_environment()
    try:
        assert PASSPHRASE_ENV not in os.environ
        assert env_secret(PASSPHRASE_ENV) == PASSPHRASE
    finally:
        put_back_environment(taken)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def test_a_folder_given_as_the_store_is_named(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _run(capsys, "--store", str(tmp_path), "household", "list")
    assert code == 1
    assert err.count("\n") == 1 and "is a folder, not a store file" in err
    assert "internal error" not in err


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
            check=False, capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a small tmpfs")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_during_import_is_one_line_and_loses_nothing(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = small_disk / "store.db"
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    assert _run(capsys, "--store", str(path), "init")[0] == 0
    assert _run(capsys, "--store", str(path), "household", "add", "Familie Voll")[0] == 0
    big = tmp_path / "gross.eml"
    noise = os.urandom(900 * 1024).hex()  # does not compress: fills the disk
    big.write_text(f"From: a@b.de\nSubject: Gross\n\n{noise}\n")
    code, err = _run(capsys, "--store", str(path), "import", str(big))
    assert code == 1
    assert err.count("\n") == 1 and "full" in err, err
    with Store.open(path, PASSPHRASE) as store:
        assert [h.name for h in store.households.list_all()] == ["Familie Voll"]
        assert store.messages.find() == []


def test_read_only_store_is_one_line(
    small_disk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = small_disk / "store.db"
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    assert _run(capsys, "--store", str(path), "init")[0] == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    code, err = _run(capsys, "--store", str(path), "household", "add", "Familie Lesen")
    assert code == 1
    assert err.count("\n") == 1 and "read-only" in err, err
