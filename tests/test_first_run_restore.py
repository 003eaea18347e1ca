"""First run: the passphrase rule (CLI and wizard) and restoring a store from a backup."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from helperdesk.app.passphrase import MIN_SCORE, WeakPassphrase, rate, require_strong
from helperdesk.app.restore import BackupMissing, restore_backup
from helperdesk.cli import main
from helperdesk.model import Household
from storage import secrets
from storage.errors import StoreError, StoreExists, WrongPassphrase
from storage.store import Store
from ui.dialogs.unlock.first_run import FirstRunWizard
from ui.workers.tasks import TaskRunner

from conftest import PASSPHRASE


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    with Store.create(tmp_path / "orig.db", PASSPHRASE) as store:
        store.households.add(Household(name="Familie Sicherung"))
        return store.backup(tmp_path / "backup.db")


# -- the passphrase rule ----------------------------------------------------------


@pytest.mark.parametrize("weak", ["1234", "password", "qwertzuiop", "aaaaaaaaaaaa", "Sommer2024"])
def test_weak_passphrases_are_refused_with_a_reason(weak: str) -> None:
    strength = rate(weak)
    assert not strength.acceptable and strength.score < MIN_SCORE
    assert strength.reason.startswith("Too easy to guess: ")
    with pytest.raises(WeakPassphrase, match="Too easy to guess"):
        require_strong(weak)


def test_1234_is_called_a_common_password() -> None:
    assert "passwords people use most" in rate("1234").reason


@pytest.mark.parametrize("strong", [PASSPHRASE, "Mein Hund frisst gern Kekse",
                                    "neuer Satz mit Umlaut ä"])
def test_ordinary_sentences_pass(strong: str) -> None:
    strength = rate(strong)
    assert strength.acceptable and strength.score >= MIN_SCORE and strength.reason == ""
    require_strong(strong)


def test_empty_passphrase() -> None:
    assert not rate("").acceptable


def test_cli_init_refuses_a_weak_passphrase(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("HELPERDESK_PASSPHRASE", "1234")
    assert main(["init"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("helperdesk: Too easy to guess") and err.count("\n") == 1
    assert not cli_env.exists()


def test_cli_passphrase_change_refuses_a_weak_one(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["init"]) == 0
    before = digest(cli_env)
    monkeypatch.setenv("HELPERDESK_NEW_PASSPHRASE", "1234")
    assert main(["passphrase", "change"]) == 1
    assert "Too easy to guess" in capsys.readouterr().err
    assert digest(cli_env) == before
    Store.open(cli_env, PASSPHRASE).close()  # the old passphrase still opens it


# -- restoring ------------------------------------------------------------------------


def test_restore_puts_a_checked_copy_in_place(backup: Path, tmp_path: Path) -> None:
    before = digest(backup)
    target = tmp_path / "data" / "helperdesk.db"
    with restore_backup(backup, target, PASSPHRASE) as store:
        assert [h.name for h in store.households.list_all()] == ["Familie Sicherung"]
    assert digest(backup) == before  # the person's backup file is not touched
    assert target.stat().st_mode & 0o077 == 0
    assert sorted(p.name for p in target.parent.iterdir()) == ["helperdesk.db"]


def test_restore_with_the_wrong_passphrase_leaves_nothing(backup: Path, tmp_path: Path) -> None:
    target = tmp_path / "data" / "helperdesk.db"
    with pytest.raises(WrongPassphrase):
        restore_backup(backup, target, "nicht die richtige Passphrase")
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_restore_never_overwrites_a_store(backup: Path, tmp_path: Path) -> None:
    target = tmp_path / "existing.db"
    Store.create(target, "ein ganz anderer Satz hier").close()
    before = digest(target)
    with pytest.raises(StoreExists, match="will not overwrite"):
        restore_backup(backup, target, PASSPHRASE)
    assert digest(target) == before
    assert not (tmp_path / "existing.db.restoring").exists()


def test_restore_refuses_damaged_and_missing_backups(backup: Path, tmp_path: Path) -> None:
    target = tmp_path / "data" / "helperdesk.db"
    with pytest.raises(BackupMissing, match="no backup file"):
        restore_backup(tmp_path / "nowhere.db", target, PASSPHRASE)
    damaged = tmp_path / "damaged.db"
    data = bytearray(backup.read_bytes())
    data[len(data) - 100] ^= 0xFF  # one flipped byte in the last page: its HMAC fails
    damaged.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"damaged|Wrong passphrase"):
        restore_backup(damaged, target, PASSPHRASE)
    assert not target.exists() and list(target.parent.iterdir()) == []


def test_cli_restore(backup: Path, cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["restore", str(backup)]) == 0
    assert "Restored" in capsys.readouterr().out
    assert main(["household", "list"]) == 0
    assert "Familie Sicherung" in capsys.readouterr().out
    assert main(["restore", str(backup)]) == 1  # a store is there now
    assert "will not overwrite" in capsys.readouterr().err


def test_wizard_restores_from_a_backup(
    qtbot: Any, backup: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(secrets, "status", lambda: secrets.KeyringStatus(
        False, "keyring.backends.fail.Keyring", "no password store here"))
    target = tmp_path / "data" / "helperdesk.db"
    wizard = FirstRunWizard(target, TaskRunner(synchronous=True))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.start_page.restore_store.setChecked(True)
    wizard.next()
    page = wizard.restore_page
    assert wizard.currentPage() is page and not page.isComplete()
    page.file.setText(str(backup))
    page.passphrase.setText("falsch geraten")
    assert page.isComplete()
    wizard.accept()
    assert wizard.store is None and not target.exists()
    assert "Wrong passphrase" in page.error.text() and page.error.isVisibleTo(wizard)
    page.passphrase.setText(PASSPHRASE)
    wizard.accept()
    assert wizard.store is not None
    try:
        assert [h.name for h in wizard.store.households.list_all()] == ["Familie Sicherung"]
    finally:
        wizard.store.close()
