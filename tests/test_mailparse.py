"""Mail parsing: robustness against broken input, text extraction, quote/forward splitting."""

from __future__ import annotations

import base64
import email
import email.policy
import email.utils
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helperdesk.mail import headers
from helperdesk.mail.headers import decode_header_value
from helperdesk.mail.html_text import html_to_text
from helperdesk.mail.parse import letter_as_mail, parse_message
from helperdesk.mail.pdftext import extract_pdf_text
from helperdesk.mail.quotes import is_forward_subject, split_quoted
from helperdesk.samples.pdfmake import blank_scan_pdf, text_to_pdf


def test_missing_headers_and_empty_input() -> None:
    m = parse_message(b"")
    assert m.problems
    m = parse_message(b"just some text without headers")
    assert m.subject == "" and m.from_addr == ""
    assert any("From" in p for p in m.problems)


def test_rfc2047_subject_adjacent_and_broken_words() -> None:
    raw = (
        b"From: a@b.de\r\nSubject: =?utf-8?q?Bescheid_=C3=BCber?= =?utf-8?B?IFdvaG5nZWxk?="
        b" =?utf-8?q?kaputt\r\n\r\nx"
    )
    m = parse_message(raw)
    assert m.subject.startswith("Bescheid über Wohngeld")
    assert "kaputt" in m.subject


def test_encoded_word_in_unknown_charset_is_kept_readable() -> None:
    assert decode_header_value("=?x-unknown?q?Gr=FC=DFe?=") == "Grüße"


def test_undeclared_8bit_headers_and_body() -> None:
    raw = "From: Jörg <j@b.de>\nSubject: Änderung – wichtig\n\nGrüße aus München\n".encode()
    m = parse_message(raw)
    assert m.subject == "Änderung – wichtig"
    assert m.from_name == "Jörg"
    assert "Grüße aus München" in m.text


def test_latin1_quoted_printable() -> None:
    raw = (
        b"From: a@b.de\nSubject: x\nContent-Type: text/plain; charset=iso-8859-1\n"
        b"Content-Transfer-Encoding: quoted-printable\n\nGr=FC=DFe =80 10\n"
    )
    assert parse_message(raw).text == "Grüße € 10"  # declared Latin-1, read as cp1252


def test_utf8_declared_as_latin1_is_detected() -> None:
    raw = b"From: a@b.de\nContent-Type: text/plain; charset=iso-8859-1\n\n" + "Grüße".encode()
    m = parse_message(raw)
    assert m.text == "Grüße"
    assert m.problems


def test_unknown_charset() -> None:
    raw = b"From: a@b.de\nContent-Type: text/plain; charset=x-foo\n\nGr\xfc\xdfe\n"
    m = parse_message(raw)
    assert m.text == "Grüße"
    assert any("charset" in p for p in m.problems)


def test_bad_base64_is_salvaged_and_reported() -> None:
    good = base64.b64encode(b"Hallo Welt, alles gut.").decode()
    raw = (
        "From: a@b.de\nContent-Type: text/plain; charset=utf-8\n"
        f"Content-Transfer-Encoding: base64\n\n{good[:20]}!!**{good[20:]}\n"
    ).encode()
    m = parse_message(raw)
    assert m.text.startswith("Hallo")
    assert any("base64" in p for p in m.problems)


def test_multipart_alternative_prefers_plain() -> None:
    alt = MIMEMultipart("alternative")
    alt["From"] = "a@b.de"
    alt.attach(MIMEText("plain version", "plain"))
    alt.attach(MIMEText("<p>html version</p>", "html"))
    m = parse_message(alt.as_bytes())
    assert m.text == "plain version"
    assert m.html is not None and "html version" in m.html


def test_html_only_becomes_text_with_line_breaks() -> None:
    html = (
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<p>Erste<br>Zweite</p><div>Dritte &amp; mehr</div>"
        "<table><tr><td>A</td><td>B</td></tr><tr><td>C</td><td>D</td></tr></table>"
        "<ul><li>eins</li><li>zwei</li></ul><script>alert(1)</script>"
        "<img src='http://tracker.example/x.png'></body></html>"
    )
    text = html_to_text(html)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert lines == ["Erste", "Zweite", "Dritte & mehr", "A B", "C D", "eins", "zwei"]
    assert "alert" not in text and "color" not in text and "T" not in lines


def test_sanitised_html_has_no_remote_resources() -> None:
    msg = MIMEText("<p>x</p><img src='http://t.example/p.gif'><script>a()</script>", "html")
    msg["From"] = "a@b.de"
    m = parse_message(msg.as_bytes())
    assert m.html is not None
    assert "script" not in m.html and "http://t.example" not in m.html


def test_nested_rfc822_forward() -> None:
    inner = MIMEMultipart("mixed")
    inner["From"] = "Jobcenter München <jc@jobcenter-ge.de>"
    inner["Subject"] = "Bescheid"
    inner["Date"] = "Mon, 03 Mar 2025 10:00:00 +0100"
    inner.attach(MIMEText("BG-Nummer 12345BG0012345", "plain"))
    pdf = MIMEApplication(text_to_pdf("Bescheid"), "pdf")
    pdf.add_header("Content-Disposition", "attachment", filename="b.pdf")
    inner.attach(pdf)
    outer = MIMEMultipart("mixed")
    outer["From"] = "nachbar@example.com"
    outer["Subject"] = "Fwd: Bescheid"
    outer.attach(MIMEText("siehe Anhang", "plain"))
    outer.attach(MIMEMessage(inner))
    m = parse_message(outer.as_bytes())
    assert m.is_forward
    assert m.new_text == "siehe Anhang"
    assert "12345BG0012345" in m.quoted_text
    assert "12345BG0012345" in m.forwarded_text
    assert [a.filename for a in m.attachments] == ["b.pdf"]
    assert m.attachments[0].forwarded
    assert m.forwarded_from[0].from_addr == "jc@jobcenter-ge.de"


def test_tnef_is_kept_as_opaque_attachment() -> None:
    outer = MIMEMultipart("mixed")
    outer["From"] = "a@b.de"
    outer.attach(MIMEText("Text", "plain"))
    tnef = MIMEApplication(b"\x78\x9f\x3e\x22\x00\x01", "ms-tnef")
    outer.attach(tnef)
    m = parse_message(outer.as_bytes())
    assert [(a.filename, a.mime_type) for a in m.attachments] == [
        ("winmail.dat", "application/ms-tnef")
    ]
    assert m.attachments[0].data.startswith(b"\x78\x9f\x3e\x22")


@pytest.mark.parametrize(
    ("text", "new", "forward"),
    [
        ("Danke!\n\nAm 03.03.2025 um 10:00 schrieb Max Muster:\n> Hallo\n", "Danke!", False),
        ("Thanks\n\nOn Mon, 3 Mar 2025 at 10:00, Max <m@x.de> wrote:\n> hi\n", "Thanks", False),
        (
            "Siehe unten\n-------- Weitergeleitete Nachricht --------\nBetreff: X\n",
            "Siehe unten",
            True,
        ),
        ("ok\n-------- Original-Nachricht --------\nVon: x\n", "ok", False),
        (
            "Bitte ansehen\n\n-----Ursprüngliche Nachricht-----\nVon: A\nGesendet: B\n",
            "Bitte ansehen",
            False,
        ),
        (
            "Hallo\n\nVon: Jobcenter <a@b.de>\nGesendet: Montag\nAn: x\nBetreff: y\n\nText",
            "Hallo",
            False,
        ),
        ("Hallo\n---------- Forwarded message ---------\nFrom: a\n", "Hallo", True),
        (
            "Antwort oben\n> zitiert\n> noch mehr\nAntwort unten",
            "Antwort oben\nAntwort unten",
            False,
        ),
    ],
)
def test_split_quoted(text: str, new: str, forward: bool) -> None:
    split = split_quoted(text)
    assert split.new_text == new
    assert split.quoted_text
    assert split.forward_marker is forward


def test_am_schrieb_wrapped_over_two_lines() -> None:
    split = split_quoted(
        "Ja.\n\nAm Mo., 3. März 2025 um 10:00 Uhr schrieb Jobcenter\n<a@b.de>:\n> x"
    )
    assert split.new_text == "Ja."


def test_outlook_block_in_forward_is_forwarded_text() -> None:
    text = "Bitte kümmern\n\nVon: Jobcenter <a@b.de>\nGesendet: Mo\nAn: x\nBetreff: y\n\nInhalt"
    assert "Inhalt" in split_quoted(text, forward_subject=True).forwarded_text
    assert split_quoted(text).forwarded_text == ""


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("WG: Bescheid", True),
        ("Fwd: x", True),
        ("Fw: x", True),
        ("AW: WG: x", True),
        ("[EXTERN] WG: x", True),
        ("AW: Bescheid", False),
        ("Weitergabe", False),
    ],
)
def test_forward_subject(subject: str, expected: bool) -> None:
    assert is_forward_subject(subject) is expected


def test_letter_as_mail() -> None:
    m = letter_as_mail("Jobcenter\r\nText")
    assert m.new_text == "Jobcenter\nText" and m.quoted_text == ""


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_never_raises_on_random_bytes(raw: bytes) -> None:
    parse_message(raw)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_random_header_text(value: str) -> None:
    raw = f"From: {value}\nSubject: {value}\nDate: {value}\nContent-Type: {value}\n\n{value}"
    parse_message(raw.encode("utf-8", "surrogateescape"))


# --- pdftext ------------------------------------------------------------------


def test_pdf_text_roundtrip() -> None:
    r = extract_pdf_text(text_to_pdf("Familienkasse\nKindergeldnummer 515FK123456"))
    assert "515FK123456" in r.text and not r.needs_ocr and not r.problems


def test_pdf_image_only_needs_ocr() -> None:
    r = extract_pdf_text(blank_scan_pdf(2))
    assert r.needs_ocr and r.pages == 2


@pytest.mark.parametrize(
    "data", [b"", b"not a pdf", b"%PDF-1.4\n%%EOF", text_to_pdf("x" * 50)[:400]]
)
def test_broken_pdfs_report_problems(data: bytes) -> None:
    r = extract_pdf_text(data)
    assert r.problems and r.text == ""


def test_encrypted_pdf() -> None:
    r = extract_pdf_text(text_to_pdf("Geheim: 12345BG0012345", password="secret"))
    assert r.encrypted and r.problems and r.text == ""
    assert "password" in r.problems[0]


def test_pdf_paragraphs_and_hyphens_survive() -> None:
    # Deadline and agency rules read paragraphs: the blank lines must come back.
    r = extract_pdf_text(text_to_pdf(
        "Jobcenter München\n\nBitte reichen Sie die Unterlagen bis zum 15.03.2025 ein.\n"
        "Ihre neue Nebenkosten-\nabrechnung fehlt noch.\n\nIhr Jobcenter"))
    assert [line.rstrip() for line in r.text.split("\n")] == [
        "Jobcenter München", "", "Bitte reichen Sie die Unterlagen bis zum 15.03.2025 ein.",
        "Ihre neue Nebenkosten-", "abrechnung fehlt noch.", "", "Ihr Jobcenter",
    ]


def test_pdf_pages_are_all_read() -> None:
    r = extract_pdf_text(text_to_pdf("\n".join(f"Zeile {i}" for i in range(150))))
    assert r.pages >= 2 and "Zeile 0" in r.text and "Zeile 149" in r.text
    assert not r.problems


# -- fast paths give exactly what the stdlib gives ---------------------------------


@pytest.mark.parametrize("value", [
    "a@b.de", "Max Mustermann <max.m@example.de>", "=?utf-8?q?M=C3=BCller?= <m@x.de>",
    "Jürgen Müller <j@x.de>", "<only@addr.de>", '"Müller, Jürgen" <j@x.de>',
    "a@b.de, c@d.de", "Name (comment) <a@b.de>", "Dr. Who <who@tardis.example>",
    "broken <a@b", "no address at all", "",
])
def test_simple_address_fast_path_equals_getaddresses(value: str) -> None:
    expected = [(n, a) for n, a in email.utils.getaddresses([value]) if a and "@" in a]
    assert headers.addresses(value) == expected


def test_message_ids_folded_into_encoded_words_are_read() -> None:
    # Python's EmailMessage folds a long In-Reply-To into RFC 2047 words.
    parent = "<" + "1" * 70 + "@jobcenter-muenchen.example>"
    msg = EmailMessage()
    msg["From"] = "familie@example.net"
    msg["Subject"] = "AW: Unterlagen"
    msg["In-Reply-To"] = parent
    msg["References"] = parent
    msg.set_content("Anbei die Unterlagen.")
    raw = bytes(msg)
    assert b"=?utf-8?q?" in raw  # the shape this test is about
    parsed = parse_message(raw)
    assert parsed.in_reply_to == parent
    assert parsed.references == [parent]
