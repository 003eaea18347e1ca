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
import re
from dataclasses import dataclass, field
from email.message import EmailMessage, Message

from helperdesk.mail.headers import (
    MSGID_RE,
    address_header,
    decode_bytes,
    decode_header_value,
    id_header,
    parse_date,
    raw_header,
)
from helperdesk.mail.html_text import html_to_text, sanitise_html
from helperdesk.mail.quotes import history_senders, is_forward_subject, split_quoted


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
        pairs = address_header(inner, "From", header_problems)
        if pairs:
            name, addr = pairs[0]
        subject = decode_header_value(raw_header(inner, "Subject"), header_problems)
        date = parse_date(raw_header(inner, "Date"), header_problems)
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
    try:
        # compat32 parses several times faster than policy.default; headers are
        # decoded here (decode_header_value) and parts read with the classic API.
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
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

    result.subject = decode_header_value(raw_header(msg, "Subject"), problems)
    mid = MSGID_RE.search(id_header(msg, "Message-ID"))
    result.message_id = mid.group(0) if mid else None
    irt = MSGID_RE.findall(id_header(msg, "In-Reply-To"))
    result.in_reply_to = irt[-1] if irt else None
    result.references = MSGID_RE.findall(id_header(msg, "References"))
    pairs = address_header(msg, "From", problems)
    if pairs:
        result.from_name, result.from_addr = pairs[0]
        result.from_addr = result.from_addr.strip()
    elif raw_header(msg, "From"):
        problems.append("unreadable From header")
    else:
        problems.append("no From header")
    result.to_addrs = [a for _n, a in address_header(msg, "To")]
    result.cc_addrs = [a for _n, a in address_header(msg, "Cc")]
    result.date = parse_date(raw_header(msg, "Date"), problems)

    out = _Collect()
    try:
        _walk(msg, out, False, 0)
    except Exception as exc:  # last resort: a structure the walker did not foresee
        problems.append(f"MIME structure unreadable: {type(exc).__name__}")
    for part_problem in out.problems:
        if part_problem not in problems:
            problems.append(part_problem)
    if out.html or out.display_html:
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
