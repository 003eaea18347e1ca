"""Deadline suggestions from German agency text (mails, letters, PDF attachment text).

Finds what a household must do by when: explicit dates ("bis zum 15.12.2026"),
appointments with time and room, relative periods ("innerhalb von zwei Wochen
nach Erhalt"), objection periods of decisions (Rechtsbehelfsbelehrung, or one
year when it is missing), renewals (end of a Bewilligungszeitraum, "gültig bis"
of a residence title) and payments. Computed dates come from
:mod:`helperdesk.analysis.deadlines.periods` with their explanation.

Deterministic: the only reference point is the letter's own date, never today.
Dates that cannot be deadlines are dropped: the letter date, birth dates, past
periods, anything before the letter date, references to earlier letters.

Quoted reply history is not a source of deadlines: a reply answers what it
quotes. Only when the new text is practically empty (a bare "reply" used to
pass a message on) is the quoted part read like a forward. Forwards arrive in
``text`` and count; inside a forward the forwarded message's own date is the
reference point for relative periods.

This module holds the extraction rules; the text segmentation and pre-scan
are in :mod:`helperdesk.analysis.deadlines.text`, the cue patterns in
:mod:`helperdesk.analysis.deadlines.cues`, and the letter date in
:mod:`helperdesk.analysis.letter_date` (re-exported here as ``find_letter_date``).
"""

from __future__ import annotations

import datetime as dt
import re

from helperdesk.analysis.dates_de import find_dates, month_number
from helperdesk.analysis.deadlines import periods as fristen
from helperdesk.analysis.deadlines.common import (
    Collector,
    amount_of,
    as_date,
    complete_date,
    evidence,
    kind_in_sentence,
    place_of,
    time_near,
    unit_of,
)
from helperdesk.analysis.deadlines.cues import (
    AGAINST_THIS,
    APPOINTMENT_CUE,
    APPOINTMENT_WORDS,
    CANCELLED,
    CANCELLED_BOOKING,
    DEADLINE_CUE,
    DECISION_HINTS,
    DECISION_VERB,
    DUE_POST,
    IGNORECASE,
    KEEP_DAY,
    NEGATIVE_PRE,
    NEW_DATE,
    NOT_DECISION,
    NOT_DECISION_HINTS,
    OBJECTION_WORDS,
    OTHER_ACTION,
    RANGE_POST,
    RANGE_PRE,
    RBB_HEADING,
    RELATIVE,
    RENEWAL_RANGE_CONTEXT,
    RENEWAL_RANGE_NOT,
    SOFT_NEGATIVE,
    TITLE_LINE,
    TITLE_NOT,
    TITLE_WORDS,
    has_relative_hint,
)
from helperdesk.analysis.deadlines.relative import relative_periods, resolve_before_appointment
from helperdesk.analysis.deadlines.text import (
    G_BESCHEID,
    G_DATE,
    G_DECISION,
    G_ENDE,
    G_GEGEN,
    G_HEARING,
    G_RBB,
    G_RELATIVE,
    G_TITLE,
    Doc,
    lower,
)
from helperdesk.analysis.letter_date import find_letter_date
from helperdesk.model import DeadlineBasis, DeadlineKind, DeadlineSuggestion

__all__ = ["DECISION_TYPES", "extract_deadlines", "find_letter_date"]

DECISION_TYPES = frozenset({"bescheid", "aenderungsbescheid", "aufhebung_erstattung"})


def _is_decision(text: str, letter_type: str | None, doc: Doc) -> tuple[bool, bool]:
    """(is a decision, decision evidence is strong enough to assume one without RBB)."""
    if letter_type is not None and letter_type not in ("other", ""):
        return (letter_type in DECISION_TYPES, letter_type in DECISION_TYPES)
    # Each "w in low" test below only guards a search for patterns holding w,
    # so the pre-scan's "may hold" (doc.contains) gives the same results; the
    # lower-cased text is made only when a search needs it.
    title = False
    if doc.contains(G_TITLE, TITLE_WORDS[1:]) or doc.contains(G_BESCHEID, TITLE_WORDS[:1]):
        head = lower(text).replace("\r\n", "\n").split("\n")[:60]
        title = any(any(w in line for w in TITLE_WORDS) for line in head) and any(
            TITLE_LINE.match(line) and not TITLE_NOT.match(line) for line in head
        )
    verbs = doc.contains(G_DECISION, DECISION_HINTS) and any(
        DECISION_VERB.search(s.low)
        and not re.search(r"\b(?:kann|können|könnte|wenn|falls|sofern)\b", s.low)
        for s in doc.matching(G_DECISION)
    )
    against = doc.contains(G_GEGEN, ("gegen",)) and any(
        AGAINST_THIS.search(s.low) for s in doc.matching(G_GEGEN)
    )
    hearing = doc.contains(G_HEARING, NOT_DECISION_HINTS) and bool(
        NOT_DECISION.search(lower(text))
    )
    strong = (title or verbs) and not hearing
    return (strong or against, strong)


def extract_deadlines(
    text: str,
    *,
    quoted_text: str = "",
    letter_date: dt.date | None = None,
    state: str | None = None,
    law: str = "sgb",
    letter_type: str | None = None,
    electronic: bool = False,
) -> list[DeadlineSuggestion]:
    """Deadline suggestions in ``text`` (see module docstring), sorted by date.

    ``letter_date`` is the posting/sending date (mail Date, or the letter's date);
    without it nothing relative is computed and dates cannot be checked against
    the past. ``state`` is the Bundesland code for holidays, ``law`` one of
    "sgb", "vwvfg", "ao"; ``letter_type`` from the classifier, or None to detect
    decision cues here. ``electronic``: the text arrived as an e-mail on
    ``letter_date``; a period "nach Erhalt" of a mail that is not clearly a
    Verwaltungsakt then counts from that day (see :mod:`.safe`).
    """
    letter_date = as_date(letter_date)
    law = law if law in fristen.LAWS else "sgb"
    state = fristen.normalise_state(state)
    if quoted_text.strip() and len(text) < 400 and len(re.sub(r"\W", "", text)) < 40:
        # A bare reply with no own words passes the quoted message on like a forward.
        text = f"{text}\n\n{quoted_text}"
    doc = Doc(text, letter_date)
    out = Collector({})
    _explicit(doc, out, letter_date=letter_date, state=state, law=law)
    receipt = electronic and not (
        letter_type in DECISION_TYPES
        if letter_type is not None
        else _is_decision(text, None, doc)[1]
    )
    relative_periods(doc, out, state=state, law=law, receipt=receipt)
    _objection(text, doc, out, letter_date=letter_date, state=state, law=law,
               letter_type=letter_type)  # fmt: skip
    _booking_fields(text, doc, out, letter_date=letter_date)
    for key in [k for k in out.items if k[1] is DeadlineKind.APPOINTMENT and k[0] in out.cancelled]:
        del out.items[key]  # cancelled, or moved to the new date found elsewhere
    resolve_before_appointment(out, state=state)
    return sorted(out.items.values(), key=lambda s: (s.date, s.time or dt.time(0), s.kind.value))


# Online booking confirmations (Bürgerbüro, Ausländerbehörde) put the
# appointment in labelled lines: "Datum: Do, 10.07.2025" / "Uhrzeit: 08:45 Uhr".
_FIELD_DATE = re.compile(
    r"^[ \t]*(?:datum|termin|tag|wann)[ \t]*:[ \t]*(?P<rest>.+)$", IGNORECASE | re.M
)
_FIELD_TIME = re.compile(
    r"^[ \t]*(?:uhrzeit|zeit|beginn|um)[ \t]*:[ \t]*(?:um[ \t]*)?"
    r"(?P<h>[01]?\d|2[0-3])[:.](?P<min>[0-5]\d)",
    IGNORECASE | re.M,
)
_FIELD_PLACE = re.compile(
    r"^[ \t]*(?:ort|adresse|standort)[ \t]*:[ \t]*(?P<v>.+)$", IGNORECASE | re.M
)


def _booking_fields(
    text: str, doc: Doc, out: Collector, *, letter_date: dt.date | None
) -> None:
    if not doc.has_termin():
        return
    for m in _FIELD_DATE.finditer(text):
        hits = [h for h in find_dates(m.group("rest")) if h.date is not None]
        if not hits or hits[0].date is None:
            continue
        day = hits[0].date
        if letter_date is not None and day < letter_date:
            continue  # the letter's own date or a past one
        # The time must follow within the next few lines, else it is no booking.
        window = text[m.end() : m.end() + 200]
        t = _FIELD_TIME.search("\n".join(window.splitlines()[:4]))
        if t is None:
            continue
        if CANCELLED_BOOKING.search(lower(text[max(0, m.start() - 200) : m.start()])):
            out.cancelled.add(day)  # "Ihr Termin wurde storniert: Datum: …"
            continue
        place = _FIELD_PLACE.search(text[m.start() : m.end() + 400])
        evidence = " ".join(f"{m.group(0).strip()} {t.group(0).strip()}".split())
        out.add(DeadlineSuggestion(
            date=day, kind=DeadlineKind.APPOINTMENT, basis=DeadlineBasis.EXPLICIT,
            evidence=evidence, time=dt.time(int(t.group("h")), int(t.group("min"))),
            place=" ".join(place.group("v").split())[:80] if place else "",
        ))


def _explicit(
    doc: Doc,
    out: Collector,
    *,
    letter_date: dt.date | None,
    state: str | None,
    law: str,
) -> None:
    renewal_ranges: list[tuple[dt.date, str]] = []
    for paragraph in doc.candidates(G_DATE, G_ENDE):
        for index in range(len(doc.sentences(paragraph))):
            _explicit_sentence(
                doc, paragraph, index, out, renewal_ranges=renewal_ranges,
                letter_date=letter_date, state=state, law=law,
            )  # fmt: skip
    if renewal_ranges:
        # One renewal per letter: the end of the (latest) Bewilligungszeitraum, not
        # the month-by-month lines of the calculation.
        date, s = max(renewal_ranges, key=lambda r: r[0])
        out.add(
            DeadlineSuggestion(
                date=date,
                kind=DeadlineKind.RENEWAL,
                basis=DeadlineBasis.EXPLICIT,
                evidence=evidence(s),
                explanation=(
                    f"The Bewilligungszeitraum ends on {fristen.fmt(date)}; benefits continue "
                    "only on a new application (Weiterbewilligungsantrag), which should be "
                    "made before this day (§ 37 SGB II: benefits are not paid for times "
                    "before the application month).",
                ),
            )
        )


def _explicit_sentence(
    doc: Doc,
    paragraph: int,
    index: int,
    out: Collector,
    *,
    renewal_ranges: list[tuple[dt.date, str]],
    letter_date: dt.date | None,
    state: str | None,
    law: str,
) -> None:
    """Explicit dates of sentence ``index`` of ``paragraph``; range ends into ``renewal_ranges``."""
    sent = doc.sentences(paragraph)[index]
    s, low = sent.text, sent.low
    hits = find_dates(s)
    ends = _month_ends(low) if "ende " in low else []
    if not hits and not ends:
        return
    for hit in hits:
        pre = low[max(0, hit.start - 60) : hit.start]
        post = low[hit.end : hit.end + 40]
        is_range_end = bool(RANGE_PRE.search(pre))
        date = complete_date(hit, sent.anchor)
        if date is None:
            continue
        if sent.anchor is not None and date <= sent.anchor:
            continue  # the letter date, references to earlier letters, past periods
        if letter_date is not None and date <= letter_date:
            continue
        if is_range_end:
            ctx = low[max(0, hit.start - 200) : hit.end + 120]
            if (
                hit.has_year
                and RENEWAL_RANGE_CONTEXT.search(ctx)
                and not RENEWAL_RANGE_NOT.search(ctx)
            ):
                renewal_ranges.append((date, s))
            continue
        if RANGE_POST.match(post):
            continue
        ctx_lo = max(0, hit.start - 160)
        ctx = low[ctx_lo : hit.end + 160]
        pos = hit.start - ctx_lo
        time = time_near(low, hit.start, hit.end)
        if NEGATIVE_PRE.search(pre) and not (
            # "Die Maßnahme beginnt am 01.04. um 8:00 Uhr in Raum 12" is an appointment.
            time and SOFT_NEGATIVE.search(pre) and APPOINTMENT_WORDS.search(ctx)
        ):
            continue
        deadline_cue = DEADLINE_CUE.search(pre)
        if not deadline_cue and DUE_POST.match(post):
            # "Der Betrag ist am 15.04.2025 fällig."
            _add_explicit(
                out, date, DeadlineKind.PAYMENT, s, (hit.start, hit.end), state=state, law=law
            )
            continue
        if not deadline_cue and hit.has_year:
            appointment_cue = APPOINTMENT_CUE.search(pre)
            if appointment_cue or (time and APPOINTMENT_WORDS.search(ctx)):
                if _cancelled(low, hit.start, hit.end):
                    out.cancelled.add(date)
                    continue
                out.add(
                    DeadlineSuggestion(
                        date=date,
                        kind=DeadlineKind.APPOINTMENT,
                        basis=DeadlineBasis.EXPLICIT,
                        evidence=evidence(s, hit.start, hit.end),
                        time=time,
                        place=place_of(doc, paragraph, index),
                    )
                )
            continue
        if not deadline_cue:
            continue
        kind = kind_in_sentence(low, ctx, pos)
        if kind is DeadlineKind.OTHER and not OTHER_ACTION.search(ctx):
            continue
        _add_explicit(out, date, kind, s, (hit.start, hit.end), state=state, law=law)
    for start, end, date in ends:
        if letter_date is not None and date <= letter_date:
            continue
        ctx_lo = max(0, start - 160)
        ctx = low[ctx_lo : end + 160]
        kind = kind_in_sentence(low, ctx, start - ctx_lo)
        if kind is DeadlineKind.OTHER and not OTHER_ACTION.search(ctx):
            continue
        _add_explicit(out, date, kind, s, (start, end), state=state, law=law)


_CANCEL_REACH = 60


def _cancelled(low: str, start: int, end: int) -> bool:
    """Whether the appointment date at ``start:end`` is cancelled or moved away.

    "Der Termin am 12.03. entfällt / wird verlegt auf den 19.03.": the date before
    the verb is gone; a date after "verlegt auf" or "neuer Termin" is the new one.
    """
    if NEW_DATE.search(low, 0, start):
        return False
    # The verb follows the date closely ("am 12.03. um 9 Uhr entfällt"); further on
    # it is about something else ("… da unser Büro verlegt wurde").
    return CANCELLED.search(low, end, end + _CANCEL_REACH) is not None


_MONTH_END = re.compile(
    r"\bbis\s+(?:spätestens\s+)?(?:zum\s+)?ende\s+(?:des\s+monats\s+)?(?P<m>[a-zäöü]+)\.?\s+"
    r"(?P<y>20\d{2})\b",
)


def _month_ends(s: str) -> list[tuple[int, int, dt.date]]:
    """ "bis Ende Januar 2027" → the month's last day."""
    result = []
    for m in _MONTH_END.finditer(s):
        month = month_number(m.group("m"))
        if month is None:
            continue
        year = int(m.group("y"))
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        result.append((m.start(), m.end(), nxt - dt.timedelta(days=1)))
    return result


def _add_explicit(
    out: Collector,
    date: dt.date,
    kind: DeadlineKind,
    sentence: str,
    span: tuple[int, int],
    *,
    state: str | None,
    law: str,
) -> None:
    steps: tuple[str, ...] = ()
    final = date
    if kind is DeadlineKind.RENEWAL:
        steps = (
            f"The document or permission is valid until {fristen.fmt(date)}; apply for the "
            "extension before it expires (for a residence title: § 81 Abs. 4 AufenthG – an "
            "application made in time keeps the title in force until the decision).",
        )
    elif not KEEP_DAY.search(lower(sentence)):
        moved = fristen.explicit_deadline(date, law=law, state=state)
        final = moved.date
        if moved.steps:
            steps = (f"The letter names {fristen.fmt(date)} as the last day.", *moved.steps)
    out.add(
        DeadlineSuggestion(
            date=final,
            kind=kind,
            basis=DeadlineBasis.EXPLICIT,
            evidence=evidence(sentence, *span),
            explanation=steps,
        )
    )


def _objection(
    text: str,
    doc: Doc,
    out: Collector,
    *,
    letter_date: dt.date | None,
    state: str | None,
    law: str,
    letter_type: str | None,
) -> None:
    decision, strong = _is_decision(text, letter_type, doc)
    if not decision:
        return
    found_rbb = False
    for sent in doc.matching(G_RELATIVE):
        s, low = sent.text, sent.low
        if sent.anchor is None or not has_relative_hint(low):
            continue
        if not OBJECTION_WORDS.search(low):
            continue
        m = RELATIVE.search(low)
        if not m:
            continue
        if m.group("mf"):
            amount: int | None = 1
            unit: fristen.Unit | None = fristen.Unit.MONTH
        else:
            amount, unit = amount_of(m.group("n")), unit_of(m.group("u"))
        if not amount or unit is None:
            continue
        found_rbb = True
        comp = fristen.objection_deadline(
            sent.anchor, law=law, state=state, amount=amount, unit=unit
        )
        out.add(
            DeadlineSuggestion(
                date=comp.date,
                kind=DeadlineKind.OBJECTION,
                basis=DeadlineBasis.COMPUTED,
                evidence=evidence(s, m.start(), m.end()),
                explanation=comp.steps,
            )
        )
        break
    if found_rbb or letter_date is None:
        return
    has_heading = any(RBB_HEADING.search(x.low) for x in doc.matching(G_RBB))
    if has_heading:
        # A Rechtsbehelfsbelehrung whose period we could not read: assume the usual
        # month – the earlier, safe date.
        comp = fristen.objection_deadline(letter_date, law=law, state=state)
        heading = next(
            (x.text for x in doc.matching(G_RBB) if RBB_HEADING.search(x.low)), ""
        )
        steps = ("Rechtsbehelfsbelehrung present, period not recognised: one month assumed.",)
        out.add(
            DeadlineSuggestion(
                date=comp.date,
                kind=DeadlineKind.OBJECTION,
                basis=DeadlineBasis.COMPUTED,
                evidence=evidence(heading),
                explanation=(*steps, *comp.steps),
            )
        )
        return
    if not strong:
        return
    comp = fristen.objection_deadline(letter_date, law=law, state=state, instructed=False)
    title = next((x.text for x in doc.matching(G_BESCHEID) if "bescheid" in x.low), "")
    first = doc.first()
    out.add(
        DeadlineSuggestion(
            date=comp.date,
            kind=DeadlineKind.OBJECTION,
            basis=DeadlineBasis.COMPUTED,
            evidence=evidence(title or first.text if first else ""),
            explanation=comp.steps,
        )
    )
