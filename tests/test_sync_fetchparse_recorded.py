"""The bulk FETCH fast path on recorded server responses: no server needed.

``sync/fetchparse.py`` relies on imapclient's private ``_imap`` and
``_checkok`` and on its public response parser; these tests pin what the
fast path returns against that parser on responses recorded from Dovecot 2.3,
and fail when the private members it uses change shape.
"""

from __future__ import annotations

import datetime as dt
import inspect
from typing import Any

import imapclient
from imapclient.response_parser import parse_fetch_response

from sync import fetchparse
from sync.fetchparse import BODY_ITEMS, SIZE_ITEMS, uid_fetch

MAIL_1 = b"From: a@example.org\r\nSubject: Eins\r\n\r\nHallo\r\n"
MAIL_2 = b"From: b@example.org\r\nSubject: Zwei\r\n\r\nGr\xc3\xbc\xc3\x9fe\r\n"

# imaplib's untagged FETCH data for BODY_ITEMS, as recorded from Dovecot 2.3.
BODIES: list[Any] = [
    (b'1 (UID 11 FLAGS (\\Flagged $Forwarded Kunden_Nr-1.2) INTERNALDATE '
     b'"03-Dec-2026 10:15:02 +0100" BODY[] {%d}' % len(MAIL_1), MAIL_1),
    b")",
    (b'2 (UID 12 FLAGS () INTERNALDATE "29-Feb-2028 23:59:59 -0500" BODY[] {%d}'
     % len(MAIL_2), MAIL_2),
    b")",
]
SIZES: list[Any] = [b"1 (UID 11 RFC822.SIZE 48)", b"2 (UID 12 RFC822.SIZE 51)"]


def test_recorded_bodies_parse_as_imapclient_parses_them() -> None:
    for normalise in (True, False):
        fast = fetchparse._fast_bodies(BODIES, normalise)
        assert fast is not None, "Dovecot's answer should take the fast path"
        assert fast == dict(parse_fetch_response(BODIES, normalise, True))
    fast = fetchparse._fast_bodies(BODIES, True)
    assert fast is not None
    assert fast[11][b"BODY[]"] == MAIL_1
    assert fast[11][b"FLAGS"] == (b"\\Flagged", b"$Forwarded", b"Kunden_Nr-1.2")
    assert fast[12][b"FLAGS"] == ()
    aware = fetchparse._fast_bodies(BODIES, False)
    assert aware is not None
    assert aware[12][b"INTERNALDATE"] == dt.datetime(
        2028, 2, 29, 23, 59, 59, tzinfo=dt.timezone(-dt.timedelta(hours=5)))


def test_recorded_sizes_parse_as_imapclient_parses_them() -> None:
    fast = fetchparse._fast_sizes(SIZES)
    assert fast == dict(parse_fetch_response(SIZES, True, True))
    assert fast is not None and fast[12][b"RFC822.SIZE"] == 51


def test_other_shapes_are_left_to_imapclient() -> None:
    head, body = BODIES[0]
    modseq = [(head.replace(b"FLAGS", b"MODSEQ (7) FLAGS"), body), *BODIES[1:]]
    quoted = [(head.replace(b"FLAGS (", b'FLAGS ("quoted" '), body), *BODIES[1:]]
    short = [(head, body[:-1]), *BODIES[1:]]
    twice = [*BODIES[:2], *BODIES[:2]]
    for changed in (modseq, quoted, short, twice):
        assert fetchparse._fast_bodies(changed, True) is None
    assert fetchparse._fast_sizes([*SIZES, b"3 (UID 13 RFC822.SIZE 5 MODSEQ (1))"]) is None


class _RecordedImap:
    """imaplib's side of a connection, answering UID FETCH from a recording."""

    def __init__(self, data: list[Any]) -> None:
        self.data = data
        self.calls: list[tuple[str, ...]] = []

    def uid(self, command: str, *args: str) -> tuple[str, list[Any]]:
        self.calls.append((command, *args))
        return "OK", self.data


def _client(data: list[Any]) -> tuple[imapclient.IMAPClient, _RecordedImap]:
    # The real class, without a connection: only the private members that
    # uid_fetch uses are set, as IMAPClient.__init__ sets them.
    client = imapclient.IMAPClient.__new__(imapclient.IMAPClient)
    imap = _RecordedImap(data)
    client._imap = imap
    client.normalise_times = True
    return client, imap


def test_uid_fetch_uses_the_private_members_as_they_are() -> None:
    # If imapclient renames or reshapes these, the pin in pyproject.toml must
    # be revisited together with sync/fetchparse.py.
    assert "self._imap = " in inspect.getsource(imapclient.IMAPClient.__init__)
    assert list(inspect.signature(imapclient.IMAPClient._checkok).parameters) == [
        "self", "command", "typ", "data"]
    client, imap = _client(BODIES)
    assert uid_fetch(client, "11:12", BODY_ITEMS) == parse_fetch_response(BODIES, True, True)
    assert imap.calls == [("FETCH", "11:12", BODY_ITEMS)]
    client, _ = _client(SIZES)
    assert uid_fetch(client, "11:12", SIZE_ITEMS)[11][b"RFC822.SIZE"] == 48
    client, _ = _client([None])
    assert uid_fetch(client, "1:*", BODY_ITEMS) == {}
