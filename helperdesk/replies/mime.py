"""The RFC 5322 bytes of an outgoing mail, built with the standard library.

UTF-8 text (quoted-printable), attachments with RFC 2231 file names, the
thread headers, and a Message-ID and Date the caller chooses (so that the same
draft gives the same bytes; the use case makes a fresh Message-ID per draft).
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage


@dataclass(frozen=True)
class OutgoingFile:
    filename: str
    mime_type: str
    data: bytes


@dataclass
class Outgoing:
    from_addr: str
    to: list[str]
    subject: str
    body: str
    from_name: str = ""
    cc: list[str] = field(default_factory=list)
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    attachments: Sequence[OutgoingFile] = ()


def message_domain(address: str) -> str:
    """The domain to put into a fresh Message-ID (the sender's, else a fixed one)."""
    domain = address.rpartition("@")[2].strip().strip(">").lower()
    return domain or "helperdesk.invalid"


def build_mime(out: Outgoing, *, message_id: str, date: dt.datetime) -> bytes:
    """The mail as bytes with CRLF line ends, ready for SMTP and IMAP APPEND."""
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = email.utils.formataddr((out.from_name, out.from_addr))
    msg["To"] = ", ".join(out.to)
    if out.cc:
        msg["Cc"] = ", ".join(out.cc)
    msg["Subject"] = out.subject
    msg["Date"] = email.utils.format_datetime(date)
    msg["Message-ID"] = message_id
    if out.in_reply_to:
        msg["In-Reply-To"] = out.in_reply_to
    if out.references:
        msg["References"] = " ".join(out.references)
    msg["MIME-Version"] = "1.0"
    msg.set_content(out.body, charset="utf-8", cte="quoted-printable")
    for f in out.attachments:
        maintype, _, subtype = (f.mime_type or "application/octet-stream").partition("/")
        msg.add_attachment(f.data, maintype=maintype, subtype=subtype or "octet-stream",
                           filename=f.filename)
    return msg.as_bytes()
