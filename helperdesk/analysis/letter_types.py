"""Classify a letter or mail into a letter type with weighted, explainable cues.

Types: bescheid, aenderungsbescheid, aufhebung_erstattung, einladung_termin,
aufforderung_mitwirkung, anhoerung, mahnung, eingangsbestaetigung,
information, portal_benachrichtigung, other.

Each cue is a regex with a weight; hits in the subject count three times, in
a title line near the top twice, elsewhere once, and a type's score per cue is
capped so long letters do not win by repetition. In a forward the forwarded
content counts like the body (a forwarded Bescheid is still a Bescheid); in a
reply the quoted history is ignored (it was already answered). Attachment
text counts at a lower weight, so a short cover mail ("anbei der Bescheid")
is typed by its attachment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from helperdesk.analysis.letter_type_cues import (
    CUES,
    IGNORECASE,
    LetterType,
    T,
    first_at_word,
)
from helperdesk.analysis.multiscan import MultiScanner, ScannedText, reads_before
from helperdesk.mail.parse import ParsedMail


@dataclass(frozen=True)
class LetterTypeResult:
    type: LetterType
    score: float
    reasons: tuple[str, ...]  # the cues that fired for the chosen type



# Declaration order: on equal scores the type declared first wins.
_ORDER = {t: i for i, t in enumerate(LetterType)}

# Cue weight is counted at most once per zone; these are the zone factors.
_SUBJECT = 3.0
_TITLE = 2.0
_BODY = 1.0
_ATTACHMENT = 0.7
_TITLE_LINES = 18
# A type must reach this score to be chosen; below it the item is "other".
_MIN_SCORE = 2.0
# Specific decision types win over a generic Bescheid when they are this strong.
_SPECIFIC_OVER_BESCHEID = 6.0
# A cover text, portal mail or Eingangsbestätigung that also mentions "Bescheid"
# must not become a Bescheid: these types beat BESCHEID when they reach this.
_STRONG_OWN = 6.0


# Header lines of quoted/forwarded blocks ("Date: … um 19:02 Uhr") and negated
# mentions ("Diese Information ist kein Bescheid") carry no cue.
_NEGATED_RE = re.compile(r"kein(?:e|en)?\s+(?:bescheid|verwaltungsakt|mahnung|einladung)\b")


_HEADER_NAMES = ("von", "from", "date", "datum", "gesendet", "sent", "an", "to", "cc", "betreff",
                 "subject")


def _is_header_line(line: str) -> bool:
    # Lower-cases only the parts it tests (this runs for every line): lower()
    # never adds or removes a ":" or whitespace, and only "A"/"M"/"O"/"N" lower
    # to the ASCII letters of the names, so the answers are those of lowering
    # the whole line first.
    head = line.lstrip(" \t>*")
    name, colon, _rest = head.partition(":")
    if colon:
        name = name.rstrip()
        if len(name) <= 8 and name.lower() in _HEADER_NAMES:
            return True
    if head[:3].lower() not in ("am ", "on "):
        return False
    low = head.lower()
    return "schrieb" in low or "wrote" in low


# Words that tell where cleaning may change a text (see _scan_clean): every
# header line has a ":" or "schrieb"/"wrote", every negation "kein".
_CLEANING_WORDS = (":", "schrieb", "wrote", "kein")
# One automaton pass per zone finds the literals of every cue (see multiscan).
_CUE_SCAN = MultiScanner([rx for _kind, rx, _weight in CUES], _CLEANING_WORDS)

# Matches at the start of every header line of a lower-cased text (after
# " \t>*" a header name and a ":", whitespace before it being stripped, or
# "am"/"on" with "schrieb"/"wrote" later in the line), and of some others.
_HEADER_HINT_RE = re.compile(
    r"[ \t>*]*(?:(?:von|from|date|datum|gesendet|sent|an|to|cc|betreff|subject)[^\n:]*:"
    r"|(?:am|on) [^\n]*(?:schrieb|wrote))"
)

# str.lower() of each Latin-1 character, as Latin-1 (each is one Latin-1
# character again; tests/test_letter_types.py checks this).
_LATIN1_LOWER = bytes(ord(chr(i).lower()) for i in range(256))
_CAPITAL_SIGMA = "\u03a3"  # lower-cases by its neighbours (final sigma)


def lower(text: str) -> tuple[str, bytes]:
    """``text.lower()``, and the result in Latin-1 with "?" for other characters.

    Why: str.lower() costs some 3 ns per character as soon as a text has any
    non-ASCII character, which German mail nearly always has. The Latin-1
    characters are lowered with a byte table instead; the few others (dashes,
    quotes), which became "?", are lowered one by one. Same result: lower()
    maps each character on its own, except a capital sigma (then, and for
    the one character that lowers to two, İ, plain lower() is used).
    """
    raw = text.encode("latin-1", "replace")
    low_b = raw.translate(_LATIN1_LOWER)
    low = low_b.decode("latin-1")
    parts: list[str] = []
    done = 0
    latin1 = False  # whether one of them lowers into Latin-1 (K, the Kelvin sign)
    i = raw.find(b"?")
    while i >= 0:
        ch = text[i]
        if ch != "?":
            lowered = ch.lower()
            if len(lowered) != 1 or ch == _CAPITAL_SIGMA:
                low = text.lower()
                return low, low.encode("latin-1", "replace")
            parts.append(low[done:i])
            parts.append(lowered)
            done = i + 1
            latin1 = latin1 or lowered < "\u0100"
        i = raw.find(b"?", i + 1)
    if not parts:
        return low, low_b
    parts.append(low[done:])
    low = "".join(parts)
    return low, low.encode("latin-1", "replace") if latin1 else low_b


def _may_have_header(low: str, at: list[int]) -> bool:
    """Whether a line holding one of the offsets ``at`` may be a header line.

    (See _HEADER_HINT_RE; ``at`` ascending.)
    """
    line = -1
    for i in at:
        if i > line:  # not on the line tested last
            start = low.rfind("\n", 0, i) + 1
            if _HEADER_HINT_RE.match(low, start):
                return True
            line = low.find("\n", i)
            if line < 0:
                break
    return False


def _header_hints(scanned: ScannedText) -> list[int]:
    """Offsets (ascending) of what every header line has: a ":", "schrieb" or "wrote"."""
    where = scanned.where
    return sorted([*where(":"), *where("schrieb"), *where("wrote")])


def _scan_clean(low: str, low_b: bytes) -> ScannedText:
    """The cue scan of a zone's cleaned text (header lines dropped, negations
    blanked), given the zone lower-cased and its Latin-1 form (see lower).

    The text is scanned as it is; only where the scan finds what a header
    line or a negation needs is it cleaned and scanned again. Same result as
    cleaning first: a line is a header line exactly when its lower-cased form
    is (see _is_header_line), and lower() never adds or removes a line break.
    """
    scanned = _CUE_SCAN.scan(low, low_b)
    headers = _may_have_header(low, _header_hints(scanned))
    if not headers and not scanned.where("kein"):
        return scanned
    if headers:
        low = "\n".join([ln for ln in low.split("\n") if not _is_header_line(ln)])
    return _CUE_SCAN.scan(_NEGATED_RE.sub(" ", low))


@dataclass
class _Tally:
    """Scores and reasons per letter type, in the order the cues were found."""

    scores: dict[LetterType, float] = field(default_factory=dict)
    reasons: dict[LetterType, list[str]] = field(default_factory=dict)

    def add(self, m: re.Match[str] | None, i: int, factor: float, zone: str) -> None:
        """Count cue ``i`` if it matched (``m``) in a zone."""
        if m:
            kind, _rx, weight = CUES[i]
            self.scores[kind] = self.scores.get(kind, 0.0) + weight * factor
            self.reasons.setdefault(kind, []).append(f"{zone}: {m.group(0)[:60]!r}")


def _zone_scores(zone_text: tuple[str, bytes], factor: float, tally: _Tally, zone: str) -> None:
    """Add the cues found in one zone: its text lower-cased and as Latin-1 (see lower).

    An empty text adds nothing (no cue matches it), nor does a zone that
    cleaning empties, so neither needs a special case.
    """
    if not zone_text[0]:
        return
    scanned = _scan_clean(*zone_text)
    text = scanned.text
    for i in scanned.live():
        m = first_at_word(CUES[i][1], text, scanned.starts(i), 0, len(text))
        tally.add(m, i, factor, zone)


# Whether the zones of a text may be matched inside the whole text (see _body_scores).
_IN_PLACE = not any(reads_before(rx) for _kind, rx, _weight in CUES)


def _body_scores(
    text: str, factors: tuple[float, float], tally: _Tally, zones: tuple[str, str]
) -> None:
    """Add the cues found in the title (first ``_TITLE_LINES`` lines) and in the
    rest of a text, with their factors and zone names.

    Same as scoring the two parts on their own (see _zone_scores), with one
    lower-casing and one scan: no case mapping looks across a line break, so
    the lower-cased text is that of each part; and where no cleaning is
    needed, each part is matched in place (``pattern.match(low, pos, end)``
    sees the part's end as the end; no cue reads before its start, and the
    rest starts after a line break, which ``\\b`` sees as a string start).
    """
    if not text:
        return
    low, low_b = lower(text)
    # The line break that ends the title, if the text has more lines.
    parts = low_b.split(b"\n", _TITLE_LINES)
    cut = len(low_b) - len(parts[-1]) - 1 if len(parts) > _TITLE_LINES else -1
    scanned = _CUE_SCAN.scan(low, low_b)
    if not _IN_PLACE or scanned.where("kein") or _may_have_header(low, _header_hints(scanned)):
        if cut < 0:
            _zone_scores((low, low_b), factors[0], tally, zones[0])
        else:
            _zone_scores((low[:cut], low_b[:cut]), factors[0], tally, zones[0])
            _zone_scores((low[cut + 1 :], low_b[cut + 1 :]), factors[1], tally, zones[1])
        return
    live = [(i, scanned.starts(i)) for i in scanned.live()]
    title_end = cut if cut >= 0 else len(low)
    for i, starts in live:
        tally.add(first_at_word(CUES[i][1], low, starts, 0, title_end), i, factors[0], zones[0])
    if cut >= 0:
        for i, starts in live:
            m = first_at_word(CUES[i][1], low, starts, cut + 1, len(low))
            tally.add(m, i, factors[1], zones[1])


def classify(
    *,
    subject: str = "",
    new_text: str = "",
    quoted_text: str = "",
    forwarded_text: str = "",
    is_forward: bool = False,
    attachment_texts: Sequence[str] = (),
) -> LetterTypeResult:
    """Letter type of a message from its parts (see the module docstring)."""
    tally = _Tally()
    # Strip forward/reply prefixes so "WG: Bescheid" reads as "Bescheid".
    clean_subject = re.sub(
        r"^(?:\s*(?:AW|WG|Re|Fwd?|Antw|Wtr|TR|VS)\s*:\s*)+", "", subject, flags=IGNORECASE
    )
    _zone_scores(lower(clean_subject), _SUBJECT, tally, "subject")
    body = new_text
    if is_forward:
        body = "\n".join(t for t in (new_text, forwarded_text or quoted_text) if t)
    _body_scores(body, (_TITLE, _BODY), tally, ("title", "text"))
    for att in attachment_texts:
        zones = ("attachment title", "attachment")
        _body_scores(att, (_ATTACHMENT * _TITLE, _ATTACHMENT), tally, zones)
    scores, reasons = tally.scores, tally.reasons
    if not scores:
        return LetterTypeResult(T.OTHER, 0.0, ())
    best = max(scores, key=lambda k: (scores[k], -_ORDER[k]))
    # Every specific decision is a Bescheid too; prefer the specific type.
    if best is T.BESCHEID:
        for specific in (T.AUFHEBUNG_ERSTATTUNG, T.AENDERUNGSBESCHEID):
            if scores.get(specific, 0.0) >= _SPECIFIC_OVER_BESCHEID * _TITLE * 0.5 + 3:
                best = specific
                break
    # A portal notice or Eingangsbestätigung only mentions the Bescheid it is about.
    for own in (T.PORTAL_BENACHRICHTIGUNG, T.EINGANGSBESTAETIGUNG):
        if (
            best is not own
            and scores.get(own, 0.0) >= _STRONG_OWN * _SUBJECT * 0.5 + 3
            and (best in (T.BESCHEID, T.INFORMATION, T.AENDERUNGSBESCHEID))
        ):
            best = own
    if scores[best] < _MIN_SCORE:
        return LetterTypeResult(T.OTHER, scores[best], tuple(reasons.get(best, ())))
    return LetterTypeResult(best, scores[best], tuple(reasons.get(best, ())))


def classify_mail(mail: ParsedMail, attachment_texts: Sequence[str] = ()) -> LetterTypeResult:
    """:func:`classify` over a ``mailparse.ParsedMail``."""
    return classify(
        subject=mail.subject,
        new_text=mail.new_text,
        quoted_text=mail.quoted_text,
        forwarded_text=mail.forwarded_text,
        is_forward=mail.is_forward,
        attachment_texts=attachment_texts,
    )
