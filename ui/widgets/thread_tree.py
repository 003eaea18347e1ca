"""Where each mail of a conversation hangs: under the mail it answers, or as a root.

Pure (no Qt): used by the conversation model as pages of a case's mail arrive.
A mail's parent is the nearest mail it refers to (In-Reply-To, then References
from the newest) that is already shown or arrives with it. A mail without
such a link that ``helperdesk.mail.threads`` joins by subject ("AW: X" to "X")
hangs under that thread's first mail, when both arrive together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from helperdesk.mail.threads import ThreadItem, thread_items
from storage.messages import ThreadRow


def norm(message_id: str | None) -> str:
    return (message_id or "").strip().lower()


def links_newest_first(row: ThreadRow) -> list[str]:
    """What the mail refers to, the closest first: In-Reply-To, then References backwards."""
    out = [norm(row.in_reply_to)] if row.in_reply_to else []
    out += [norm(r) for r in reversed(row.references)]
    return [x for x in dict.fromkeys(out) if x]


def _utc(d: dt.datetime | None) -> tuple[int, float]:
    if d is None:
        return (0, 0.0)
    return (1, (d if d.tzinfo else d.replace(tzinfo=dt.UTC)).timestamp())


def oldest_first_key(row: ThreadRow) -> tuple[tuple[int, float], int]:
    return (_utc(row.summary.date), row.summary.id)


def place(batch: Sequence[ThreadRow], known: Mapping[str, int]) -> dict[int, int | None]:
    """Parent id (or None for a new root) of each mail in ``batch``.

    ``known`` maps the (lower-cased) Message-IDs of mails already placed to
    their ids. Parents come before children: mails are placed oldest first.
    """
    by_msgid = dict(known)
    ordered = sorted(batch, key=oldest_first_key)
    # Subject fallback among the batch (replies whose headers link nothing).
    items = [ThreadItem(key=str(r.summary.id), message_id=r.summary.message_id,
                        in_reply_to=r.in_reply_to, references=r.references,
                        subject=r.summary.subject, date=r.summary.date) for r in ordered]
    group_root = {k: int(t.root_key) for t in thread_items(items) for k in t.keys}
    parents: dict[int, int | None] = {}
    for row in ordered:
        mid = row.summary.id
        parent = next((by_msgid[x] for x in links_newest_first(row) if x in by_msgid), None)
        if parent is None:
            root = group_root.get(str(mid))
            if root is not None and root != mid and root in parents:
                parent = root
        if parent == mid:
            parent = None
        parents[mid] = parent
        own = norm(row.summary.message_id)
        if own and own not in by_msgid:
            by_msgid[own] = mid
    return parents
