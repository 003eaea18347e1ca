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
import functools
import re
from dataclasses import dataclass

from helperdesk.analysis.dates_de import DateHit, find_dates, month_number
from helperdesk.analysis.deadlines import periods as fristen
from helperdesk.analysis.deadlines.cues import (
    AGAINST_THIS,
    ANCHOR_LETTER_DATE,
    ANCHOR_NOTIFICATION,
    APPOINTMENT_CUE,
    APPOINTMENT_WORDS,
    DEADLINE_CUE,
    DECISION_HINTS,
    DECISION_VERB,
    DUE_POST,
    GENERAL_RULE,
    IGNORECASE,
    KEEP_DAY,
    NEGATIVE_PRE,
    NOT_DECISION,
    NOT_DECISION_HINTS,
    NUM_WORDS,
    OBJECTION_WORDS,
    OTHER_ACTION,
    OTHER_ANCHOR,
    PAYMENT_STRONG,
    PAYMENT_WEAK,
    PLACE,
    PLACE_FIELD,
    RANGE_POST,
    RANGE_PRE,
    RBB_HEADING,
    RELATIVE,
    RENEWAL_RANGE_CONTEXT,
    RENEWAL_RANGE_NOT,
    RENEWAL_WEAK,
    RENEWAL_WORDS,
    SOFT_NEGATIVE,
    SUBMIT_WORDS,
    TIME_POST,
    TIME_POST_COLON,
    TIME_PRE,
    TITLE_LINE,
    TITLE_NOT,
    TITLE_WORDS,
    has_relative_hint,
)
from helperdesk.analysis.deadlines.safe import deadline_after_receipt, working_day_period_end
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
from i18n import _

__all__ = ["DECISION_TYPES", "extract_deadlines", "find_letter_date"]

DECISION_TYPES = frozenset({"bescheid", "aenderungsbescheid", "aufhebung_erstattung"})
_EVIDENCE_MAX = 240

# --------------------------------------------------------------------------- helpers


def _as_date(value: dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _evidence(sentence: str, start: int = 0, end: int = 0) -> str:
    if len(sentence) <= _EVIDENCE_MAX:
        return sentence
    half = _EVIDENCE_MAX // 2
    lo = max(0, min(start - half, len(sentence) - _EVIDENCE_MAX))
    hi = lo + _EVIDENCE_MAX
    cut = sentence[lo:hi].strip()
    return ("…" if lo > 0 else "") + cut + ("…" if hi < len(sentence) else "")


def _complete(hit: DateHit, reference: dt.date | None) -> dt.date | None:
    """The hit's date; a year-less date takes the first year not before the reference."""
    if hit.date is not None:
        return hit.date
    if reference is None:
        return None
    for year in (reference.year, reference.year + 1):
        try:
            candidate = dt.date(year, hit.month, hit.day)
        except ValueError:
            continue
        if candidate >= reference:
            return candidate
    return None


def _nearest(pattern: re.Pattern[str], ctx: str, pos: int) -> int | None:
    best: int | None = None
    for m in pattern.finditer(ctx):
        dist = 0 if m.start() <= pos <= m.end() else min(abs(m.start() - pos), abs(m.end() - pos))
        if best is None or dist < best:
            best = dist
    return best


# Agency letters repeat their wording (templates, tables of dates), so the same
# window around a date recurs within a letter and across letters; the result
# depends on the window alone.
@functools.lru_cache(maxsize=2048)
def _kind(ctx: str, pos: int) -> DeadlineKind:
    """Kind of the action in lower-case ``ctx`` nearest to position ``pos`` (the date)."""
    scores: list[tuple[int, int, DeadlineKind]] = []
    for prio, (pattern, kind, penalty) in enumerate(
        (
            (OBJECTION_WORDS, DeadlineKind.OBJECTION, 0),
            (PAYMENT_STRONG, DeadlineKind.PAYMENT, 0),
            (RENEWAL_WORDS, DeadlineKind.RENEWAL, 0),
            (SUBMIT_WORDS, DeadlineKind.SUBMIT, 0),
            (PAYMENT_WEAK, DeadlineKind.PAYMENT, 60),
            (RENEWAL_WEAK, DeadlineKind.RENEWAL, 40),
        )
    ):
        dist = _nearest(pattern, ctx, pos)
        if dist is not None:
            scores.append((dist + penalty, prio, kind))
    if not scores:
        return DeadlineKind.OTHER
    if any(k is DeadlineKind.OBJECTION for _, _, k in scores) and re.search(
        r"begründ|ihr\w*\s+(?:widerspruch|einspruch)\s+vom", ctx
    ):
        scores = [s for s in scores if s[2] is not DeadlineKind.OBJECTION] or [
            (0, 0, DeadlineKind.SUBMIT)
        ]
    scores.sort()
    return scores[0][2]


def _time_near(sentence: str, start: int, end: int) -> dt.time | None:
    post = sentence[end : end + 40]
    m = TIME_POST.match(post) or TIME_POST_COLON.match(post)
    if not m:
        m = TIME_PRE.search(sentence[max(0, start - 40) : start])
    if not m:
        return None
    return dt.time(int(m.group("h")), int(m.group("min") or 0))


def _place(doc: Doc, paragraph: int, index: int) -> str:
    # The sentence and the next two, also across paragraphs.
    for s in doc.following(paragraph, index, 3):
        m = PLACE.search(s.text)
        if m:
            return " ".join(m.group(0).split()).rstrip(".,")
        f = PLACE_FIELD.search(s.text)
        if f:
            return f.group("v").strip().rstrip(".,")
    return ""


def _is_working_days(word: str) -> bool:
    return word.lower().startswith(("werktag", "arbeitstag"))


def _unit(word: str) -> fristen.Unit | None:
    w = word.lower()
    if w.startswith(("werktag", "arbeitstag")):
        return None  # working-day periods: counted by deadlines.safe
    if w.startswith(("tag", "kalendertag")):
        return fristen.Unit.DAY
    if w.startswith("woche"):
        return fristen.Unit.WEEK
    if w.startswith("monat"):
        return fristen.Unit.MONTH
    return fristen.Unit.YEAR


def _amount(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUM_WORDS.get(word.lower())


# --------------------------------------------------------------------------- extraction


@dataclass
class _Collector:
    items: dict[tuple[dt.date, DeadlineKind], DeadlineSuggestion]

    def add(self, s: DeadlineSuggestion) -> None:
        key = (s.date, s.kind)
        old = self.items.get(key)
        if old is None:
            self.items[key] = s
            return
        # Prefer an explicit date over a computed one, and an appointment with a time.
        better = (old.basis is DeadlineBasis.COMPUTED and s.basis is DeadlineBasis.EXPLICIT) or (
            old.time is None and s.time is not None
        )
        if better:
            self.items[key] = s


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
    letter_date = _as_date(letter_date)
    law = law if law in fristen.LAWS else "sgb"
    state = fristen.normalise_state(state)
    if quoted_text.strip() and len(text) < 400 and len(re.sub(r"\W", "", text)) < 40:
        # A bare reply with no own words passes the quoted message on like a forward.
        text = f"{text}\n\n{quoted_text}"
    doc = Doc(text, letter_date)
    out = _Collector({})
    _explicit(doc, out, letter_date=letter_date, state=state, law=law)
    receipt = electronic and not (
        letter_type in DECISION_TYPES
        if letter_type is not None
        else _is_decision(text, None, doc)[1]
    )
    _relative(doc, out, state=state, law=law, receipt=receipt)
    _objection(text, doc, out, letter_date=letter_date, state=state, law=law,
               letter_type=letter_type)  # fmt: skip
    _booking_fields(text, doc, out, letter_date=letter_date)
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
    text: str, doc: Doc, out: _Collector, *, letter_date: dt.date | None
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
        place = _FIELD_PLACE.search(text[m.start() : m.end() + 400])
        evidence = " ".join(f"{m.group(0).strip()} {t.group(0).strip()}".split())
        out.add(DeadlineSuggestion(
            date=day, kind=DeadlineKind.APPOINTMENT, basis=DeadlineBasis.EXPLICIT,
            evidence=evidence, time=dt.time(int(t.group("h")), int(t.group("min"))),
            place=" ".join(place.group("v").split())[:80] if place else "",
        ))


def _explicit(
    doc: Doc,
    out: _Collector,
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
                evidence=_evidence(s),
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
    out: _Collector,
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
        date = _complete(hit, sent.anchor)
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
        time = _time_near(low, hit.start, hit.end)
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
                out.add(
                    DeadlineSuggestion(
                        date=date,
                        kind=DeadlineKind.APPOINTMENT,
                        basis=DeadlineBasis.EXPLICIT,
                        evidence=_evidence(s, hit.start, hit.end),
                        time=time,
                        place=_place(doc, paragraph, index),
                    )
                )
            continue
        if not deadline_cue:
            continue
        kind = _kind(ctx, pos)
        if kind is DeadlineKind.OTHER and not OTHER_ACTION.search(ctx):
            continue
        _add_explicit(out, date, kind, s, (hit.start, hit.end), state=state, law=law)
    for start, end, date in ends:
        if letter_date is not None and date <= letter_date:
            continue
        ctx_lo = max(0, start - 160)
        ctx = low[ctx_lo : end + 160]
        kind = _kind(ctx, start - ctx_lo)
        if kind is DeadlineKind.OTHER and not OTHER_ACTION.search(ctx):
            continue
        _add_explicit(out, date, kind, s, (start, end), state=state, law=law)


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
    out: _Collector,
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
            evidence=_evidence(sentence, *span),
            explanation=steps,
        )
    )


def _relative_computation(
    sent_anchor: dt.date,
    low: str,
    after: str,
    *,
    amount: int,
    unit: fristen.Unit | None,
    word: str,
    state: str | None,
    law: str,
    receipt: bool,
) -> fristen.Computation | None:
    """The end of one relative period, or None when its start cannot be dated."""
    from_letter = bool(ANCHOR_LETTER_DATE.search(low))
    named = from_letter or bool(ANCHOR_NOTIFICATION.search(low))
    if not named and OTHER_ANCHOR.match(after):
        return None  # counted from some other event we cannot date
    if unit is None:
        # Werktage / Arbeitstage: counted from the letter or arrival date – the
        # earliest reading; a posted letter from its deemed Bekanntgabe.
        start = sent_anchor
        label = _("the letter date")
        if not from_letter and not receipt:
            start = fristen.deemed_notification(sent_anchor, law=law, state=state).date
            label = _("the Bekanntgabe")
        return working_day_period_end(
            start, amount, saturdays=word.startswith("werktag"), state=state, law=law,
            trigger_label=label,
        )  # fmt: skip
    if from_letter:
        return fristen.deadline_after_date(sent_anchor, amount, unit, law=law, state=state)
    if receipt:
        comp = deadline_after_receipt(sent_anchor, amount, unit, law=law, state=state)
    else:
        comp = fristen.deadline_after_notification(sent_anchor, amount, unit, law=law, state=state)
    if named:
        return comp
    return fristen.Computation(
        comp.date,
        (
            _("No start named; counted from the day the e-mail arrived.")
            if receipt
            else "No start named; counted from receipt of the letter (deemed Bekanntgabe).",
            *comp.steps,
        ),
    )


def _relative(
    doc: Doc, out: _Collector, *, state: str | None, law: str, receipt: bool = False
) -> None:
    for sent in doc.matching(G_RELATIVE):
        s, low = sent.text, sent.low
        if sent.anchor is None or not has_relative_hint(low):
            continue
        for m in RELATIVE.finditer(low):
            word = ""
            if m.group("mf"):
                amount: int | None = 1
                unit: fristen.Unit | None = fristen.Unit.MONTH
            else:
                word = m.group("u")
                amount, unit = _amount(m.group("n")), _unit(word)
            if not amount or (unit is None and not _is_working_days(word)):
                continue
            if OBJECTION_WORDS.search(low):
                continue  # Rechtsbehelfsbelehrung: handled with the decision check
            ctx_lo = max(0, m.start() - 200)
            ctx = low[ctx_lo : m.end() + 200]
            kind = _kind(ctx, m.start() - ctx_lo)
            if kind is DeadlineKind.APPOINTMENT:
                continue
            if GENERAL_RULE.search(low) or (
                re.search(r"\bwenn\b", low) and not re.search(r"\bnicht\b", low)
            ):
                continue  # a general duty ("Änderungen innerhalb einer Woche mitteilen")
            if not re.search(r"\b[Bb]itte\b|\bSie\b|\bIhr\w*\b", s):
                continue  # not addressed to the household
            if kind is DeadlineKind.OTHER and not re.search(
                r"\bbitte\b|\bmüssen\b|\bhaben\s+sie\b|\bsind\b.{0,60}\bzu\b", low
            ):
                continue
            if re.search(r"\b(?:wir|ich)\s+werden?\b|\berhalten\s+sie\b", low) and (
                "bitte" not in low
            ):
                continue
            after = low[m.end() : m.end() + 80]
            comp = _relative_computation(
                sent.anchor, low, after, amount=amount, unit=unit, word=word, state=state,
                law=law, receipt=receipt,
            )  # fmt: skip
            if comp is None:
                continue
            out.add(
                DeadlineSuggestion(
                    date=comp.date,
                    kind=kind,
                    basis=DeadlineBasis.COMPUTED,
                    evidence=_evidence(s, m.start(), m.end()),
                    explanation=comp.steps,
                )
            )


def _objection(
    text: str,
    doc: Doc,
    out: _Collector,
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
            amount, unit = _amount(m.group("n")), _unit(m.group("u"))
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
                evidence=_evidence(s, m.start(), m.end()),
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
        evidence = next(
            (x.text for x in doc.matching(G_RBB) if RBB_HEADING.search(x.low)), ""
        )
        steps = ("Rechtsbehelfsbelehrung present, period not recognised: one month assumed.",)
        out.add(
            DeadlineSuggestion(
                date=comp.date,
                kind=DeadlineKind.OBJECTION,
                basis=DeadlineBasis.COMPUTED,
                evidence=_evidence(evidence),
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
            evidence=_evidence(title or first.text if first else ""),
            explanation=comp.steps,
        )
    )
