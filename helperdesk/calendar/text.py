"""What a calendar event says: summary and description, full or redacted.

Everything a person reads goes through gettext (the helper's language). The
templates are translated once per language (``phrases``), not once per event:
an export of thousands of deadlines formats strings only. A redacted text
names no person, address, processing ID and no letter text: the agency's
kind and the household's initial are all it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from helperdesk.model import DeadlineKind, IdKind
from i18n import _, current_language

if TYPE_CHECKING:
    from helperdesk.calendar.events import CalendarEntry


@dataclass(frozen=True)
class Phrases:
    """Every template an event text uses, already translated."""

    kinds: dict[DeadlineKind, str]
    ids: dict[IdKind, str]
    phrases: dict[DeadlineKind, str]
    deadline: str
    appointment: str
    follow_up: str
    agency: str
    title: str
    prefixed: str
    with_household: str
    with_id: str
    redacted: str
    suggested: str
    done: str
    todo: str
    details_in_app: str
    agency_line: str
    household_line: str
    quote_line: str
    suggested_line: str
    letter_line: str
    steps: str


@lru_cache(maxsize=8)
def _phrases(language: str) -> Phrases:
    del language  # the cache key: ``_`` answers in the current language
    return Phrases(
        kinds={
            DeadlineKind.SUBMIT: _("Submit documents"),
            DeadlineKind.APPOINTMENT: _("Appointment"),
            DeadlineKind.OBJECTION: _("Objection period"),
            DeadlineKind.RENEWAL: _("Renewal"),
            DeadlineKind.PAYMENT: _("Payment"),
            DeadlineKind.FOLLOW_UP: _("Follow-up"),
            DeadlineKind.OTHER: _("Deadline"),
        },
        ids={
            IdKind.BG_NUMMER: _("BG number"),
            IdKind.KUNDENNUMMER: _("customer number"),
            IdKind.KINDERGELDNUMMER: _("child benefit number"),
            IdKind.AKTENZEICHEN: _("file number"),
            IdKind.STEUERNUMMER: _("tax number"),
            IdKind.STEUER_ID: _("tax ID"),
            IdKind.RV_NUMMER: _("pension insurance number"),
            IdKind.KVNR: _("health insurance number"),
            IdKind.COURT_AZ: _("court file number"),
        },
        phrases={
            DeadlineKind.SUBMIT: _("documents to {agency}"),
            DeadlineKind.APPOINTMENT: "{agency}",
            DeadlineKind.OBJECTION: _("objection to {agency}"),
            DeadlineKind.RENEWAL: _("renewal at {agency}"),
            DeadlineKind.PAYMENT: _("payment to {agency}"),
            DeadlineKind.FOLLOW_UP: "{agency}",
            DeadlineKind.OTHER: "{agency}",
        },
        deadline=_("Deadline"),
        appointment=_("Appointment"),
        follow_up=_("Follow-up"),
        agency=_("agency"),
        title=_("{what} – {agency}"),
        prefixed=_("{prefix}: {what}"),
        with_household=_("{text} – {household}"),
        with_id=_("{text} ({label} {value})"),
        redacted=_("{prefix}: {agency} – household {initial}"),
        suggested=_("{text} (suggested, not confirmed)"),
        done=_("{text} (done)"),
        todo=_("What to do: {what}"),
        details_in_app=_("Details are in HelperDesk."),
        agency_line=_("Agency: {agency}"),
        household_line=_("Household: {household}"),
        quote_line=_("Quote: {label} {value}"),
        suggested_line=_("Suggested by HelperDesk from the letter; not confirmed yet."),
        letter_line=_("From the letter: “{sentence}”"),
        steps=_("Why:"),
    )


def phrases() -> Phrases:
    """The templates in the language of the person at the screen."""
    return _phrases(current_language())


def kind_label(kind: DeadlineKind) -> str:
    """What the helper has to do, in a few words."""
    return phrases().kinds[kind]


def deadline_title(kind: DeadlineKind, agency: str | None) -> str:
    """A title for a deadline the helper did not name: "Submit documents – Jobcenter X"."""
    p = phrases()
    label = p.kinds[kind]
    return p.title.format(what=label, agency=agency) if agency else label


def household_initial(name: str) -> str:
    """"Familie Haddad" → "H." (the last word's first letter), "" → "?"."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    return (words[-1][0].upper() + ".") if words else "?"


def _prefix(p: Phrases, kind: DeadlineKind) -> str:
    if kind is DeadlineKind.APPOINTMENT:
        return p.appointment
    if kind is DeadlineKind.FOLLOW_UP:
        return p.follow_up
    return p.deadline


def _what(p: Phrases, entry: CalendarEntry) -> str:
    if entry.title:
        return entry.title
    if not entry.agency:
        return p.kinds[entry.kind]
    return p.phrases[entry.kind].format(agency=entry.agency)


def summary(entry: CalendarEntry, *, redact: bool, p: Phrases | None = None) -> str:
    """One line: prefix, what, household and the ID to quote (or their redacted form)."""
    p = p or phrases()
    if redact:
        text = p.redacted.format(prefix=_prefix(p, entry.kind),
                                 agency=entry.agency_kind or p.agency,
                                 initial=household_initial(entry.household))
    else:
        text = p.prefixed.format(prefix=_prefix(p, entry.kind), what=_what(p, entry))
        if entry.household:
            text = p.with_household.format(text=text, household=entry.household)
        if entry.processing_id is not None:
            kind, value = entry.processing_id
            text = p.with_id.format(text=text, label=p.ids[kind], value=value)
    if entry.suggested:
        text = p.suggested.format(text=text)
    if entry.cancelled:
        text = p.done.format(text=text)
    return text


def description(entry: CalendarEntry, *, redact: bool, p: Phrases | None = None) -> str:
    """What to do, the letter's sentence and the explanation's steps (or only what to do)."""
    p = p or phrases()
    if redact:
        return "\n".join((p.todo.format(what=p.kinds[entry.kind]), p.details_in_app))
    lines = [p.todo.format(what=entry.title or p.kinds[entry.kind])]
    if entry.agency:
        lines.append(p.agency_line.format(agency=entry.agency))
    if entry.household:
        lines.append(p.household_line.format(household=entry.household))
    if entry.processing_id is not None:
        kind, value = entry.processing_id
        lines.append(p.quote_line.format(label=p.ids[kind], value=value))
    if entry.suggested:
        lines.append(p.suggested_line)
    evidence = " ".join(entry.evidence.split())
    if evidence:
        lines.append(p.letter_line.format(sentence=evidence))
    if entry.explanation:
        lines.append(p.steps)
        lines.extend(f"- {step}" for step in entry.explanation)
    return "\n".join(lines)
