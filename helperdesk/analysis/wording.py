"""What analysis found, worded in the screen language when it is shown.

Analysis and storage keep language-neutral data: enum codes (ID kinds, letter
types, agency kinds, deadline kinds) and, for deadline explanations and problem
notes, the canonical English sentence of a fixed template with its parameters
(dates, periods, citations) written into it. This module turns both into the
language of the person reading, at display time: each template below is a
gettext message, a stored sentence is matched back to its template, and its
parameters are rendered again (dates with the weekday in the reader's locale,
periods with the right plural). So a change of language changes old
explanations too, and rows stored before this module existed read the same way.
A sentence that matches no template is shown as stored.

Legal citations (``§ 37 Abs. 2 SGB X``) and German legal terms the household
must recognise on the agency's letters stay German; ``legal_terms`` explains
them for tooltips.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from helperdesk.analysis.agency_kinds import KINDS
from helperdesk.analysis.letter_type_cues import LetterType
from helperdesk.model import AgencyKind, DeadlineKind, Found, IdKind
from i18n import N_, _, current_language, format_day_long, ngettext, pgettext

# --------------------------------------------------------------------------- names

_ID_KINDS = {
    # TRANSLATORS: keep the German term in brackets: the household quotes it to the agency.
    IdKind.BG_NUMMER: N_("BG number (BG-Nummer)"),
    IdKind.KUNDENNUMMER: N_("Customer number (Kundennummer)"),
    IdKind.KINDERGELDNUMMER: N_("Child benefit number (Kindergeldnummer)"),
    IdKind.AKTENZEICHEN: N_("File reference (Aktenzeichen)"),
    IdKind.STEUERNUMMER: N_("Tax number (Steuernummer)"),
    IdKind.STEUER_ID: N_("Tax ID (Steuer-ID)"),
    IdKind.RV_NUMMER: N_("Pension insurance number (Versicherungsnummer)"),
    IdKind.KVNR: N_("Health insurance number (KVNR)"),
    IdKind.COURT_AZ: N_("Court file number (Aktenzeichen)"),
}

_LETTER_TYPES = {
    LetterType.BESCHEID: N_("Decision (Bescheid)"),
    LetterType.AENDERUNGSBESCHEID: N_("Amended decision (Änderungsbescheid)"),
    LetterType.AUFHEBUNG_ERSTATTUNG: N_("Cancellation and repayment (Aufhebung und Erstattung)"),
    LetterType.EINLADUNG_TERMIN: N_("Invitation to an appointment"),
    LetterType.AUFFORDERUNG_MITWIRKUNG: N_("Request to send documents (Mitwirkung)"),
    LetterType.ANHOERUNG: N_("Hearing before a decision (Anhörung)"),
    LetterType.MAHNUNG: N_("Payment reminder (Mahnung)"),
    LetterType.EINGANGSBESTAETIGUNG: N_("Confirmation of receipt"),
    LetterType.INFORMATION: N_("Information"),
    LetterType.PORTAL_BENACHRICHTIGUNG: N_("Portal notification"),
    LetterType.OTHER: N_("Other letter"),
}

_AGENCY_KINDS = {
    AgencyKind.JOBCENTER: N_("Job centre"),
    AgencyKind.AUSLAENDERBEHOERDE: N_("Immigration office"),
    AgencyKind.FAMILIENKASSE: N_("Family benefits office"),
    AgencyKind.FINANZAMT: N_("Tax office"),
    AgencyKind.RENTENVERSICHERUNG: N_("German pension insurance"),
    AgencyKind.KRANKENKASSE: N_("Health insurance fund"),
    AgencyKind.WOHNGELDSTELLE: N_("Housing benefit office"),
    AgencyKind.SOZIALAMT: N_("Social welfare office"),
    AgencyKind.SOZIALGERICHT: N_("Social court"),
    AgencyKind.BUERGERBUERO: N_("Citizens' office"),
    AgencyKind.OTHER: N_("Other agency"),
}

_DEADLINE_KINDS = {
    DeadlineKind.SUBMIT: N_("Submit documents"),
    DeadlineKind.APPOINTMENT: N_("Appointment"),
    DeadlineKind.OBJECTION: N_("Objection period"),
    DeadlineKind.RENEWAL: N_("Renewal"),
    DeadlineKind.PAYMENT: N_("Payment"),
    DeadlineKind.FOLLOW_UP: N_("Follow-up"),
    DeadlineKind.OTHER: N_("Other"),
}

_FOUND = {
    Found.SUBJECT: N_("the subject"),
    Found.BODY: N_("the text"),
    Found.QUOTED: N_("a quoted earlier mail"),
    Found.ATTACHMENT: N_("an attachment"),
}

_LEGAL_TERMS = {
    "Frist": N_("Frist: the period within which something must be done. "
                "After it ends, rights can be lost."),
    "Bescheid": N_("Bescheid: a formal decision of an agency. It can be challenged "
                   "within a period, usually one month."),
    "Widerspruch": N_("Widerspruch: the objection against a Bescheid. Write it to the "
                      "agency that decided, within the period."),
    "Bekanntgabe": N_("Bekanntgabe: the day a letter counts as received. For post it is "
                      "usually the 4th day after posting."),
    "Einspruch": N_("Einspruch: the objection against a tax decision (Finanzamt, Familienkasse)."),
    "Rechtsbehelfsbelehrung": N_("Rechtsbehelfsbelehrung: the part of a Bescheid that says "
                                 "how and by when you can object."),
}


def id_kind_name(kind: IdKind | str) -> str:
    """The ID kind in the screen language, with the German term the agency uses."""
    return _(_ID_KINDS[IdKind(kind)])


def letter_type_name(code: LetterType | str) -> str:
    """The letter type in the screen language ("Bescheid", not ``bescheid``)."""
    try:
        return _(_LETTER_TYPES[LetterType(code)])
    except ValueError:
        return str(code)


def agency_kind_name(kind: AgencyKind | str) -> str:
    """The agency kind in the screen language (German: the agency's own word)."""
    k = AgencyKind(kind)
    if current_language() == "de":
        return KINDS[k].name_de
    return _(_AGENCY_KINDS[k])


def deadline_kind_name(kind: DeadlineKind | str) -> str:
    """What a deadline asks for, in the screen language."""
    try:
        return _(_DEADLINE_KINDS[DeadlineKind(kind)])
    except ValueError:
        return str(kind)


def found_in_name(where: Found | str) -> str:
    """Where in a message a fact was found, in the screen language."""
    try:
        return _(_FOUND[Found(where)])
    except ValueError:
        return str(where)


def legal_terms(text: str) -> list[str]:
    """Plain explanations of the German legal terms that occur in ``text`` (for tooltips)."""
    low = text.casefold()
    return [_(note) for term, note in _LEGAL_TERMS.items() if term.casefold() in low]


def long_date(day: dt.date, lang: str | None = None) -> str:
    """A date written out with its weekday in the reader's locale."""
    return format_day_long(day, lang)


# --------------------------------------------------------------------------- templates

# The canonical sentences written by helperdesk.analysis.deadlines (periods.py,
# extract.py). Placeholders: {date…} a weekday + German date, {n} a number, the
# rest free text rendered by _PARTS below or kept as it is (citations).
_STEPS: tuple[str, ...] = (
    N_("{date} is {holiday}, a holiday only in some municipalities of {state}; not moved "
       "(earlier date is the safe one) – if the place where the act is due observes it, the "
       "deadline ends on the next working day."),
    N_("{date} is {why}{also}: the deadline ends on the next working day, {date2} "
       "({law}; {cal})."),
    N_("The period starts the day after {trigger} on {date}, which is not counted "
       "(§ 187 Abs. 1 BGB; {law})."),
    N_("{period}: {rule} (§ 188 Abs. 1, 2 BGB) → {date}{clamp}."),
    N_("Letter posted/sent on {date}."),
    N_("Bekanntgabe is deemed on the {rule} after posting ({law}): {date}."),
    N_("{date} is {why}; in tax law the deemed day moves to the next working day, {date2} "
       "(§ 108 Abs. 3 AO; BFH IX R 68/98)."),
    N_("{date} is {why}; the deemed day stays unchanged ({case})."),
    N_("Rechtsbehelfsbelehrung given: {period} after Bekanntgabe ({law})."),
    N_("No Rechtsbehelfsbelehrung found in this decision: the objection is possible within "
       "one year after Bekanntgabe ({law})."),
    N_("The Bewilligungszeitraum ends on {date}; benefits continue only on a new application "
       "(Weiterbewilligungsantrag), which should be made before this day (§ 37 SGB II: "
       "benefits are not paid for times before the application month)."),
    N_("The document or permission is valid until {date}; apply for the extension before it "
       "expires (for a residence title: § 81 Abs. 4 AufenthG – an application made in time "
       "keeps the title in force until the decision)."),
    N_("The letter names {date} as the last day."),
    N_("No start named; counted from receipt of the letter (deemed Bekanntgabe)."),
    N_("Rechtsbehelfsbelehrung present, period not recognised: one month assumed."),
    N_("{date} is {holiday} in {states}; the agency's Bundesland is not known, so it is not "
       "counted (earlier, safe date) – where it is a public holiday, the deadline ends on the "
       "next working day."),
)

# Problem notes written by helperdesk.mail, helperdesk.intake and helperdesk.app.
_PROBLEMS: tuple[str, ...] = (
    N_("8-bit text in a part declared as us-ascii"),
    N_("text declared as {charset} is UTF-8"),
    N_("unknown charset {charset}"),
    N_("text not in declared charset {charset}"),
    N_("broken encoded word in header"),
    N_("unreadable Date header"),
    N_("damaged base64 content; decoded what could be read"),
    N_("base64 content unreadable"),
    N_("content undecodable: {error}"),
    N_("MIME nesting too deep; inner parts skipped"),
    N_("forwarded message unreadable"),
    N_("MIME structure unreadable: {error}"),
    N_("message could not be parsed: {error}"),
    N_("message defect: {error}"),
    N_("empty message"),
    N_("unreadable From header"),
    N_("no From header"),
    N_("mail too large to read ({n} MB): stored unread, open or export it to see its content"),
    N_("attachment {filename} too large to read its text"),
    N_("the PDF has no text layer (a scan): it needs OCR to be read"),
    N_("mail could not be read ({error})"),
    N_("mail could not be stored in parsed form ({error})"),
    N_("MIME structure too deeply nested: only the header was read"),
    N_("subject too long: cut"),
    N_("HTML too large or too deeply nested: shown as plain text"),
    N_("too complex to read safely: stored unread, open or export it to see its content"),
    N_("letter could not be read ({error})"),
    N_("some pages could not be read yet: they need OCR"),
)

# Fixed phrases that are parameters of the sentences above.
_PHRASES: tuple[str, ...] = (
    N_("a Saturday"), N_("a Sunday"), N_("a public holiday ({holiday}, {state})"),
    N_("nationwide"), N_("holidays of {state}"),
    N_("nationwide holidays only (Bundesland unknown)"),
    N_("the triggering event"), N_("the Bekanntgabe"), N_("the letter date"),
    N_("counting days"), N_("a week period ends on the same weekday"),
    N_("a month period ends on the same day number"),
    N_("a year period ends on the same day and month"),
    N_("4th day (rule for items sent from 01.01.2025, Postrechtsmodernisierungsgesetz)"),
    N_("3rd day (rule for items sent up to 31.12.2024)"),
    N_("following BSG B 14 AS 12/09 R for SGB X"),
    N_("; that month has no day {n}, so its last day counts (§ 188 Abs. 3 BGB)"),
    N_("; {days} too"), N_("{date} is {why}"),
)

_DATE = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{2}\.\d{2}\.\d{4}"
_SPECIAL = {"n": r"\d+", "also": r"(?:; .+ too)?", "clamp": r"(?:; that month has no day .+)?",
            "period": r"\d+ (?:day|week|month|year)s?"}


@lru_cache(maxsize=128)
def _pattern(template: str) -> re.Pattern[str]:
    out, pos = [], 0
    for m in re.finditer(r"\{(\w+)\}", template):
        out.append(re.escape(template[pos:m.start()]))
        name = m.group(1)
        body = _DATE if name.startswith("date") else _SPECIAL.get(name, ".+?")
        out.append(f"(?P<{name}>{body})")
        pos = m.end()
    out.append(re.escape(template[pos:]))
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def _match(text: str, templates: Iterable[str]) -> tuple[str, dict[str, str]] | None:
    for template in templates:
        m = _pattern(template).match(text)
        if m:
            return template, m.groupdict()
    return None


def _render(text: str, templates: Iterable[str]) -> str:
    found = _match(text.strip(), templates)
    if found is None:
        return text
    template, params = found
    values = {k: _PARTS.get(k, _PARTS["date"] if k.startswith("date") else _keep)(v)
              for k, v in params.items()}
    try:
        return _(template).format(**values)
    except (KeyError, IndexError, ValueError):  # a broken translation: show the source form
        return template.format(**values)


def _keep(value: str) -> str:
    return value


def _date(value: str) -> str:
    return long_date(dt.datetime.strptime(value[4:], "%d.%m.%Y").date())


def _phrase(value: str) -> str:
    return _render(value, _PHRASES)


def _period(value: str) -> str:
    amount, unit = value.split()
    n = int(amount)
    unit = unit.rstrip("s")
    if unit == "day":
        return ngettext("{n} day", "{n} days", n).format(n=n)
    if unit == "week":
        return ngettext("{n} week", "{n} weeks", n).format(n=n)
    if unit == "month":
        return ngettext("{n} month", "{n} months", n).format(n=n)
    return ngettext("{n} year", "{n} years", n).format(n=n)


def _also(value: str) -> str:
    if not value:
        return ""
    # "; Sat 05.04.2025 is a Saturday, Sun 06.04.2025 is a Sunday too": split before each date.
    items = re.split(rf", (?={_DATE} is )", value[2:-len(" too")])
    return _("; {days} too").format(days=pgettext("list separator", ", ").join(
        _render(item, _PHRASES) for item in items))


def _clamp(value: str) -> str:
    return _render(value, _PHRASES) if value else ""


_PARTS: dict[str, Callable[[str], str]] = {
    "date": _date, "why": _phrase, "cal": _phrase, "trigger": _phrase, "rule": _phrase,
    "case": _phrase, "period": _period, "also": _also, "clamp": _clamp,
}


def explanation_step(text: str) -> str:
    """One stored step of a deadline's explanation, in the screen language."""
    return _render(text, _STEPS)


def problem_note(text: str) -> str:
    """One stored problem note of a message, in the screen language."""
    bare = text.replace("'", "")  # {charset!r} and {filename!r} were written with quotes
    return _render(bare, _PROBLEMS) if _match(bare, _PROBLEMS) else text
