"""Errors that can be found: frames in a private rotating log, nothing personal."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helperdesk.app import errorlog

SECRET = "Familie Haddad 83501BG0047112"


def _fails_with_personal_data(household: str) -> None:
    bg_nummer = household.rsplit(maxsplit=1)[-1]
    raise TypeError(f"cannot file {household} ({bg_nummer})")


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = errorlog.install(tmp_path / "log")
    try:
        yield path
    finally:
        errorlog.uninstall()


def test_a_failure_is_logged_as_frames_without_messages_or_values(log_file: Path) -> None:
    try:
        _fails_with_personal_data(SECRET)
    except TypeError as exc:
        logging.getLogger("helperdesk.test").error("task failed", exc_info=exc)
    text = log_file.read_text()
    assert "builtins.TypeError" in text
    assert "_fails_with_personal_data" in text and "test_errorlog.py" in text
    assert "Haddad" not in text and "83501BG0047112" not in text
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700


def test_third_party_arguments_are_withheld(log_file: Path) -> None:
    logging.getLogger("someone.else").warning("parsed %s", SECRET)
    logging.getLogger("storage.test").warning("%d mails", 3)
    text = log_file.read_text()
    assert "Haddad" not in text and "(message withheld)" in text and "3 mails" in text


def test_a_worker_failure_is_logged_and_the_message_says_where(
    qtbot: Any, log_file: Path
) -> None:
    from ui.workers.tasks import TaskRunner, user_message

    runner = TaskRunner()
    errors: list[BaseException] = []
    with qtbot.waitSignal(runner._relay.done, timeout=5000):
        runner.run(lambda: _fails_with_personal_data(SECRET), None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    runner.wait()
    text = log_file.read_text()
    assert "background task failed" in text and "_fails_with_personal_data" in text
    assert "Haddad" not in text
    message = user_message(errors[0])
    assert "TypeError" in message and str(log_file) in message and "Haddad" not in message


def test_cli_internal_error_names_the_log(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from helperdesk.cli import households, main

    monkeypatch.setattr(households, "household_list",
                        lambda _args: _fails_with_personal_data(SECRET))
    assert main(["init"]) == 0
    assert main(["household", "list"]) == 1
    err = capsys.readouterr().err
    assert "internal error (TypeError)" in err and "Haddad" not in err
    where = errorlog.current_log()
    errorlog.uninstall()
    assert where is not None and str(where) in err
    assert "_fails_with_personal_data" in where.read_text()
    assert "Haddad" not in where.read_text()
