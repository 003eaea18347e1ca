"""The bulk FETCH fast path gives exactly what imapclient gives, on real Dovecot output."""

from __future__ import annotations

from collections.abc import Iterator

import imapclient
import pytest
from imapclient.response_parser import parse_fetch_response

from helperdesk.samples.sample_data import bulk_mails
from sync import fetchparse
from sync.fetchparse import BODY_ITEMS, SIZE_ITEMS, uid_fetch

from dovecot_server import PASSWORD, USER, DovecotServer

pytestmark = pytest.mark.servers


@pytest.fixture
def client(dovecot: DovecotServer) -> Iterator[imapclient.IMAPClient]:
    dovecot.add_mails(bulk_mails(6, size=800, seed=3))
    dovecot.add_mails(bulk_mails(2, size=800, seed=4), seen=True)
    with imapclient.IMAPClient("127.0.0.1", port=dovecot.port, ssl=False) as c:
        c.login(USER, PASSWORD)
        c.select_folder("INBOX")
        c.add_flags([1], [b"\\Flagged", b"$Forwarded", b"Kunden_Nr-1.2"])
        c.add_flags([2], [b"\\Answered", b"\\Draft"])
        c.select_folder("INBOX", readonly=True)
        yield c


def _raw(c: imapclient.IMAPClient, items: str) -> list[object]:
    typ, data = c._imap.uid("FETCH", "1:*", items)
    assert typ == "OK"
    return list(data)


def test_body_fetch_fast_path_equals_imapclient(client: imapclient.IMAPClient) -> None:
    data = _raw(client, BODY_ITEMS)
    fast = fetchparse._fast_bodies(data, client.normalise_times)
    assert fast is not None, "Dovecot's answer should take the fast path"
    assert fast == dict(parse_fetch_response(data, client.normalise_times, True))
    assert fast[1][b"FLAGS"] == (b"\\Flagged", b"$Forwarded", b"Kunden_Nr-1.2")
    assert uid_fetch(client, "1:*", BODY_ITEMS) == fast


def test_size_fetch_fast_path_equals_imapclient(client: imapclient.IMAPClient) -> None:
    data = _raw(client, SIZE_ITEMS)
    fast = fetchparse._fast_sizes(data)
    assert fast is not None
    assert fast == dict(parse_fetch_response(data, client.normalise_times, True))
    assert len(fast) == 8


def test_unexpected_shapes_go_to_imapclient(client: imapclient.IMAPClient) -> None:
    data = _raw(client, BODY_ITEMS)
    head, body = data[0]  # type: ignore[misc]
    with_modseq = [(head.replace(b"FLAGS", b"MODSEQ (7) FLAGS"), body), *data[1:]]
    odd_flag = [(head.replace(b"FLAGS (", b'FLAGS ("quoted" '), body), *data[1:]]
    cut = [(head, body[:-1]), *data[1:]]
    for changed in (with_modseq, odd_flag, cut):
        assert fetchparse._fast_bodies(changed, client.normalise_times) is None
    reference = parse_fetch_response(with_modseq, client.normalise_times, True)
    assert reference[1][b"MODSEQ"] == (7,)
