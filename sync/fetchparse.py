"""Fast reading of the two bulk FETCH responses a sync asks for; imapclient for anything else.

A first sync fetches every mail's size and then every mail's bytes, flags and
INTERNALDATE. imapclient's response parser reads the non-literal parts byte
by byte in Python, which costs more per mail than storing it. The responses to
these two fixed requests have one simple shape, so each line is matched with
one regular expression instead; if any line of a response does not have
exactly that shape (another item order, a MODSEQ, a quoted oddity), the whole
response goes to imapclient's ``parse_fetch_response``, so the result is
always what imapclient would return.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import imapclient
from imapclient.datetime_util import parse_to_datetime
from imapclient.response_parser import parse_fetch_response

BODY_ITEMS = "(BODY.PEEK[] FLAGS INTERNALDATE)"
SIZE_ITEMS = "(UID RFC822.SIZE)"

# Dovecot's (and most servers') answer to BODY_ITEMS, up to the literal. Flags
# are plain atoms (system flags and keywords); any other character is left to
# imapclient, whose lexer is the reference for how it splits.
_BODY_HEAD = re.compile(
    rb'(\d+) \(UID (\d+) FLAGS \(((?:\\?[A-Za-z0-9$_.+&-]+(?: (?!\))|(?=\))))*)\)'
    rb' INTERNALDATE "([A-Za-z0-9 :+-]*)" BODY\[\] \{(\d+)\}'
)
_SIZE_LINE = re.compile(rb"(\d+) \(UID (\d+) RFC822\.SIZE (\d+)\)")


def _internaldate(value: bytes, normalise: bool) -> dt.datetime | None:
    try:
        moment: dt.datetime = parse_to_datetime(value, normalise=normalise)
    except ValueError:
        return None  # as imapclient: an unreadable date is no date
    return moment


def _fast_bodies(data: list[Any], normalise: bool) -> dict[int, dict[bytes, Any]] | None:
    out: dict[int, dict[bytes, Any]] = {}
    items = iter(data)
    for item in items:
        if not isinstance(item, tuple) or len(item) != 2:
            return None
        head, body = item
        m = _BODY_HEAD.fullmatch(head)
        if m is None or not isinstance(body, bytes) or len(body) != int(m.group(5)):
            return None
        if next(items, None) != b")":
            return None
        uid = int(m.group(2))
        if uid in out:
            return None  # the same UID twice: let imapclient merge it
        out[uid] = {
            b"SEQ": int(m.group(1)),
            b"FLAGS": tuple(m.group(3).split()),
            b"INTERNALDATE": _internaldate(m.group(4), normalise),
            b"BODY[]": body,
        }
    return out


def _fast_sizes(data: list[Any]) -> dict[int, dict[bytes, Any]] | None:
    out: dict[int, dict[bytes, Any]] = {}
    for item in data:
        m = _SIZE_LINE.fullmatch(item) if isinstance(item, bytes) else None
        if m is None or int(m.group(2)) in out:
            return None
        out[int(m.group(2))] = {b"SEQ": int(m.group(1)), b"RFC822.SIZE": int(m.group(3))}
    return out


def uid_fetch(
    client: imapclient.IMAPClient, uid_set: str, items: str, modifiers: str | None = None
) -> dict[int, dict[bytes, Any]]:
    """UID FETCH of a set like ``1:500,502``, parsed as IMAPClient.fetch would parse it."""
    args = [uid_set, items] + ([modifiers] if modifiers else [])
    # imaplib's uid() sends the command and collects its untagged FETCH lines.
    typ, data = client._imap.uid("FETCH", *args)
    client._checkok("fetch", typ, data)
    if not data or data == [None]:
        return {}
    fast = None
    if items == BODY_ITEMS and not modifiers:
        fast = _fast_bodies(data, client.normalise_times)
    elif items == SIZE_ITEMS and not modifiers:
        fast = _fast_sizes(data)
    if fast is not None:
        return fast
    parsed: dict[int, dict[bytes, Any]] = parse_fetch_response(
        data, client.normalise_times, True)
    return parsed
