"""Build a reply to an agency letter: recipient, thread headers, subject and body.

* Recipient: the letter's ``Reply-To``, else its ``From``; a no-reply sender is
  replaced by the agency's address from the directory, else by an address of the
  agency in the letter's text (signature), else the helper is asked (``to`` empty,
  ``recipient_source == "ask"``).
* Thread: ``In-Reply-To`` is the letter's Message-ID, ``References`` the letter's
  References followed by its Message-ID.
* Subject: exactly one ``AW: `` before the original subject without its
  prefixes, and the case's first processing ID in the agency's form when the
  subject does not carry it yet.
* Body: reference block (IDs with German names, the person concerned), the
  salutation and the helper's text, a German signature, then the letter quoted
  with ``> `` under an attribution line ("Am 03.03.2027 schrieb Jobcenter München:").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from helperdesk.model import ProcessingId
from helperdesk.replies.names import agency_form, carries_id, id_name, strip_prefixes

_NOREPLY_RE = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|noanswer|no[-_.]?answer|"
    r"keine[-_.]?antwort|nicht[-_.]?antworten|mailer-daemon|bounce[s]?)(?:[-_.+].*)?@",
    re.IGNORECASE,
)
_ADDR_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
SALUTATION = "Sehr geehrte Damen und Herren,"
MAX_REFERENCES = 20


@dataclass(frozen=True)
class Letter:
    """The agency mail being answered (after a forward, the recovered original)."""

    message_id: str | None
    subject: str
    from_addr: str
    from_name: str = ""
    reply_to: str = ""
    references: tuple[str, ...] = ()
    date: dt.datetime | None = None
    text: str = ""
    ids: tuple[ProcessingId, ...] = ()  # the IDs in the letter, as it writes them


@dataclass(frozen=True)
class ReplyContext:
    """What the store knows around the letter."""

    agency_name: str = ""
    agency_addresses: tuple[str, ...] = ()  # directory entries: addresses or bare domains
    case_ids: tuple[ProcessingId, ...] = ()
    person: str = ""  # the household member the matter concerns
    helper_name: str = ""
    from_addr: str = ""
    from_name: str = ""


@dataclass
class ReplyDraft:
    from_addr: str
    from_name: str
    to: str
    recipient_source: str  # reply-to, from, directory, signature, ask
    subject: str
    in_reply_to: str | None
    references: list[str]
    body: str
    processing_ids: list[ProcessingId] = field(default_factory=list)
    text: str = ""  # the helper's own text inside the body


def is_noreply(addr: str) -> bool:
    return bool(_NOREPLY_RE.match(addr.strip()))


def _domain(addr: str) -> str:
    return addr.rpartition("@")[2].lower().strip()


def _same_org(addr: str, domain: str) -> bool:
    d = _domain(addr)
    base = ".".join(domain.split(".")[-2:])
    return d in (domain, base) or d.endswith("." + base)


def choose_recipient(letter: Letter, ctx: ReplyContext) -> tuple[str, str]:
    """(address, where it came from); ``("", "ask")`` when the helper must say."""
    if letter.reply_to and not is_noreply(letter.reply_to):
        return letter.reply_to.lower(), "reply-to"
    if letter.from_addr and not is_noreply(letter.from_addr):
        return letter.from_addr.lower(), "from"
    full = [a.strip().lower() for a in ctx.agency_addresses if "@" in a and not is_noreply(a)]
    sender_domain = _domain(letter.from_addr) if letter.from_addr else ""
    for addr in full:
        if sender_domain and _same_org(addr, sender_domain):
            return addr, "directory"
    if full:
        return full[0], "directory"
    found = [a.lower() for a in _ADDR_RE.findall(letter.text) if not is_noreply(a)]
    domains = [sender_domain] if sender_domain else []
    domains += [a.strip().lower().lstrip("@") for a in ctx.agency_addresses if "@" not in a]
    for addr in found:
        if any(d and _same_org(addr, d) for d in domains):
            return addr, "signature"
    return "", "ask"


def thread_headers(letter: Letter) -> tuple[str | None, list[str]]:
    """In-Reply-To and References of a reply to ``letter``."""
    refs = [r for r in letter.references if r]
    if letter.message_id:
        refs.append(letter.message_id)
    refs = list(dict.fromkeys(refs))
    if len(refs) > MAX_REFERENCES:  # keep the root and the newest (RFC 5322 3.6.4)
        refs = [refs[0], *refs[-(MAX_REFERENCES - 1):]]
    return letter.message_id, refs


def reply_ids(letter: Letter, ctx: ReplyContext) -> list[ProcessingId]:
    """The IDs to quote: the case's (the letter's own first), else the letter's."""
    if not ctx.case_ids:
        return list(letter.ids)
    in_letter = {p.value for p in letter.ids}
    first = [p for p in ctx.case_ids if p.value in in_letter]
    rest = [p for p in ctx.case_ids if p.value not in in_letter]
    return first + rest


def reply_subject(subject: str, ids: Sequence[ProcessingId], seen: Sequence[ProcessingId] = (),
                  ) -> str:
    """``AW: `` + the subject without prefixes + the first ID if the subject lacks every ID."""
    base = strip_prefixes(subject) or "Ihr Schreiben"
    if ids and not any(carries_id(base, p) for p in ids):
        pid = ids[0]
        base = f"{base} – {id_name(pid)} {agency_form(pid, seen)}"
    return f"AW: {base}"


def reference_block(ids: Sequence[ProcessingId], person: str,
                    seen: Sequence[ProcessingId] = ()) -> str:
    lines = [f"{id_name(p)}: {agency_form(p, seen)}" for p in ids]
    if person:
        lines.append(f"Betroffene Person: {person}")
    return "\n".join(lines)


def signature(ctx: ReplyContext) -> str:
    lines = ["Mit freundlichen Grüßen", ""]
    if ctx.helper_name:
        lines.append(ctx.helper_name)
    if ctx.person and ctx.person != ctx.helper_name:
        lines.append(f"(im Auftrag von {ctx.person})")
    return "\n".join(lines).rstrip()


def attribution(letter: Letter, agency_name: str) -> str:
    who = agency_name or letter.from_name or letter.from_addr or "die Behörde"
    if letter.date is None:
        return f"{who} schrieb:"
    return f"Am {letter.date.strftime('%d.%m.%Y')} schrieb {who}:"


def quote(text: str) -> str:
    lines = text.replace("\r\n", "\n").rstrip().split("\n")
    return "\n".join(">" + (" " + line if line and not line.startswith(">") else line)
                     for line in lines)


def build_reply(letter: Letter, ctx: ReplyContext, text: str = "") -> ReplyDraft:
    """The reply to ``letter`` with the helper's ``text`` (may be empty or a template)."""
    to, source = choose_recipient(letter, ctx)
    in_reply_to, references = thread_headers(letter)
    ids = reply_ids(letter, ctx)
    block = reference_block(ids, ctx.person, letter.ids)
    parts = [p for p in (block, SALUTATION, text.strip(), signature(ctx)) if p]
    body = "\n\n".join(parts)
    if letter.text.strip():
        body += "\n\n" + attribution(letter, ctx.agency_name) + "\n" + quote(letter.text)
    return ReplyDraft(
        from_addr=ctx.from_addr, from_name=ctx.from_name, to=to, recipient_source=source,
        subject=reply_subject(letter.subject, ids, letter.ids), in_reply_to=in_reply_to,
        references=references, body=body + "\n", processing_ids=ids, text=text.strip(),
    )
