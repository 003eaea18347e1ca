"""Search finds a processing ID whatever its spacing, in the query and in the mail."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helperdesk.analysis.ids.search_terms import query_groups
from helperdesk.app.ingest import store_prepared
from helperdesk.intake.prepare import prepare_mail
from storage.search import to_fts_query
from storage.store import Store

SPELLINGS = ["83502 BG 0047113", "83502BG0047113", "83502 BG0047113", "83502BG 0047113",
             "83502 bg 0047113"]


def mail(subject: str, body: str, msgid: str) -> bytes:
    return (
        "From: Jobcenter <team@jobcenter.example>\r\nTo: a@example.net\r\n"
        f"Subject: {subject}\r\nMessage-ID: {msgid}\r\nDate: Mon, 03 Mar 2025 09:00:00 +0100\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
    ).encode()


@pytest.fixture
def mails(store: Store) -> dict[str, int]:
    """One mail per spelling of the BG-Nummer, plus one with another number."""
    ids = {}
    for n, spelling in enumerate([*SPELLINGS[:4], "83502 BG 0099999"]):
        stored = store_prepared(store, prepare_mail(mail(
            "Weiterbewilligung", f"Ihre BG-Nummer: {spelling}\nMit freundlichen Grüßen",
            f"<m{n}@jobcenter.example>")))
        ids[spelling] = stored.id
    return ids


def test_every_spelling_finds_the_same_mails(store: Store, mails: dict[str, int]) -> None:
    expected = sorted(mails[s] for s in SPELLINGS[:4])
    for spelling in SPELLINGS:
        assert sorted(m.id for m in store.search(spelling)) == expected, spelling


def test_other_words_still_narrow_the_search(store: Store, mails: dict[str, int]) -> None:
    assert len(store.search("Weiterbewilligung 83502 BG 0047113")) == 4
    assert store.search("Kindergeld 83502 BG 0047113") == []
    assert [m.id for m in store.search("0099999")] == [mails["83502 BG 0099999"]]


def test_the_query_is_the_same_for_both_spellings() -> None:
    assert to_fts_query("83502 BG 0047113") == to_fts_query("83502BG0047113")
    assert to_fts_query("S 12 AS 345/25") == to_fts_query("s12as345/25")


def test_ordinary_words_are_searched_as_before() -> None:
    assert to_fts_query("Jobcenter Berlin") == '"Jobcenter"* "Berlin"*'
    assert to_fts_query('"; DROP TABLE x; --') == '"DROP"* "TABLE"* "x"'
    assert query_groups("Termin am 12.05.2025")[0] == [("Termin",)]


@given(st.text(max_size=60))
def test_any_typed_text_gives_a_query_fts5_accepts(text: str) -> None:
    # Every word is quoted; only our own OR and parentheses reach FTS5 syntax.
    query = to_fts_query(text)
    assert query.count("(") == query.count(")")
    for group in query_groups(text):
        for alternative in group:
            assert all(w and '"' not in w for w in alternative)


def test_strange_input_does_not_break_the_search(store: Store, mails: dict[str, int]) -> None:
    for text in ["83502 (BG) 0047113", "OR 83502 NOT", "- / . 1234 5678", "ä ö ü 12AB34CD56"]:
        store.search(text)  # no FTS5 syntax error
