"""Threading by References/In-Reply-To with a subject fallback."""

from __future__ import annotations

import datetime as dt

import pytest

from helperdesk.mail.threads import (
    ThreadItem,
    is_forward,
    normalise_subject,
    root_keys,
    thread_items,
)


def d(day: int) -> dt.datetime:
    return dt.datetime(2025, 3, day, 10, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("AW: WG: Re: Bescheid", "bescheid"),
        ("[EXTERN] AW: Bescheid  vom 03.03.", "bescheid vom 03.03."),
        ("RE[2]: Antw: Wtr: Fw: Fwd: Unterlagen", "unterlagen"),
        ("AW: [Az: 123/45] Unterlagen", "unterlagen"),
        ("Unterlagen [#4711]", "unterlagen"),
        ("Re^2: Termin", "termin"),
        ("", ""),
    ],
)
def test_normalise_subject(subject: str, expected: str) -> None:
    assert normalise_subject(subject) == expected


def test_references_chain() -> None:
    items = [
        ThreadItem("a", "<1@x>", subject="Frage", date=d(1)),
        ThreadItem("b", "<2@x>", "<1@x>", ("<1@x>",), "AW: Frage", d(2)),
        ThreadItem("c", "<3@x>", "<2@x>", ("<1@x>", "<2@x>"), "AW: AW: Frage", d(3)),
        ThreadItem("z", "<9@x>", subject="Anderes", date=d(1)),
    ]
    roots = root_keys(items)
    assert roots == {"a": "a", "b": "a", "c": "a", "z": "z"}


def test_missing_parent_still_links_siblings() -> None:
    items = [
        ThreadItem("b", "<2@x>", "<1@x>", ("<1@x>",), "AW: Frage", d(2)),
        ThreadItem("c", "<3@x>", "<1@x>", ("<1@x>",), "AW: Frage", d(3)),
    ]
    (thread,) = thread_items(items)
    assert thread.keys == ("b", "c") and thread.root_key == "b"


def test_subject_fallback_needs_a_reply_prefix() -> None:
    items = [
        ThreadItem("a", "<1@x>", subject="Neues Dokument in Ihrem Postfach", date=d(1)),
        ThreadItem("b", "<2@x>", subject="Neues Dokument in Ihrem Postfach", date=d(5)),
        ThreadItem("c", "<3@x>", subject="Unterlagen", date=d(1)),
        ThreadItem("d", "<4@x>", subject="AW: [EXTERN] Unterlagen", date=d(2)),
    ]
    roots = root_keys(items)
    assert roots["a"] != roots["b"]
    assert roots["d"] == roots["c"] == "c"


def test_reference_loops_do_not_hang() -> None:
    items = [
        ThreadItem("a", "<1@x>", "<2@x>", ("<2@x>",), "x", d(1)),
        ThreadItem("b", "<2@x>", "<1@x>", ("<1@x>",), "x", d(2)),
    ]
    assert len(thread_items(items)) == 1


def test_duplicate_message_ids_and_undated() -> None:
    items = [ThreadItem("a", "<1@x>"), ThreadItem("b", "<1@x>"), ThreadItem("c", None)]
    assert sorted(k for t in thread_items(items) for k in t.keys) == ["a", "b", "c"]


def test_is_forward() -> None:
    assert is_forward("WG: Bescheid")
    assert is_forward("Post", "Hier\n---------- Forwarded message ---------\nFrom: x")
    assert not is_forward("AW: Bescheid", "Danke\n\nAm 03.03.2025 um 10:00 schrieb X:\n> y")
