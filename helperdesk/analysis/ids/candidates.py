"""Where a processing ID can be: the fast candidate search and the spans to exclude.

Each text is read once into a *shape* (digits, capitals, spaces) and
lower-cased bytes (``Text``); Aho-Corasick passes over them (``_finder``)
give the few places where an ID pattern can start, and ``matches`` tries the
pattern only there. IBANs, BICs, USt-IdNr and phone/fax numbers are found
first, on demand and line by line (``Excluded``), so no ID overlaps them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import AnyStr

import ahocorasick_rs

from helperdesk.analysis.ids.checks import is_valid_iban
from helperdesk.analysis.ids.patterns import (
    COURT_WORDS_B,
    HEALTH_WORDS_B,
    KUNDEN_MARKS,
    KUNDEN_STARTS,
    KVNR_WORDS_B,
    STID_MARKS,
    STID_WORDS_B,
    STNR_MARKS,
)

# ---------------------------------------------------------------------------
# Spans that must never yield an ID
# ---------------------------------------------------------------------------

# Performance note: Python's ``re`` skips fast through a text only to a literal;
# a pattern starting with a character class, a look-behind or IGNORECASE is
# tried at every position. So patterns here start with what they match, the "no
# word character before" condition is checked in code (``free``), labels are
# matched in lower case on a same-length lower-cased copy of the text, and the
# patterns are tried only where a cheap first pass allows a match (``Text``).

_IBAN_RE = re.compile(r"[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]){11,30}(?![A-Za-z0-9])")
# German IBAN shape excluded even when its check digits are wrong (typos happen).
_DE_IBAN_RE = re.compile(r"DE\d{2}(?:[ \u00a0]?\d){18}(?!\d)")
_BIC_RE = re.compile(r"[A-Z]{4}DE[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![A-Za-z0-9])")
_USTID_RE = re.compile(r"DE[ \u00a0]?\d{3}[ \u00a0]?\d{3}[ \u00a0]?\d{3}(?!\d)")
# Phone/fax after a label (matched on the lower-cased text), international, or service.
_PHONE_LABELS = (
    r"tel(?:efon)?", "fax", "telefax", "fon", "mobil", "handy", "rufnummer", "durchwahl",
    "hotline", r"service(?:nummer|telefon)", "phone",
)  # fmt: skip
_PHONE_NUMBER = (
    r"(?:nummer|nr)?\.?(?:[ \t]*(?:nr\.?|\(\w+\)))?[ \t]*[:.]?"
    r"[ \t]*(?:\+|0)[\d \t/()\-\u2013.]{4,24}\d"
)
# "(?:tel|fax|…)NUMBER" written as "tel NUMBER|fax NUMBER|…": the same matches
# (an alternation followed by a tail backtracks exactly like the distributed
# form), but each top-level branch starts with a literal word to look for.
_PHONE_LABEL_RE = re.compile("|".join(f"(?:{label}){_PHONE_NUMBER}" for label in _PHONE_LABELS))
# Every match starts with one of these words (lower case) and has no line break.
_PHONE_LABEL_STARTS = tuple(
    w.encode() for w in ("tel", "fax", "fon", "mobil", "handy", "rufnummer", "durchwahl",
                         "hotline", "service", "phone")
)  # fmt: skip
_PHONE_INTL_RE = re.compile(r"\+\d{2}[\d \t/()\-\u2013.]{5,22}\d")
_PHONE_SERVICE_RE = re.compile(r"0[18]00[ \t/\-]?\d[\d \t/\-]{3,12}\d")

_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)} | {
    ord("Ä"): ord("ä"),
    ord("Ö"): ord("ö"),
    ord("Ü"): ord("ü"),
}


def lower(text: str) -> str:
    """Lower-cased copy with the same length, so match offsets fit the original."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def free(text: str, start: int, extra: str = "") -> bool:
    """True when the character before ``start`` is no letter, digit, "_" or one of ``extra``."""
    if start == 0:
        return True
    ch = text[start - 1]
    return not (ch.isalnum() or ch == "_" or ch in extra)


# ---------------------------------------------------------------------------
# Where a pattern can match: one cheap pass per text, then ``match`` only there
# ---------------------------------------------------------------------------

# Why: most of a 10 KB letter holds no ID, and an ID pattern starting with a
# digit or capital class is tried by ``re`` at every position (tens of µs per
# pattern and text). Instead each text is encoded once, one byte per character
# (latin-1, "?" for anything beyond), and translated into a *shape*: "0" for
# every ``\d``, "A" for A-Z, " " for a space or no-break space, "a" for a-z.
# Every match of an ID pattern begins with one of a few shapes ("A000" or
# "A 000" for a KVNR, see ``_MARKS``), all found in one Aho-Corasick pass over
# the shape, and the ID pattern is tried only there (``matches``). Court file
# numbers, whose beginnings vary more, first need a rare mark ("0/00"); then a
# shape pattern starting with a literal, which ``re`` finds at C speed, gives
# their candidates.
#
# The same bytes lower-cased (``Text.lowb``) equal the lower-cased text
# (``lower``) encoded the same way, so the labels' words are found there (one
# Aho-Corasick pass for the Aktenzeichen anchors, one for the other words when
# a candidate asks); label patterns then run on a lower-cased piece of the
# text (``Text.lower``) or, where a match may run far, on the whole of it.
# Spans to exclude (IBAN, phone …) are looked for only in the lines of a
# candidate, or in the whole text once many lines have one (``Excluded``).
_SHAPE = bytes(
    0x30 if 0x30 <= b <= 0x39
    else 0x41 if 0x41 <= b <= 0x5A
    else 0x61 if 0x61 <= b <= 0x7A
    else 0x20 if b == 0xA0
    else b
    for b in range(256)
)  # fmt: skip
# ``str.lower`` maps latin-1 into latin-1; ``_ASCII_LOWER`` is the fallback of ``lower``.
_LOW_BYTES = bytes(ord(chr(b).lower()) for b in range(256))
_ASCII_LOW_BYTES = bytes(_ASCII_LOWER.get(b, b) for b in range(256))
# Facts of Unicode that the shortcuts rely on (tests/test_ids.py checks them):
# beyond latin-1 only these lower-case into it (Ÿ, ẞ, Kelvin and Ångström sign),
_INTO_LATIN1 = frozenset("\u0178\u1e9e\u212a\u212b")
# only "İ" grows when lower-cased (then ``lower`` uses ``_ASCII_LOWER``),
_GROWS = "\u0130"
# and only "Σ" lower-cases by its neighbours (final sigma), so a piece of a text
# with it may lower-case differently from the same piece of the whole.
_SIGMA = "\u03a3"
# ``\d`` beyond ASCII. A text with more characters beyond latin-1 than
# ``_MAX_OTHERS`` (Cyrillic, Arabic …) is not looked at character by
# character: one ``re`` pass finds its digits, and it is lower-cased whole.
_OTHER_DIGIT_RE = re.compile(r"(?![0-9])\d")
_MAX_OTHERS = 64
# A text with more digits than one in ``_DENSE_SHARE`` characters (beyond
# ``_DENSE_MIN``: a table, a bank statement) has so many candidates that trying
# the patterns one candidate at a time would cost more than ``re.finditer``,
# which it then uses (same matches).
_DENSE_SHARE = 16
_DENSE_MIN = 512
# A lower-cased piece longer than this is cut from the whole lower-cased text.
_LONG_PIECE = 2048
# Lines looked at one by one for spans to exclude before the whole text is.
_MAX_PIECES = 4
# Shapes that begin the candidates: three digits or "two digits, space, six"
# (the IDs of ``DIGIT_IDS_RE``), a capital before three digits (KVNR), two
# capitals before two digits (IBAN), and what court file numbers need.
_MARKS = (b"000", b"00 000000", b"A000", b"A 000", b"AA00", b"0/00", b"A 00.0")
# (and the values after a Kunden- or Steuernummer label and Steuer-IDs, see there).


def _finder(words: Sequence[bytes]) -> Callable[[bytes], dict[bytes, list[int]]]:
    """A function giving, for each of ``words`` that occurs, its starts (ascending,
    overlapping ones too): one Aho-Corasick pass (ahocorasick_rs, a compiled
    DFA) instead of a ``find`` scan per word."""
    automaton = ahocorasick_rs.BytesAhoCorasick(
        words, implementation=ahocorasick_rs.Implementation.DFA)

    def find_all(data: bytes) -> dict[bytes, list[int]]:
        found: dict[bytes, list[int]] = {}
        # (word, start, end) in order of the end: for one word, of the start.
        for i, start, _end in automaton.find_matches_as_indexes(data, overlapping=True):
            occ = found.get(words[i])
            if occ is None:
                found[words[i]] = [start]
            else:
                occ.append(start)
        return found

    return find_all


class Text:
    """A text, its shape and lower-cased bytes (see above); the rest on demand."""

    __slots__ = (
        "_anchors", "_grows", "_low", "_marks", "_whole", "_words", "dense", "lowb", "shape",
        "text",
    )  # fmt: skip

    def __init__(self, text: str) -> None:
        self.text = text
        self._low: str | None = None
        self._words: dict[bytes, list[int]] | None = None
        self._anchors: dict[bytes, list[int]] | None = None
        self._marks: dict[bytes, list[int]] | None = None
        enc = text.encode("latin-1", "replace")
        # The characters beyond latin-1 (each a "?" now, like a real "?"):
        # digits among them, and what decides how they lower-case.
        digits: list[int] = []
        into: list[int] = []
        grows = sigma = False
        others = 0
        i = enc.find(b"?")
        while i >= 0:
            ch = text[i]
            if ch != "?":
                others += 1
                if others > _MAX_OTHERS:
                    break
                if ch.isdecimal():
                    digits.append(i)
                elif ch in _INTO_LATIN1:
                    into.append(i)
                elif ch == _GROWS:
                    grows = True
                elif ch == _SIGMA:
                    sigma = True
            i = enc.find(b"?", i + 1)
        if others > _MAX_OTHERS:
            digits = [m.start() for m in _OTHER_DIGIT_RE.finditer(text)]
            self._low = lower(text)
            lowb = self._low.encode("latin-1", "replace")
        else:
            lowb = enc.translate(_ASCII_LOW_BYTES if grows else _LOW_BYTES)
            if into and not grows:
                buf = bytearray(lowb)
                for i in into:
                    buf[i] = ord(text[i].lower())
                lowb = bytes(buf)
        shape = enc.translate(_SHAPE)
        if digits:
            buf = bytearray(shape)
            for i in digits:
                buf[i] = 0x30
            shape = bytes(buf)
        self.shape = shape
        self.dense = shape.count(b"0") * _DENSE_SHARE > len(shape) + _DENSE_MIN
        self.lowb = lowb
        self._grows = grows
        self._whole = sigma  # pieces must be cut from the whole lower-cased text

    @property
    def low(self) -> str:
        """The whole text lower-cased (``lower``), made on first use."""
        if self._low is None:
            self._low = lower(self.text)
        return self._low

    def lower(self, start: int, end: int) -> str:
        """``self.low[start:end]``, lower-casing only that piece when that is the same."""
        # Long pieces (a text without line breaks) are cut from the whole, made once.
        if self._low is not None or self._whole or end - start > _LONG_PIECE:
            return self.low[start:end]
        piece_b = self.lowb[start:end]
        if b"?" not in piece_b:  # all latin-1, nothing replaced: the bytes are the text
            return piece_b.decode("latin-1")
        piece = self.text[start:end]
        return piece.translate(_ASCII_LOWER) if self._grows else piece.lower()

    @property
    def words(self) -> dict[bytes, list[int]]:
        """Starts of the ``_WORDS`` that occur in the lower-cased text."""
        if self._words is None:
            self._words = _find_words(self.lowb)
        return self._words

    @property
    def anchors(self) -> dict[bytes, list[int]]:
        """Starts of the ``_AZ_ANCHORS`` that occur in the lower-cased text (a pass of
        its own: wanted in nearly every text, and four words are found faster)."""
        if self._anchors is None:
            self._anchors = _find_anchors(self.lowb)
        return self._anchors

    def has(self, word: bytes) -> bool:
        """``word in low`` for a word of ``_WORDS``."""
        return word in self.words

    def occurrences(self, words: Iterable[bytes]) -> list[int]:
        """Every start of any of ``words`` (of ``_WORDS``) in the lower-cased text, ascending."""
        found = self.words
        return sorted(i for w in words for i in found.get(w, ()))

    def _found_marks(self) -> dict[bytes, list[int]]:
        """Starts of the shapes of ``_find_marks`` that occur in the shape."""
        if self._marks is None:
            self._marks = _find_marks(self.shape)
        return self._marks

    def marks(self, *shapes: bytes) -> list[int]:
        """Every start of any of ``shapes`` (of ``_find_marks``) in the shape, ascending."""
        found = self._found_marks()
        if len(shapes) == 1:
            return found.get(shapes[0], [])
        return sorted({i for s in shapes for i in found.get(s, ())})

    def has_marks(self) -> bool:
        """Whether any shape of ``_find_marks`` may occur in the shape."""
        return self.dense or bool(self._found_marks())

    def has_mark(self, shapes: frozenset[bytes]) -> bool:
        """Whether any of ``shapes`` (of ``_find_marks``) may occur in the shape."""
        return self.dense or not self._found_marks().keys().isdisjoint(shapes)

    def has_shape(self, shape: bytes) -> bool:
        """Whether ``shape`` (of ``_find_marks``) occurs in the shape."""
        return shape in self.shape if self.dense else shape in self._found_marks()

    def matches(self, rx: re.Pattern[str], shapes: Sequence[bytes]) -> Iterator[re.Match[str]]:
        """``rx.finditer(text)`` for a pattern whose every match starts with one of
        ``shapes`` (of ``_find_marks``)."""
        if self.dense:
            return rx.finditer(self.text)
        return matches(rx, self.text, self.marks(*shapes))

    def starts(self, shape_rx: re.Pattern[bytes]) -> list[int]:
        """Where ``shape_rx`` matches the shape (one position per match)."""
        return [m.start() for m in shape_rx.finditer(self.shape)]


def _occurrences(data: AnyStr, word: AnyStr, start: int = 0, end: int | None = None) -> list[int]:
    """Every start of ``word`` in ``data[start:end]``, overlapping ones too, ascending."""
    out = []
    i = data.find(word, start, end)
    while i >= 0:
        out.append(i)
        i = data.find(word, i + 1, end)
    return out


def matches(
    rx: re.Pattern[str], text: str, starts: Iterable[int], pos: int = 0
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text, pos)``, given (ascending) every position where ``rx`` can match.

    ``finditer`` reports the first match at or after the end of the previous
    one; ``rx.match(text, s)`` at the candidate positions finds the same (the
    patterns never match empty, and look-arounds see the text before ``s``).
    """
    for s in starts:
        if s >= pos:
            m = rx.match(text, s)
            if m is not None:
                yield m
                pos = m.end()


def _excluded_spans(t: Text, start: int, end: int) -> list[tuple[int, int]]:
    """The spans no ID may overlap, in the lines ``text[start:end]`` (ending with
    their line break, if any): valid IBANs, German IBAN shapes, BICs, USt-IdNr
    and phone/fax numbers."""
    text = t.text
    spans: list[tuple[int, int]] = []
    if t.dense:
        ibans = _IBAN_RE.finditer(text, start, end)
    else:
        marks = t.marks(b"AA00")
        in_lines = marks[bisect.bisect_left(marks, start) : bisect.bisect_left(marks, end)]
        ibans = matches(_IBAN_RE, text, in_lines, start)
    for m in ibans:
        if free(text, m.start()) and is_valid_iban(m.group(0)):
            spans.append(m.span())
    if text.find("DE", start, end) >= 0:  # each of these three patterns contains it
        bics = [i - 4 for i in _occurrences(text, "DE", start, end) if i - 4 >= start]
        for found in (_DE_IBAN_RE.finditer(text, start, end), matches(_BIC_RE, text, bics),
                      _USTID_RE.finditer(text, start, end)):  # fmt: skip
            spans.extend(m.span() for m in found if free(text, m.start()))
    spans.extend(_phone_label_spans(t, start, end))
    found = _PHONE_INTL_RE.finditer(text, start, end)
    spans.extend(m.span() for m in found if free(text, m.start(), "+"))
    found = _PHONE_SERVICE_RE.finditer(text, start, end)
    spans.extend(m.span() for m in found if free(text, m.start()))
    return spans


def _phone_label_spans(t: Text, start: int, end: int) -> list[tuple[int, int]]:
    """``_PHONE_LABEL_RE.finditer(low)`` within the lines ``low[start:end]``,
    tried only at its words, each on its own line."""
    lowb = t.lowb
    spans: list[tuple[int, int]] = []
    pos = start
    starts = sorted(i for w in _PHONE_LABEL_STARTS for i in _occurrences(lowb, w, start, end))
    lines: str | None = None  # ``low[start:end]``, made when a word needs it
    for s in starts:
        if s < pos:
            continue
        # A match holds a "+" or "0" and ends before the line break (which the
        # piece keeps, so the pattern sees where the line ends).
        eol = lowb.find(b"\n", s, end)
        eol = end if eol < 0 else eol
        if lowb.find(b"0", s, eol) < 0 and lowb.find(b"+", s, eol) < 0:
            continue
        if lines is None:
            lines = t.lower(start, end)
        m = _PHONE_LABEL_RE.match(lines, s - start)
        if m is not None:
            pos = start + m.end()
            spans.append((s, pos))
    return spans


class Spans:
    """Half-open spans kept merged and sorted, for overlap tests in O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(spans):
            if self.ends and a < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], b)
            else:
                self.starts.append(a)
                self.ends.append(b)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.ends, a + 1)  # first span ending after a
        return i < len(self.starts) and self.starts[i] < b

    def add(self, a: int, b: int) -> None:
        """Insert a span that overlaps none of the present ones."""
        i = bisect.bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


def overlaps(span: tuple[int, int], spans: Spans | Excluded) -> bool:
    return spans.overlaps(*span)

# Every label contains one of these; the full label pattern runs only around them
# (as the matches of "zeichen|az|gz|gesch" would, see ``_az_anchors``).
_AZ_ANCHORS = (b"zeichen", b"az", b"gz", b"gesch")
_find_anchors = _finder(_AZ_ANCHORS)
_find_marks = _finder(tuple(sorted({*_MARKS, *KUNDEN_MARKS, *STNR_MARKS, *STID_MARKS})))
# The words whose presence decides whether a candidate is taken, looked for in
# the lower-cased text once a candidate asks (see ``Text.words``).
_WORDS = tuple(
    sorted({*KUNDEN_STARTS, b"steuer", b"nr", *KVNR_WORDS_B, *HEALTH_WORDS_B, *STID_WORDS_B,
            *COURT_WORDS_B})
)  # fmt: skip
_find_words = _finder(_WORDS)


class Excluded:
    """The spans no ID may overlap (``_excluded_spans``), found line by line on demand.

    None of their patterns matches a line break, so ``finditer`` over the whole
    text finds in each line exactly what it finds from the line's start on; a
    candidate is checked against the lines it touches, most lines never are.
    A dense text, or one with candidates in many places, is done whole at once.
    """

    __slots__ = ("_all", "_lines", "_t")

    def __init__(self, t: Text) -> None:
        self._t = t
        self._lines: dict[int, Spans] = {}
        self._all: Spans | None = None

    def overlaps(self, a: int, b: int) -> bool:
        text = self._t.text
        if self._all is None and (self._t.dense or len(self._lines) >= _MAX_PIECES):
            self._all = Spans(_excluded_spans(self._t, 0, len(text)))
        if self._all is not None:
            return self._all.overlaps(a, b)
        start = text.rfind("\n", 0, a) + 1
        end = text.find("\n", max(a, b - 1))
        end = len(text) if end < 0 else end + 1  # with the line break: the patterns see it
        key = start * (len(text) + 1) + end
        spans = self._lines.get(key)
        if spans is None:
            spans = self._lines[key] = Spans(_excluded_spans(self._t, start, end))
        return spans.overlaps(a, b)
