"""Parse raw RFC 5322 bytes into the fields HelperDesk stores and analyses.

Never raises on bad input: whatever cannot be read is reported as a
human-readable line in ``ParsedMail.problems`` and the caller keeps the raw
bytes untouched. Handles missing headers, broken base64, undeclared 8-bit text,
wrong or unknown charsets, broken RFC 2047 encoded words, multipart/alternative
(text/plain preferred), HTML-only mail (sanitised with nh3, converted to text),
forwarded ``message/rfc822`` parts and opaque TNEF (winmail.dat) attachments.

The text is split into what the sender wrote now (``new_text``) and the
history below it (``quoted_text``: ``>`` lines, "Am … schrieb …:", forward and
Outlook header blocks, attached forwarded messages). ``forwarded_text`` is the
part of that history that was forwarded rather than replied to, because a
forwarded letter is content while a quoted reply is already answered.
"""

from __future__ import annotations

import binascii
import datetime as dt
import email
import email.policy
import email.utils
import html as html_lib
import re
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from html.parser import HTMLParser

import nh3

from helperdesk.analysis.multiscan import LineScanner
from helperdesk.mail.htmlsafe import (
    MAX_SUBJECT_CHARS,
    as_plain_html,
    header_block,
    rough_text,
    too_complex,
    too_many_boundaries,
)
from helperdesk.mail.mimefast import parse_fast


@dataclass(frozen=True)
class ParsedAttachment:
    filename: str
    mime_type: str
    data: bytes
    forwarded: bool = False  # came from inside a forwarded (message/rfc822) mail


@dataclass(frozen=True)
class ForwardedHeader:
    """Sender and subject of a message found forwarded inside this one."""

    from_name: str
    from_addr: str
    subject: str = ""
    date: dt.datetime | None = None


@dataclass
class ParsedMail:
    message_id: str | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    date: dt.datetime | None = None
    subject: str = ""
    from_name: str = ""
    from_addr: str = ""
    to_addrs: list[str] = field(default_factory=list)
    cc_addrs: list[str] = field(default_factory=list)
    text: str = ""  # plain text for reading and analysis (HTML converted), all of it
    html: str | None = None  # sanitised HTML, if the mail had an HTML part
    attachments: list[ParsedAttachment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    new_text: str = ""  # what the sender wrote in this message
    quoted_text: str = ""  # history below it: quotes, forwarded mails
    forwarded_text: str = ""  # the forwarded part of the history (empty for plain replies)
    is_forward: bool = False
    forwarded_from: list[ForwardedHeader] = field(default_factory=list)


_MSGID_RE = re.compile(r"<[^<>\s]+>")
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


def _raw_header(msg: Message, name: str) -> str:
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


def _id_header(msg: Message, name: str) -> str:
    """A Message-ID style header; decoded when a sender folded it into encoded words.

    Python's own email package does that to a long In-Reply-To or References
    (it treats them as free text), and the thread would be lost.
    """
    raw = _raw_header(msg, name)
    return decode_header_value(raw) if "=?" in raw else raw


def _addresses(value: str) -> list[tuple[str, str]]:
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


def _address_header(
    msg: Message, name: str, problems: list[str] | None = None
) -> list[tuple[str, str]]:
    """(display name, address) pairs of an address header, names decoded."""
    raw = _raw_header(msg, name)
    if _SURROGATE_RE.search(raw):
        raw = decode_header_value(raw)
    raw = " ".join(raw.split())
    pairs = [(decode_header_value(n, problems), a) for n, a in _addresses(raw)]
    if not pairs and "=?" in raw:
        # Some senders encode the whole value, address included.
        pairs = _addresses(decode_header_value(raw))
    return pairs


def _parse_date(value: str, problems: list[str]) -> dt.datetime | None:
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

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "tr",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "address",
        "section",
        "article",
        "header",
        "footer",
        "hr",
        "dt",
        "dd",
    }
)
_KEEP_TAGS = _BLOCK_TAGS | {
    "br",
    "td",
    "th",
    "a",
    "span",
    "b",
    "i",
    "strong",
    "em",
    "u",
    "font",
    "img",
    "thead",
    "tbody",
    "tfoot",
    "center",
    "small",
    "sup",
    "sub",
    "dl",
    "code",
    "body",
}


class _TextBuilder(HTMLParser):
    """Collects text from sanitised HTML; block ends become line breaks and
    ``<blockquote>`` content is prefixed with "> " like a plain-text quote."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.quote_depth = 0
        self.line_depth = 0

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        prefix = "> " * self.line_depth
        if text or not self.lines or self.lines[-1] != prefix.rstrip():
            self.lines.append((prefix + text).rstrip())
        self.current = []
        self.line_depth = self.quote_depth

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._flush()
        elif tag in ("td", "th"):
            self.current.append("  ")
        elif tag in _BLOCK_TAGS:
            if "".join(self.current).strip():
                self._flush()
            else:
                self.current = []
            if tag == "blockquote":
                self.quote_depth += 1
            self.line_depth = self.quote_depth

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag == "blockquote" and self.quote_depth:
                self.quote_depth -= 1
                self.line_depth = self.quote_depth

    def handle_data(self, data: str) -> None:
        if not self.current:
            self.line_depth = self.quote_depth
        self.current.append(data)

    def text(self) -> str:
        self._flush()
        out = "\n".join(self.lines)
        return re.sub(r"\n{3,}", "\n\n", out).strip()


def sanitise_html(html: str) -> str:
    """HTML safe to display: no scripts, no remote resources, only mailto links."""
    if too_complex(html):  # nh3 would take quadratic time: plain text instead
        return as_plain_html(rough_text(html))
    return nh3.clean(html, url_schemes={"mailto"}, strip_comments=True)


def html_to_text(html: str) -> str:
    """Plain text of HTML after nh3 sanitising; <br>, <p>, <div>, <tr>, <li> end lines."""
    if too_complex(html):
        return rough_text(html)
    try:
        clean = nh3.clean(
            html,
            tags=set(_KEEP_TAGS),
            clean_content_tags={"script", "style", "title", "head"},
            attributes={},
            url_schemes=set(),
            strip_comments=True,
            link_rel=None,
        )
    except Exception:  # nh3 rejects nothing in practice; never let it break parsing
        clean = html_lib.escape(re.sub(r"<[^>]*>", " ", html))
    builder = _TextBuilder()
    try:
        builder.feed(clean)
        builder.close()
    except Exception:
        return " ".join(html_lib.unescape(re.sub(r"<[^>]*>", " ", clean)).split())
    return builder.text()


# ---------------------------------------------------------------------------
# Quote / forward recognition
# ---------------------------------------------------------------------------

_FORWARD_MARKER_RE = re.compile(
    r"^[ \t>]*(?:-{2,}[ \t]*(?:Weitergeleitete Nachricht|Forwarded message|Weitergeleitete E-Mail|"
    r"Weitergeleitete Mail)[ \t]*-{2,}"
    r"|(?:Begin forwarded message|Anfang der weitergeleiteten (?:Nachricht|E-Mail))[ \t]*:?)"
    r"[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_ORIGINAL_MARKER_RE = re.compile(
    r"^[ \t>]*-{2,}[ \t]*(?:Original-?Nachricht|Original Message|Ursprüngliche Nachricht|"
    r"Ursprüngliche Mail|Originalnachricht)[ \t]*-{2,}[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# "Am 03.03.2025 um 10:00 schrieb X:" / "On Mon, 3 Mar 2025 at 10:00, X wrote:";
# clients wrap these, so allow one line break inside.
_ATTRIBUTION_RE = re.compile(
    r"^[ \t]*(?:Am|On)[ \t]+[^\n]{3,100}(?:\n[^\n]{0,100})?(?:schrieb|wrote|a écrit)"
    r"[^\n]{0,100}(?:\n[^\n]{0,80})?:[ \t]*$"
    r"|^[ \t]*[^\n>]{2,100}[ \t]schrieb(?:[ \t]am[ \t][^\n]{3,60})?:[ \t]*$",
    re.MULTILINE,
)
# Outlook header block: "Von: …" then, within a few lines, "Gesendet:/Datum:" and "Betreff:".
_OUTLOOK_FROM_RE = re.compile(r"^[ \t>*]*(?:Von|From)[ \t]*:[ \t]*\S[^\n]*$", re.MULTILINE)
_OUTLOOK_SENT_RE = re.compile(r"^[ \t>*]*(?:Gesendet|Sent|Datum|Date)[ \t]*:", re.MULTILINE)
_OUTLOOK_SUBJ_RE = re.compile(r"^[ \t>*]*(?:Betreff|Subject)[ \t]*:", re.MULTILINE)
_HEADER_FROM_ADDR_RE = re.compile(
    r"^[ \t>*]*(?:Von|From)[ \t]*:[ \t]*(?P<value>[^\n]+)$", re.MULTILINE
)
_FORWARD_SUBJECT_RE = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)*(?:(?:AW|Re|Antw|Aw)\s*:\s*)*(?:WG|Fwd?|Wtr|Weiterl\.?|TR|VS)\s*:",
    re.IGNORECASE,
)


# The history markers only match at line starts; LineScanner jumps from line
# break to line break instead of letting re try every offset (same matches).
_FORWARD_MARKER_SCAN = LineScanner(_FORWARD_MARKER_RE)
_ORIGINAL_MARKER_SCAN = LineScanner(_ORIGINAL_MARKER_RE)
_ATTRIBUTION_SCAN = LineScanner(_ATTRIBUTION_RE)
_OUTLOOK_FROM_SCAN = LineScanner(_OUTLOOK_FROM_RE)
_HEADER_FROM_ADDR_SCAN = LineScanner(_HEADER_FROM_ADDR_RE)


def _outlook_block_start(text: str) -> int | None:
    for m in _OUTLOOK_FROM_SCAN.finditer(text):
        window = text[m.end() : m.end() + 600]
        lines = window.split("\n")[:7]
        head = "\n".join(lines)
        if _OUTLOOK_SENT_RE.search(head) and _OUTLOOK_SUBJ_RE.search(head):
            return m.start()
    return None


@dataclass(frozen=True)
class QuoteSplit:
    new_text: str
    quoted_text: str
    forwarded_text: str
    forward_marker: bool


def split_quoted(text: str, *, forward_subject: bool = False) -> QuoteSplit:
    """Split plain text into the new part and the quoted/forwarded history.

    Everything from the first history marker on is history; ``>`` lines above
    it (interleaved quoting) are history too. History introduced by a forward
    marker, or by an Outlook header block in a mail whose subject marks a
    forward, is also returned as ``forwarded_text``.
    """
    starts: list[tuple[int, str]] = []
    m = _FORWARD_MARKER_SCAN.search(text)
    if m:
        starts.append((m.start(), "forward"))
    m = _ORIGINAL_MARKER_SCAN.search(text)
    if m:
        starts.append((m.start(), "original"))
    m = _ATTRIBUTION_SCAN.search(text)
    if m:
        starts.append((m.start(), "reply"))
    pos = _outlook_block_start(text)
    if pos is not None:
        starts.append((pos, "outlook"))
    marker_pos, marker_kind = min(starts) if starts else (len(text), "")
    head, history = text[:marker_pos], text[marker_pos:]
    new_lines: list[str] = []
    quoted_lines: list[str] = []
    # Without any ">" the per-line loops would give the text back unchanged.
    for line in head.split("\n") if ">" in head else ():
        stripped = line.lstrip()
        if stripped.startswith(">"):
            quoted_lines.append(re.sub(r"^(?:[ \t]*>)+[ \t]?", "", line))
        else:
            new_lines.append(line)
    if ">" not in head:
        new_lines.append(head)
    history_clean = (
        "\n".join(re.sub(r"^(?:[ \t]*>)+[ \t]?", "", line) for line in history.split("\n"))
        if ">" in history
        else history
    )
    quoted = (
        "\n".join([*quoted_lines, history_clean]).strip() if quoted_lines else history_clean.strip()
    )
    is_fwd_marker = marker_kind == "forward"
    forwarded = ""
    if is_fwd_marker or (forward_subject and marker_kind in ("outlook", "original", "reply")):
        forwarded = history_clean.strip()
    return QuoteSplit("\n".join(new_lines).strip(), quoted, forwarded, is_fwd_marker)


def is_forward_subject(subject: str) -> bool:
    """True when the subject marks a forward (WG:, Fwd:, Fw:, Wtr:), also after AW:/[tags]."""
    return bool(_FORWARD_SUBJECT_RE.match(subject))


def history_senders(text: str) -> list[tuple[str, str]]:
    """(name, address) of "Von:/From:" lines in quoted or forwarded header blocks."""
    out: list[tuple[str, str]] = []
    for m in _HEADER_FROM_ADDR_SCAN.finditer(text):
        value = m.group("value").strip().strip("*").strip()
        # Outlook writes "Name [mailto:addr]"; normalise to "Name <addr>".
        value = re.sub(r"\[mailto:([^\]]+)\]", r"<\1>", value)
        pairs = _addresses(value)
        if pairs:
            out.extend(pairs)
        else:
            out.append((value, ""))
    return out


# ---------------------------------------------------------------------------
# MIME walking
# ---------------------------------------------------------------------------


@dataclass
class _Collect:
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    display_html: list[str] = field(default_factory=list)  # HTML not used for the text
    forwarded: list[str] = field(default_factory=list)  # text of forwarded messages
    attachments: list[ParsedAttachment] = field(default_factory=list)
    forwarded_from: list[ForwardedHeader] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


_B64_JUNK_RE = re.compile(r"[^A-Za-z0-9+/=\s]")
_B64_KEEP_RE = re.compile(r"[^A-Za-z0-9+/]")


def _payload_bytes(part: Message, problems: list[str]) -> bytes | None:
    """Decoded payload; damaged base64 is salvaged up to the damage, not returned raw."""
    try:
        cte = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    except Exception:
        cte = ""
    if cte == "base64":
        raw = part.get_payload(decode=False)
        if isinstance(raw, str):
            if _B64_JUNK_RE.search(raw) or len(_B64_KEEP_RE.sub("", raw)) % 4 not in (0, 2, 3):
                problems.append("damaged base64 content; decoded what could be read")
            body = _B64_KEEP_RE.sub(
                "", raw.split("=", 1)[0] if "=" in raw.rstrip("= \r\n\t") else raw
            )
            body = body[: len(body) - (len(body) % 4 == 1)]
            body += "=" * (-len(body) % 4)
            try:
                return binascii.a2b_base64(body.encode("ascii"))
            except (binascii.Error, ValueError):
                problems.append("base64 content unreadable")
                return b""
    try:
        payload = part.get_payload(decode=True)
    except Exception as exc:
        problems.append(f"content undecodable: {type(exc).__name__}")
        return None
    return payload if isinstance(payload, bytes) else None


def _part_text(part: Message, problems: list[str]) -> str:
    payload = _payload_bytes(part, problems)
    if payload is None:
        return ""
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    return decode_bytes(payload, charset, problems)


def _is_attachment(part: Message) -> bool:
    try:
        disposition = part.get_content_disposition()
        filename = part.get_filename()
    except Exception:
        return True
    return disposition == "attachment" or bool(filename)


def _filename(part: Message, ctype: str) -> str:
    try:
        name = part.get_filename()
    except Exception:
        name = None
    if name:
        return decode_header_value(str(name))
    if ctype == "application/ms-tnef":
        return "winmail.dat"
    if ctype == "message/rfc822":
        return "forwarded.eml"
    return "attachment"


def _alternative_choice(parts: list[Message], problems: list[str]) -> Message | None:
    """text/plain with real content is preferred; else HTML; else the richest part."""
    plain = [p for p in parts if p.get_content_type() == "text/plain"]
    for p in plain:
        if _part_text(p, []).strip():
            return p
    for p in parts:
        if p.get_content_type() == "text/html" or p.is_multipart():
            return p
    return parts[-1] if parts else None


def _walk(part: Message, out: _Collect, in_forward: bool, depth: int) -> None:
    if depth > 20:
        out.problems.append("MIME nesting too deep; inner parts skipped")
        return
    try:
        ctype = part.get_content_type()
    except Exception:
        ctype = "text/plain"
    if ctype == "message/rfc822" or (ctype.startswith("message/") and part.is_multipart()):
        try:
            inner_list = part.get_payload()
        except Exception:
            inner_list = []
        inner = inner_list[0] if isinstance(inner_list, list) and inner_list else None
        if not isinstance(inner, Message):
            out.problems.append("forwarded message unreadable")
            return
        header_problems: list[str] = []
        name, addr = "", ""
        pairs = _address_header(inner, "From", header_problems)
        if pairs:
            name, addr = pairs[0]
        subject = decode_header_value(_raw_header(inner, "Subject"), header_problems)
        date = _parse_date(_raw_header(inner, "Date"), header_problems)
        out.forwarded_from.append(ForwardedHeader(name, addr, subject, date))
        sub = _Collect()
        _walk(inner, sub, True, depth + 1)
        body = "\n".join(sub.plain) if sub.plain else html_to_text("\n".join(sub.html))
        head = [f"Von: {name} <{addr}>" if addr else f"Von: {name}"]
        if date:
            head.append(f"Datum: {date.strftime('%d.%m.%Y %H:%M')}")
        head.append(f"Betreff: {subject}")
        out.forwarded.append(
            "\n".join(head) + "\n\n" + body + "".join("\n" + t for t in sub.forwarded)
        )
        out.attachments.extend(sub.attachments)
        out.forwarded_from.extend(sub.forwarded_from)
        out.problems.extend(sub.problems)
        return
    if part.is_multipart():
        try:
            payload = part.get_payload()
            children = (
                [c for c in payload if isinstance(c, Message)] if isinstance(payload, list) else []
            )
        except Exception as exc:
            out.problems.append(f"MIME structure unreadable: {type(exc).__name__}")
            return
        if ctype == "multipart/alternative":
            chosen = _alternative_choice(children, out.problems)
            if chosen is not None:
                _walk(chosen, out, in_forward, depth + 1)
            if not in_forward:
                # The HTML sibling is kept for display even when the text comes from plain.
                for child in children:
                    if child is not chosen and child.get_content_type() == "text/html":
                        out.display_html.append(_part_text(child, []))
            return
        for child in children:
            _walk(child, out, in_forward, depth + 1)
        return
    if not _is_attachment(part) and ctype in ("text/plain", "text/html"):
        text = _part_text(part, out.problems)
        (out.plain if ctype == "text/plain" else out.html).append(text)
        return
    data = _payload_bytes(part, out.problems)
    if data is None:
        raw = part.get_payload()
        data = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""
    out.attachments.append(ParsedAttachment(_filename(part, ctype), ctype, data, in_forward))


def parse_message(raw: bytes) -> ParsedMail:
    """Parse ``raw`` RFC 5322 bytes; never raises."""
    result = ParsedMail()
    problems = result.problems
    if too_many_boundaries(raw):
        # The stdlib parser slows down with the square of the nesting: header only.
        problems.append("MIME structure too deeply nested: only the header was read")
        raw = header_block(raw)
    try:
        # compat32 parses several times faster than policy.default; headers are
        # decoded here (decode_header_value) and parts read with the classic API.
        msg = parse_fast(raw) or email.message_from_bytes(raw, policy=email.policy.compat32)
    except Exception as exc:
        problems.append(f"message could not be parsed: {type(exc).__name__}")
        return result
    seen_defects: set[str] = set()
    for defect in getattr(msg, "defects", []):
        name = type(defect).__name__
        if name not in seen_defects:
            seen_defects.add(name)
            problems.append(f"message defect: {name}")
    if not raw.strip():
        problems.append("empty message")

    result.subject = decode_header_value(_raw_header(msg, "Subject"), problems)
    if len(result.subject) > MAX_SUBJECT_CHARS:
        problems.append("subject too long: cut")
        result.subject = result.subject[:MAX_SUBJECT_CHARS]
    mid = _MSGID_RE.search(_id_header(msg, "Message-ID"))
    result.message_id = mid.group(0) if mid else None
    irt = _MSGID_RE.findall(_id_header(msg, "In-Reply-To"))
    result.in_reply_to = irt[-1] if irt else None
    result.references = _MSGID_RE.findall(_id_header(msg, "References"))
    pairs = _address_header(msg, "From", problems)
    if pairs:
        result.from_name, result.from_addr = pairs[0]
        result.from_addr = result.from_addr.strip()
    elif _raw_header(msg, "From"):
        problems.append("unreadable From header")
    else:
        problems.append("no From header")
    result.to_addrs = [a for _n, a in _address_header(msg, "To")]
    result.cc_addrs = [a for _n, a in _address_header(msg, "Cc")]
    result.date = _parse_date(_raw_header(msg, "Date"), problems)

    out = _Collect()
    try:
        _walk(msg, out, False, 0)
    except Exception as exc:  # last resort: a structure the walker did not foresee
        problems.append(f"MIME structure unreadable: {type(exc).__name__}")
    for part_problem in out.problems:
        if part_problem not in problems:
            problems.append(part_problem)
    if out.html or out.display_html:
        if too_complex("\n".join(out.html + out.display_html)):
            problems.append("HTML too large or too deeply nested: shown as plain text")
        try:
            result.html = sanitise_html("\n".join(out.html + out.display_html))
        except Exception:
            result.html = None
    own = "\n".join(t for t in out.plain if t) if out.plain else html_to_text("\n".join(out.html))
    own = own.replace("\r\n", "\n").replace("\r", "\n")
    fwd_subject = is_forward_subject(result.subject)
    split = split_quoted(own, forward_subject=fwd_subject)
    forwarded_parts = [t.replace("\r\n", "\n") for t in out.forwarded]
    result.new_text = split.new_text
    result.quoted_text = "\n\n".join(t for t in (split.quoted_text, *forwarded_parts) if t.strip())
    result.forwarded_text = "\n\n".join(
        t for t in (split.forwarded_text, *forwarded_parts) if t.strip()
    )
    result.text = "\n\n".join(t for t in (own.strip(), *forwarded_parts) if t.strip())
    result.is_forward = fwd_subject or split.forward_marker or bool(out.forwarded)
    result.attachments = out.attachments
    result.forwarded_from = list(out.forwarded_from)
    for name, addr in history_senders(split.quoted_text):
        if addr and all(f.from_addr != addr for f in result.forwarded_from):
            result.forwarded_from.append(ForwardedHeader(name, addr))
    return result


def letter_as_mail(text: str, *, subject: str = "", date: dt.datetime | None = None) -> ParsedMail:
    """A ParsedMail for a paper letter's text (from a PDF): all of it is new text."""
    clean = text.replace("\r\n", "\n")
    return ParsedMail(subject=subject, date=date, text=clean, new_text=clean.strip())


def as_email_message(raw: bytes) -> EmailMessage:
    """The stdlib object, for callers that need more than ParsedMail offers."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg
