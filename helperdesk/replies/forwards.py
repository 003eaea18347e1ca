"""Forwards: recognise them, and recover the agency's original from one.

A household that forwards an agency's letter instead of answering it leaves the
agency without its thread and often without its ID. Signals of a forward:

* a forward prefix in the subject (``WG:``, ``Fwd:``, ``FW:``, ``TR:``, ``İlt:``,
  ``Пересл:`` …), also after reply prefixes and bracket tags;
* Thunderbird's ``X-Forwarded-Message-Id`` header (Thunderbird also writes
  ``In-Reply-To``/``References`` on forwards, so a thread header proves nothing);
* a forward marker line in the text ("-------- Weitergeleitete Nachricht --------",
  Gmail's "---------- Forwarded message ---------", Apple Mail's "Begin forwarded
  message:") or Outlook's "Von:/Gesendet:/Betreff:" block in a mail whose subject
  is not a reply;
* an attached ``message/rfc822``.

``recover_original`` gives the forwarded mail back: the attached message's own
bytes, or for an inline forward a mail rebuilt from the quoted header block
(sender, date, subject, Message-ID where the forward carries it) and its text.
Only lines that are not quoted with ``>`` count, so a reply quoting an old
forward is not a forward.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import re
from dataclasses import dataclass
from email.message import EmailMessage, Message

from helperdesk.analysis.dates_de import find_dates
from helperdesk.mail.headers import decode_header_value
from helperdesk.mail.parse import parse_message

_FORWARD_WORD = (
    r"(?:WG|Fwd?|FW|Wtr|Weiterl\.?|TR|İlt|Ilt|İLT|Пересл|Переслано|RV|ENC|Doorst|"
    r"إعادة توجيه|فوروارد)"
)
_REPLY_WORD = r"(?:AW|Re|Aw|Antw|Antwort|SV|VS|YNT|Cevap|Отв|Ответ|Відп|رد)"
FORWARD_SUBJECT_RE = re.compile(
    rf"^\s*(?:(?:\[[^\]]{{0,40}}\]\s*)|(?:{_REPLY_WORD}\s*(?:\[\d+\])?\s*[:：]\s*))*"
    rf"(?:{_FORWARD_WORD}\s*(?:\[\d+\])?\s*[:：]|\[Fwd:)",
    re.IGNORECASE,
)
REPLY_SUBJECT_RE = re.compile(
    rf"^\s*(?:\[[^\]]{{0,40}}\]\s*)*{_REPLY_WORD}\s*(?:\[\d+\])?\s*[:：]", re.IGNORECASE
)

_MARKER_RE = re.compile(
    r"^[ \t]*(?:-{2,}[ \t]*(?:Weitergeleitete (?:Nachricht|E-Mail|Mail)|Forwarded message|"
    r"Message transféré|Mensaje reenviado|Messaggio inoltrato|İletilen (?:ileti|mesaj)|"
    r"Пересылаемое сообщение|Переслане повідомлення|Doorgestuurd bericht)[ \t]*-{2,}"
    r"|(?:Begin forwarded message|Anfang der weitergeleiteten (?:Nachricht|E-Mail))[ \t]*:)"
    r"[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# Outlook writes this above replies too: it marks a forward only without a reply subject.
_ORIGINAL_RE = re.compile(
    r"^[ \t]*-{2,}[ \t]*(?:Original-?Nachricht|Original Message|Ursprüngliche Nachricht|"
    r"Originalnachricht)[ \t]*-{2,}[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_HEADER_LINE_RE = re.compile(
    r"^[ \t*]*(?P<key>Von|From|An|To|Cc|Kopie|CC|Datum|Date|Gesendet|Sent|Betreff|Subject|"
    r"Antwort an|Reply-To|Message-ID|Nachrichten-ID)[ \t*]*:[ \t*]*(?P<value>.*)$",
    re.IGNORECASE,
)
_KEYS = {
    "von": "from", "from": "from", "an": "to", "to": "to", "cc": "cc", "kopie": "cc",
    "datum": "date", "date": "date", "gesendet": "date", "sent": "date",
    "betreff": "subject", "subject": "subject", "antwort an": "reply_to",
    "reply-to": "reply_to", "message-id": "message_id", "nachrichten-id": "message_id",
}
_MSGID_RE = re.compile(r"<[^<>\s]+>")
_TIME_RE = re.compile(r"(?<!\d)(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(AM|PM|am|pm)?")
_EN_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_EN_DATE_RE = re.compile(
    r"(?:(?P<d1>\d{1,2})\.?\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>\d{4})"
    r"|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4}))"
)


@dataclass(frozen=True)
class Original:
    """The agency's mail recovered from a forward."""

    raw: bytes  # the attached mail's bytes, or a mail rebuilt from the inline forward
    from_name: str
    from_addr: str
    subject: str
    date: dt.datetime | None
    message_id: str | None
    text: str
    forwarded_by: str  # who forwarded it (address)
    inline: bool


def unquoted(text: str) -> str:
    """The lines of ``text`` that are not quoted with ``>``."""
    if ">" not in text:
        return text
    return "\n".join(line for line in text.split("\n") if not line.lstrip().startswith(">"))


def _maybe_header_block(text: str) -> bool:
    """Cheap test before the line-by-line search: a header block needs "Von:"/"From:"."""
    return ":" in text and any(w in text for w in ("Von", "From", "VON", "FROM", "von", "from"))


def _maybe_marker(text: str) -> bool:
    return "--" in text or "orward" in text or "eitergeleitet" in text or "ересл" in text \
        or "İletilen" in text or "transf" in text or "reenviado" in text or "inoltrato" in text \
        or "Doorgestuurd" in text


def _outlook_block(text: str) -> int | None:
    if not _maybe_header_block(text):
        return None
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = _HEADER_LINE_RE.match(line)
        if not m or _KEYS[m.group("key").lower()] != "from":
            continue
        keys = {_KEYS[h.group("key").lower()] for h in
                (_HEADER_LINE_RE.match(x) for x in lines[i + 1 : i + 7]) if h}
        if "date" in keys and "subject" in keys:
            return sum(len(x) + 1 for x in lines[:i])
    return None


def forward_reasons(
    subject: str, text: str, *, forwarded_message_id: str = "", attached_message: bool = False
) -> list[str]:
    """Why a mail is a forward (empty: it is not): subject, header, marker, outlook, attached."""
    reasons: list[str] = []
    if FORWARD_SUBJECT_RE.match(subject or ""):
        reasons.append("subject")
    if forwarded_message_id.strip():
        reasons.append("header")
    own = unquoted(text.replace("\r\n", "\n"))
    marker = _maybe_marker(own)
    if marker and _MARKER_RE.search(own):
        reasons.append("marker")
    elif not REPLY_SUBJECT_RE.match(subject or "") and (
        (marker and _ORIGINAL_RE.search(own)) or _outlook_block(own) is not None
    ):
        reasons.append("outlook")
    if attached_message:
        reasons.append("attached")
    return reasons


def parse_loose_date(value: str) -> dt.datetime | None:
    """A date as mail clients print it in forward headers (RFC 5322, German, English)."""
    value = " ".join(value.split())
    if not value:
        return None
    try:  # RFC 5322 dates only; the lenient stdlib parser ignores "PM"
        parsed = (None if re.search(r"\b[AP]M\b", value, re.IGNORECASE)
                  else email.utils.parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed
    day: dt.date | None = None
    hits = [h for h in find_dates(value) if h.date is not None]
    if hits:
        day = hits[0].date
    else:
        m = _EN_DATE_RE.search(value)
        if m:
            month_name = (m.group("m1") or m.group("m2") or "")[:3].lower()
            month = _EN_MONTHS.get(month_name)
            d, y = m.group("d1") or m.group("d2"), m.group("y1") or m.group("y2")
            if month:
                try:
                    day = dt.date(int(y), month, int(d))
                except ValueError:
                    day = None
    if day is None:
        return None
    hour = minute = 0
    t = _TIME_RE.search(value.split(str(day.year), 1)[-1]) or _TIME_RE.search(value)
    if t:
        hour, minute = int(t.group(1)), int(t.group(2))
        ampm = (t.group(3) or "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            hour = minute = 0
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def _address(value: str) -> tuple[str, str]:
    value = re.sub(r"\[mailto:([^\]]+)\]", r"<\1>", value).strip().strip("*").strip()
    name, addr = email.utils.parseaddr(value)
    if "@" not in addr:
        m = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", value)
        addr = m.group(0) if m else ""
        name = name or value.split("<")[0].strip()
    return name.strip().strip('"'), addr.strip().lower()


def _inline_block(text: str, subject: str) -> tuple[dict[str, str], str] | None:
    """Header fields and body of the first inline forward in ``text``."""
    text = text.replace("\r\n", "\n")
    m = _MARKER_RE.search(text)
    start: int | None = m.end() if m else None
    if start is None and not REPLY_SUBJECT_RE.match(subject):
        o = _ORIGINAL_RE.search(text)
        start = o.end() if o else _outlook_block(text)
    if start is None:
        return None
    lines = text[start:].split("\n")
    fields: dict[str, str] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        h = _HEADER_LINE_RE.match(line)
        if h:
            key = _KEYS[h.group("key").lower()]
            fields.setdefault(key, h.group("value").strip())
            i += 1
            continue
        if not line.strip():
            nxt = next((x for x in lines[i + 1 : i + 3] if x.strip()), "")
            if not fields or _HEADER_LINE_RE.match(nxt):
                i += 1
                continue
        break
    if "from" not in fields:
        return None
    body = "\n".join(lines[i:]).strip("\n")
    return fields, body


def _attached(msg: Message) -> Message | bytes | None:
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list) and payload and isinstance(payload[0], Message):
                return payload[0]
        elif (part.get_filename() or "").lower().endswith(".eml"):
            data = part.get_payload(decode=True)
            if isinstance(data, bytes) and data.strip():
                return data
    return None


def recover_original(raw: bytes) -> Original | None:
    """The forwarded mail inside ``raw`` (attached first, else inline), or None."""
    outer = email.message_from_bytes(raw, policy=email.policy.compat32)
    forwarder = email.utils.parseaddr(decode_header_value(str(outer.get("From", ""))))[1].lower()
    found = _attached(outer)
    if found is not None:
        inner_raw = found if isinstance(found, bytes) else found.as_bytes(
            policy=email.policy.compat32)
        inner = parse_message(inner_raw)
        return Original(
            raw=inner_raw, from_name=inner.from_name, from_addr=inner.from_addr.lower(),
            subject=inner.subject, date=inner.date, message_id=inner.message_id,
            text=inner.text, forwarded_by=forwarder, inline=False,
        )
    parsed = parse_message(raw)
    block = _inline_block(parsed.text, parsed.subject)
    if block is None:
        return None
    fields, body = block
    name, addr = _address(fields.get("from", ""))
    date = parse_loose_date(fields.get("date", ""))
    mid_match = _MSGID_RE.search(fields.get("message_id", "")) or _MSGID_RE.search(
        str(outer.get("X-Forwarded-Message-Id", "")))
    message_id = mid_match.group(0) if mid_match else None
    subject = fields.get("subject", "")
    rebuilt = EmailMessage(policy=email.policy.SMTP)
    rebuilt["From"] = email.utils.formataddr((name, addr)) if addr else name
    if date is not None:
        rebuilt["Date"] = email.utils.format_datetime(date)
    rebuilt["Subject"] = subject
    if message_id:
        rebuilt["Message-ID"] = message_id
    reply_name, reply_addr = _address(fields.get("reply_to", ""))
    if reply_addr:
        rebuilt["Reply-To"] = email.utils.formataddr((reply_name, reply_addr))
    rebuilt["X-HelperDesk-Recovered"] = "inline forward"
    rebuilt.set_content(body + "\n", charset="utf-8", cte="quoted-printable")
    return Original(
        raw=rebuilt.as_bytes(), from_name=name, from_addr=addr, subject=subject, date=date,
        message_id=message_id, text=body, forwarded_by=forwarder, inline=True,
    )
