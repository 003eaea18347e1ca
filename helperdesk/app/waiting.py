"""The data behind "Waits for an answer", fast on big stores.

Reading a message row walks past its raw bytes, so looking at all 50,000
mails each time would take seconds. What decides "asks" and "answers" never
changes once a mail is stored (direction, date, Message-ID, references,
analysis), so it is read once, for new mails only (a rowid range), and kept
inside the encrypted store's settings. What does change — filing to a case,
deadlines done — is read fresh each time from an index and the small
deadlines table. Only the mails that really wait are then read in full.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

from helperdesk.model import Direction
from helperdesk.waiting.rules import ASKING_TYPES, Candidate, newest_first, waits_for_answer
from storage._rows import datetime_or_none
from storage.messages import ReplyFacts
from storage.store import Store

SETTING = "helperdesk.app.waiting"
VERSION = 2  # 2: replies of either direction answer; asks keep their links
BATCH = 2000
SAVE_EVERY = 5  # batches: a long first scan keeps its progress
SHOW_AT_MOST = 500


@dataclass(frozen=True)
class WaitingItem:
    id: int
    subject: str
    date: dt.datetime | None
    household_id: int | None
    household: str | None
    case_id: int | None
    case: str | None
    agency: str | None
    deadline: dt.date | None  # the earliest open deadline of this mail


@dataclass(frozen=True)
class WaitingResult:
    total: int  # how many wait (the list may show fewer)
    items: list[WaitingItem]  # newest first


def _iso(d: dt.datetime | None) -> str | None:
    return d.isoformat() if d else None


def _later_iso(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    da, db = dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b)
    return a if _aware(da) >= _aware(db) else b


def _aware(d: dt.datetime) -> dt.datetime:
    return d if d.tzinfo else d.replace(tzinfo=dt.UTC)


class WaitingIndex:
    def __init__(self, store: Store, stop: threading.Event | None = None) -> None:
        self._store = store
        self._stop = stop or threading.Event()

    # -- the kept facts ---------------------------------------------------------

    def _load(self) -> dict[str, Any]:
        data: dict[str, Any] = self._store.settings.get(SETTING, {}) or {}
        if data.get("v") != VERSION:
            data = {"v": VERSION, "upto": 0, "asks": {}, "outs": {}, "links": {}}
        return data

    def update(self) -> dict[str, Any]:
        """Read the facts of mails stored since last time; keep them; return all facts."""
        data = self._load()
        unsaved = 0
        # The first scan of a big store takes a while (once); closing the app stops it
        # between batches, and what was read so far is kept.
        while not self._stop.is_set():
            batch = self._store.messages.reply_facts(after_id=int(data["upto"]), limit=BATCH)
            if not batch:
                break
            for f in batch:
                _remember(data, f)
            data["upto"] = batch[-1].id
            unsaved += 1
            if unsaved >= SAVE_EVERY:
                self._store.settings.set(SETTING, data)
                unsaved = 0
        if unsaved:
            self._store.settings.set(SETTING, data)
        return data

    # -- the list ----------------------------------------------------------------

    def waiting(self, *, limit: int = SHOW_AT_MOST) -> WaitingResult:
        data = self.update()
        asks: dict[str, list[Any]] = data["asks"]
        outs: dict[str, str | None] = data["outs"]
        links: dict[str, str] = data["links"]
        deadlines = self._store.deadlines.by_message()
        # Mails with an open deadline ask too, whatever their letter type.
        extra = [mid for mid, (open_date, _n) in deadlines.items()
                 if open_date is not None and str(mid) not in asks and str(mid) not in outs]
        facts = {str(f.id): _ask_entry(f) for f in self._store.messages.reply_facts(ids=extra)
                 if f.direction is Direction.IN} if extra else {}
        facts.update(asks)
        ids = [int(k) for k in facts] + [int(k) for k in outs]
        places = self._store.messages.placements(ids)

        latest_out: dict[int, dt.datetime] = {}
        for key, date in outs.items():
            place = places.get(int(key))
            if place is None or place.case_id is None or date is None:
                continue
            when = dt.datetime.fromisoformat(date)
            seen = latest_out.get(place.case_id)
            if seen is None or _aware(when) > _aware(seen):
                latest_out[place.case_id] = when
        replies = {link: dt.datetime.fromisoformat(date) for link, date in links.items()}

        waiting: list[Candidate] = []
        asking_ids = {entry[1] for entry in facts.values() if entry[1]}
        for key, (date, message_id, letter_type, agency, links) in facts.items():
            mid = int(key)
            place = places.get(mid)
            if place is None:
                continue  # no longer stored
            if asking_ids.intersection(links):
                # It replies to an agency's letter: the household's answer that
                # quotes the letter, not a new letter from the agency.
                continue
            open_date, closed = deadlines.get(mid, (None, 0))
            c = Candidate(
                id=mid, date=datetime_or_none(date), message_id=message_id,
                letter_type=letter_type, from_agency=bool(agency) or place.case_has_agency,
                case_id=place.case_id, open_deadline=open_date, closed_deadlines=closed)
            if waits_for_answer(c, latest_out, replies):
                waiting.append(c)
        ordered = newest_first(waiting)
        shown = ordered[:limit]
        summaries = {s.id: s for s in self._store.messages.summaries([c.id for c in shown])}
        case_agencies = self._store.cases.agency_names()
        items = []
        for c in shown:
            s = summaries.get(c.id)
            if s is None:
                continue
            analysed_agency = facts[str(c.id)][3]
            items.append(WaitingItem(
                id=c.id, subject=s.subject, date=s.date, household_id=s.household_id,
                household=s.household, case_id=s.case_id, case=s.case,
                agency=(case_agencies.get(s.case_id) if s.case_id else None) or analysed_agency,
                deadline=c.open_deadline))
        return WaitingResult(len(ordered), items)

    def count(self) -> int:
        return self.waiting(limit=0).total


def _ask_entry(f: ReplyFacts) -> list[Any]:
    links = sorted({link.strip().lower() for link in f.links if link.strip()})
    return [_iso(f.date), (f.message_id or "").strip().lower() or None, f.letter_type, f.agency,
            links]


def _remember(data: dict[str, Any], f: ReplyFacts) -> None:
    # Any reply answers what it replies to: the household's answer often reaches
    # the helper's mailbox as incoming mail (a copy, or sent from the helper's
    # address book), not only as the helper's own outgoing mail.
    if f.date is not None:
        for link in f.links:
            key = link.strip().lower()
            if key:
                data["links"][key] = _later_iso(data["links"].get(key), _iso(f.date))
    if f.direction is Direction.OUT:
        data["outs"][str(f.id)] = _iso(f.date)
    elif f.letter_type in ASKING_TYPES:
        data["asks"][str(f.id)] = _ask_entry(f)
