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
import functools
import re
from collections.abc import Iterator
from operator import itemgetter
from typing import NamedTuple

import ahocorasick_rs

from helperdesk.analysis.dates_de import MONTH_NAMES, find_dates
from helperdesk.analysis.deadlines.cues import (
    DECISION_HINTS,
    IGNORECASE,
    NOT_DECISION_HINTS,
    RBB_WORDS,
    RELATIVE_HINTS,
    TITLE_WORDS,
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
G_DATE, G_ENDE, G_RELATIVE, G_DECISION, G_GEGEN, G_RBB, G_BESCHEID = range(7)
G_TITLE, G_HEARING, _G_TERMIN, _G_HEADER, G_DATUM, _G_ODD = range(7, 13)
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
    b"-|st|nd|rd|th|\\.(?:" + _WS_BYTES + b")*[0-9]|\\.?(?:" + _WS_BYTES + b")*(?:"
    + b"|".join(map(re.escape, _MONTH_STARTS)) + b")"
)  # fmt: skip


def _cue_words() -> list[tuple[int, str]]:
    words = [(G_RELATIVE, w) for w in RELATIVE_HINTS]
    words += [(G_DECISION, w) for w in DECISION_HINTS]
    words += [(G_GEGEN, "gegen"), (G_BESCHEID, "bescheid"), (_G_TERMIN, "termin")]
    words += [(G_RBB, w) for w in RBB_WORDS]
    words += [(G_TITLE, w) for w in TITLE_WORDS[1:]]
    words += [(G_HEARING, w) for w in NOT_DECISION_HINTS]
    # Mail header lines that may set the anchor date (_HEADER_DATE: the name,
    # optional whitespace, ":").
    words += [
        (_G_HEADER, w + c) for w in ("datum", "date", "gesendet", "sent") for c in ":" + _WHITESPACE
    ]
    words += [(G_ENDE, "ende" + c) for c in _WHITESPACE]
    words += [(G_DATUM, "datum")]  # find_letter_date
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
    nexts = [b"-", b".", b"st", b"nd", b"rd", b"th", *_MONTH_STARTS]
    nexts += [b" " + m for m in _MONTH_STARTS]
    nexts += [c.encode() for c in _WHITESPACE if c != " "]
    nexts += [b" " + c.encode() for c in _WHITESPACE]
    for digit in b"0123456789":
        for tail in nexts:
            patterns.append(bytes([digit]) + tail)
            groups.append(G_DATE)
    odd = [*_ODD_LETTERS]
    odd += [chr(c) for c in range(0x80, 0x1FC00) if chr(c).isdecimal()]
    for c in odd:
        patterns.append(c.encode())
        groups.append(_G_ODD)
    # A DFA: twice as fast as the default NFA on these ~1800 short patterns.
    dfa = ahocorasick_rs.Implementation.DFA
    return ahocorasick_rs.BytesAhoCorasick(patterns, implementation=dfa), tuple(groups)


_START = itemgetter(1)  # of a (pattern, start, end) hit


def scan(norm: str) -> dict[int, list[int]] | None:
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
        if group == G_DATE and not _DATE_TAIL.match(low, start + 1):
            continue
        if found is None:
            result[group] = [line]
        else:
            found.append(line)
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
        """Whether ``lower(text)`` may hold one of ``words`` (of pre-scan ``group``)."""
        if self._hits is not None:
            return group in self._hits
        if self._low is None:
            self._low = lower(self._text)
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
