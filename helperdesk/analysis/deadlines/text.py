"""Text segmentation for deadline extraction: paragraphs, sentences, forward headers.

Splits a mail or letter text into whitespace-normalised sentences (``Doc``),
leaving out mail header lines, ">" quotes, forward marks and reply
attributions; knows the reference date of each part (the letter date, or the
date of a forwarded message's header). A byte-level Aho-Corasick pre-scan
(``scan``) names the lines that may hold a cue word or a date, so only the
paragraphs around them are read.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from typing import NamedTuple

from helperdesk.analysis.dates_de import find_dates
from helperdesk.analysis.deadlines.cue_scan import (
    G_BESCHEID,
    G_DATE,
    G_DATUM,
    G_DECISION,
    G_ENDE,
    G_GEGEN,
    G_HEADER,
    G_HEARING,
    G_RBB,
    G_RELATIVE,
    G_TERMIN,
    G_TITLE,
    scan,
)

__all__ = [
    "G_BESCHEID", "G_DATE", "G_DATUM", "G_DECISION", "G_ENDE", "G_GEGEN", "G_HEARING",
    "G_RBB", "G_RELATIVE", "G_TITLE", "Doc", "lower", "scan",
]
from helperdesk.analysis.deadlines.cues import (
    IGNORECASE,
)

# Lines of a mail header block inside a forward or reply (never deadline evidence).
_HEADER_LINE = re.compile(
    r"^\s*(?:von|from|gesendet|sent|an|to|cc|kopie|date|reply-to|antwort an)\s*:", IGNORECASE
)
_DATUM_LINE = re.compile(r"^\s*datum\s*:", IGNORECASE)
_ATTRIBUTION = re.compile(
    r"^\s*(?:am|on)\b.{4,160}\b(?:schrieb|wrote|hat .{0,40}geschrieben)\b.{0,80}:?\s*$", IGNORECASE
)
_FORWARD_MARK = re.compile(
    r"weitergeleitete nachricht|forwarded message|anfang der weitergeleiteten|"
    r"begin forwarded message|original message|ursprüngliche nachricht",
    IGNORECASE,
)
_HEADER_DATE = re.compile(r"^\s*(?:datum|date|gesendet|sent)\s*:\s*(?P<v>.+)$", IGNORECASE)
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


def lower(text: str) -> str:
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
        return [_Sentence(joined, anchor, low if len(low) == len(joined) else lower(joined))]
    result: list[_Sentence] = []
    sliced = len(low) == len(joined) and "\u03a3" not in joined
    for a, b in _split_sentences(joined):
        part = joined[a:b]
        text = part.strip()
        if text:
            if sliced and len(text) == len(part):
                result.append(_Sentence(text, anchor, low[a:b]))
            else:
                result.append(_Sentence(text, anchor, lower(text)))
    return result



class Doc:
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
        self._hits = scan(norm)
        self._low: str | None = None  # lower(text), for "odd" texts
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
            for i in self._lines_with((G_HEADER,)):
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
        """Whether ``lower(text)`` may hold one of ``words`` (of pre-scan ``group``)."""
        if self._hits is not None:
            return group in self._hits
        if self._low is None:
            self._low = lower(self._text)
        return any(w in self._low for w in words)

    def has_termin(self) -> bool:
        """Whether ``"termin" in text.lower()`` (exact: no odd characters, no "İ")."""
        if self._hits is not None:
            return G_TERMIN in self._hits
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
