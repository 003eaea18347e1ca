"""Hostile mail: linear-time limits before nh3 and the MIME parser; hypothesis fuzzing.

The big inputs of issue 11 are generated in code (helperdesk.samples.hostile)
at sizes small enough for a test; ``benchmarks/hostile_bench.py`` runs them
at full size through the sandbox and reports time and memory.
"""

from __future__ import annotations

import email.utils

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helperdesk.mail import htmlsafe
from helperdesk.mail.parse import html_to_text, parse_message, sanitise_html
from helperdesk.samples import hostile

FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])


def test_deep_html_falls_back_to_text_before_nh3() -> None:
    raw = hostile.deep_html_mail(htmlsafe.MAX_DEPTH + 50)
    parsed = parse_message(raw)
    assert "HTML too large or too deeply nested: shown as plain text" in parsed.problems
    assert parsed.text == "Hallo"
    assert parsed.html is not None and parsed.html.startswith("<pre>")
    assert "<div>" not in parsed.html


def test_html_within_limits_is_still_sanitised() -> None:
    html = "<div>" * 20 + "<p>Guten Tag</p><script>alert(1)</script>" + "</div>" * 20
    assert not htmlsafe.too_complex(html)
    assert "script" not in sanitise_html(html)
    assert html_to_text(html) == "Guten Tag"


def test_depth_and_size_are_measured_in_one_pass() -> None:
    assert htmlsafe.nesting_depth("<div><br><img src=x><p>a<div>b</div></div>") == 2
    assert htmlsafe.nesting_depth("<div/>" * 1000) == 0
    assert htmlsafe.too_complex("x" * (htmlsafe.MAX_HTML_CHARS + 1))
    assert htmlsafe.rough_text("<p>A &amp; B</p><style>p{}</style><script>x</script>C") \
        == "A & B C"
    assert htmlsafe.rough_text("<" * 1000 + "Text") == "<" * 1000 + "Text"


def test_hundreds_of_nested_multiparts_read_by_header_only() -> None:
    parsed = parse_message(hostile.deep_multipart_mail(500))
    assert "MIME structure too deeply nested: only the header was read" in parsed.problems
    assert parsed.subject == "Tiefe Teile" and parsed.from_addr == "fremd@example.org"


def test_a_megabyte_subject_is_cut() -> None:
    parsed = parse_message(hostile.long_header_mail(1024 * 1024))
    assert len(parsed.subject) == 2000 and "subject too long: cut" in parsed.problems
    assert parsed.text == "Text"


def test_many_parts_and_deep_forwards_stay_readable() -> None:
    parts = parse_message(hostile.many_parts_mail(2000))
    assert "Teil 1999" in parts.text
    forwards = parse_message(hostile.deep_rfc822_mail(300))
    assert forwards.subject == "Weitergeleitet"
    assert "MIME nesting too deep; inner parts skipped" in forwards.problems


# -- fuzzing (deterministic: derandomized, no example database) ---------------

_token = st.text(st.characters(codec="ascii", exclude_characters="\r\n"), max_size=30)
_charsets = st.sampled_from(["utf-8", "iso-8859-1", "windows-1252", "koi8-r", "utf-16",
                             "x-unknown", "", "utf-7", "gb2312"])
_ctypes = st.sampled_from(["text/plain", "text/html", "application/pdf", "message/rfc822",
                           "multipart/mixed", "multipart/alternative", "image/png",
                           "application/octet-stream", "text/calendar"])
_cte = st.sampled_from(["7bit", "8bit", "base64", "quoted-printable", "binary", "x-uue", ""])


@st.composite
def _part(draw: st.DrawFn, depth: int = 0) -> bytes:
    ctype = draw(_ctypes)
    head = (f"Content-Type: {ctype}; charset={draw(_charsets)}; boundary=b{depth}\r\n"
            f"Content-Transfer-Encoding: {draw(_cte)}\r\n")
    if draw(st.booleans()):
        head += f'Content-Disposition: attachment; filename="{draw(_token)}"\r\n'
    if ctype.startswith("multipart/") and depth < 4:
        children = draw(st.lists(_part(depth + 1), max_size=3))
        body = b"".join(b"--b%d\r\n" % depth + c + b"\r\n" for c in children)
        body += b"--b%d--\r\n" % depth if draw(st.booleans()) else b""
    else:
        body = draw(st.binary(max_size=300))
    return head.encode() + b"\r\n" + body


@st.composite
def _mail(draw: st.DrawFn) -> bytes:
    headers = [
        f"From: {draw(_token)} <{draw(_token)}@example.org>",
        f"Subject: {draw(st.sampled_from(['', '=?utf-8?b?', '=?x?q?a=FF?=', 'Hallo']))}"
        f"{draw(_token)}",
        f"Date: {draw(st.sampled_from([email.utils.formatdate(0), 'gestern', '']))}",
        f"Message-ID: <{draw(_token)}>",
        "MIME-Version: 1.0",
    ]
    head = "\r\n".join(draw(st.permutations(headers))).encode("ascii", "replace")
    extra = draw(st.binary(max_size=80))
    return head + b"\r\n" + extra + b"\r\n" + draw(_part())


@FUZZ
@given(_mail())
def test_fuzzed_mime_never_raises(raw: bytes) -> None:
    parsed = parse_message(raw)
    assert isinstance(parsed.text, str) and isinstance(parsed.problems, list)
    for att in parsed.attachments:
        assert isinstance(att.data, bytes)


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzzed_bytes_never_raise(raw: bytes) -> None:
    parse_message(raw)


_html_token = st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<br>", "<script>",
                               "</script>", "<style>", "<a href='javascript:x'>", "</a>",
                               "<img src=http://x/>", "&amp;", "&#0;", "<!--", "-->", "<",
                               ">", "Text", "ä", "\u202e", "<table><tr><td>", "<![CDATA["])


@FUZZ
@given(st.lists(_html_token, max_size=200))
def test_fuzzed_html_is_sanitised_or_text(tokens: list[str]) -> None:
    html = "".join(tokens)
    clean = sanitise_html(html)
    assert "<script" not in clean.lower() and "javascript:" not in clean.lower()
    assert "<img" not in clean.lower() or "src=" not in clean.lower()
    assert isinstance(html_to_text(html), str)
    assert isinstance(htmlsafe.rough_text(html), str)
