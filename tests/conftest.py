"""Shared test setup: headless Qt, strict server requirements, store fixtures."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests read the English source texts, whatever the machine's language; i18n tests
# choose their language explicitly.
os.environ["LANGUAGE"] = "en"
os.environ.pop("HELPERDESK_PSEUDO", None)
# The error log goes to the user's state folder: never the real one in tests.
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="helperdesk-test-state-")

from storage.store import Store

PASSPHRASE = "korrekt Pferd Batterie Heftklammer"

# Fixtures for a real Dovecot server (tests/ is on sys.path: rootdir import mode).


def servers_required() -> bool:
    """In CI a missing real server is a failure, on a laptop a skip with a reason."""
    return os.environ.get("HELPERDESK_REQUIRE_SERVERS") == "1"


def need(condition: bool, reason: str) -> None:
    if condition:
        return
    if servers_required():
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    s = Store.create(store_path, PASSPHRASE)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, store_path: Path) -> Path:
    """Environment for in-process CLI calls against a fresh store path."""
    monkeypatch.setenv("HELPERDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("HELPERDESK_STORE", str(store_path))
    monkeypatch.delenv("HELPERDESK_NEW_PASSPHRASE", raising=False)
    return store_path

pytest_plugins = ["dovecot_server", "radicale_server", "smtp_server", "ui_fixtures"]
