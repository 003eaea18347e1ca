"""Safe attachment names: shown and offered names carry no path, control or bidi characters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helperdesk.cli import main
from helperdesk.mail.filenames import MAX_CHARS, mismatch, safe_filename


@pytest.mark.parametrize(("raw", "safe"), [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\system.ini", "system.ini"),
    ("rechnung\u202efdp.exe", "rechnungfdp.exe"),
    ("a\x00b.pdf", "ab.pdf"),
    ("CON.txt", "_CON.txt"),
    ("lpt1", "_lpt1"),
    ("  .versteckt  ", "versteckt"),
    ("frage?<>|*.pdf", "frage_____.pdf"),
    ("", "attachment"),
    ("/", "attachment"),
    ("Bescheid vom 3.3.2025.pdf", "Bescheid vom 3.3.2025.pdf"),
    ("zero\u200bwidth\u2066iso.pdf", "zerowidthiso.pdf"),
])
def test_safe_names(raw: str, safe: str) -> None:
    assert safe_filename(raw) == safe


def test_long_names_keep_their_extension() -> None:
    name = safe_filename("x" * 500 + ".pdf")
    assert len(name) == MAX_CHARS and name.endswith(".pdf")


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(st.text(max_size=300))
def test_any_name_becomes_a_safe_base_name(raw: str) -> None:
    name = safe_filename(raw)
    assert name and len(name) <= MAX_CHARS
    assert not set(name) & set('/\\\x00<>:"|?*')
    assert all(ord(c) >= 32 and c not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
               for c in name)
    assert name == name.strip(" ")


def test_type_mismatch_is_marked() -> None:
    assert mismatch("rechnung\u202efdp.exe", "application/pdf")
    assert mismatch("bild.png", "application/pdf")
    assert mismatch("tool.exe", "application/octet-stream")
    assert not mismatch("Bescheid.pdf", "application/pdf")
    assert not mismatch("daten.bin", "application/octet-stream")
    assert not mismatch("Foto.JPG", "image/jpeg")


def test_messages_show_json_gives_safe_and_original_names(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 0
    mail = tmp_path / "anhang.eml"
    mail.write_bytes(
        b"From: a@b.de\r\nSubject: Anhang\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n"
        b"Content-Type: text/plain\r\n\r\nHallo\r\n--x\r\n"
        b"Content-Type: application/pdf\r\nContent-Disposition: attachment; "
        b"filename*=utf-8''..%2F..%2Fetc%2Fpasswd\r\n\r\nxxx\r\n--x--\r\n")
    assert main(["import", str(mail)]) == 0
    capsys.readouterr()
    assert main(["messages", "show", "1", "--json"]) == 0
    (att,) = json.loads(capsys.readouterr().out)["attachments"]
    assert att["filename"] == "passwd"
    assert att["original_filename"] == "../../etc/passwd"
    assert att["type_mismatch"] is True
