"""Parse raw RFC 5322 bytes into the fields HelperDesk stores and analyses.

Never raises on bad input: whatever cannot be read is reported in
``ParsedMail.problems`` and the caller keeps the raw bytes untouched.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import re
from dataclasses import dataclass, field
from email.message import EmailMessage, Message

import nh3


@dataclass(frozen=True)
class ParsedAttachment:
    filename: str
    mime_type: str
    data: bytes


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
    text: str = ""  # plain text for reading and analysis (HTML converted)
    html: str | None = None  # sanitised HTML, if the mail had an HTML part
    attachments: list[ParsedAttachment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


_MSGID_RE = re.compile(r"<[^<>\s]+>")


def _header(msg: Message, name: str, problems: list[str]) -> str:
    try:
        value = msg.get(name)
    except Exception as exc:  # the email package raises many kinds on bad headers
        problems.append(f"unreadable {name} header: {type(exc).__name__}")
        return ""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _addresses(value: str) -> list[str]:
    return [addr for _name, addr in email.utils.getaddresses([value]) if addr]


def _decode_text(part: Message, problems: list[str]) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        problems.append(f"text not in declared charset {charset!r}")
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode("cp1252", errors="replace")


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML: tags dropped, block ends become line breaks."""
    clean = nh3.clean(html, tags=set(), strip_comments=True)
    return re.sub(r"\n{3,}", "\n\n", clean).strip()


def sanitise_html(html: str) -> str:
    return nh3.clean(html, url_schemes={"mailto"}, strip_comments=True)


def parse_message(raw: bytes) -> ParsedMail:
    result = ParsedMail()
    problems = result.problems
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as exc:
        problems.append(f"message could not be parsed: {type(exc).__name__}")
        return result
    for defect in getattr(msg, "defects", []):
        problems.append(f"header defect: {type(defect).__name__}")

    result.subject = _header(msg, "Subject", problems)
    mid = _MSGID_RE.search(_header(msg, "Message-ID", problems))
    result.message_id = mid.group(0) if mid else None
    irt = _MSGID_RE.search(_header(msg, "In-Reply-To", problems))
    result.in_reply_to = irt.group(0) if irt else None
    result.references = _MSGID_RE.findall(_header(msg, "References", problems))
    from_value = _header(msg, "From", problems)
    pairs = email.utils.getaddresses([from_value]) if from_value else []
    if pairs:
        result.from_name, result.from_addr = pairs[0]
    result.to_addrs = _addresses(_header(msg, "To", problems))
    result.cc_addrs = _addresses(_header(msg, "Cc", problems))
    date_value = _header(msg, "Date", problems)
    if date_value:
        try:
            result.date = email.utils.parsedate_to_datetime(date_value)
        except (TypeError, ValueError):
            problems.append("unreadable Date header")

    plain: list[str] = []
    html: list[str] = []
    try:
        parts = list(msg.walk())
    except Exception as exc:
        problems.append(f"MIME structure unreadable: {type(exc).__name__}")
        parts = [msg]
    for part in parts:
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        disposition = part.get_content_disposition()
        filename = part.get_filename()
        try:
            if disposition != "attachment" and not filename and ctype == "text/plain":
                plain.append(_decode_text(part, problems))
            elif disposition != "attachment" and not filename and ctype == "text/html":
                html.append(_decode_text(part, problems))
            else:
                data = part.get_payload(decode=True)
                if isinstance(data, bytes):
                    result.attachments.append(
                        ParsedAttachment(filename or "attachment", ctype, data)
                    )
        except Exception as exc:
            problems.append(f"part {ctype} unreadable: {type(exc).__name__}")
    if html:
        result.html = sanitise_html("\n".join(html))
    result.text = "\n".join(plain) if plain else html_to_text("\n".join(html))
    return result


def as_email_message(raw: bytes) -> EmailMessage:
    """The stdlib object, for callers that need more than ParsedMail offers."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg
