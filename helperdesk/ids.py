"""Recognise, validate and canonicalise processing IDs in letter and mail text.

An agency wants its processing ID (BG-Nummer, Kundennummer, Kindergeldnummer,
Aktenzeichen, Steuernummer, Steuer-ID, Rentenversicherungsnummer, KVNR, court
Aktenzeichen) quoted back. This module finds them in plain text and returns
``model.ProcessingId`` records with a canonical value (upper case, internal
whitespace removed) so that IDs written in different ways compare equal.

Precision first: a wrong ID files a letter into the wrong case, so

* free-form IDs (Aktenzeichen, Kundennummer, Steuernummer) are taken only right
  after their label;
* numeric IDs with a check digit (Steuer-ID, RV-Nummer, KVNR) must validate,
  and the weak ones (Steuer-ID, KVNR) also need a label or context nearby;
* IBANs, BICs, USt-IdNr and phone/fax numbers are found first and their spans
  are excluded, so an ID pattern never matches inside them;
* a court Aktenzeichen cited as case law ("BSG, Urteil vom … B 14 AS 12/09 R")
  is not the household's case ID.

Decision on "Ihr Zeichen": in a letter *from* an agency it names the
recipient's own reference, in a letter *to* an agency (and in quoted replies)
it names the agency's Aktenzeichen. Because the reference is part of the
correspondence either way and the helper often quotes the agency's Az back as
"Ihr Zeichen", it is reported as an ``aktenzeichen`` whose ``label`` says
"Ihr Zeichen", so callers can tell it apart. The weak "… Zeichen" labels are
only honoured when the text looks like correspondence with a public body
(landlords and shops also print "Unser Zeichen").
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, AnyStr, Protocol

from helperdesk.model import Found, IdKind, ProcessingId
from helperdesk.multiscan import MultiScanner

# ---------------------------------------------------------------------------
# Canonical form and check digits
# ---------------------------------------------------------------------------

_WS_RE = re.compile(r"\s+")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-"})


def canonical(value: str) -> str:
    """Canonical form of any processing ID: upper case, no whitespace, plain dashes."""
    return _WS_RE.sub("", value.translate(_DASHES)).upper()


def steuer_id_check_digit(first10: str) -> int:
    """Check digit of a Steuer-ID (ISO 7064 MOD 11,10) for its first ten digits."""
    product = 10
    for ch in first10:
        s = (int(ch) + product) % 10
        if s == 0:
            s = 10
        product = (s * 2) % 11
    check = 11 - product
    return 0 if check == 10 else check


def is_valid_steuer_id(value: str) -> bool:
    """Validate an 11-digit steuerliche Identifikationsnummer (IdNr).

    Rules of the BZSt: first digit not 0; among the first ten digits exactly one
    digit occurs twice or three times and the others at most once (so at least
    one digit is missing); a digit occurring three times must not do so in
    three adjacent positions; the last digit is the MOD 11,10 check digit.
    """
    digits = canonical(value)
    if len(digits) != 11 or not digits.isdigit() or digits[0] == "0":
        return False
    head = digits[:10]
    counts = [head.count(d) for d in "0123456789"]
    repeated = [c for c in counts if c > 1]
    if len(repeated) != 1 or repeated[0] > 3:
        return False
    if repeated[0] == 3:
        for i in range(8):
            if head[i] == head[i + 1] == head[i + 2]:
                return False
    return steuer_id_check_digit(head) == int(digits[10])


def _cross_sum(n: int) -> int:
    return sum(int(c) for c in str(n))


_RV_WEIGHTS = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)


def rv_check_digit(first11: str) -> int:
    """DRV check digit for the first 11 characters (area, DDMMYY, letter, serial)."""
    s = canonical(first11)
    letter = ord(s[8]) - ord("A") + 1
    digits = s[:8] + f"{letter:02d}" + s[9:11]
    return sum(_cross_sum(int(d) * w) for d, w in zip(digits, _RV_WEIGHTS, strict=True)) % 10


def is_valid_rv_nummer(value: str) -> bool:
    """Validate a Rentenversicherungsnummer such as ``12 150780 M 04 3``."""
    s = canonical(value)
    if not re.fullmatch(r"\d{8}[A-Z]\d{3}", s):
        return False
    day, month = int(s[2:4]), int(s[4:6])
    # The day may be raised by 30/60 when a birth date is shared too often is not
    # used in practice any more; accept real calendar days only.
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    return rv_check_digit(s[:11]) == int(s[11])


def kvnr_check_digit(first9: str) -> int:
    """Check digit of a Krankenversichertennummer (letter + 8 digits given)."""
    s = canonical(first9)
    letter = ord(s[0]) - ord("A") + 1
    digits = f"{letter:02d}" + s[1:9]
    total = 0
    for i, d in enumerate(digits):
        total += _cross_sum(int(d) * (1 if i % 2 == 0 else 2))
    return total % 10


def is_valid_kvnr(value: str) -> bool:
    """Validate a 10-character KVNR such as ``A123456780``."""
    s = canonical(value)
    if not re.fullmatch(r"[A-Z]\d{9}", s):
        return False
    return kvnr_check_digit(s[:9]) == int(s[9])


def is_valid_iban(value: str) -> bool:
    """ISO 13616 mod-97 check."""
    s = canonical(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", s):
        return False
    moved = s[4:] + s[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


# ---------------------------------------------------------------------------
# Spans that must never yield an ID
# ---------------------------------------------------------------------------

# Performance note: Python's ``re`` skips fast through a text only to a literal;
# a pattern starting with a character class, a look-behind or IGNORECASE is
# tried at every position. So patterns here start with what they match, the "no
# word character before" condition is checked in code (``_free``), labels are
# matched in lower case on a same-length lower-cased copy of the text, and the
# patterns are tried only where a cheap first pass allows a match (``_Text``).

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


def _lower(text: str) -> str:
    """Lower-cased copy with the same length, so match offsets fit the original."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def _free(text: str, start: int, extra: str = "") -> bool:
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
# the shape, and the ID pattern is tried only there (``_matches``). Court file
# numbers, whose beginnings vary more, first need a rare mark ("0/00"); then a
# shape pattern starting with a literal, which ``re`` finds at C speed, gives
# their candidates.
#
# The same bytes lower-cased (``_Text.lowb``) equal the lower-cased text
# (``_lower``) encoded the same way, so the labels' words are found there (one
# Aho-Corasick pass for the Aktenzeichen anchors, one for the other words when
# a candidate asks); label patterns then run on a lower-cased piece of the
# text (``_Text.lower``) or, where a match may run far, on the whole of it.
# Spans to exclude (IBAN, phone …) are looked for only in the lines of a
# candidate, or in the whole text once many lines have one (``_Excluded``).
_SHAPE = bytes(
    0x30 if 0x30 <= b <= 0x39
    else 0x41 if 0x41 <= b <= 0x5A
    else 0x61 if 0x61 <= b <= 0x7A
    else 0x20 if b == 0xA0
    else b
    for b in range(256)
)  # fmt: skip
# ``str.lower`` maps latin-1 into latin-1; ``_ASCII_LOWER`` is the fallback of ``_lower``.
_LOW_BYTES = bytes(ord(chr(b).lower()) for b in range(256))
_ASCII_LOW_BYTES = bytes(_ASCII_LOWER.get(b, b) for b in range(256))
# Facts of Unicode that the shortcuts rely on (tests/test_ids.py checks them):
# beyond latin-1 only these lower-case into it (Ÿ, ẞ, Kelvin and Ångström sign),
_INTO_LATIN1 = frozenset("\u0178\u1e9e\u212a\u212b")
# only "İ" grows when lower-cased (then ``_lower`` uses ``_ASCII_LOWER``),
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
# (the IDs of ``_DIGIT_IDS_RE``), a capital before three digits (KVNR), two
# capitals before two digits (IBAN), and what court file numbers need.
_MARKS = (b"000", b"00 000000", b"A000", b"A 000", b"AA00", b"0/00", b"A 00.0")
# (and the values after a Kunden- or Steuernummer label and Steuer-IDs, see there).


def _finder(words: Sequence[bytes]) -> Callable[[bytes], dict[bytes, list[int]]]:
    """A function giving, for each of ``words`` that occurs, its starts (ascending,
    overlapping ones too): one Aho-Corasick pass (ahocorasick_rs, a compiled
    DFA) instead of a ``find`` scan per word."""
    try:
        ac: Any = importlib.import_module("ahocorasick_rs")
    except ImportError:  # pragma: no cover - a declared dependency; without it only slower

        def find_each(data: bytes) -> dict[bytes, list[int]]:
            found = {w: _occurrences(data, w) for w in words}
            return {w: occ for w, occ in found.items() if occ}

        return find_each
    automaton = ac.BytesAhoCorasick(words, implementation=ac.Implementation.DFA)

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


class _Text:
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
            self._low = _lower(text)
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
        """The whole text lower-cased (``_lower``), made on first use."""
        if self._low is None:
            self._low = _lower(self.text)
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
        return _matches(rx, self.text, self.marks(*shapes))

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


def _matches(
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


def _excluded_spans(t: _Text, start: int, end: int) -> list[tuple[int, int]]:
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
        ibans = _matches(_IBAN_RE, text, in_lines, start)
    for m in ibans:
        if _free(text, m.start()) and is_valid_iban(m.group(0)):
            spans.append(m.span())
    if text.find("DE", start, end) >= 0:  # each of these three patterns contains it
        bics = [i - 4 for i in _occurrences(text, "DE", start, end) if i - 4 >= start]
        for found in (_DE_IBAN_RE.finditer(text, start, end), _matches(_BIC_RE, text, bics),
                      _USTID_RE.finditer(text, start, end)):  # fmt: skip
            spans.extend(m.span() for m in found if _free(text, m.start()))
    spans.extend(_phone_label_spans(t, start, end))
    found = _PHONE_INTL_RE.finditer(text, start, end)
    spans.extend(m.span() for m in found if _free(text, m.start(), "+"))
    found = _PHONE_SERVICE_RE.finditer(text, start, end)
    spans.extend(m.span() for m in found if _free(text, m.start()))
    return spans


def _phone_label_spans(t: _Text, start: int, end: int) -> list[tuple[int, int]]:
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


class _Spans:
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


def _overlaps(span: tuple[int, int], spans: _Spans | _Excluded) -> bool:
    return spans.overlaps(*span)


# ---------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------

# Between a label and its value: punctuation, an optional "(bitte angeben)", a verb,
# and at most one line break (tables put the value under or after the label).
_GAP = (
    r"[ \t\u00a0]*(?:\([^()\n]{0,40}\)[ \t\u00a0]*)?[:#.]?[ \t\u00a0]*"
    r"(?:(?:lautet|lauten|ist|is|lautend\s+auf)[ \t\u00a0]+)?(?:\n[ \t\u00a0]*)?[:]?[ \t\u00a0]*"
)

# The IDs that start with digits, in one pass (each extra pass over the text costs
# as much as the whole match work): BG-Nummer (new and old form), Kindergeldnummer,
# Rentenversicherungsnummer.
# A single leading "[0-9]" lets the engine skip non-digits quickly.
_DIGIT_IDS_RE = re.compile(
    r"[0-9](?:(?P<bg>\d{4}\s?(?:BG|bg)\s?\d{7}(?!\w))"
    r"|(?P<bgold>\d{4}[ \t]?//[ \t]?\d{7,8}(?![\w/]))"
    r"|(?P<fk>\d{2}\s?(?:FK|fk)\s?\d{6}(?!\w))"
    r"|(?P<rv>\d[ \u00a0]?\d{6}[ \u00a0]?[A-Z][ \u00a0]?\d{2}[ \u00a0]?\d(?![\w/])))"
)
# Each of them starts with one of these shapes (see ``_MARKS``).
_DIGIT_IDS_MARKS = (b"000", b"00 000000")
_DIGIT_KINDS = {
    "bg": IdKind.BG_NUMMER,
    "bgold": IdKind.BG_NUMMER,
    "fk": IdKind.KINDERGELDNUMMER,
    "rv": IdKind.RV_NUMMER,
}

_KUNDEN_RE = re.compile(
    r"(?P<label>kundennummer|kunden-?nr\.?|kd\.?-?nr\.?|kunden-nummer)"
    + _GAP
    + r"(?P<value>\d{3}[ \t\u00a0]?[a-z][ \t\u00a0]?\d{6})(?![\w/])"
)
# Each label starts with one of these; every value has one of these shapes
# (``[a-z]`` of the lower-cased text: A-Z, a-z or the Kelvin sign "?").
_KUNDEN_STARTS = (b"kunden", b"kd")
_KUNDEN_MARKS = tuple(
    b"000" + gap + letter + gap2 + b"000000"
    for gap in (b"", b" ", b"\t")
    for letter in (b"A", b"a", b"?")
    for gap2 in (b"", b" ", b"\t")
)

_STNR_LABEL = r"(?P<label>steuernummer|steuer-nr\.?|steuer-nummer|st\.?-?nr\.?|stnr\.?)"
_STNR_RE = re.compile(
    _STNR_LABEL + _GAP + r"(?P<value>\d{13}|\d{2,5}(?:[/ ]\d{3,5}){1,2}(?:/\d)?)(?![\w/])"
)
# A label starts with "steuer" or has its "nr" two to four characters after the start.
_STNR_MARKS = (b"0" * 13, b"00/000", b"00 000")

_STID_NUM_RE = re.compile(r"[1-9](?:[ \u00a0]?\d){10}(?!\w|[ \u00a0]\d|[.,]\d)")
# Its first three digits have one of these shapes.
_STID_MARKS = (b"000", b"0 00", b"00 0", b"0 0 0")
_STID_LABEL_RE = re.compile(
    r"(?i:Identifikationsnummer|Steuer-?\s?ID\b|Steuer-?Id(?:entifikations)?-?N(?:r|ummer)\b"
    r"|(?<![-\w])IdNr\b|(?<![-\w])Id\.?-Nr\.?|\bTIN\b|\bTax\s?ID\b)"
)

_RV_LABEL_RE = re.compile(
    r"(?i:Versicherungsnummer|Rentenversicherungs-?nummer|RV-?Nr|RV-Nummer|VSNR|"
    r"Sozialversicherungsnummer|SV-?Nummer|SV-Nr)"
)

_KVNR_RE = re.compile(
    r"([A-Z])[ \u00a0]?(\d{3}[ \u00a0]?\d{3}[ \u00a0]?\d{3})(?![\w/]|[ \u00a0]\d)"
)
_KVNR_MARKS = (b"A000", b"A 000")
# Cheap substring tests (on lower-cased text) that decide whether a pass is needed.
_KVNR_WORDS = ("versicherten", "kvnr", "kv-nr", "krankenversicherungsnummer")
_HEALTH_WORDS = (
    "krankenkasse",
    "krankenversicherung",
    "gesundheitskarte",
    "egk",
    "versichertenkarte",
    "aok",
    "tk",
    "techniker",
    "barmer",
    "dak",
    "ikk",
    "bkk",
    "kkh",
    "hkk",
    "knappschaft",
    "pflegekasse",
    "familienversicherung",
)
_STID_WORDS = (
    "identifikationsnummer",
    "steuer-id",
    "steuerid",
    "steuer id",
    "idnr",
    "id-nr",
    "id.-nr",
    "tin",
    "tax id",
    "taxid",
    "steuer-identifikation",
)
_COURT_WORDS = (
    "gericht",
    "rechtsstreit",
    "verfahren",
    "klage",
    "streitsache",
    "kammer",
    "zeichen",
    "az",
    "vg ",
    "fg ",
    "sg ",
    "lsg",
    "bsg",
)
# The same as bytes, for ``_Text.lowb``.
_KVNR_WORDS_B = tuple(w.encode() for w in _KVNR_WORDS)
_HEALTH_WORDS_B = tuple(w.encode() for w in _HEALTH_WORDS)
_STID_WORDS_B = tuple(w.encode() for w in _STID_WORDS)
_COURT_WORDS_B = tuple(w.encode() for w in _COURT_WORDS)
_KVNR_LABEL_RE = re.compile(
    r"(?i:Versichertennummer|Krankenversichertennummer|Versicherten-Nr|KVNR|KV-Nr|"
    r"Krankenversicherungsnummer)"
)
_HEALTH_CONTEXT_RE = re.compile(
    r"(?i:Krankenkasse|Krankenversicherung|Gesundheitskarte|\beGK\b|Versichertenkarte|"
    r"\bAOK\b|Techniker|\bTK\b|\bBARMER\b|\bDAK\b|\bIKK\b|\bBKK\b|\bKKH\b|\bhkk\b|Knappschaft|"
    r"Pflegekasse|Familienversicherung)"
)
# The same on lower-cased text (fast whole-message test).
_HEALTH_CONTEXT_LOW_RE = re.compile(
    r"krankenkasse|krankenversicherung|gesundheitskarte|\begk\b|versichertenkarte|"
    r"\baok\b|techniker krankenkasse|\btk\b|\bbarmer\b|\bdak\b|\bikk\b|\bbkk\b|\bkkh\b|"
    r"\bhkk\b|knappschaft|pflegekasse|familienversicherung"
)
# Its words are looked for in one automaton pass; "tk" needs words of two characters.
_HEALTH_CONTEXT_LOW_SCAN = MultiScanner([_HEALTH_CONTEXT_LOW_RE], min_word=2)
# Labels of other, private numbers: a KVNR-shaped value after these is not a KVNR.
_PRIVATE_LABEL_RE = re.compile(
    r"(?i:Rechnung|Bestell|Auftrag|Vertrag|Kunden|Artikel|Sendung|Tracking|Order|Invoice|"
    r"Zimmer|Raum|Mitglieds|Policen|Versicherungsschein|Mandat|Referenz)"
)

# Court Aktenzeichen. Social courts: S (SG), L (LSG), B (BSG) + chamber + register + no/yy.
_COURT_SOC_RE = re.compile(
    r"(?P<court>[SLB])[ \u00a0](?P<ch>\d{1,3})[ \u00a0](?P<reg>[A-Z]{1,3})"
    r"[ \u00a0](?P<no>\d{1,6})/(?P<yy>\d{2})"
    r"(?P<suffix>(?:[ \u00a0](?:B[ \u00a0]ER|ER|B|R|KO|WA|NZB|RG|KL))?)(?![\w/])"
)
# Administrative / fiscal courts: optional "VG", chamber + register + no/yy.
_COURT_ADM_RE = re.compile(
    r"(?P<ch>\d{1,3})[ \u00a0](?P<reg>[A-Z]{1,2})"
    r"[ \u00a0](?P<no>\d{1,6})/(?P<yy>\d{2})(?:\.[A-Z]{1,3})?(?![\w/])"
)
# Bavarian administrative courts: seat + chamber + register + yy.number ("M 10 K 24.1234").
_COURT_BY_RE = re.compile(
    r"(?P<seat>M|AN|AU|B|RN|RO|W)[ \u00a0](?P<ch>\d{1,2})[ \u00a0](?P<reg>[A-Z]{1,2})"
    r"[ \u00a0](?P<yy>\d{2})\.(?P<no>\d{1,6})(?![\w/]|\.\d)"
)
# Their shapes (see ``_Text``), tried when the "0/00" or "A 00.0" they need occurs.
_COURT_SOC_SHAPE = re.compile(rb"A(?= 0{1,3} A{1,3} 0{1,6}/00)")
_COURT_ADM_SHAPE = re.compile(rb"0(?=0{0,2} A{1,2} 0{1,6}/00)")
_COURT_BY_SHAPE = re.compile(rb"A(?=A? 0{1,2} A{1,2} 00\.0)")
_COURT_CONTEXT_RE = re.compile(
    r"(?i:Verwaltungsgericht|Finanzgericht|Sozialgericht|Gericht|Rechtsstreit|Verfahren|"
    r"Klage|Kammer|Streitsache|\bVG\b|\bFG\b|\bSG\b)"
)
# Case-law citation markers: a court Az right after these is a cited decision.
_CITATION_RE = re.compile(
    r"(?:\b(?:BSG|BFH|BVerwG|BVerfG|BGH|BAG|EuGH|OVG|VGH|LSG(?:[ \u00a0]+[A-ZÄÖÜ][\w-]*)*)\b"
    r"|\b(?:Urteil|Urt\.|Beschluss|Beschl\.)\s+(?:vom|v\.)\s|\bvgl\.|\bsiehe\b|\bjuris\b|\bRn\.)"
)
_COURT_PREFIX_RE = re.compile(r"(?:VG|FG|OVG)[ \u00a0]$")
_CONTINUED_LINE_RE = re.compile(r"(?:[-\u2013,]|\bvom|\bv\.|\d{4})[ \t]*$")
_AZ_LABEL_NEAR_RE = re.compile(
    r"(?i:Aktenzeichen|Az\.?|Geschäftszeichen|Gesch\.-?Z|Zeichen|Rechtsstreit|Verfahren|"
    r"Streitsache|Klageverfahren|Eilverfahren)\W{0,40}$"
)

# Generic Aktenzeichen / Geschäftszeichen after a label (matched on lower-cased text;
# the short "Az"/"GZ" forms are checked for their capital in code).
_STRONG_AZ_LABELS = (
    r"aktenzeichen|akten-?zeichen|geschäftszeichen|geschaeftszeichen|gesch\.-?\s?z(?:eichen|\.)|"
    r"bearbeitungszeichen|unser\s+aktenzeichen|ihr\s+aktenzeichen|"
    r"az\.|az\b(?=[ \t]*:|[ \t]+\w)|gz\b|gz\."
)
_WEAK_AZ_LABELS = r"unser\s+zeichen|mein\s+zeichen|ihr\s+zeichen|unser\s+az\.?|ihr\s+az\.?"
_AZ_LABEL_RE = re.compile(
    r"(?:(?P<strong>" + _STRONG_AZ_LABELS + r")|(?P<weak>" + _WEAK_AZ_LABELS + r"))"
)
_AZ_GAP_RE = re.compile(
    r"(?:[ \t\u00a0]*\((?:bitte[^()\n]{0,30})\))?[ \t\u00a0]*"
    r"(?:[:.]?[ \t\u00a0]*)(?:\n[ \t\u00a0]*)?"
)
# Every label contains one of these; the full label pattern runs only around them
# (as the matches of "zeichen|az|gz|gesch" would, see ``_az_anchors``).
_AZ_ANCHORS = (b"zeichen", b"az", b"gz", b"gesch")
_find_anchors = _finder(_AZ_ANCHORS)
_find_marks = _finder(tuple(sorted({*_MARKS, *_KUNDEN_MARKS, *_STNR_MARKS, *_STID_MARKS})))
_KUNDEN_MARK_SET = frozenset(_KUNDEN_MARKS)
_STNR_MARK_SET = frozenset(_STNR_MARKS)
# The words whose presence decides whether a candidate is taken, looked for in
# the lower-cased text once a candidate asks (see ``_Text.words``).
_WORDS = tuple(
    sorted({*_KUNDEN_STARTS, b"steuer", b"nr", *_KVNR_WORDS_B, *_HEALTH_WORDS_B, *_STID_WORDS_B,
            *_COURT_WORDS_B})
)  # fmt: skip
_find_words = _finder(_WORDS)
_AZ_PART = r"[A-Za-zÄÖÜäöüß0-9]+(?:[./\-_:][A-Za-zÄÖÜäöüß0-9]+)*"
_AZ_VALUE_RE = re.compile(_AZ_PART + r"(?:[ \u00a0]?[/\-\u2013][ \u00a0]?" + _AZ_PART + r")*")
# A further space-separated chunk of a reference: capitals (≤ 4) or something with a digit.
_AZ_SPACE_CHUNK_RE = re.compile(
    r"[ \u00a0](?P<chunk>(?:[A-ZÄÖÜ]{1,4}|[A-Za-z]{0,4}\d[\w./\-]*))(?![\w])"
)
_DATE_ONLY_RE = re.compile(r"\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})")
_PHONE_SHAPE_RE = re.compile(r"(?:\+\d{2}|0)\d{2,5}[ /\-]?\d[\d \-/]{3,}")
_AMOUNT_RE = re.compile(r"\d{1,3}(?:\.\d{3})*,\d{2}")
# Words that begin the next field rather than continue a value.
_NOT_VALUE_WORDS = frozenset(
    {
        "VOM",
        "DATUM",
        "TEL",
        "TELEFON",
        "FAX",
        "BEI",
        "BITTE",
        "UND",
        "IHR",
        "IHRE",
        "UNSER",
        "MEIN",
        "NAME",
        "ZIMMER",
        "DURCHWAHL",
        "E-MAIL",
        "EMAIL",
    }
)

# Correspondence with a public body: a letterhead or signature line that starts
# with an agency's name honours the weak "Zeichen" labels.
_PUBLIC_BODY_RE = re.compile(
    r"^[ \t]*(?:Ihr(?:e)?[ \t]+)?"
    r"(?:Deutsche[ \t]+|Bayerisches[ \t]+|Landeshauptstadt[ \t]+\S+[ \t]*)?"
    r"(?i:Jobcenter|Agentur\s+für\s+Arbeit|Bundesagentur|Familienkasse|Finanzamt|"
    r"Rentenversicherung|\w*Krankenkasse|AOK|Landratsamt|Landesamt|Stadtverwaltung|"
    r"Landeshauptstadt|Bezirksamt|Landkreis|Kreisverwaltung|Stadt\s|Gemeinde|Markt\s|"
    r"\w*referat|\w*gericht|\w*amt\b|\w*behörde|Bürgerbüro|Wohngeld|Sozialbürgerhaus|"
    r"Bundeszentralamt|Bundesamt)",
    re.MULTILINE,
)


def looks_official(text: str) -> bool:
    """True when the letterhead or signature (first/last lines) names a public body.

    Only the edges count: a landlord's letter that mentions "Ihr Jobcenter" in
    the middle is still a landlord's letter.
    """
    lines = [ln for ln in text.split("\n") if ln.strip()]
    edges = "\n".join(lines[:10] + lines[-10:])
    return bool(_PUBLIC_BODY_RE.search(edges))


class _Excluded:
    """The spans no ID may overlap (``_excluded_spans``), found line by line on demand.

    None of their patterns matches a line break, so ``finditer`` over the whole
    text finds in each line exactly what it finds from the line's start on; a
    candidate is checked against the lines it touches, most lines never are.
    A dense text, or one with candidates in many places, is done whole at once.
    """

    __slots__ = ("_all", "_lines", "_t")

    def __init__(self, t: _Text) -> None:
        self._t = t
        self._lines: dict[int, _Spans] = {}
        self._all: _Spans | None = None

    def overlaps(self, a: int, b: int) -> bool:
        text = self._t.text
        if self._all is None and (self._t.dense or len(self._lines) >= _MAX_PIECES):
            self._all = _Spans(_excluded_spans(self._t, 0, len(text)))
        if self._all is not None:
            return self._all.overlaps(a, b)
        start = text.rfind("\n", 0, a) + 1
        end = text.find("\n", max(a, b - 1))
        end = len(text) if end < 0 else end + 1  # with the line break: the patterns see it
        key = start * (len(text) + 1) + end
        spans = self._lines.get(key)
        if spans is None:
            spans = self._lines[key] = _Spans(_excluded_spans(self._t, start, end))
        return spans.overlaps(a, b)


class _Lazy:
    """A yes/no answer computed on first use (most texts never need it)."""

    __slots__ = ("_compute", "_value")

    def __init__(self, compute: Callable[[], object]) -> None:
        self._compute = compute
        self._value: bool | None = None

    def __call__(self) -> bool:
        if self._value is None:
            self._value = bool(self._compute())
        return self._value


@dataclass
class _Hit:
    start: int
    end: int
    pid: ProcessingId
    priority: int  # lower wins when spans overlap


def _pid(value: str, kind: IdKind, raw: str, label: str, found_in: Found) -> ProcessingId:
    return ProcessingId(
        value=canonical(value), kind=kind, raw=" ".join(raw.split()), label=label, found_in=found_in
    )


def _label_before(text: str, start: int, rx: re.Pattern[str], window: int) -> str:
    """The last label matched by ``rx`` within ``window`` characters before ``start``."""
    lo = max(0, start - window)
    found = ""
    for m in rx.finditer(text, lo, start):
        found = m.group(0)
    return found


def _is_citation(text: str, start: int) -> bool:
    before = text[max(0, start - 70) : start]
    # Only the current clause matters: cut at a sentence end or a line break,
    # unless the line obviously continues ("Urteil vom 12.05.2009 -⏎B 14 …").
    cuts = [before.rfind("\n\n"), before.rfind(". "), before.rfind(";")]
    nl = before.rfind("\n")
    if nl >= 0 and not _CONTINUED_LINE_RE.search(before[:nl]):
        cuts.append(nl)
    cut = max(cuts)
    if cut >= 0:
        before = before[cut:]
    return bool(_CITATION_RE.search(before))


def _court_hits(
    text: str, found_in: Found, excluded: _Excluded, starts: Sequence[list[int]]
) -> list[_Hit]:
    """Court Aktenzeichen; ``starts``: where each of the three patterns can match."""
    hits: list[_Hit] = []
    soc, by, adm = starts
    for m in _matches(_COURT_SOC_RE, text, soc):
        if not _free(text, m.start(), "/.§") or _overlaps(m.span(), excluded):
            continue
        labelled = bool(_AZ_LABEL_NEAR_RE.search(text[max(0, m.start() - 60) : m.start()]))
        if _is_citation(text, m.start()) and not labelled:
            continue
        # BSG numbers are nearly always cited case law; take them only after a label.
        if m.group("court") == "B" and not labelled:
            continue
        label = "Aktenzeichen" if labelled else ""
        hits.append(
            _Hit(*m.span(), _pid(m.group(0), IdKind.COURT_AZ, m.group(0), label, found_in), 1)
        )
    for rx, rx_starts in ((_COURT_BY_RE, by), (_COURT_ADM_RE, adm)):
        for m in _matches(rx, text, rx_starts):
            start = m.start()
            # "VG 9 L 199/24": the court's prefix belongs to the Aktenzeichen.
            prefix = _COURT_PREFIX_RE.search(text, max(0, start - 4), start)
            if rx is _COURT_ADM_RE and prefix:
                start = prefix.start()
            if not _free(text, start, "/.§") or _overlaps((start, m.end()), excluded):
                continue
            before = text[max(0, start - 80) : start]
            labelled = bool(_AZ_LABEL_NEAR_RE.search(before))
            if not (labelled or prefix or _COURT_CONTEXT_RE.search(before)):
                continue
            if _is_citation(text, start) and not labelled:
                continue
            label = "Aktenzeichen" if labelled else ""
            raw = text[start : m.end()]
            hits.append(_Hit(start, m.end(), _pid(raw, IdKind.COURT_AZ, raw, label, found_in), 1))
    return hits


def _valid_az_value(value: str) -> bool:
    v = value.strip()
    if len(v) < 4 or len(v) > 40 or not any(c.isdigit() for c in v):
        return False
    if _DATE_ONLY_RE.fullmatch(v) or _AMOUNT_RE.fullmatch(v):
        return False
    if _PHONE_SHAPE_RE.fullmatch(v) and sum(c.isdigit() for c in v) >= 7:
        return False
    if is_valid_iban(v):
        return False
    digits = sum(c.isdigit() for c in v)
    # Pure numbers must be long enough to identify something (not "Zimmer 12").
    return not (v.isdigit() and digits < 4)


def _az_value_at(text: str, pos: int) -> str:
    """The Aktenzeichen starting at ``pos``: chunks joined by "/", "-" or single
    spaces, as long as a space-joined chunk looks like part of a reference
    (capitals or digits, e.g. "IV B 12-4711/25") and is not a stop word or date."""
    vm = _AZ_VALUE_RE.match(text, pos)
    if not vm:
        return ""
    end = vm.end()
    while True:
        nxt = _AZ_SPACE_CHUNK_RE.match(text, end)
        if not nxt:
            break
        chunk = nxt.group("chunk")
        if chunk.upper() in _NOT_VALUE_WORDS or _DATE_ONLY_RE.fullmatch(chunk):
            break
        end = nxt.end()
    value = text[pos:end]
    # Drop a trailing piece that is really the next field ("1234/25 - vom").
    parts = re.split(r"([ \u00a0]?[/\-\u2013][ \u00a0]?)", value)
    while len(parts) > 1 and parts[-1].upper() in _NOT_VALUE_WORDS:
        parts = parts[:-2]
    return "".join(parts).rstrip(".:-/ ")


def _az_anchors(t: _Text) -> Iterator[tuple[int, int, bool]]:
    """The spans of ``re.finditer("zeichen|az|gz|gesch", low)`` (the earliest
    occurrence at or after the previous one's end; no two words start alike),
    each with whether no other occurrence starts in its label window."""
    found = sorted((i, i + len(w)) for w, starts in t.anchors.items() for i in starts)
    pos = 0
    for k, (a, b) in enumerate(found):
        if a >= pos:
            alone = (k == 0 or found[k - 1][0] < a - 20) and (
                k + 1 == len(found) or found[k + 1][0] >= b + 8
            )
            yield a, b, alone
            pos = b


def _az_hits(
    t: _Text, found_in: Found, excluded: _Excluded, weak_labels: Callable[[], bool]
) -> list[_Hit]:
    text = t.text
    hits: list[_Hit] = []
    seen: set[int] = set()
    lowb = t.lowb
    for a_start, a_end, alone in _az_anchors(t):
        # Every label holds an anchor, and the only ones holding "az" or "gz" start
        # with it and go on with "." or a non-word character, or have a space
        # before it ("Ihr Az"). So "az"/"gz" inside a word ("dazu", "Platzes"),
        # with no other anchor in the window, has no label around it.
        if (
            alone
            and a_end - a_start == 2
            and lowb[a_start - 1 : a_start].isalnum()
            and lowb[a_end : a_end + 1].isalnum()
        ):
            continue
        # The label containing this anchor (not an earlier one in the window). The
        # label pattern looks neither before its start nor past the window's end,
        # so searching the lower-cased window is searching ``low`` within it.
        w_start = max(0, a_start - 20)
        window = t.lower(w_start, a_end + 8)
        lo, lm = 0, None
        while True:
            lm = _AZ_LABEL_RE.search(window, lo)
            if lm is None or lm.end() + w_start > a_start:
                break
            lo = lm.end()
        if lm is None:
            continue
        l_start, l_end = lm.start() + w_start, lm.end() + w_start
        if l_start in seen:
            continue
        seen.add(l_start)
        if lm.group("weak") and not weak_labels():
            continue
        if l_start and not _free(t.lower(l_start - 1, l_start), 1):
            continue
        if window[lm.start() : lm.start() + 2] in ("az", "gz") and text[l_start] not in "AG":
            continue  # the short labels are written with a capital: "Az.", "AZ", "GZ"
        label = " ".join(
            text[
                l_start : (lm.end("strong") if lm.group("strong") else lm.end("weak")) + w_start
            ].split()
        )
        # The gap takes at most one line break: the piece up to the second one
        # (kept, so the pattern sees where the text goes on) matches as ``low`` does.
        nl = text.find("\n", l_end)
        nl = text.find("\n", nl + 1) if nl >= 0 else -1
        gap = _AZ_GAP_RE.match(t.lower(l_end, len(text) if nl < 0 else nl + 1))
        pos = l_end + gap.end() if gap else l_end
        # A court Az after the label is a court_az (handled by _court_hits).
        head = text[pos : pos + 40]
        if _COURT_SOC_RE.match(head) or _COURT_BY_RE.match(head) or _COURT_ADM_RE.match(head):
            continue
        value = _az_value_at(text, pos)
        if not value:
            continue
        if value.upper() in _NOT_VALUE_WORDS:
            continue
        # A value directly followed by ":" is the next label, not a value.
        after = text[pos + len(value) : pos + len(value) + 2]
        if after.startswith(":") and not after[1:2].isdigit():
            continue
        if after[:1] in ",." and after[1:2].isdigit():
            continue  # cut off inside a number such as an amount "1.234,56"
        if not _valid_az_value(value):
            continue
        span = (pos, pos + len(value))
        if _overlaps(span, excluded):
            continue
        hits.append(_Hit(*span, _pid(value, IdKind.AKTENZEICHEN, value, label, found_in), 5))
    return hits


def find_ids(
    text: str,
    found_in: Found = Found.BODY,
    *,
    weak_labels: bool | None = None,
    health_context: bool | None = None,
) -> list[ProcessingId]:
    """All processing IDs in ``text``, in order of appearance, one per (kind, value).

    ``weak_labels`` controls whether "Unser/Mein/Ihr Zeichen" count as
    Aktenzeichen labels; ``None`` decides by whether the text's letterhead or
    signature names a public body. ``health_context`` says whether the whole
    message is about health insurance (an unlabelled KVNR needs it); ``None``
    looks near the candidate only.
    """
    weak = _Lazy(lambda: looks_official(text) if weak_labels is None else weak_labels)
    return _find_ids(_Text(text), found_in, weak, _Lazy(lambda: health_context))


def _find_ids(
    t: _Text,
    found_in: Found,
    weak_labels: Callable[[], bool],
    health_context: Callable[[], bool],
) -> list[ProcessingId]:
    """:func:`find_ids` of a prepared text; the two answers are asked only when needed."""
    if not t.text:
        return []
    # Spans to exclude (IBAN, phone …) are computed only where a candidate needs them.
    excluded = _Excluded(t)
    # Every ID but a labelled Aktenzeichen begins with a mark (most subjects have none).
    hits = _marked_hits(t, found_in, excluded, health_context) if t.has_marks() else []
    if t.anchors:  # "zeichen", "az", "gz" or "gesch" occurs
        hits.extend(_az_hits(t, found_in, excluded, weak_labels))
    return _resolved(hits)


def _marked_hits(
    t: _Text, found_in: Found, excluded: _Excluded, health_context: Callable[[], bool]
) -> list[_Hit]:
    """The hits of every kind but the labelled Aktenzeichen (in this order of kinds,
    which ``_resolved`` keeps for hits of equal priority and start)."""
    text = t.text
    hits: list[_Hit] = []

    def add(m: re.Match[str], kind: IdKind, label: str, prio: int) -> None:
        if _free(text, m.start(), "/") and not _overlaps(m.span(), excluded):
            hits.append(_Hit(*m.span(), _pid(m.group(0), kind, m.group(0), label, found_in), prio))

    for m in t.matches(_DIGIT_IDS_RE, _DIGIT_IDS_MARKS):
        group = m.lastgroup or ""
        if group == "rv":
            if is_valid_rv_nummer(m.group(0)):
                add(m, IdKind.RV_NUMMER, _label_before(text, m.start(), _RV_LABEL_RE, 80), 1)
        else:
            add(m, _DIGIT_KINDS[group], "", 0)
    has = t.has  # a word in the lower-cased text
    # The shape of a value first: rarer than the words, and the words cost a pass.
    if t.has_mark(_KUNDEN_MARK_SET) and (has(b"kunden") or has(b"kd")):
        low = t.low
        for m in _matches(_KUNDEN_RE, low, t.occurrences(_KUNDEN_STARTS)):
            vs, ve = m.span("value")
            if _free(low, m.start()) and not _overlaps((vs, ve), excluded):
                raw = text[vs:ve]
                label = text[m.start("label") : m.end("label")]
                hits.append(_Hit(vs, ve, _pid(raw, IdKind.KUNDENNUMMER, raw, label, found_in), 1))
    if t.has_mark(_STNR_MARK_SET) and (has(b"steuer") or (b"st" in t.lowb and has(b"nr"))):
        low = t.low
        nrs = t.words.get(b"nr", [])
        starts = sorted({*t.words.get(b"steuer", ()), *(i - k for i in nrs for k in (2, 3, 4))})
        for m in _matches(_STNR_RE, low, (s for s in starts if s >= 0)):
            vs, ve = m.span("value")
            raw = text[vs:ve]
            digits = re.sub(r"\D", "", raw)
            if not _free(low, m.start()) or _overlaps((vs, ve), excluded):
                continue
            if len(digits) == 11 and is_valid_steuer_id(digits) and "/" not in raw:
                kind = IdKind.STEUER_ID  # people call the IdNr "Steuernummer" too
            elif len(digits) in (10, 11, 13):
                kind = IdKind.STEUERNUMMER
            else:
                continue
            label = text[m.start("label") : m.end("label")]
            hits.append(_Hit(vs, ve, _pid(raw, kind, raw, label, found_in), 1))
    # Candidates first: deciding whether a KVNR is possible may need the whole
    # message. Not in a dense text, where the candidates cost more.
    kvnr_possible = _Lazy(
        lambda: any(map(has, _KVNR_WORDS_B)) or any(map(has, _HEALTH_WORDS_B)) or health_context()
    )
    kvnrs = []
    if not t.dense or kvnr_possible():
        kvnrs = [m for m in t.matches(_KVNR_RE, _KVNR_MARKS) if is_valid_kvnr(m.group(0))]
    for m in kvnrs if kvnrs and kvnr_possible() else ():
        label = _label_before(text, m.start(), _KVNR_LABEL_RE, 60)
        if not label:
            before = text[max(0, m.start() - 40) : m.start()]
            if _PRIVATE_LABEL_RE.search(before):
                continue
            window = text[max(0, m.start() - 300) : m.end() + 300]
            if not (_HEALTH_CONTEXT_RE.search(window) or health_context()):
                continue
        add(m, IdKind.KVNR, label, 2)
    # Candidates first here too: a text of letters has none, and the words cost a pass.
    stid_possible = _Lazy(lambda: any(map(has, _STID_WORDS_B)))
    stids = list(t.matches(_STID_NUM_RE, _STID_MARKS)) if not t.dense or stid_possible() else []
    for m in stids if stids and stid_possible() else ():
        st = m.start()
        if not _free(text, st, ".,/") or (
            st >= 2 and text[st - 1] in " \u00a0" and text[st - 2].isdigit()
        ):
            continue
        if not is_valid_steuer_id(m.group(0)):
            continue
        label = _label_before(text, m.start(), _STID_LABEL_RE, 80)
        if label:
            add(m, IdKind.STEUER_ID, label, 2)
    # Court Aktenzeichen always contain "/" or "." and come with court words.
    slash, dot = t.has_shape(b"0/00"), t.has_shape(b"A 00.0")
    courts = [
        t.starts(_COURT_SOC_SHAPE) if slash else [],
        t.starts(_COURT_BY_SHAPE) if dot else [],
        t.starts(_COURT_ADM_SHAPE) if slash else [],
    ]
    if any(courts) and ("/" in text or "." in text) and any(map(has, _COURT_WORDS_B)):
        hits.extend(_court_hits(text, found_in, excluded, courts))
    return hits


def _resolved(hits: list[_Hit]) -> list[ProcessingId]:
    """The IDs of ``hits`` in order of appearance, one per (kind, value); where hits
    overlap, the more specific pattern (lower priority number) wins."""
    hits.sort(key=lambda h: (h.priority, h.start))
    taken = _Spans()
    kept: list[_Hit] = []
    for h in hits:
        if taken.overlaps(h.start, h.end):
            continue
        taken.add(h.start, h.end)
        kept.append(h)
    kept.sort(key=lambda h: h.start)
    out: list[ProcessingId] = []
    seen: set[tuple[IdKind, str]] = set()
    for h in kept:
        key = (h.pid.kind, h.pid.value)
        if key not in seen:
            seen.add(key)
            out.append(h.pid)
    return out


# Most authoritative first: what the sender put in the subject, then what they
# wrote, then their attachments, then history they quoted.
_AUTHORITY = {Found.SUBJECT: 0, Found.BODY: 1, Found.ATTACHMENT: 2, Found.QUOTED: 3}


def merge_ids(groups: Iterable[Sequence[ProcessingId]]) -> list[ProcessingId]:
    """De-duplicate by (kind, value), keeping the most authoritative location."""
    best: dict[tuple[IdKind, str], ProcessingId] = {}
    order: list[tuple[IdKind, str]] = []
    for group in groups:
        for pid in group:
            key = (pid.kind, pid.value)
            old = best.get(key)
            if old is None:
                order.append(key)
                best[key] = pid
            elif _AUTHORITY[pid.found_in] < _AUTHORITY[old.found_in]:
                best[key] = pid
    return sorted((best[k] for k in order), key=lambda p: _AUTHORITY[p.found_in])


def scan_texts(
    *,
    subject: str = "",
    body: str = "",
    quoted: str = "",
    attachments: Sequence[str] = (),
) -> list[ProcessingId]:
    """IDs over the parts of one message, de-duplicated (subject > body > attachment > quoted)."""
    # The weak "Zeichen" labels depend on the whole message looking official.
    parts = (subject, body, quoted, *attachments)
    weak = _Lazy(lambda: any(looks_official(t) for t in parts))
    # The subject is too short to carry context of its own; the message's body does.
    # Both are asked only for a weak label or a KVNR candidate (on a 10 KB text
    # with "–" or "€", lower() alone costs as much as a dozen regex scans).
    texts = [_Text(t) for t in parts]
    health = _Lazy(lambda: any(_HEALTH_CONTEXT_LOW_SCAN.scan(t.low).search(0) for t in texts))
    groups = [
        _find_ids(texts[0], Found.SUBJECT, weak, health),
        _find_ids(texts[1], Found.BODY, weak, health),
        *(_find_ids(t, Found.ATTACHMENT, weak, health) for t in texts[3:]),
        _find_ids(texts[2], Found.QUOTED, weak, health),
    ]
    return merge_ids(groups)


class MailLike(Protocol):
    """What :func:`scan_mail` reads from a ``mailparse.ParsedMail``."""

    @property
    def subject(self) -> str: ...

    @property
    def new_text(self) -> str: ...

    @property
    def quoted_text(self) -> str: ...


def scan_mail(mail: MailLike, attachment_texts: Sequence[str] = ()) -> list[ProcessingId]:
    """IDs of a parsed mail: subject, new text, quoted text and attachment texts."""
    return scan_texts(
        subject=mail.subject,
        body=mail.new_text,
        quoted=mail.quoted_text,
        attachments=attachment_texts,
    )
