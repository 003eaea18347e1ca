"""Header fields of a mail: charsets, RFC 2047 words, addresses, Message-IDs, dates.

Never raises: what cannot be read is named in the caller's ``problems`` list.
"""

from __future__ import annotations

import binascii
import datetime as dt
import email
import email.policy
import email.utils
import re
from email.message import Message

MSGID_RE = re.compile(r"<[^<>\s]+>")
_ENCODED_WORD_RE = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_SURROGATE_RE = re.compile("[\udc80-\udcff]")
_EW_GAP_RE = re.compile(r"(\?=)[ \t\r\n]+(=\?)")

# Charsets that are in practice windows-1252 (WHATWG treats them so as well).
_CP1252_ALIASES = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1"}


def _fix_charset(name: str | None) -> str:
    cs = (name or "").strip().strip('"').lower()
    if cs in _CP1252_ALIASES:
        return "cp1252"
    return cs


def decode_bytes(data: bytes, charset: str | None, problems: list[str] | None = None) -> str:
    """Text of ``data`` in ``charset``, falling back to UTF-8 and then windows-1252.

    Undeclared 8-bit text and wrong declarations are the norm in old mail
    clients; UTF-8 is tried first when the declared charset is a single-byte
    one, because valid multi-byte UTF-8 sequences almost never occur in real
    Latin-1 text.
    """
    cs = _fix_charset(charset)
    if not data:
        return ""
    if (
        problems is not None
        and (charset or "").strip().lower() in ("us-ascii", "ascii")
        and (not data.isascii())
    ):
        problems.append("8-bit text in a part declared as us-ascii")
    if cs in ("", "cp1252") and not data.isascii():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if cs and problems is not None:
                problems.append(f"text declared as {charset} is UTF-8")
            return text
    if cs:
        try:
            return data.decode(cs)
        except LookupError:
            if problems is not None:
                problems.append(f"unknown charset {charset!r}")
        except UnicodeDecodeError:
            if problems is not None:
                problems.append(f"text not in declared charset {charset!r}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _decode_q(payload: str) -> bytes:
    raw = payload.replace("_", " ").encode("ascii", "replace")
    return binascii.a2b_qp(raw)


def _decode_b(payload: str) -> bytes:
    raw = payload.encode("ascii", "replace")
    raw += b"=" * (-len(raw) % 4)
    try:
        return binascii.a2b_base64(raw)
    except binascii.Error:
        return b""


def decode_header_value(value: str, problems: list[str] | None = None) -> str:
    """Decode a raw header value: RFC 2047 words (also broken ones) and raw 8-bit.

    Adjacent encoded words are joined without the whitespace between them
    (RFC 2047 §6.2); a word that cannot be decoded is kept as it was.
    """
    if _SURROGATE_RE.search(value):
        # Undeclared 8-bit bytes arrive as surrogate escapes; recover them.
        try:
            value = decode_bytes(value.encode("ascii", "surrogateescape"), None)
        except UnicodeEncodeError:
            value = value.encode("utf-8", "replace").decode("utf-8")
    value = _EW_GAP_RE.sub(r"\1\2", value)

    def repl(m: re.Match[str]) -> str:
        charset, enc, payload = m.group(1), m.group(2).upper(), m.group(3)
        charset = charset.split("*", 1)[0]  # RFC 2231 language suffix
        try:
            data = _decode_b(payload) if enc == "B" else _decode_q(payload)
        except (binascii.Error, ValueError):
            if problems is not None:
                problems.append("broken encoded word in header")
            return m.group(0)
        return decode_bytes(data, charset, problems)

    decoded = _ENCODED_WORD_RE.sub(repl, value)
    return " ".join(decoded.split())


def raw_header(msg: Message, name: str) -> str:
    """The raw (undecoded) value of the first ``name`` header, or ""."""
    lname = name.lower()
    for key, val in msg.raw_items():
        if key.lower() == lname:
            return str(val)
    return ""


# The everyday shapes "addr" and "Display Name <addr>" (no quotes, comments or
# lists), for which email.utils.getaddresses gives exactly these groups back;
# its character-by-character parser costs more than the whole body parse.
_PLAIN_ADDR = r"[A-Za-z0-9_%+=-]+(?:\.[A-Za-z0-9_%+=-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
_SIMPLE_ADDRESS_RE = re.compile(
    rf"(?:(?P<name>[^\x00-\x20()<>@,:;.\"\[\]\\\x7f]+(?: [^\x00-\x20()<>@,:;.\"\[\]\\\x7f]+)*)"
    rf" )?<(?P<addr>{_PLAIN_ADDR})>|(?P<bare>{_PLAIN_ADDR})"
)


def id_header(msg: Message, name: str) -> str:
    """A Message-ID style header; decoded when a sender folded it into encoded words.

    Python's own email package does that to a long In-Reply-To or References
    (it treats them as free text), and the thread would be lost.
    """
    raw = raw_header(msg, name)
    return decode_header_value(raw) if "=?" in raw else raw


def addresses(value: str) -> list[tuple[str, str]]:
    simple = _SIMPLE_ADDRESS_RE.fullmatch(value)
    if simple is not None:
        if simple.group("bare"):
            return [("", simple.group("bare"))]
        return [(simple.group("name") or "", simple.group("addr"))]
    try:
        pairs = email.utils.getaddresses([value])
    except Exception:  # malformed address lists raise various errors
        return []
    return [(name, addr) for name, addr in pairs if addr and "@" in addr]


def address_header(
    msg: Message, name: str, problems: list[str] | None = None
) -> list[tuple[str, str]]:
    """(display name, address) pairs of an address header, names decoded."""
    raw = raw_header(msg, name)
    if _SURROGATE_RE.search(raw):
        raw = decode_header_value(raw)
    raw = " ".join(raw.split())
    pairs = [(decode_header_value(n, problems), a) for n, a in addresses(raw)]
    if not pairs and "=?" in raw:
        # Some senders encode the whole value, address included.
        pairs = addresses(decode_header_value(raw))
    return pairs


def parse_date(value: str, problems: list[str]) -> dt.datetime | None:
    if not value.strip():
        return None
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        problems.append("unreadable Date header")
        return None


# ---------------------------------------------------------------------------
# HTML → text
# ---------------------------------------------------------------------------

