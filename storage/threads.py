"""Conversation threads for filing: which unfiled mails belong with a given one.

Mails are linked by Message-ID, In-Reply-To and References. When the helper
files one mail of a conversation, the other unfiled mails of the same
conversation go with it, and the decision is remembered (in the encrypted
settings) so that later replies can be filed the same way on arrival.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storage._rows import from_json

if TYPE_CHECKING:
    from storage.store import Store

_SETTING = "filing.threads"  # {Message-ID: [household_id, case_id]}


def _links(message_id: str | None, in_reply_to: str | None, refs: list[str]) -> set[str]:
    return {x for x in (message_id, in_reply_to, *refs) if x}


def unfiled_in_thread(store: Store, message_ref: int) -> list[int]:
    """Ids of the unfiled stored mails in the same conversation (including ``message_ref``)."""
    with store.reading() as conn:
        target = conn.execute(
            "SELECT message_id, in_reply_to, refs FROM messages WHERE id=?", (message_ref,)
        ).fetchone()
        if target is None:
            return []
        rows: list[tuple[Any, ...]] = conn.execute(
            "SELECT id, message_id, in_reply_to, refs FROM messages"
            " WHERE household_id IS NULL OR case_id IS NULL"
        ).fetchall()
    known = _links(target[0], target[1], from_json(target[2], []))
    members = {message_ref}
    pending = [(int(r[0]), _links(r[1], r[2], from_json(r[3], []))) for r in rows]
    # Grow the set until no unfiled mail shares an ID with it (a reply chain may
    # reach a mail only through another one).
    grew = True
    while grew and known:
        grew = False
        rest = []
        for mid, links in pending:
            if mid in members:
                continue
            if links & known:
                members.add(mid)
                known |= links
                grew = True
            else:
                rest.append((mid, links))
        pending = rest
    return sorted(members)


def remember_filing(
    store: Store, message_ref: int, household_id: int, case_id: int | None
) -> None:
    """Remember that this mail's conversation belongs to ``household_id``/``case_id``."""
    with store.reading() as conn:
        row = conn.execute(
            "SELECT message_id, in_reply_to, refs FROM messages WHERE id=?", (message_ref,)
        ).fetchone()
    if row is None:
        return
    rules: dict[str, list[int | None]] = dict(store.settings.get(_SETTING, {}))
    for link in _links(row[0], row[1], from_json(row[2], [])):
        rules[link] = [household_id, case_id]
    store.settings.set(_SETTING, rules)


def remembered_filing(
    store: Store, message_id: str | None, in_reply_to: str | None, refs: list[str]
) -> tuple[int, int | None] | None:
    """Where an arriving mail should be filed, if its conversation was filed before."""
    rules: dict[str, list[int | None]] = store.settings.get(_SETTING, {})
    for link in (in_reply_to, *reversed(refs), message_id):
        if link and link in rules:
            household_id, case_id = rules[link]
            if household_id is not None:
                return int(household_id), case_id
    return None
