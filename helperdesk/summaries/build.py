"""Build the summary of one household: its open cases, appointments and contact, in two languages.

Plain-language rules: one fact per sentence, active voice, no abbreviations,
dates written out with the weekday. Each sentence is printed in the
household's language with the German underneath, so the page can be shown at
the agency's counter. Agencies' names and processing IDs stay exactly as the
agency writes them.
"""

from __future__ import annotations

import datetime as dt
import gettext

from helperdesk.model import DeadlineKind, IdKind, ProcessingId
from helperdesk.summaries import facts
from helperdesk.summaries.model import (
    Block,
    CaseFacts,
    DueDate,
    LetterFacts,
    Line,
    Section,
    Summary,
    SummaryInput,
)
from helperdesk.summaries.texts import Texts
from i18n import N_, is_rtl

# The German names of processing IDs, written out (no abbreviations); the
# household quotes them as the agency writes them, so they are not translated.
ID_NAMES: dict[IdKind, str] = {
    IdKind.BG_NUMMER: "BG-Nummer",
    IdKind.KUNDENNUMMER: "Kundennummer",
    IdKind.KINDERGELDNUMMER: "Kindergeldnummer",
    IdKind.AKTENZEICHEN: "Aktenzeichen",
    IdKind.STEUERNUMMER: "Steuernummer",
    IdKind.STEUER_ID: "Steuer-Identifikationsnummer",
    IdKind.RV_NUMMER: "Rentenversicherungsnummer",
    IdKind.KVNR: "Krankenversichertennummer",
    IdKind.COURT_AZ: "Aktenzeichen des Gerichts",
}

# What the latest letter is, by its letter type.
LETTER_SAYS: dict[str, str] = {
    "aufforderung_mitwirkung": N_("The office asks you to send documents."),
    "einladung_termin": N_("The office invites you to an appointment."),
    "bescheid": N_("The office has made a decision (Bescheid)."),
    "aenderungsbescheid": N_("The office has changed a decision (Änderungsbescheid)."),
    "aufhebung_erstattung": N_("The office wants money back (Erstattung)."),
    "anhoerung": N_("The office wants to hear your side before it decides (Anhörung)."),
    "mahnung": N_("The office reminds you of a payment (Mahnung)."),
    "eingangsbestaetigung": N_("The office confirms that your letter has arrived."),
    "information": N_("The office sends you information."),
    "portal_benachrichtigung": N_("A new letter waits for you in the office's online mailbox."),
    "other": N_("The office has written to you."),
}
DECISIONS = frozenset({"bescheid", "aenderungsbescheid", "aufhebung_erstattung"})
ASKS_DOCUMENTS = frozenset({"aufforderung_mitwirkung", "anhoerung"})
# Decisions of these agencies are challenged by "Einspruch" (Abgabenordnung).
EINSPRUCH_KINDS = frozenset({"familienkasse", "finanzamt"})

DUE_SAYS: dict[DeadlineKind, str] = {
    DeadlineKind.SUBMIT: N_("Send everything by {date}."),
    DeadlineKind.OBJECTION: N_("You can object ({remedy}) until {date}."),
    DeadlineKind.RENEWAL: N_("Apply for the renewal by {date}."),
    DeadlineKind.PAYMENT: N_("Pay by {date}."),
    DeadlineKind.OTHER: N_("The office set a deadline: {date}."),
}


def _id_text(pid: ProcessingId) -> str:
    return f"{ID_NAMES.get(pid.kind, pid.kind.value)} {pid.value}"


def _appointment(t: Texts, due: DueDate) -> Line:
    if due.time is not None:
        return t.line(N_("Your appointment is on {date} at {time}."), date=due.date, time=due.time)
    return t.line(N_("Your appointment is on {date}."), date=due.date)


def _due_lines(t: Texts, case: CaseFacts, due: DueDate, today_passed: bool,
               letter: LetterFacts | None) -> list[Line]:
    lines: list[Line] = []
    if due.kind is DeadlineKind.APPOINTMENT:
        lines.append(_appointment(t, due))
        text = letter.text if letter else ""
        room = facts.room(text, due.place)
        if room:
            lines.append(t.line(N_("Go to room {room}."), room=room))
    else:
        if due.kind is DeadlineKind.SUBMIT:
            # An earlier letter asked for these; the latest one may be about something else.
            for doc in facts.documents(due.letter_text):
                lines.append(t.line(N_("Send this document: {document}."), document=doc))
        remedy = "Einspruch" if case.agency_kind in EINSPRUCH_KINDS else "Widerspruch"
        lines.append(t.line(DUE_SAYS[due.kind], date=due.date, remedy=remedy))
    if today_passed:
        # Two sentences, one fact each, printed together as one warning.
        passed = t.line(N_("This date has passed."), strong=True)
        act = t.line(N_("Talk to your contact person today."), strong=True)
        lines.append(Line(f"{passed.local} {act.local}", f"{passed.german} {act.german}",
                          strong=True))
    return lines


def _letter_lines(t: Texts, case: CaseFacts, letter: LetterFacts) -> list[Line]:
    lines: list[Line] = []
    if letter.date is not None:
        lines.append(t.line(N_("The latest letter is dated {date}."), date=letter.date))
    lines.append(t.line(LETTER_SAYS.get(letter.letter_type, LETTER_SAYS["other"])))
    if letter.letter_type in ASKS_DOCUMENTS:
        for doc in facts.documents(letter.text):
            lines.append(t.line(N_("Send this document: {document}."), document=doc))
        if letter.reply_address:
            lines.append(t.line(N_("You can send it by e-mail to {address}."),
                                address=letter.reply_address))
        else:
            lines.append(t.line(N_("Send it to the address on the letter.")))
    if letter.letter_type == "einladung_termin":
        for doc in facts.to_bring(letter.text):
            lines.append(t.line(N_("Bring this with you: {document}."), document=doc))
        if facts.in_person(letter.text):
            lines.append(t.line(N_("Go there in person.")))
    if letter.letter_type in DECISIONS:
        lines.append(t.line(N_("Keep this letter.")))
    return lines


def _case_block(t: Texts, case: CaseFacts, today_iso: str) -> Block:
    lines: list[Line] = []
    heading = case.agency if not case.title else f"{case.agency} – {case.title}"
    ids = tuple(_id_text(p) for p in case.processing_ids)
    for text in ids:
        lines.append(t.line(N_("Write this number on every letter to the office: {number}."),
                            number=text))
    if case.latest is not None:
        lines.extend(_letter_lines(t, case, case.latest))
    for due in case.due:
        lines.extend(_due_lines(t, case, due, due.date.isoformat() < today_iso, case.latest))
    if case.office_waits:
        lines.append(t.line(N_("The office is waiting for an answer from you.")))
    elif case.household_waits:
        lines.append(t.line(N_("You are waiting for an answer from the office.")))
    if not lines:
        lines.append(t.line(N_("Nothing is open here right now.")))
    return Block(heading=heading, lines=tuple(lines), ids=ids)


def build_summary(
    data: SummaryInput,
    local: gettext.NullTranslations,
    german: gettext.NullTranslations,
) -> Summary:
    """The page for ``data``: ``local`` is the household language's catalog, ``german`` de's."""
    t = Texts(data.language, local, german)
    today_iso = data.today.isoformat()
    intro = (
        t.line(N_("This page was made on {date}."), date=data.today),
    )
    sections: list[Section] = []
    blocks = tuple(_case_block(t, c, today_iso) for c in data.cases)
    if not blocks:
        blocks = (Block("", (t.line(N_("There are no open matters.")),)),)
    sections.append(Section(t.line(N_("Your open matters")), blocks))

    appointments = sorted(
        ((due, case) for case in data.cases for due in case.due
         if due.kind is DeadlineKind.APPOINTMENT and due.date.isoformat() >= today_iso),
        key=lambda p: (p[0].date, p[0].time or dt.time.max))
    if appointments:
        sections.append(Section(t.line(N_("Your next appointments")), tuple(
            Block(case.agency, (_appointment(t, due),)) for due, case in appointments)))

    contact = data.contact
    if contact:
        # Names and numbers read the same in every language: one line, labels translated.
        title = (t.line(N_("Your contact person: {name}"), name=contact.name) if contact.name
                 else t.line(N_("Your contact person")))
        parts = []
        if contact.phone:
            parts.append(t.line(N_("Phone: {phone}"), phone=contact.phone))
        if contact.email:
            parts.append(t.line(N_("E-mail: {email}"), email=contact.email))
        lines = (Line(local="   ".join(p.local for p in parts),
                      german="   ".join(p.german for p in parts)),) if parts else ()
        sections.append(Section(title, (Block("", lines),)))

    return Summary(
        language=data.language,
        rtl=is_rtl(data.language),
        title=t.line(N_("Overview for {household}"), household=data.household),
        intro=tuple(line for line in intro if line is not None),
        sections=tuple(sections),
    )
