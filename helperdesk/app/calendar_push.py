"""CalDAV use cases: add, list and remove calendars; push deadlines to them.

A push sends what ``calendar_entries`` says a calendar should hold: every
open, confirmed deadline (and follow-up) as one event, created or replaced
by UID; events whose deadline was done, dismissed or deleted are removed.
What was sent is recorded per event (a hash of it and the server's ETag), so
a second push sends nothing and a push that broke off resumes where it
stopped: each event is recorded as soon as the server took it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from helperdesk.app.calendar_export import calendar_entries
from helperdesk.calendar import (
    DEFAULT_ALARMS,
    CalendarEntry,
    ExportOptions,
    event_resource,
    parse_alarms,
)
from i18n import _
from storage.calendars import CalendarAccount, PushedEvent
from storage.store import Store
from sync import credentials
from sync.caldav_push import (
    DEFAULT_TIMEOUT,
    CalDavClient,
    CalendarError,
    ChangedOnServer,
    check_url,
    event_href,
)

ClientFactory = Callable[[CalendarAccount, str | None], CalDavClient]


@dataclass
class PushResult:
    calendar: str
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    error: str | None = None
    retry_later: bool = False

    def to_json(self) -> dict[str, object]:
        return {"calendar": self.calendar, "created": self.created, "updated": self.updated,
                "deleted": self.deleted, "unchanged": self.unchanged, "error": self.error}


@dataclass
class PushReport:
    results: list[PushResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.error is None for r in self.results)


def add_calendar(
    store: Store,
    name: str,
    url: str,
    *,
    username: str = "",
    password: str | None = None,
    redact: bool = False,
    allow_insecure: bool = False,
    alarms: str = "",
) -> tuple[CalendarAccount, str | None]:
    """Add a calendar; return it and where its password went (keyring/store/None)."""
    name = " ".join(name.split())
    if not name:
        raise ValueError(_("The calendar name must not be empty."))
    clean = check_url(url, allow_insecure=allow_insecure)
    if alarms:
        parse_alarms(alarms)  # refuse a bad list now, not at every push
    cal = store.calendars.add(CalendarAccount(
        name=name, url=clean, username=username.strip(), redact=redact,
        allow_insecure=allow_insecure, alarms=alarms))
    where = None
    if password:
        where = credentials.save_calendar_password(store, cal, password)
    return cal, where


def remove_calendar(store: Store, name: str) -> CalendarAccount:
    """Forget a calendar and its password. The events on the server stay."""
    cal = store.calendars.by_name(name)
    credentials.forget_calendar_password(store, cal)
    assert cal.id is not None
    store.calendars.remove(cal.id)
    return cal


def default_client(cal: CalendarAccount, password: str | None) -> CalDavClient:
    return CalDavClient(cal.url, cal.username, password, timeout=DEFAULT_TIMEOUT)


def _options(cal: CalendarAccount) -> ExportOptions:
    alarms = parse_alarms(cal.alarms) if cal.alarms else DEFAULT_ALARMS
    return ExportOptions(redact=cal.redact, alarms=alarms)


def push(
    store: Store,
    name: str | None = None,
    *,
    client_factory: ClientFactory = default_client,
    now: dt.datetime | None = None,
) -> PushReport:
    """Bring one calendar (or all) up to date with the store's deadlines."""
    calendars = store.calendars.list_all() if name is None else [store.calendars.by_name(name)]
    report = PushReport()
    entries = calendar_entries(store, now=now) if calendars else []
    for cal in calendars:
        report.results.append(_push_one(store, cal, entries, client_factory))
    return report


def _push_one(store: Store, cal: CalendarAccount, entries: list[CalendarEntry],
              client_factory: ClientFactory) -> PushResult:
    assert cal.id is not None
    result = PushResult(cal.name)
    options = _options(cal)
    pushed = store.calendars.pushed(cal.id)
    wanted: set[str] = set()
    client = client_factory(cal, credentials.load_calendar_password(store, cal))
    try:
        for entry in entries:
            if entry.cancelled:
                continue  # removed below: a calendar drops it either way
            wanted.add(entry.uid)
            body = event_resource(entry, options)
            fingerprint = hashlib.sha256(body).hexdigest()
            previous = pushed.get(entry.uid)
            if previous is not None and previous.fingerprint == fingerprint:
                result.unchanged += 1
                continue
            href = previous.href if previous else event_href(cal.url, entry.uid)
            try:
                etag = client.put(href, body, if_match=previous.etag if previous else None)
            except ChangedOnServer:
                # Nothing is lost: the deadline is in the store. Next time the
                # event is sent without the condition and replaces the server's.
                store.calendars.record_pushed(cal.id, PushedEvent(entry.uid, href, None, ""))
                raise
            store.calendars.record_pushed(cal.id, PushedEvent(entry.uid, href, etag,
                                                              fingerprint))
            if previous is None:
                result.created += 1
            else:
                result.updated += 1
        for uid, previous in pushed.items():
            if uid in wanted:
                continue
            client.delete(previous.href)
            store.calendars.forget_pushed(cal.id, uid)
            result.deleted += 1
        store.calendars.set_last_push(cal.id)
    except CalendarError as exc:
        result.error = str(exc)
        result.retry_later = exc.retryable
    finally:
        client.close()
    return result
