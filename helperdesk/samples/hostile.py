"""Hostile inputs, generated in code: what a stranger could send to slow or crash a parser.

Used by the tests (smaller sizes) and by ``benchmarks/hostile_bench.py``
(the sizes of issue 11). Nothing here is committed as a binary file.
"""

from __future__ import annotations

import struct
import zlib

_HEAD = (b"From: Fremde <fremd@example.org>\r\nTo: hilfe@example.de\r\n"
         b"Date: Mon, 3 Mar 2025 10:00:00 +0100\r\nMessage-ID: <hostile@example.org>\r\n"
         b"MIME-Version: 1.0\r\n")


def deep_html_mail(depth: int = 100_000) -> bytes:
    """An HTML-only mail of ``depth`` nested <div> (about 11 bytes per level)."""
    body = b"<html><body>" + b"<div>" * depth + b"Hallo" + b"</div>" * depth + b"</body></html>"
    return (_HEAD + b"Subject: Tiefes HTML\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + body)


def _spaces_deflated(size: int) -> bytes:
    """zlib data of ``size`` spaces (a multiple of 1 MiB), built without compressing it all.

    After a full flush, deflate forgets its history, so each further MiB of
    spaces compresses to the same bytes; the Adler-32 of n equal bytes has a
    closed form.
    """
    mib = 1024 * 1024
    count = max(1, size // mib)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(b" " * mib) + comp.flush(zlib.Z_FULL_FLUSH)
    n = count * mib
    low = (1 + n * 32) % 65521
    high = (n + 32 * n * (n + 1) // 2) % 65521
    return b"\x78\xda" + block * count + b"\x03\x00" + struct.pack(">I", (high << 16) | low)


def pdf_bomb(inflated: int = 1024 * 1024 * 1024) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated`` bytes of spaces."""
    stream = _spaces_deflated(inflated)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def pdf_bomb_mail(inflated: int = 1024 * 1024 * 1024) -> bytes:
    """A mail with the PDF bomb attached."""
    import base64  # noqa: PLC0415

    data = base64.encodebytes(pdf_bomb(inflated))
    return (_HEAD + b"Subject: Bescheid\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            b"--b\r\nContent-Type: text/plain\r\n\r\nAnbei.\r\n--b\r\n"
            b"Content-Type: application/pdf; name=bescheid.pdf\r\n"
            b"Content-Disposition: attachment; filename=bescheid.pdf\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n" + data + b"\r\n--b--\r\n")


def big_attachment_mail(size: int = 30 * 1024 * 1024) -> bytes:
    """A mail with one base64 attachment of ``size`` bytes."""
    import base64  # noqa: PLC0415

    block = bytes(range(256)) * 4096
    data = (block * (size // len(block) + 1))[:size]
    return (_HEAD + b"Subject: Grosser Anhang\r\nContent-Type: multipart/mixed; boundary=b\r\n"
            b"\r\n--b\r\nContent-Type: text/plain\r\n\r\nAnbei.\r\n--b\r\n"
            b"Content-Type: application/octet-stream\r\n"
            b"Content-Disposition: attachment; filename=daten.bin\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(data)
            + b"\r\n--b--\r\n")


def long_header_mail(size: int = 5 * 1024 * 1024) -> bytes:
    """A mail whose Subject is one line of ``size`` bytes."""
    return _HEAD + b"Subject: " + b"A" * size + b"\r\n\r\nText\r\n"


def many_parts_mail(parts: int = 2000) -> bytes:
    """A multipart/mixed mail of ``parts`` small text parts."""
    body = b"".join(b"--b\r\nContent-Type: text/plain\r\n\r\nTeil %d\r\n" % i
                    for i in range(parts))
    return (_HEAD + b"Subject: Viele Teile\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + body + b"--b--\r\n")


def deep_multipart_mail(depth: int = 500) -> bytes:
    """Multiparts nested ``depth`` deep, each level with its own boundary."""
    inner = b"Content-Type: text/plain\r\n\r\nInnen\r\n"
    for level in range(depth):
        boundary = b"b%d" % level
        inner = (b"Content-Type: multipart/mixed; boundary=" + boundary + b"\r\n\r\n--"
                 + boundary + b"\r\n" + inner + b"\r\n--" + boundary + b"--\r\n")
    return _HEAD + b"Subject: Tiefe Teile\r\n" + inner


def deep_rfc822_mail(depth: int = 300) -> bytes:
    """Forwarded messages nested ``depth`` deep (message/rfc822 in message/rfc822 …)."""
    inner = b"From: a@example.org\r\nSubject: Innen\r\n\r\nText\r\n"
    for _ in range(depth):
        inner = (b"From: b@example.org\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\n"
                 b"Content-Type: message/rfc822\r\n\r\n" + inner)
    return _HEAD + b"Subject: Weitergeleitet\r\nContent-Type: message/rfc822\r\n\r\n" + inner


CASES = {
    "deep HTML (100,000 <div>)": lambda: deep_html_mail(100_000),
    "PDF bomb (1 GB inflated)": lambda: pdf_bomb_mail(1024 * 1024 * 1024),
    "30 MB attachment": lambda: big_attachment_mail(30 * 1024 * 1024),
    "5 MB header line": lambda: long_header_mail(5 * 1024 * 1024),
    "2,000 MIME parts": lambda: many_parts_mail(2000),
    "500-deep multiparts": lambda: deep_multipart_mail(500),
    "300-deep message/rfc822": lambda: deep_rfc822_mail(300),
}
