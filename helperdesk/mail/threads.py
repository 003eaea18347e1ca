"""Group messages into threads (JWZ-style) with a subject fallback.

Links come from ``References`` and ``In-Reply-To`` first (the algorithm of
Jamie Zawinski's "message threading", simplified: containers for every
Message-ID, parent links along each References chain, never a loop). Messages
whose ancestors are unknown are then joined by normalised subject, but only
when one side is a reply or forward ("AW: X" joins "X"): two unrelated
portal notices titled "Neues Dokument in Ihrem Postfach" must stay apart.

Works on the small ``ThreadItem`` record so callers (storage, CLI, tests) need
not build full messages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from helperdesk.mail.quotes import is_forward_subject, split_quoted


@dataclass(frozen=True)
class ThreadItem:
    key: str  # the caller's identifier (e.g. the stored message id)
    message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    subject: str = ""
    date: dt.datetime | None = None


@dataclass(frozen=True)
class Thread:
    root_key: str  # the earliest message of the thread
    keys: tuple[str, ...]  # all members, oldest first


_PREFIX_RE = re.compile(
    r"^\s*(?:(?:AW|WG|Re|Fwd?|Antw(?:ort)?|Wtr|Weiterl\.?|Wg|SV|VS|TR|RV|R)"
    r"(?:\s*\[\d+\]|\s*\(\d+\)|\^\d+)?\s*:\s*|\[[^\]]{0,60}\]\s*|\([^)]{0,12}EXTERN[^)]{0,12}\)\s*)+",
    re.IGNORECASE,
)
_BRACKET_RE = re.compile(r"\[[^\]]{0,60}\]")
_SPACE_RE = re.compile(r"\s+")
_REPLYISH_RE = re.compile(
    r"^\s*(?:\[[^\]]{0,60}\]\s*)*(?:AW|WG|Re|Fwd?|Antw(?:ort)?|Wtr|Weiterl\.?|SV|VS|TR)"
    r"(?:\s*\[\d+\]|\s*\(\d+\)|\^\d+)?\s*:",
    re.IGNORECASE,
)


def normalise_subject(subject: str) -> str:
    """Subject without reply/forward prefixes and bracket tags, case- and space-folded."""
    s = _PREFIX_RE.sub("", subject or "")
    s = _BRACKET_RE.sub(" ", s)
    # Prefixes can reappear after a tag: "[EXTERN] AW: WG: X".
    s = _PREFIX_RE.sub("", s)
    return _SPACE_RE.sub(" ", s).strip().casefold()


def is_reply_or_forward(subject: str) -> bool:
    return bool(_REPLYISH_RE.match(subject or ""))


def is_forward(subject: str, text: str = "") -> bool:
    """True for a forwarded mail: WG:/Fwd:/Fw: subject or a forward marker in the text."""
    if is_forward_subject(subject):
        return True
    return bool(text) and split_quoted(text).forward_marker


@dataclass
class _Container:
    msgid: str
    item: ThreadItem | None = None
    parent: _Container | None = None
    children: list[_Container] = field(default_factory=list)


def _is_ancestor(a: _Container, b: _Container) -> bool:
    """True if ``a`` is ``b`` or an ancestor of ``b``."""
    node: _Container | None = b
    steps = 0
    while node is not None and steps < 10_000:
        if node is a:
            return True
        node = node.parent
        steps += 1
    return False


def _link(parent: _Container, child: _Container) -> None:
    if child.parent is not None or _is_ancestor(child, parent):
        return
    child.parent = parent
    parent.children.append(child)


def _sort_key(item: ThreadItem) -> tuple[int, str, str]:
    # Undated items sort last; key keeps the order deterministic.
    if item.date is None:
        return (1, "", item.key)
    d = item.date if item.date.tzinfo else item.date.replace(tzinfo=dt.UTC)
    return (0, d.astimezone(dt.UTC).isoformat(), item.key)


def thread_items(items: Sequence[ThreadItem]) -> list[Thread]:
    """Thread groups over ``items``, each oldest first; groups ordered by their root."""
    containers: dict[str, _Container] = {}

    def get(msgid: str) -> _Container:
        c = containers.get(msgid)
        if c is None:
            c = _Container(msgid)
            containers[msgid] = c
        return c

    own: dict[str, _Container] = {}
    for n, item in enumerate(items):
        mid = (item.message_id or "").strip().lower()
        key = mid if mid and (mid not in containers or containers[mid].item is None) else f"\0{n}"
        c = get(key)
        c.item = item
        own[item.key] = c
    for item in items:
        c = own[item.key]
        refs = [r.strip().lower() for r in item.references if r.strip()]
        irt = (item.in_reply_to or "").strip().lower()
        if irt and (not refs or refs[-1] != irt):
            refs.append(irt)
        prev: _Container | None = None
        for ref in refs:
            rc = get(ref)
            if prev is not None and rc.parent is None:
                _link(prev, rc)
            prev = rc
        if prev is not None and prev is not c and c.parent is None:
            _link(prev, c)

    # Roots: walk up from each message to its topmost container.
    def root_of(c: _Container) -> _Container:
        node = c
        while node.parent is not None:
            node = node.parent
        return node

    groups: dict[int, list[ThreadItem]] = {}
    root_ids: dict[int, _Container] = {}
    for item in items:
        r = root_of(own[item.key])
        groups.setdefault(id(r), []).append(item)
        root_ids[id(r)] = r

    # Subject fallback between groups: a reply/forward joins an earlier group
    # with the same normalised subject.
    ordered = sorted(groups.values(), key=lambda g: min(_sort_key(i) for i in g))
    by_subject: dict[str, list[ThreadItem]] = {}
    merged: list[list[ThreadItem]] = []
    for group in ordered:
        first = min(group, key=_sort_key)
        subj = normalise_subject(first.subject)
        target = by_subject.get(subj) if subj else None
        if target is not None and is_reply_or_forward(first.subject):
            target.extend(group)
            continue
        merged.append(group)
        if subj and subj not in by_subject:
            by_subject[subj] = group
    threads = []
    for group in merged:
        group.sort(key=_sort_key)
        threads.append(Thread(group[0].key, tuple(i.key for i in group)))
    return threads


def root_keys(items: Sequence[ThreadItem]) -> dict[str, str]:
    """Map every item's key to its thread's root key."""
    out: dict[str, str] = {}
    for t in thread_items(items):
        for k in t.keys:
            out[k] = t.root_key
    return out
