"""Where in a text the deadline stages can find something: one Aho-Corasick pass over its bytes.

A typical mail is ~10 KB of boilerplate around one deadline sentence; the pass
finds the lines holding the stages' words or a date, so only the paragraphs
around them are read sentence by sentence.
"""

from __future__ import annotations

import functools
import re
from operator import itemgetter

import ahocorasick_rs

from helperdesk.analysis.dates_de import MONTH_NAMES
from helperdesk.analysis.deadlines.cues import (
    DECISION_HINTS,
    NOT_DECISION_HINTS,
    RBB_WORDS,
    RELATIVE_HINTS,
    TITLE_WORDS,
)

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
G_TITLE, G_HEARING, G_TERMIN, G_HEADER, G_DATUM, G_ODD = range(7, 13)
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
    words += [(G_GEGEN, "gegen"), (G_BESCHEID, "bescheid"), (G_TERMIN, "termin")]
    words += [(G_RBB, w) for w in RBB_WORDS]
    words += [(G_TITLE, w) for w in TITLE_WORDS[1:]]
    words += [(G_HEARING, w) for w in NOT_DECISION_HINTS]
    # Mail header lines that may set the anchor date (_HEADER_DATE: the name,
    # optional whitespace, ":").
    words += [
        (G_HEADER, w + c) for w in ("datum", "date", "gesendet", "sent") for c in ":" + _WHITESPACE
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
        groups.append(G_ODD)
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
        if group == G_ODD:
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
