"""The command line: contracts of the foundation commands, exit codes, one-line errors."""

from __future__ import annotations

import json
import mailbox
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helperdesk.cli import main
from helperdesk.samples.pdfmake import text_to_pdf
from storage import secrets
from storage.connection import open_connection

from conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return json.loads(out)


def eml(subject: str, body: str, msgid: str, date: str = "Mon, 03 Mar 2025 09:00:00 +0100",
        sender: str = "team@jobcenter.example") -> bytes:
    return (
        f"From: Jobcenter <{sender}>\r\nTo: familie@example.net\r\nSubject: {subject}\r\n"
        f"Message-ID: {msgid}\r\nDate: {date}\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        f"{body}\r\n"
    ).encode()


@pytest.fixture
def initialised(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, _ = run(capsys, "init")
    assert code == 0 and "Created" in out
    return cli_env


def test_init_refuses_overwrite(initialised: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = initialised.read_bytes()
    code, out, err = run(capsys, "init")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "will not overwrite" in err
    assert initialised.read_bytes() == before


def test_households(initialised: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "household", "add", "Familie Haddad", "--language", "ar",
               "--state", "by")[0] == 0
    assert run(capsys, "household", "add", "Olena K", "--state", "BE", "--language", "uk")[0] == 0
    listed = run_json(capsys, "household", "list", "--json")
    assert listed == [
        {"id": 1, "name": "Familie Haddad", "language": "ar", "state": "BY"},
        {"id": 2, "name": "Olena K", "language": "uk", "state": "BE"},
    ]
    shown = run_json(capsys, "household", "show", "familie haddad", "--json")
    assert isinstance(shown, dict)
    assert shown["name"] == "Familie Haddad" and shown["cases"] == []
    code, _, err = run(capsys, "household", "add", "Familie Haddad")
    assert code == 1 and "already exists" in err
    code, _, err = run(capsys, "household", "add", "X", "--state", "XX")
    assert code == 1 and "Bundesland" in err
    code, _, err = run(capsys, "household", "show", "Niemand")
    assert code == 1 and "No household named" in err


def test_agencies(initialised: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "agency", "add", "Jobcenter München", "--kind", "jobcenter",
               "--email", "jobcenter-ge.de", "--email", "Team621@jobcenter-ge.de")[0] == 0
    agencies = run_json(capsys, "agency", "list", "--json")
    assert isinstance(agencies, list)
    assert agencies[0]["kind"] == "jobcenter"
    assert agencies[0]["emails"] == ["jobcenter-ge.de", "team621@jobcenter-ge.de"]
    code, _, err = run(capsys, "agency", "add", "Amt", "--kind", "raumfahrt")
    assert code == 1 and "unknown agency kind" in err


def test_import_eml_mbox_pdf_dedup(
    initialised: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "household", "add", "Familie Haddad")
    one = tmp_path / "one.eml"
    one.write_bytes(eml("Einladung", "Termin am 12.01.2027", "<1@x>"))
    box_path = tmp_path / "post.mbox"
    box = mailbox.mbox(box_path)
    box.add(eml("Bescheid", "Bescheid über Bürgergeld", "<2@x>"))
    box.add(eml("Einladung", "Termin am 12.01.2027", "<1@x>"))  # same as one.eml
    box.flush()
    box.close()
    pdf = tmp_path / "Brief_Familienkasse.pdf"
    pdf.write_bytes(text_to_pdf("Familienkasse\nKindergeldnummer 515FK123456\nSchulbescheinigung"))
    result = run_json(capsys, "import", str(one), str(box_path), str(pdf),
                      "--household", "Familie Haddad", "--json")
    assert result == {"new": 3, "already_stored": 1, "failed": [], "read_by_ocr": 0,
                      "needs_ocr": 0, "notices": []}
    code, out, _ = run(capsys, "import", str(one), str(pdf))
    assert code == 0 and "Imported 0 new" in out and "2 already stored" in out

    msgs = run_json(capsys, "messages", "list", "--json")
    assert isinstance(msgs, list) and len(msgs) == 3
    assert {"id", "message_id", "subject", "date", "from", "direction", "household",
            "case"} <= set(msgs[0])
    paper = next(m for m in msgs if m["subject"] == "Brief Familienkasse")
    assert paper["household"] == "Familie Haddad" and paper["direction"] == "in"
    dated = next(m for m in msgs if m["message_id"] == "<2@x>")
    assert dated["date"] == "2025-03-03T09:00:00+01:00"
    # The PDF's text is extracted and searchable.
    hits = run_json(capsys, "search", "schulbescheinigung", "--json")
    assert isinstance(hits, list) and [h["subject"] for h in hits] == ["Brief Familienkasse"]
    only = run_json(capsys, "messages", "list", "--household", "Familie Haddad", "--json")
    assert isinstance(only, list) and len(only) == 3


def test_import_bad_input_reports_and_keeps_the_rest(
    initialised: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.eml"
    broken.write_bytes(b"Subject: =?utf-8?b?!!!?=\r\nContent-Type: multipart/mixed\r\n\r\n\xff\xfe")
    bad_pdf = tmp_path / "kaputt.pdf"
    bad_pdf.write_bytes(b"%PDF-1.4 this is not really a pdf")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not a mail")
    code, out, err = run(capsys, "import", str(broken), str(tmp_path / "fehlt.eml"),
                         str(bad_pdf), str(tmp_path / "notes.docx"))
    assert code == 1
    assert "fehlt.eml: no such file." in err and "notes.docx: not an .eml" in err
    assert "Imported 2 new" in out
    msgs = run_json(capsys, "messages", "list", "--json")
    assert isinstance(msgs, list) and len(msgs) == 2


def test_search_json_best_first(
    initialised: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i, (subject, body) in enumerate([
        ("Weiterbewilligungsantrag", "Bitte Antrag stellen"),
        ("Info", "Allgemeines, auch zum Weiterbewilligungsantrag"),
        ("Sonstiges", "nichts davon"),
    ]):
        p = tmp_path / f"{i}.eml"
        p.write_bytes(eml(subject, body, f"<{i}@x>"))
        run(capsys, "import", str(p))
    hits = run_json(capsys, "search", "weiterbewilligung", "--json")
    assert isinstance(hits, list)
    assert [h["subject"] for h in hits] == ["Weiterbewilligungsantrag", "Info"]
    assert run_json(capsys, "search", "gibtsnicht", "--json") == []


def test_backup_and_passphrase_change(
    initialised: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run(capsys, "household", "add", "Familie Backup")
    code, out, _ = run(capsys, "backup", str(tmp_path / "copy.db"))
    assert code == 0 and "encrypted backup" in out
    code, _, err = run(capsys, "backup", str(tmp_path / "copy.db"))
    assert code == 1 and "will not overwrite" in err
    monkeypatch.setenv("HELPERDESK_NEW_PASSPHRASE", "neuer Satz mit Umlaut ä")
    assert run(capsys, "passphrase", "change")[0] == 0
    code, _, err = run(capsys, "household", "list")
    assert code == 1 and "Wrong passphrase" in err
    monkeypatch.setenv("HELPERDESK_PASSPHRASE", "neuer Satz mit Umlaut ä")
    assert run(capsys, "household", "list")[0] == 0
    monkeypatch.setenv("HELPERDESK_PASSPHRASE", PASSPHRASE)
    listed = run_json(capsys, "--store", str(tmp_path / "copy.db"), "household", "list", "--json")
    assert isinstance(listed, list) and listed[0]["name"] == "Familie Backup"


def test_store_errors_are_one_line(
    initialised: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, _, err = run(capsys, "--store", str(tmp_path / "none.db"), "household", "list")
    assert code == 1 and err.startswith("helperdesk: No store at") and err.count("\n") == 1
    monkeypatch.setenv("HELPERDESK_PASSPHRASE", "wrong")
    before = initialised.read_bytes()
    code, _, err = run(capsys, "household", "list")
    assert code == 1 and "Wrong passphrase" in err and err.count("\n") == 1
    assert initialised.read_bytes() == before
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"\x00" * 5000)
    code, _, err = run(capsys, "--store", str(corrupt), "household", "list")
    assert code == 1 and "damaged" in err


def test_locked_store_cli(initialised: Path, capsys: pytest.CaptureFixture[str]) -> None:
    holder = open_connection(initialised, PASSPHRASE)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = run(capsys, "household", "add", "Familie Geduld")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1 and "busy" in err and err.count("\n") == 1


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["household", "frobnicate"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert "HelperDesk" in capsys.readouterr().out


def test_no_passphrase_without_terminal(tmp_path: Path) -> None:
    """A real process: no env passphrase, no TTY → one clear line, exit 1, no traceback."""
    store = tmp_path / "s.db"
    env = {**os.environ, "HELPERDESK_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "helperdesk", "--store", str(store), "init"],
                   env=env, check=True, capture_output=True)
    del env["HELPERDESK_PASSPHRASE"]
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    proc = subprocess.run(
        [sys.executable, "-m", "helperdesk", "--store", str(store), "household", "list"],
        check=False, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 1
    assert "No passphrase" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1


def test_demo_print(capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, "demo", "--print")
    assert isinstance(doc, dict)
    assert len(doc["households"]) == 4
    assert any(m["household"] is None for m in doc["messages"])  # unfiled mail to triage
    assert any(m["source"] == "paper" for m in doc["messages"])
    assert not Path(doc["store"]).exists()  # deleted on exit


class TestKeyring:
    """'Remember on this computer' with a real backend, and honesty without one."""

    def test_remember_and_forget(
        self, initialised: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        from conftest import need

        need(secrets.status().usable, "no usable keyring backend (run under packaging/test.sh)")
        code, _, err = run(capsys, "passphrase", "remember")
        assert code == 0, err
        try:
            assert secrets.get(secrets.STORE_SERVICE, str(initialised)) == PASSPHRASE
            monkeypatch.delenv("HELPERDESK_PASSPHRASE")
            assert run(capsys, "household", "list")[0] == 0  # unlocked from the keyring
        finally:
            assert run(capsys, "passphrase", "forget")[0] == 0
        assert secrets.get(secrets.STORE_SERVICE, str(initialised)) is None

    def test_no_backend_says_so_and_writes_nothing(
        self, initialised: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    ) -> None:
        import keyring
        import keyring.backends.fail

        previous = keyring.get_keyring()
        keyring.set_keyring(keyring.backends.fail.Keyring())
        try:
            assert not secrets.status().usable
            code, _, err = run(capsys, "passphrase", "remember")
        finally:
            keyring.set_keyring(previous)
        assert code == 1 and "not remembered" in err and "no password store" in err
        for f in tmp_path.rglob("*"):
            if f.is_file():
                assert PASSPHRASE.encode() not in f.read_bytes()


def test_import_large_mbox_in_parallel(
    initialised: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Enough mails to use the worker processes; every one stored once."""
    from helperdesk.app.batch import POOL_THRESHOLD
    from helperdesk.samples.sample_data import bulk_mails

    mails = bulk_mails(POOL_THRESHOLD + 20, size=1500)
    box_path = tmp_path / "many.mbox"
    box = mailbox.mbox(box_path)
    for raw in mails:
        box.add(raw)
    box.add(mails[0])  # a duplicate inside the file
    box.flush()
    box.close()
    result = run_json(capsys, "import", str(box_path), "--json")
    assert result == {"new": len(mails), "already_stored": 1, "failed": [], "read_by_ocr": 0,
                      "needs_ocr": 0, "notices": []}
    listed = run_json(capsys, "messages", "list", "--json")
    assert isinstance(listed, list) and len(listed) == len(mails)
