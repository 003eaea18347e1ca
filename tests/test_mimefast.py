"""The fast mail parse gives exactly what the stdlib parser gives, or declines."""

from __future__ import annotations

import email
import email.policy
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helperdesk.mail.mimefast import parse_fast
from helperdesk.samples.sample_data import bulk_mails

CORPUS = Path(__file__).parent / "corpus"


def _shape(msg: Message) -> dict[str, Any]:
    """Everything the parser decides about a message, recursively."""
    out: dict[str, Any] = {
        "items": msg.items(),
        "defects": [type(d).__name__ for d in msg.defects],
        "multipart": msg.is_multipart(),
        "preamble": msg.preamble,
        "epilogue": msg.epilogue,
        "default_type": msg.get_default_type(),
    }
    payload = msg.get_payload()
    if msg.is_multipart():
        assert isinstance(payload, list)
        out["parts"] = [_shape(p) for p in payload]
    else:
        # Undecoded (8-bit bytes shown as U+FFFD) and decoded (the bytes themselves).
        out["payload"] = (payload, msg.get_payload(decode=True))
    return out


def _same_as_stdlib(raw: bytes) -> bool:
    """True if the fast parse equals the stdlib's; False if it declined."""
    fast = parse_fast(raw)
    if fast is None:
        return False
    assert _shape(fast) == _shape(email.message_from_bytes(raw, policy=email.policy.compat32))
    return True


def _variants(raw: bytes) -> list[bytes]:
    lf = raw.replace(b"\r\n", b"\n")
    return [
        raw, lf, lf.replace(b"\n", b"\r\n"), raw + b"\r\n", raw.rstrip(b"\r\n"),
        lf.replace(b"\n\n", b"\nnot a header line\nX-After: 1\n\n", 1),  # defect path
        lf.split(b"\n\n", 1)[0],  # no body, no separator
        lf.replace(b"\n", b"\r"),  # old Mac line ends: declined
    ]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.eml")), ids=lambda p: p.name)
def test_corpus_mails_parse_as_the_stdlib_parses_them(path: Path) -> None:
    results = [_same_as_stdlib(raw) for raw in _variants(path.read_bytes())]
    assert results[0], "an ordinary corpus mail should take the fast path"


def test_generated_mails_with_pdf_attachments_take_the_fast_path() -> None:
    from helperdesk.samples.pdfmake import text_to_pdf

    for raw in bulk_mails(5, size=3000, seed=2):
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        msg.make_mixed()  # type: ignore[attr-defined]
        msg.add_attachment(text_to_pdf("Bescheid"), maintype="application",  # type: ignore[attr-defined]
                           subtype="pdf", filename="b.pdf")
        assert _same_as_stdlib(msg.as_bytes(policy=email.policy.SMTP))


_HEAD = b"From: a@b.de\r\nContent-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n"
_NESTED = (b"Content-Type: multipart/alternative; boundary=in\r\n\r\n--in\r\n\r\na\r\n"
           b"--in\r\nContent-Type: text/html\r\n\r\n<b>x</b>\r\n--in--\r\n")


@pytest.mark.parametrize("body, fast", [
    (b"--XYZ\r\n\r\nhi\r\n--XYZ--\r\n", True),
    (b"preamble\r\n--XYZ  \r\nContent-Type: text/plain\r\n\r\nhi\r\n\r\n--XYZ--\r\nepi", True),
    (b"--XYZ\r\n" + _NESTED + b"\r\n--XYZ--", True),
    (b"--XYZ\r\n" + _NESTED + b"inner epilogue\r\n\r\n--XYZ--\r\n\r\n", True),
    (b"--XYZ\r\n\r\nhi\r\n--XYZ\r\n", False),  # no close delimiter: a defect
    (b"--XYZ\r\n--XYZ\r\n\r\nhi\r\n--XYZ--\r\n", False),  # doubled delimiter
    (b"no delimiter at all\r\n", False),
    (b"--XYZ\r\nContent-Type: message/rfc822\r\n\r\nFrom: x@y\r\n\r\nhi\r\n--XYZ--\r\n", False),
    (b"--XYZ\r\nContent-Type: text/plain\r\nstray line\r\n\r\nx\r\n--XYZ--\r\n", False),
    (b"--XYZextra\r\n\r\nhi\r\n--XYZ--\r\n", False),  # not a delimiter: no start
])
def test_multipart_shapes(body: bytes, fast: bool) -> None:
    assert _same_as_stdlib(_HEAD + body) is fast


_TEXT = st.lists(st.sampled_from([
    "", "text", "  indented", "--XYZx", "--in", "X: 1", "=?utf-8?q?x?=", "JVBERi0=", "\u00e4",
    "--XY", "-- XYZ", "From: someone",
]), max_size=4)
_HEADERS = st.lists(st.sampled_from([
    "Content-Type: text/plain", "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64", "Content-Disposition: attachment; filename=a.pdf",
    "X-Folded: a", " b",
]), max_size=3)
_WS = st.sampled_from(["", " ", "\t", "  "])


@st.composite
def _multipart(draw: st.DrawFn, boundary: str = "XYZ", depth: int = 0) -> list[str]:
    """The lines of a multipart body: mostly well formed, sometimes not."""
    lines = draw(_TEXT)  # preamble
    for _ in range(draw(st.integers(1, 3))):
        lines.append(f"--{boundary}{draw(_WS)}")
        if depth == 0 and draw(st.integers(0, 4)) == 0:
            lines += ["Content-Type: multipart/alternative; boundary=in", ""]
            lines += draw(_multipart("in", 1))
        else:
            lines += [*draw(_HEADERS), "", *draw(_TEXT)]
    if draw(st.integers(0, 9)):  # usually closed
        lines.append(f"--{boundary}--{draw(_WS)}")
    return lines + draw(_TEXT)  # epilogue


@settings(max_examples=400, deadline=None)
@given(_multipart(), st.sampled_from(["\r\n", "\n"]), st.booleans())
def test_random_multipart_bodies(lines: list[str], eol: str, final_eol: bool) -> None:
    body = eol.join(lines) + (eol if final_eol else "")
    raw = _HEAD.replace(b"\r\n", eol.encode()) + body.encode("utf-8")
    _same_as_stdlib(raw)  # either declines or gives exactly the stdlib's result
