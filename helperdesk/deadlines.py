"""Deadline suggestions from German agency text (mails, letters, PDF attachment text).

Finds what a household must do by when: explicit dates ("bis zum 15.12.2026"),
appointments with time and room, relative periods ("innerhalb von zwei Wochen
nach Erhalt"), objection periods of decisions (Rechtsbehelfsbelehrung, or one
year when it is missing), renewals (end of a Bewilligungszeitraum, "gültig bis"
of a residence title) and payments. Computed dates come from
:mod:`helperdesk.fristen` with their explanation.

Deterministic: the only reference point is the letter's own date, never today.
Dates that cannot be deadlines are dropped: the letter date, birth dates, past
periods, anything before the letter date, references to earlier letters.

Quoted reply history is not a source of deadlines: a reply answers what it
quotes. Only when the new text is practically empty (a bare "reply" used to
pass a message on) is the quoted part read like a forward. Forwards arrive in
``text`` and count; inside a forward the forwarded message's own date is the
reference point for relative periods.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

import ahocorasick_rs

from helperdesk import fristen
from helperdesk.dates_de import MONTH_NAMES, DateHit, find_dates, month_number
from helperdesk.model import DeadlineBasis, DeadlineKind, DeadlineSuggestion

__all__ = ["DECISION_TYPES", "extract_deadlines", "find_letter_date"]

DECISION_TYPES = frozenset({"bescheid", "aenderungsbescheid", "aufhebung_erstattung"})
_EVIDENCE_MAX = 240
_I = re.IGNORECASE

# --------------------------------------------------------------------------- segmenting

_WEEKDAY = (
    r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"
    r"mo|di|mi|do|fr|sa|so)\.?,?\s*(?:den\s+)?"
)
# Lines of a mail header block inside a forward or reply (never deadline evidence).
_HEADER_LINE = re.compile(
    r"^\s*(?:von|from|gesendet|sent|an|to|cc|kopie|date|reply-to|antwort an)\s*:", _I
)
_DATUM_LINE = re.compile(r"^\s*datum\s*:", _I)
_ATTRIBUTION = re.compile(
    r"^\s*(?:am|on)\b.{4,160}\b(?:schrieb|wrote|hat .{0,40}geschrieben)\b.{0,80}:?\s*$", _I
)
_FORWARD_MARK = re.compile(
    r"weitergeleitete nachricht|forwarded message|anfang der weitergeleiteten|"
    r"begin forwarded message|original message|ursprüngliche nachricht",
    _I,
)
_HEADER_DATE = re.compile(r"^\s*(?:datum|date|gesendet|sent)\s*:\s*(?P<v>.+)$", _I)
_EN_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}
_RFC_DATE = re.compile(r"(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]{3})[a-z]*\.?,?\s+(?P<y>20\d{2})")

# Sentence ends: punctuation, space, capital letter – but not after an ordinal
# ("3. Februar") or a common abbreviation ("Nr. 5", "geb. Maier", "Abs. 2").
_SENT_SPLIT = re.compile(r"[.!?]\s+(?=[A-ZÄÖÜ„\"(])")


class _Sentence(NamedTuple):
    # A named tuple, not a frozen dataclass: built ~100 times per mail, and a
    # frozen dataclass's __init__ costs several times more.
    text: str
    anchor: dt.date | None  # reference date for relative periods (letter or forward date)
    low: str = ""  # lower case, same length and offsets as ``text``


def _lower(text: str) -> str:
    """Lower case with unchanged offsets (``"İ".lower()`` would add a character)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _header_date(value: str) -> dt.date | None:
    hits = [h for h in find_dates(value) if h.date is not None]
    if hits:
        return hits[0].date
    m = _RFC_DATE.search(value)
    if m and m.group("m").lower()[:3] in _EN_MONTHS:
        try:
            month = _EN_MONTHS[m.group("m").lower()[:3]]
            return dt.date(int(m.group("y")), month, int(m.group("d")))
        except ValueError:
            return None
    return None


_ABBREVIATIONS = frozenset(
    [
        "nr",
        "geb",
        "abs",
        "az",
        "str",
        "tel",
        "ca",
        "bzw",
        "vgl",
        "ggf",
        "inkl",
        "evtl",
        "sog",
        "usw",
        "z.b",
        "u.a",
        "d.h",
        "s",
        "s.o",
        "dr",
        "fr",
        "hr",
        "hrn",
        "st",
        "jan",
        "feb",
        "febr",
        "mär",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "dez",
        "zi",
        "mo",
        "di",
        "mi",
        "do",
        "sa",
        "so",
        "lfd",
        "kto",
        "blz",
        "art",
        "ziff",
        "bzgl",
        "gem",
        "i.v.m",
        "v",
        "vom",
    ]
)


# The same split points in a whitespace-normalised paragraph (single spaces
# only, so "\s+" is one " "), each with a literal prefix: re jumps to ". "
# instead of testing the character class at every offset.
_SENT_SPLIT_DOT = re.compile(r"\. (?=[A-ZÄÖÜ„\"(])")
_SENT_SPLIT_OTHER = re.compile(r"[!?] (?=[A-ZÄÖÜ„\"(])")


def _split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a whitespace-normalised paragraph (see _SENT_SPLIT)."""
    points = [m.start() for m in _SENT_SPLIT_DOT.finditer(paragraph)]
    if "! " in paragraph or "? " in paragraph:
        points += [m.start() for m in _SENT_SPLIT_OTHER.finditer(paragraph)]
        points.sort()
    spans = []
    start = 0
    for at in points:
        stop = at + 1  # keep the punctuation with its sentence
        tail = paragraph[max(0, stop - 12) : stop].rsplit(None, 1)[-1].lower()
        word = tail.removesuffix(".").lstrip('(„"')
        if tail.endswith(".") and ((word.isdigit() and len(word) <= 2) or word in _ABBREVIATIONS):
            continue  # "3. Februar", "Nr. 5", "geb. Maier" – no sentence end
        spans.append((start, stop))
        start = at + 2  # after the single space
    spans.append((start, len(paragraph)))
    return spans


def _paragraph_sentences(joined: str, anchor: dt.date | None) -> list[_Sentence]:
    """The sentences of one whitespace-normalised paragraph."""
    # One lower() per paragraph, sliced per sentence. Equal to lowering each
    # sentence unless a character changes length in lower case ("İ") or lowers
    # by context (the final-sigma rule for "Σ", the only context rule of
    # str.lower); then each sentence is lowered alone.
    low = joined.lower()
    if ". " not in joined and "! " not in joined and "? " not in joined:
        # One sentence (no split point without a space after [.!?]): its
        # lower() is the paragraph's, the final-sigma rule included.
        return [_Sentence(joined, anchor, low if len(low) == len(joined) else _lower(joined))]
    result: list[_Sentence] = []
    sliced = len(low) == len(joined) and "\u03a3" not in joined
    for a, b in _split_sentences(joined):
        part = joined[a:b]
        text = part.strip()
        if text:
            if sliced and len(text) == len(part):
                result.append(_Sentence(text, anchor, low[a:b]))
            else:
                result.append(_Sentence(text, anchor, _lower(text)))
    return result


# Where the stages can find something. A typical mail is ~10 KB of boilerplate
# around one deadline sentence, and each stage acts only on sentences holding
# certain lower-case words or a date. One Aho-Corasick pass over the text's
# UTF-8 bytes, ASCII letters lowered (a C-speed pass, unlike str.lower() or a
# regex over 10 KB), finds the lines holding those words; only the paragraphs
# around them are then read line by line and split into sentences.
#
# Why the bytes give the same answers as the lower-cased sentences: a word
# without whitespace in a sentence lies on one line of the text, and bytes.lower()
# maps exactly the characters that str.lower() maps to ASCII letters, except
# the few "odd" characters below; capital umlauts are searched as well. The
# regexes that match case-insensitively (dates, mail headers) also treat a few
# odd characters as ASCII letters ("ſ" as "s"). A text holding any odd
# character, or a digit other than 0-9 (``\d`` matches all of them), gets no
# pre-scan: every line counts as a candidate.
_G_DATE, _G_ENDE, _G_RELATIVE, _G_DECISION, _G_GEGEN, _G_RBB, _G_BESCHEID = range(7)
_G_TITLE, _G_HEARING, _G_TERMIN, _G_HEADER, _G_DATUM, _G_ODD = range(7, 13)
# Characters that lower (str.lower) or match case-insensitively (re) like an
# ASCII letter or umlaut without being one.
_ODD_LETTERS = "\u0130\u0131\u017f\u1e9e\u212a"  # İ ı ſ ẞ K (Kelvin sign)
# Everything str.isspace() and re's \s accept (the same set).
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_WS_BYTES = b"(?:" + b"|".join(re.escape(c.encode()) for c in _WHITESPACE) + b")"
# The three first letters of each month spelling (bytes, ASCII lowered, "ä" or "Ä").
_MONTH_STARTS = sorted(
    {v for name in MONTH_NAMES for v in (name[:3].encode(), name[:3].replace("ä", "Ä").encode())}
)
# After an ASCII digit: the rest of a place where find_dates may find a date
# ("-" of an ISO date, "." and a digit, a month name after "." or whitespace).
# Like the cues it only has to hold wherever a date is; more is harmless.
_DATE_TAIL = re.compile(
    b"-|\\.(?:" + _WS_BYTES + b")*[0-9]|\\.?(?:" + _WS_BYTES + b")*(?:"
    + b"|".join(map(re.escape, _MONTH_STARTS)) + b")"
)  # fmt: skip


def _cue_words() -> list[tuple[int, str]]:
    words = [(_G_RELATIVE, w) for w in _RELATIVE_HINTS]
    words += [(_G_DECISION, w) for w in _DECISION_HINTS]
    words += [(_G_GEGEN, "gegen"), (_G_BESCHEID, "bescheid"), (_G_TERMIN, "termin")]
    words += [(_G_RBB, w) for w in _RBB_WORDS]
    words += [(_G_TITLE, w) for w in _TITLE_WORDS[1:]]
    words += [(_G_HEARING, w) for w in _NOT_DECISION_HINTS]
    # Mail header lines that may set the anchor date (_HEADER_DATE: the name,
    # optional whitespace, ":").
    words += [
        (_G_HEADER, w + c) for w in ("datum", "date", "gesendet", "sent") for c in ":" + _WHITESPACE
    ]
    words += [(_G_ENDE, "ende" + c) for c in _WHITESPACE]
    words += [(_G_DATUM, "datum")]  # find_letter_date
    return words


@functools.cache
def _automaton() -> tuple[ahocorasick_rs.BytesAhoCorasick, tuple[int, ...]]:
    """The pre-scan automaton and the group of each of its patterns (built on first use)."""
    patterns: list[bytes] = []
    groups: list[int] = []
    for group, word in _cue_words():
        variants = [""]
        for c in word:
            # bytes.lower() leaves "Ä" as it is: search both spellings.
            cases = (c, c.upper()) if c in "äöü" else (c,)
            variants = [v + x for v in variants for x in cases]
        for v in variants:
            patterns.append(v.encode())
            groups.append(group)
    # An ASCII digit and what follows it in a possible date (then checked with
    # _DATE_TAIL): "-", ".", a month name, after a space or not, or whitespace
    # other than a single space.
    nexts = [b"-", b".", *_MONTH_STARTS, *(b" " + m for m in _MONTH_STARTS)]
    nexts += [c.encode() for c in _WHITESPACE if c != " "]
    nexts += [b" " + c.encode() for c in _WHITESPACE]
    for digit in b"0123456789":
        for tail in nexts:
            patterns.append(bytes([digit]) + tail)
            groups.append(_G_DATE)
    odd = [*_ODD_LETTERS]
    odd += [chr(c) for c in range(0x80, 0x1FC00) if chr(c).isdecimal()]
    for c in odd:
        patterns.append(c.encode())
        groups.append(_G_ODD)
    # A DFA: twice as fast as the default NFA on these ~1800 short patterns.
    dfa = ahocorasick_rs.Implementation.DFA
    return ahocorasick_rs.BytesAhoCorasick(patterns, implementation=dfa), tuple(groups)


_START = itemgetter(1)  # of a (pattern, start, end) hit


def _scan(norm: str) -> dict[int, list[int]] | None:
    """Per group, the ascending lines (of ``norm``) with a hit; None for "odd" texts."""
    automaton, groups = _automaton()
    low = norm.encode("utf-8", "surrogatepass").lower()
    hits = automaton.find_matches_as_indexes(low, overlapping=True)
    hits.sort(key=_START)
    result: dict[int, list[int]] = {}
    line = 0
    last = 0
    for pattern, start, _ in hits:
        group = groups[pattern]
        if group == _G_ODD:
            return None
        line += low.count(b"\n", last, start)
        last = start
        found = result.get(group)
        if found is not None and found[-1] == line:
            continue
        if group == _G_DATE and not _DATE_TAIL.match(low, start + 1):
            continue
        if found is None:
            result[group] = [line]
        else:
            found.append(line)
    return result


class _Doc:
    """A text's sentences (whitespace-normalised; header lines and ">" quotes left out).

    Read lazily: only the paragraphs around the lines the pre-scan found for a
    stage are classified line by line and split into sentences (and the next
    paragraphs when a stage looks there). A paragraph is a run of text lines;
    blank lines, ">" quotes, forward marks, mail header lines and reply
    attributions end it. Any sentence holding a searched word lies in a
    paragraph found so, so each stage sees exactly the sentences that matter
    to it, in text order.
    """

    def __init__(self, text: str, letter_date: dt.date | None) -> None:
        norm = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
        self._text = text
        self._lines = norm.split("\n")
        self._letter_date = letter_date
        self._hits = _scan(norm)
        self._low: str | None = None  # _lower(text), for "odd" texts
        self._is_text: dict[int, bool] = {}
        self._header_flags: dict[int, bool] = {}
        self._stops: dict[int, int] = {}  # first line of a paragraph -> line after it
        self._firsts: dict[int, int] = {}  # text line -> first line of its paragraph
        self._split: dict[int, list[_Sentence]] = {}
        self._anchors: tuple[list[int], list[dt.date]] | None = None

    # ---------------------------------------------------------------- lines

    def _header_flag(self, i: int) -> bool:
        found = self._header_flags.get(i)
        if found is None:
            line = self._lines[i]
            found = self._header_flags[i] = ":" in line and bool(_HEADER_LINE.match(line))
        return found

    def _is_header(self, i: int) -> bool:
        """A line of a mail header block (a "Datum:" line only next to another one)."""
        if self._header_flag(i):
            return True
        line = self._lines[i]
        if ":" in line and _DATUM_LINE.match(line):
            return (i > 0 and self._header_flag(i - 1)) or (
                i + 1 < len(self._lines) and self._header_flag(i + 1)
            )
        return False

    def _text_line(self, i: int) -> bool:
        """Whether line ``i`` belongs to a paragraph."""
        found = self._is_text.get(i)
        if found is None:
            line = self._lines[i]
            stripped = line.strip()
            found = not (
                not stripped
                or stripped.startswith(">")
                or _is_forward_mark(stripped)
                or self._is_header(i)
                or (stripped[:3].lower() in ("am ", "on ") and bool(_ATTRIBUTION.match(line)))
            )
            self._is_text[i] = found
        return found

    def _paragraph(self, line: int) -> int:
        """First line of the paragraph holding text line ``line``."""
        first = self._firsts.get(line)
        if first is None:
            first = line
            while first > 0 and self._text_line(first - 1):
                first -= 1
            stop = line + 1
            while stop < len(self._lines) and self._text_line(stop):
                stop += 1
            self._stops[first] = stop
            for i in range(first, stop):
                self._firsts[i] = first
        return first

    def _next_paragraph(self, line: int) -> int | None:
        """First line of the first paragraph starting at ``line`` or later."""
        while line < len(self._lines):
            if self._text_line(line):
                return self._paragraph(line)
            line += 1
        return None

    def _anchor(self, line: int) -> dt.date | None:
        """The reference date at ``line``: the last forwarded header date before it."""
        if self._anchors is None:
            lines: list[int] = []
            dates: list[dt.date] = []
            for i in self._lines_with((_G_HEADER,)):
                found = self._header_date(i)
                if found is not None:
                    lines.append(i)
                    dates.append(found)
            self._anchors = (lines, dates)
        lines, dates = self._anchors
        at = bisect.bisect_left(lines, line)
        return dates[at - 1] if at else self._letter_date

    def _header_date(self, i: int) -> dt.date | None:
        """The date header line ``i`` sets as the anchor, if it does."""
        line = self._lines[i]
        m = _HEADER_DATE.match(line)
        # Of the lines that end a paragraph only mail header lines can match
        # _HEADER_DATE (a reply attribution starts with "Am"/"On"), and a
        # forward mark line never sets the date.
        if m is None or _is_forward_mark(line.strip()) or not self._is_header(i):
            return None
        found = _header_date(m.group("v"))
        # The forwarded message's own date anchors its relative periods.
        if found and (self._letter_date is None or found <= self._letter_date):
            return found
        return None

    def _lines_with(self, groups: tuple[int, ...]) -> list[int]:
        """Ascending lines that may hold a word of one of ``groups``."""
        if self._hits is None:
            return list(range(len(self._lines)))
        if len(groups) == 1:
            return self._hits.get(groups[0], [])
        return sorted({i for g in groups for i in self._hits.get(g, ())})

    # ---------------------------------------------------------------- sentences

    def contains(self, group: int, words: tuple[str, ...]) -> bool:
        """Whether ``_lower(text)`` may hold one of ``words`` (of pre-scan ``group``)."""
        if self._hits is not None:
            return group in self._hits
        if self._low is None:
            self._low = _lower(self._text)
        return any(w in self._low for w in words)

    def has_termin(self) -> bool:
        """Whether ``"termin" in text.lower()`` (exact: no odd characters, no "İ")."""
        if self._hits is not None:
            return _G_TERMIN in self._hits
        return "termin" in self._text.lower()

    def sentences(self, first: int) -> list[_Sentence]:
        """The sentences of the paragraph starting at line ``first``."""
        found = self._split.get(first)
        if found is None:
            joined = " ".join(" ".join(self._lines[first : self._stops[first]]).split())
            found = self._split[first] = _paragraph_sentences(joined, self._anchor(first))
        return found

    def candidates(self, *groups: int) -> list[int]:
        """Ascending first lines of the paragraphs that may hold a word of ``groups``."""
        result: list[int] = []
        for line in self._lines_with(groups):
            if self._text_line(line):
                first = self._paragraph(line)
                if not result or result[-1] != first:
                    result.append(first)
        return result

    def matching(self, *groups: int) -> Iterator[_Sentence]:
        """In text order, the sentences of the paragraphs named by :meth:`candidates`."""
        for first in self.candidates(*groups):
            yield from self.sentences(first)

    def following(self, first: int, index: int, count: int) -> list[_Sentence]:
        """Up to ``count`` sentences from sentence ``index`` of paragraph ``first`` on."""
        result = self.sentences(first)[index : index + count]
        line = self._stops[first]
        while len(result) < count:
            nxt = self._next_paragraph(line)
            if nxt is None:
                break
            result += self.sentences(nxt)[: count - len(result)]
            line = self._stops[nxt]
        return result

    def first(self) -> _Sentence | None:
        """The text's first sentence, if any."""
        line = 0
        while (first := self._next_paragraph(line)) is not None:
            found = self.sentences(first)
            if found:
                return found[0]
            line = self._stops[first]
        return None


def _is_forward_mark(stripped: str) -> bool:
    return (
        len(stripped) < 90
        and ("achricht" in stripped or "essage" in stripped or "ACHRICHT" in stripped)
        and bool(_FORWARD_MARK.search(stripped))
    )


# --------------------------------------------------------------------------- cues

_DEADLINE_CUE = re.compile(
    r"(?:\bbis\s+(?:zum|zur|spätestens(?:\s+(?:zum|am))?|einschließlich|einschl\.|"
    r"längstens|spät\.)?|\bspätestens(?:\s+(?:am|bis(?:\s+zum)?|zum|bis\s+einschließlich))?|"
    r"\bnicht\s+später\s+als(?:\s+am)?|\bfrist\w*\s*(?:endet\s+am|bis(?:\s+zum)?|:|zum|am)?|"
    r"\bfällig\s+(?:am|zum|bis)|\bfälligkeit\w*\s*:?|\bzahlbar\s+(?:bis|am|zum)|"
    r"\bzahlungs(?:termin|ziel|frist)\s*:?|\bgültig\s+bis(?:\s+zum)?|"
    r"\bgilt\s+(?:nur\s+)?(?:noch\s+)?bis(?:\s+zum)?|\bbefristet\s+bis(?:\s+zum)?|"
    r"\bablaufdatum\s*:?|\bläuft\s+(?:am|zum)|\bendet\s+(?:am|zum)|\babgabe\w*\s*(?:bis|:)|"
    r"\beingang\s+bis(?:\s+zum)?)\s*,?\s*(?:" + _WEEKDAY + r")?$",
)
_APPOINTMENT_CUE = re.compile(
    r"(?:\btermin\w*|\bvorsprache\w*|\bgespräch\w*|\beinladung\w*)\s*(?::|am|ist\s+am|"
    r"findet\s+am)?\s*(?:" + _WEEKDAY + r")?$",
)
# Immediately before a date: it is a start, a reference or a birth date.
_NEGATIVE_PRE = re.compile(
    r"(?:\bvom|\bseit(?:\s+dem)?|\bgeb\.?|\bgeboren(?:\s+am)?|\bgeburtsdatum\s*:?|"
    r"\bab(?:\s+dem)?|\bstand\s*:?|\berstellt\s+am|\beingegangen\s+am|\beingang\s*:?|"
    r"\bausgestellt\s+am|\bzugestellt\s+am|\bdatiert\s+auf|\bzum\s+stichtag|\bbeginn\s*:?|"
    r"\bbeginnt\s+am|\baufgenommen\s+am|\bvon)\s*(?:" + _WEEKDAY + r")?$",
)
_RANGE_PRE = re.compile(
    r"(?:\b(?:vom|von|zeitraum:?|zeit|bewilligungszeitraum:?)\s+\S{6,18}\s*(?:bis|-|–|—)\s*"
    r"(?:zum\s+)?|\d{2,4}\.?\s*(?:bis|-|–|—|/)\s*)$",
)
_RANGE_POST = re.compile(r"^\s*(?:bis|-|–|—)\s*(?:zum\s+)?\d")
_TIME_POST = re.compile(
    r"^[\s,]*(?:(?:um|ab|von|,)\s*|uhrzeit\s*:?\s*)*(?P<h>[01]?\d|2[0-3])"
    r"(?:[:.](?P<min>[0-5]\d))?\s*(?:uhr\b|h\b)",
)
_TIME_POST_COLON = re.compile(
    r"^[\s,]*(?:(?:um|ab|von|,)\s*|uhrzeit\s*:?\s*)*(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)\b"
)
_TIME_PRE = re.compile(
    r"\bum\s+(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*uhr\s*(?:am\s+)?(?:"
    + _WEEKDAY
    + r")?$",
)
_APPOINTMENT_WORDS = re.compile(
    r"termin|einladung|lade\b|laden\b|eingeladen|erscheinen|vorsprechen|vorsprache|gespräch|"
    r"beratung|untersuchung|verhandlung|vorstellung|vorstellen|veranstaltung|ladung|geladen|"
    r"maßnahme|kurs\b|lehrgang|"
    r"sprechen sie|kommen sie|persönlich|zimmer|raum\b|saal|anhörungstermin",
)
_PLACE = re.compile(
    r"(?:(?:Zimmer|Zi\.|Raum|Saal|Sitzungssaal|Besprechungsraum)\s*(?:Nr\.?\s*)?"
    r"[A-Z]?\d[\w./-]*(?:\s*(?:,|im|in)?\s*(?:\d+\.\s*(?:OG|Obergeschoss|Etage|Stock)|"
    r"Erdgeschoss|EG|Haus\s+[A-Z0-9]\w*|Gebäude\s+[A-Z0-9]\w*))?)",
)
_PLACE_FIELD = re.compile(r"\bOrt\s*:\s*(?P<v>[^.;]{3,80}?)(?=\s+[A-ZÄÖÜ][a-zäöü]+\s*:|$|\.)")

_OBJECTION_WORDS = re.compile(r"\b(?:widerspruch|einspruch|klage|berufung|rechtsbehelf)\w*")
_RENEWAL_WORDS = re.compile(
    r"gültig|\bgilt\s+(?:nur\s+)?(?:noch\s+)?bis|läuft\b|\babläuft|\bablauf\w*|verlänger\w*|"
    r"weiterbewillig\w*|weiterleistung\w*|folgeantrag|bewilligungszeitraum\w*|befristet|"
    r"erneuer\w*",
)
_PAYMENT_STRONG = re.compile(
    r"\b(?:zahlen|bezahlen|einzahlen|zahlen sie|zu zahlen|zurückzuzahlen|zurückzahlen|"
    r"überweisen|zu überweisen|begleichen|zu begleichen|entrichten|zu entrichten|"
    r"zu erstatten|erstatten sie|zahlbar|fällig|zahlungsfrist|zahlungstermin|zahlungsziel)\b",
)
_PAYMENT_WEAK = re.compile(
    r"\b(?:betrag|gesamtbetrag|forderung|mahnung|mahngebühr\w*|säumniszuschl\w*|zahlung|"
    r"überweisung|erstattungsbetrag|rückstand|offene\w* betrag)\b",
)
_RENEWAL_WEAK = re.compile(r"\bbewilligt\b|\bbewillige\b")
_DUE_POST = re.compile(r"^\s*(?:zur\s+zahlung\s+)?fällig\b")
_SOFT_NEGATIVE = re.compile(r"(?:\bbeginnt\s+am|\bbeginn\s*:?|\bab)\s*$")
_SUBMIT_WORDS = re.compile(
    r"einreich\w*|einzureichen|reichen sie|vorleg\w*|vorzulegen|legen sie|nachreich\w*|"
    r"zusenden|zuzusenden|senden sie|schicken sie|übersend\w*|einsend\w*|zurücksend\w*|"
    r"zurückschick\w*|übermitteln|hochladen|nachweis\w*|unterlagen|belege?\b|"
    r"kontoauszüg\w*|mitteil\w*|teilen sie|mitzuteilen|auskunft|auskünfte|stellung|äußern|"
    r"stellungnahme|ausfüllen|ausgefüllt|fragebogen|beantworten|mitwirk\w*|abgeben|"
    r"einzureichen|antrag|eingegangen sein|eingehen|nachzureichen|vorliegen|antwort\w*|"
    r"rückmeldung|reagieren",
)
_OTHER_ACTION = re.compile(
    r"\bspätestens\b|\bfrist\w*|melden sie sich|vereinbaren sie|rufen sie|kontaktieren sie|"
    r"holen sie|beantragen sie|erledigen|kündigen|müssen sie|haben sie\b.{0,60}\bzu\b",
)

# Relative periods: "innerhalb von zwei Wochen", "binnen 14 Tagen", "Frist von einem Monat".
_NUM_WORDS = {
    "ein": 1, "eine": 1, "einem": 1, "einer": 1, "eines": 1, "einen": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "vierzehn": 14, "einundzwanzig": 21,
    "dreißig": 30,
}  # fmt: skip
_NUM_ALT = "|".join(sorted(_NUM_WORDS, key=len, reverse=True))
_RELATIVE = re.compile(
    r"\b(?:innerhalb|binnen|frist\s+von|frist\s+beträgt|beträgt|in\s+den\s+nächsten|"
    r"spätestens)\s+(?:(?:von|der\s+nächsten|einer\s+frist\s+von|der\s+frist\s+von)\s+)?"
    r"(?P<n>\d{1,3}|" + _NUM_ALT + r")\s+(?P<u>kalendertag\w*|werktag\w*|arbeitstag\w*|"
    r"tag\w*|woche\w*|monat\w*|jahr\w*)|\bbinnen\s+(?P<mf>monatsfrist)",
)
_RELATIVE_HINTS = ("innerhalb", "binnen", "frist", "beträgt", "nächsten", "spätestens")


def _has_relative_hint(low: str) -> bool:
    # Same as any(w in low for w in _RELATIVE_HINTS), without a generator per
    # sentence (this runs twice for every sentence).
    return (
        "innerhalb" in low
        or "binnen" in low
        or "frist" in low
        or "beträgt" in low
        or "nächsten" in low
        or "spätestens" in low
    )


_ANCHOR_NOTIFICATION = re.compile(
    r"\b(?:nach|ab|seit|mit)\s+(?:dem\s+|der\s+)?(?:erhalt|zugang|bekanntgabe|zustellung|"
    r"eingang|empfang|bekanntwerden)\b|bekannt\s*gegeben|zugegangen",
)
_ANCHOR_LETTER_DATE = re.compile(
    r"\b(?:ab|nach|seit|von)\s+(?:dem\s+)?(?:datum|ausstellungsdatum|absendedatum|briefdatum)"
    r"\s+(?:dieses|des|unseres)\b|\bab\s+heute\b|\bab\s+dem\s+heutigen\s+tag|"
    r"\bnach\s+absendung",
)
_OTHER_ANCHOR = re.compile(r"^\s*(?:nach|ab|seit|vor)\s+(?P<w>\S+)")
_GENERAL_RULE = re.compile(
    r"\b(?:falls|sobald|sofern|jede\w*\s+änderung\w*|änderungen|umzug|umziehen)\b"
)

# --------------------------------------------------------------------------- decisions

_RBB_WORDS = ("rechtsbehelfsbelehrung", "rechtsmittelbelehrung")
_RBB_HEADING = re.compile("|".join(_RBB_WORDS))
_AGAINST_THIS = re.compile(
    r"gegen\s+(?:diese[nrs]?|den\s+vorstehenden)\s+(?:\w+\s+)?(?:\w*bescheid\w*|entscheidung|"
    r"verwaltungsakt|festsetzung|verfügung|ablehnung)",
)
_TITLE_WORDS = ("bescheid", "ablehnung", "festsetzung", "bewilligung")
_TITLE_LINE = re.compile(
    r"^\s*(?:betreff\s*:\s*)?(?:[\wäöüß-]*bescheid\b|bescheid\s+(?:über|für|zur|zum|nach)|"
    r"ablehnung\s+ihres\s+antrag|festsetzung\b|bewilligung\b|widerspruchsbescheid)",
)
_TITLE_NOT = re.compile(r"^\s*(?:betreff\s*:\s*)?(?:ihr|den|dem|zum|zu|gegen|mit|auf|der|im)\b")
_DECISION_VERB = re.compile(
    r"\bhiermit\s+(?:bewillige|lehne|hebe|setze|nehme|entscheide)\b|"
    r"\b(?:wird|werden)\s+(?:ihnen\s+)?(?:hiermit\s+)?(?:\w+\s+){0,3}?"
    r"(?:abgelehnt|aufgehoben|festgesetzt|bewilligt|zurückgenommen|zurückgewiesen)\b(?!\s+werden)",
)
_DECISION_HINTS = (
    "hiermit", "abgelehnt", "aufgehoben", "festgesetzt", "bewilligt", "zurückgenommen",
    "zurückgewiesen",
)  # fmt: skip
_NOT_DECISION_HINTS = ("anhörung", "beabsichtig", "gelegenheit", "bevor")
_NOT_DECISION = re.compile(
    r"\banhörung\b|beabsichtig\w*|gelegenheit,?\s+sich|bevor\s+.{0,40}entscheidung"
)
_RENEWAL_RANGE_CONTEXT = re.compile(
    r"bewilligungszeitraum|bewillig\w*|leistungszeitraum|weiterbewillig\w*|weiterleistung"
)
_RENEWAL_RANGE_NOT = re.compile(
    r"aufgehoben|aufhebung|zurückgenommen|rücknahme|erstatt\w*|überzahl\w*|beabsichtig\w*|"
    r"kontoausz\w*|nachweis\w*|vorleg\w*|einreich\w*|einzureichen|abgelehnt",
)
_KEEP_DAY = re.compile(r"(?:26|31)\s+abs\.\s*3\s+satz\s+2|unabhängig\s+davon,\s+ob")


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
            (_OBJECTION_WORDS, DeadlineKind.OBJECTION, 0),
            (_PAYMENT_STRONG, DeadlineKind.PAYMENT, 0),
            (_RENEWAL_WORDS, DeadlineKind.RENEWAL, 0),
            (_SUBMIT_WORDS, DeadlineKind.SUBMIT, 0),
            (_PAYMENT_WEAK, DeadlineKind.PAYMENT, 60),
            (_RENEWAL_WEAK, DeadlineKind.RENEWAL, 40),
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
    m = _TIME_POST.match(post) or _TIME_POST_COLON.match(post)
    if not m:
        m = _TIME_PRE.search(sentence[max(0, start - 40) : start])
    if not m:
        return None
    return dt.time(int(m.group("h")), int(m.group("min") or 0))


def _place(doc: _Doc, paragraph: int, index: int) -> str:
    # The sentence and the next two, also across paragraphs.
    for s in doc.following(paragraph, index, 3):
        m = _PLACE.search(s.text)
        if m:
            return " ".join(m.group(0).split()).rstrip(".,")
        f = _PLACE_FIELD.search(s.text)
        if f:
            return f.group("v").strip().rstrip(".,")
    return ""


def _unit(word: str) -> fristen.Unit | None:
    w = word.lower()
    if w.startswith(("werktag", "arbeitstag")):
        return None  # working-day periods follow other counting rules; not computed
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
    return _NUM_WORDS.get(word.lower())


# --------------------------------------------------------------------------- letter date

_LETTER_DATE_LABEL = re.compile(
    r"(?<![\wäöüß])(?:datum|date|briefdatum|bescheiddatum|ausstellungsdatum)\s*:?\s*(?:den\s+)?"
    r"(?:" + _WEEKDAY + r")?(?P<rest>.{6,22})",
    _I,
)
_CITY_DATE = re.compile(
    r"^\s*(?P<city>[A-ZÄÖÜ][\wäöüß.()/ -]{1,40}?),\s*(?:den\s+)?(?:" + _WEEKDAY + r")?"
    r"(?P<rest>.{6,22})$"
)
_NOT_LETTER_DATE = re.compile(
    r"geb\.|geboren|geburt|zeitraum|\bvom\b|\bbis\b|schreiben|nachricht|antrag|eingang|"
    r"gültig|termin|frist|stand",
    _I,
)


def _first_date(text: str) -> dt.date | None:
    hits = find_dates(text)
    if hits and hits[0].start <= 3 and hits[0].date is not None:
        return hits[0].date
    return None


def _letter_date_lines(lines: list[str]) -> Iterable[int]:
    """Ascending indexes of the lines where find_letter_date can find something.

    Each of its rules needs a date on the line, or "datum" for the DIN 5008
    reference line; the pre-scan (see _scan) names those lines.
    """
    hits = _scan("\n".join(lines))
    if hits is None:
        return range(len(lines))
    return sorted({*hits.get(_G_DATE, ()), *hits.get(_G_DATUM, ())})


def find_letter_date(text: str) -> dt.date | None:
    """Date of a letter from its letterhead: "Datum: 03.03.2025", "München, 3. März 2025".

    Looks at the head of the letter (first 60 lines) and prefers, in order, a
    "Datum" label, a "City, date" line and a line holding only a date. Birth
    dates, periods and references to other letters are not letter dates.
    """
    lines = text.replace("\r\n", "\n").split("\n")[:60]
    labelled: dt.date | None = None
    city: dt.date | None = None
    alone: dt.date | None = None
    for index in _letter_date_lines(lines):
        line = lines[index]
        stripped = " ".join(line.split())
        if not stripped:
            continue
        low = stripped.lower()
        if labelled is None and re.search(r"(?<![\wäöüß])datum\s*:?$", low):
            # DIN 5008 reference line: labels on one line, values below; the date
            # is the last value ("Ihre Nachricht vom … Unser Zeichen … Datum").
            below = next((x for x in lines[index + 1 : index + 3] if x.strip()), "")
            dated = [h.date for h in find_dates(below) if h.date is not None]
            if dated:
                labelled = dated[-1]
        if labelled is None:
            for m in _LETTER_DATE_LABEL.finditer(stripped):
                before = low[: m.start()]
                if re.search(r"(?:geburts|eingangs|antrags|ihr\w*\s*)$", before):
                    continue
                found = _first_date(m.group("rest"))
                if found:
                    labelled = found
                    break
        if city is None:
            m2 = _CITY_DATE.match(stripped)
            if m2 and not _NOT_LETTER_DATE.search(m2.group("city")):
                city = _first_date(m2.group("rest"))
        if alone is None and not _NOT_LETTER_DATE.search(low):
            core = re.sub(r"^(?:den\s+)?", "", stripped, flags=_I)
            hits = find_dates(core)
            if len(hits) == 1 and hits[0].date and len(core) - (hits[0].end - hits[0].start) <= 14:
                rest = (core[: hits[0].start] + core[hits[0].end :]).strip(" ,.")
                if not rest or re.fullmatch(_WEEKDAY.replace("(?:den\\s+)?", ""), rest, _I):
                    alone = hits[0].date
    return labelled or city or alone


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


def _is_decision(text: str, letter_type: str | None, doc: _Doc) -> tuple[bool, bool]:
    """(is a decision, decision evidence is strong enough to assume one without RBB)."""
    if letter_type is not None and letter_type not in ("other", ""):
        return (letter_type in DECISION_TYPES, letter_type in DECISION_TYPES)
    # Each "w in low" test below only guards a search for patterns holding w,
    # so the pre-scan's "may hold" (doc.contains) gives the same results; the
    # lower-cased text is made only when a search needs it.
    title = False
    if doc.contains(_G_TITLE, _TITLE_WORDS[1:]) or doc.contains(_G_BESCHEID, _TITLE_WORDS[:1]):
        head = _lower(text).replace("\r\n", "\n").split("\n")[:60]
        title = any(any(w in line for w in _TITLE_WORDS) for line in head) and any(
            _TITLE_LINE.match(line) and not _TITLE_NOT.match(line) for line in head
        )
    verbs = doc.contains(_G_DECISION, _DECISION_HINTS) and any(
        _DECISION_VERB.search(s.low)
        and not re.search(r"\b(?:kann|können|könnte|wenn|falls|sofern)\b", s.low)
        for s in doc.matching(_G_DECISION)
    )
    against = doc.contains(_G_GEGEN, ("gegen",)) and any(
        _AGAINST_THIS.search(s.low) for s in doc.matching(_G_GEGEN)
    )
    hearing = doc.contains(_G_HEARING, _NOT_DECISION_HINTS) and bool(
        _NOT_DECISION.search(_lower(text))
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
) -> list[DeadlineSuggestion]:
    """Deadline suggestions in ``text`` (see module docstring), sorted by date.

    ``letter_date`` is the posting/sending date (mail Date, or the letter's date);
    without it nothing relative is computed and dates cannot be checked against
    the past. ``state`` is the Bundesland code for holidays, ``law`` one of
    "sgb", "vwvfg", "ao"; ``letter_type`` from the classifier, or None to detect
    decision cues here.
    """
    letter_date = _as_date(letter_date)
    law = law if law in fristen.LAWS else "sgb"
    state = fristen.normalise_state(state)
    if quoted_text.strip() and len(text) < 400 and len(re.sub(r"\W", "", text)) < 40:
        # A bare reply with no own words passes the quoted message on like a forward.
        text = f"{text}\n\n{quoted_text}"
    doc = _Doc(text, letter_date)
    out = _Collector({})
    _explicit(doc, out, letter_date=letter_date, state=state, law=law)
    _relative(doc, out, state=state, law=law)
    _objection(text, doc, out, letter_date=letter_date, state=state, law=law,
               letter_type=letter_type)  # fmt: skip
    _booking_fields(text, doc, out, letter_date=letter_date)
    return sorted(out.items.values(), key=lambda s: (s.date, s.time or dt.time(0), s.kind.value))


# Online booking confirmations (Bürgerbüro, Ausländerbehörde) put the
# appointment in labelled lines: "Datum: Do, 10.07.2025" / "Uhrzeit: 08:45 Uhr".
_FIELD_DATE = re.compile(r"^[ \t]*(?:datum|termin|tag|wann)[ \t]*:[ \t]*(?P<rest>.+)$", _I | re.M)
_FIELD_TIME = re.compile(
    r"^[ \t]*(?:uhrzeit|zeit|beginn|um)[ \t]*:[ \t]*(?:um[ \t]*)?"
    r"(?P<h>[01]?\d|2[0-3])[:.](?P<min>[0-5]\d)",
    _I | re.M,
)
_FIELD_PLACE = re.compile(r"^[ \t]*(?:ort|adresse|standort)[ \t]*:[ \t]*(?P<v>.+)$", _I | re.M)


def _booking_fields(
    text: str, doc: _Doc, out: _Collector, *, letter_date: dt.date | None
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
    doc: _Doc,
    out: _Collector,
    *,
    letter_date: dt.date | None,
    state: str | None,
    law: str,
) -> None:
    renewal_ranges: list[tuple[dt.date, str]] = []
    for paragraph in doc.candidates(_G_DATE, _G_ENDE):
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
    doc: _Doc,
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
        is_range_end = bool(_RANGE_PRE.search(pre))
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
                and _RENEWAL_RANGE_CONTEXT.search(ctx)
                and not _RENEWAL_RANGE_NOT.search(ctx)
            ):
                renewal_ranges.append((date, s))
            continue
        if _RANGE_POST.match(post):
            continue
        ctx_lo = max(0, hit.start - 160)
        ctx = low[ctx_lo : hit.end + 160]
        pos = hit.start - ctx_lo
        time = _time_near(low, hit.start, hit.end)
        if _NEGATIVE_PRE.search(pre) and not (
            # "Die Maßnahme beginnt am 01.04. um 8:00 Uhr in Raum 12" is an appointment.
            time and _SOFT_NEGATIVE.search(pre) and _APPOINTMENT_WORDS.search(ctx)
        ):
            continue
        deadline_cue = _DEADLINE_CUE.search(pre)
        if not deadline_cue and _DUE_POST.match(post):
            # "Der Betrag ist am 15.04.2025 fällig."
            _add_explicit(
                out, date, DeadlineKind.PAYMENT, s, (hit.start, hit.end), state=state, law=law
            )
            continue
        if not deadline_cue and hit.has_year:
            appointment_cue = _APPOINTMENT_CUE.search(pre)
            if appointment_cue or (time and _APPOINTMENT_WORDS.search(ctx)):
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
        if kind is DeadlineKind.OTHER and not _OTHER_ACTION.search(ctx):
            continue
        _add_explicit(out, date, kind, s, (hit.start, hit.end), state=state, law=law)
    for start, end, date in ends:
        if letter_date is not None and date <= letter_date:
            continue
        ctx_lo = max(0, start - 160)
        ctx = low[ctx_lo : end + 160]
        kind = _kind(ctx, start - ctx_lo)
        if kind is DeadlineKind.OTHER and not _OTHER_ACTION.search(ctx):
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
    elif not _KEEP_DAY.search(_lower(sentence)):
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


def _relative(doc: _Doc, out: _Collector, *, state: str | None, law: str) -> None:
    for sent in doc.matching(_G_RELATIVE):
        s, low = sent.text, sent.low
        if sent.anchor is None or not _has_relative_hint(low):
            continue
        for m in _RELATIVE.finditer(low):
            if m.group("mf"):
                amount: int | None = 1
                unit: fristen.Unit | None = fristen.Unit.MONTH
            else:
                amount, unit = _amount(m.group("n")), _unit(m.group("u"))
            if not amount or unit is None:
                continue
            if _OBJECTION_WORDS.search(low):
                continue  # Rechtsbehelfsbelehrung: handled with the decision check
            ctx_lo = max(0, m.start() - 200)
            ctx = low[ctx_lo : m.end() + 200]
            kind = _kind(ctx, m.start() - ctx_lo)
            if kind is DeadlineKind.APPOINTMENT:
                continue
            if _GENERAL_RULE.search(low) or (
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
            if _ANCHOR_LETTER_DATE.search(low):
                comp = fristen.deadline_after_date(sent.anchor, amount, unit, law=law, state=state)
            elif _ANCHOR_NOTIFICATION.search(low):
                comp = fristen.deadline_after_notification(
                    sent.anchor, amount, unit, law=law, state=state
                )
            else:
                other = _OTHER_ANCHOR.match(after)
                if other:
                    continue  # counted from some other event we cannot date
                comp = fristen.deadline_after_notification(
                    sent.anchor, amount, unit, law=law, state=state
                )
                comp = fristen.Computation(
                    comp.date,
                    (
                        "No start named; counted from receipt of the letter (deemed Bekanntgabe).",
                        *comp.steps,
                    ),
                )
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
    doc: _Doc,
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
    for sent in doc.matching(_G_RELATIVE):
        s, low = sent.text, sent.low
        if sent.anchor is None or not _has_relative_hint(low):
            continue
        if not _OBJECTION_WORDS.search(low):
            continue
        m = _RELATIVE.search(low)
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
    has_heading = any(_RBB_HEADING.search(x.low) for x in doc.matching(_G_RBB))
    if has_heading:
        # A Rechtsbehelfsbelehrung whose period we could not read: assume the usual
        # month – the earlier, safe date.
        comp = fristen.objection_deadline(letter_date, law=law, state=state)
        evidence = next(
            (x.text for x in doc.matching(_G_RBB) if _RBB_HEADING.search(x.low)), ""
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
    title = next((x.text for x in doc.matching(_G_BESCHEID) if "bescheid" in x.low), "")
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
