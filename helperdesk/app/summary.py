"""Use case: the printed summary of one household, from the store to PDF bytes in memory.

Reads the household's open cases, their latest letters (type, text, analysed
place), open deadlines and who wrote last; builds the page content with
``helperdesk.summaries``; hands it to a renderer (the Qt one in
``ui.printing``, passed in by the caller, since use cases take no Qt). No
temporary file is written: the PDF exists only as bytes until the helper
saves or prints it.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Callable
from dataclasses import dataclass

import i18n
from helperdesk.analysis.analyze import local_date
from helperdesk.analysis.regions import parse_language
from helperdesk.model import Case, CaseStatus, DeadlineKind, Direction, Household, Source
from helperdesk.summaries import (
    CaseFacts,
    Contact,
    DueDate,
    LetterFacts,
    Summary,
    SummaryInput,
    build_summary,
)
from helperdesk.waiting import asks_for_action
from storage.deadlines import DeadlineView
from storage.errors import NotFound
from storage.store import Store

CONTACT_SETTING = "summaries.contact"  # {"name": …, "phone": …, "email": …}, inside the store
DOMAIN = "summaries"
LETTERS_LOOKED_AT = 30  # per case: enough to find the latest incoming one

Renderer = Callable[[Summary, bool], bytes]  # (summary, large print) -> PDF bytes


class SummaryUnavailable(ValueError):
    """The summary cannot be made; the message is one sentence for the helper."""


@dataclass(frozen=True)
class SummaryOptions:
    language: str | None = None  # default: the household's
    since: dt.date | None = None  # only cases with a letter or a deadline on/after this day
    today: dt.date | None = None


def catalogs(lang: str) -> tuple[gettext.NullTranslations, gettext.NullTranslations]:
    """The household language's and German catalogs; refuse to print untranslated pages."""
    local, german = i18n.translation(lang, DOMAIN), i18n.translation("de", DOMAIN)
    for code, catalog in ((lang, local), ("de", german)):
        if code != i18n.SOURCE_LANGUAGE and not isinstance(catalog, gettext.GNUTranslations):
            raise SummaryUnavailable(
                f"The {code} texts for summaries are not compiled; run 'python -m i18n.build'.")
    return local, german


def get_contact(store: Store) -> Contact:
    data = store.settings.get(CONTACT_SETTING, {}) or {}
    return Contact(name=str(data.get("name", "")), phone=str(data.get("phone", "")),
                   email=str(data.get("email", "")))


def set_contact(store: Store, contact: Contact) -> None:
    store.settings.set(CONTACT_SETTING, {"name": contact.name.strip(),
                                         "phone": contact.phone.strip(),
                                         "email": contact.email.strip()})


def find_household(store: Store, name_or_id: str | int) -> Household:
    if isinstance(name_or_id, int):
        return store.households.get(name_or_id)
    try:
        return store.households.by_name(name_or_id)
    except NotFound:
        if name_or_id.strip().isdigit():
            return store.households.get(int(name_or_id))
        raise


def _place(analysis: dict[str, object], due: DeadlineView) -> str:
    found = analysis.get("deadlines")
    if not isinstance(found, list):
        return ""
    for d in found:
        if isinstance(d, dict) and d.get("date") == due.deadline.date.isoformat():
            return str(d.get("place") or "")
    return ""


def _letter(store: Store, message_id: int) -> tuple[LetterFacts, dict[str, object]]:
    message = store.messages.get(message_id)
    analysis = store.messages.analysis(message_id)
    texts = [message.text, *(a.text for a in message.attachments if a.text)]
    by_mail = message.source is not Source.PAPER and "@" in message.from_addr
    letter_date = analysis.get("letter_date")
    day = dt.date.fromisoformat(letter_date) if isinstance(letter_date, str) else (
        local_date(message.date))
    return LetterFacts(
        date=day, letter_type=str(analysis.get("letter_type") or "other"),
        text="\n\n".join(t for t in texts if t), incoming=True,
        reply_address=message.from_addr if by_mail else "",
    ), analysis


def _case_facts(store: Store, case: Case, agencies: dict[int, tuple[str, str]],
                deadlines: list[DeadlineView], since: dt.date | None) -> CaseFacts | None:
    assert case.id is not None
    rows = store.messages.find(case_id=case.id, limit=LETTERS_LOOKED_AT)
    latest_in = next((r for r in rows if r.direction is Direction.IN), None)
    letter: LetterFacts | None = None
    analysis: dict[str, object] = {}
    if latest_in is not None:
        letter, analysis = _letter(store, latest_in.id)
    mine = [d for d in deadlines if d.deadline.case_id == case.id]
    if since is not None:
        recent = any(r.date is not None and r.date.date() >= since for r in rows)
        if not recent and not any(d.deadline.date >= since for d in mine):
            return None
    latest_id = latest_in.id if latest_in else None
    earlier: dict[int, str] = {}  # texts of earlier letters that asked for documents
    for d in mine:
        mid = d.deadline.message_id
        if (d.deadline.kind is DeadlineKind.SUBMIT and mid is not None and mid != latest_id
                and mid not in earlier):
            earlier[mid] = _letter(store, mid)[0].text
    due = tuple(DueDate(date=d.deadline.date, kind=d.deadline.kind, time=d.deadline.time,
                        place=_place(analysis, d) if d.deadline.message_id == latest_id else "",
                        letter_text=earlier.get(d.deadline.message_id or -1, ""))
                for d in mine)
    wrote_last = rows[0].direction if rows else None
    asks = latest_in is not None and asks_for_action(
        letter.letter_type if letter else None,
        next((d.deadline.date for d in mine if d.deadline.message_id == latest_in.id), None))
    name, kind = agencies.get(case.agency_id or -1, ("", ""))
    if not name:
        found = analysis.get("agency")
        name = str(found.get("name", "")) if isinstance(found, dict) else ""
    return CaseFacts(
        agency=name or case.title, agency_kind=kind, title=case.title if name else "",
        processing_ids=tuple(case.processing_ids), latest=letter, due=due,
        office_waits=bool(asks and wrote_last is Direction.IN),
        household_waits=wrote_last is Direction.OUT,
    )


def summary_input(store: Store, household: Household, options: SummaryOptions) -> SummaryInput:
    """What the page needs, read from the store (one household)."""
    assert household.id is not None
    language = parse_language(options.language or household.language)
    today = options.today or dt.date.today()
    agencies = {a.id: (a.name, a.kind.value) for a in store.agencies.list_all()
                if a.id is not None}
    deadlines = store.deadlines.matching(household_id=household.id)
    cases = []
    for case in store.cases.for_household(household.id):
        if case.status is not CaseStatus.OPEN:
            continue
        facts = _case_facts(store, case, agencies, deadlines, options.since)
        if facts is not None:
            cases.append(facts)
    loose = tuple(DueDate(d.deadline.date, d.deadline.kind, d.deadline.time)
                  for d in deadlines if d.deadline.case_id is None
                  and (options.since is None or d.deadline.date >= options.since))
    if loose:
        cases.append(CaseFacts(agency=household.name, agency_kind="", title="", due=loose))
    cases.sort(key=lambda c: (min((d.date for d in c.due), default=dt.date.max), c.agency))
    return SummaryInput(household=household.name, language=language, today=today,
                        cases=tuple(cases), contact=get_contact(store))


def household_summary(store: Store, household: str | int,
                      options: SummaryOptions = SummaryOptions()) -> Summary:
    """The page content for one household (by name or id)."""
    data = summary_input(store, find_household(store, household), options)
    local, german = catalogs(data.language)
    return build_summary(data, local, german)


def summary_pdf(store: Store, household: str | int, render: Renderer, *,
                options: SummaryOptions = SummaryOptions(), large: bool = False) -> bytes:
    """The household's summary as PDF bytes (in memory), drawn by ``render``."""
    return render(household_summary(store, household, options), large)

