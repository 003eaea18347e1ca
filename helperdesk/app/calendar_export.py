"""Calendar use cases: which deadlines become events, and the .ics export.

``calendar_entries`` turns the store's deadlines (and computed follow-ups)
into ``CalendarEntry`` values: open deadlines (confirmed ones; suggested ones
only when asked), plus deadlines done or dismissed in the last 90 days as
cancelled events so that calendars drop them. ``export_ics`` writes the file
the user chose (the only plaintext that leaves the store), 0600, replaced in
one step so a subscribed calendar never reads half a file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helperdesk.analysis.agency_kinds import display_name
from helperdesk.app.followups import FollowUpItem, follow_ups
from helperdesk.calendar import (
    CalendarEntry,
    ExportOptions,
    build_calendar,
    entry_uid,
    follow_up_uid,
    keep_cancelled,
)
from helperdesk.followups import FollowUp
from helperdesk.model import AgencyKind, DeadlineKind, DeadlineStatus, IdKind
from i18n import _, current_language
from storage.deadlines import DeadlineView
from storage.errors import NotFound
from storage.store import Store


@dataclass(frozen=True)
class ExportResult:
    path: Path
    events: int
    cancelled: int


class _CaseIds:
    """The first processing ID of each case, read once per case."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._cache: dict[int, tuple[IdKind, str] | None] = {}

    def get(self, case_id: int | None) -> tuple[IdKind, str] | None:
        if case_id is None:
            return None
        if case_id not in self._cache:
            try:
                ids = self._store.cases.get(case_id).processing_ids
            except NotFound:
                ids = []
            self._cache[case_id] = (ids[0].kind, ids[0].value) if ids else None
        return self._cache[case_id]


@lru_cache(maxsize=64)
def _kind_name(kind: str, language: str) -> str:
    try:
        return display_name(AgencyKind(kind), "de" if language == "de" else "en")
    except (ValueError, KeyError):
        return ""


def _agency_kind(kind: str | None) -> str:
    return _kind_name(kind, current_language()) if kind else ""


def entry_for(view: DeadlineView, store_id: str, case_ids: _CaseIds, *,
              cancelled: bool) -> CalendarEntry:
    d = view.deadline
    assert d.id is not None
    return CalendarEntry(
        uid=entry_uid(store_id, d.id),
        sequence=d.revision,
        stamp=d.changed or d.created or dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
        date=d.date, time=d.time, kind=d.kind, cancelled=cancelled,
        suggested=not d.confirmed, household=view.household or "",
        agency=view.agency or "", agency_kind=_agency_kind(view.agency_kind),
        title=d.title, processing_id=case_ids.get(d.case_id),
        evidence=d.evidence, explanation=tuple(d.explanation),
    )


def follow_up_entry(it: FollowUpItem, store_id: str, case_ids: _CaseIds) -> CalendarEntry:
    f: FollowUp = it.follow_up
    return CalendarEntry(
        uid=follow_up_uid(store_id, f.key), sequence=0,
        # Computed, never edited: the stamp is fixed so an unchanged one is not re-sent.
        stamp=dt.datetime.combine(f.date, dt.time(0), dt.UTC),
        date=f.date, kind=DeadlineKind.FOLLOW_UP, household=it.household,
        agency=it.agency or "", agency_kind=_agency_kind(it.agency_kind), title=f.title,
        processing_id=case_ids.get(f.case_id), explanation=f.explanation,
    )


def calendar_entries(
    store: Store,
    *,
    households: Iterable[str] = (),
    include_suggested: bool = False,
    include_follow_ups: bool = True,
    now: dt.datetime | None = None,
) -> list[CalendarEntry]:
    """The events a calendar should hold now, in date order (follow-ups included)."""
    now = now or dt.datetime.now(dt.UTC)
    wanted: set[int] | None = None
    names = list(households)
    if names:
        wanted = {store.households.by_name(n).id or 0 for n in names}
    store_id = store.store_id
    case_ids = _CaseIds(store)
    since = now - dt.timedelta(days=90)
    entries: list[CalendarEntry] = []
    views = store.deadlines.matching(status=DeadlineStatus.OPEN)
    closed = [v for status in (DeadlineStatus.DONE, DeadlineStatus.DISMISSED)
              for v in store.deadlines.matching(status=status, changed_since=since)]
    for view in [*views, *closed]:
        d = view.deadline
        if wanted is not None and d.household_id not in wanted:
            continue
        if not d.confirmed and not include_suggested:
            continue
        cancelled = d.status is not DeadlineStatus.OPEN
        if cancelled and not keep_cancelled(d.changed, now):
            continue
        entries.append(entry_for(view, store_id, case_ids, cancelled=cancelled))
    if include_follow_ups:
        for it in follow_ups(store, now.date(), open_deadlines=views):
            if wanted is None or it.follow_up.household_id in wanted:
                entries.append(follow_up_entry(it, store_id, case_ids))
    entries.sort(key=lambda e: (e.date, e.time or dt.time(0), e.uid))
    return entries


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by the owner only, replacing it in one step."""
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise ValueError(_("{path} is a folder; give a file name such as deadlines.ics.").format(
            path=path))
    if not path.parent.is_dir():
        raise ValueError(_("The folder {folder} does not exist.").format(folder=path.parent))
    fd, tmp = tempfile.mkstemp(prefix=".helperdesk-", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def export_ics(
    store: Store,
    path: Path,
    *,
    households: Iterable[str] = (),
    include_suggested: bool = False,
    options: ExportOptions | None = None,
    now: dt.datetime | None = None,
) -> ExportResult:
    """Write the deadlines as an .ics file the user asked for."""
    options = options or ExportOptions()
    entries = calendar_entries(store, households=households,
                               include_suggested=include_suggested, now=now)
    data = build_calendar(entries, options)
    write_private(path, data)
    return ExportResult(Path(path), len(entries), sum(e.cancelled for e in entries))
