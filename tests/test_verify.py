"""Damage is noticed: helperdesk verify, the quick check at unlock, the weekly check, backup."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from helperdesk.app import integrity
from helperdesk.cli import main
from helperdesk.model import Household
from storage.store import Store
from ui.dialogs.unlock.store_check import check_store
from ui.workers.tasks import TaskRunner

from conftest import PASSPHRASE


def _filled(path: Path) -> None:
    with Store.create(path, PASSPHRASE) as store, store.transaction():
        for i in range(150):
            store.households.add(Household(name=f"Familie {i} " + "x" * 60))


def _damage(path: Path, page: int = 3) -> None:
    data = bytearray(path.read_bytes())
    offset = (page - 1) * 4096 + 100
    data[offset : offset + 16] = b"\xff" * 16  # 16 overwritten bytes, as in the audit
    path.write_bytes(bytes(data))


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_verify_passes_a_sound_store(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _filled(cli_env)
    code, out, _ = _run(capsys, "verify", "--json")
    assert code == 0
    assert json.loads(out) == {"sound": True, "complete": True, "first_damaged_page": None,
                               "problems": [], "advice": ""}


def test_verify_names_the_damaged_page_and_backup_refuses(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _filled(cli_env)
    _damage(cli_env)
    code, out, err = _run(capsys, "verify", "--json")
    assert code == 1
    doc = json.loads(out)
    assert doc["sound"] is False and doc["first_damaged_page"] == 3
    assert "HMAC verification failed for page 3" in doc["problems"]
    assert err.count("\n") == 1 and "Restore it from your last backup" in err
    dest = tmp_path / "backup.db"
    code, _, err = _run(capsys, "backup", str(dest))
    assert code == 1 and "No backup written" in err
    assert not dest.exists() and not Path(f"{dest}.partial").exists()


def test_quick_check_at_unlock_finds_a_damaged_page(store_path: Path) -> None:
    _filled(store_path)
    with Store.open(store_path, PASSPHRASE) as store:
        assert integrity.quick_check(store).sound
    _damage(store_path, 2)
    with Store.open(store_path, PASSPHRASE) as store:
        verdict = integrity.quick_check(store)
        assert not verdict.sound and verdict.first_damaged_page == 2
        assert verdict.complete


def test_weekly_full_check_runs_once_a_week(store: Store) -> None:
    now = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    assert integrity.weekly_check(store, now) is not None
    assert integrity.weekly_check(store, now + dt.timedelta(days=6)) is None
    later = integrity.weekly_check(store, now + dt.timedelta(days=7))
    assert later is not None and later.sound


def test_app_hook_warns_plainly(qtbot: Any, store_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    _filled(store_path)
    _damage(store_path)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    parent = QWidget()
    qtbot.addWidget(parent)
    with Store.open(store_path, PASSPHRASE) as store:
        verdict = check_store(parent, store, TaskRunner(synchronous=True))
    assert not verdict.sound
    assert len(shown) == 1 and "damaged (page 3 is damaged)" in shown[0]
