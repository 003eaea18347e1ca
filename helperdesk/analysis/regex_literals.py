"""Literal words read out of ``re``'s parse trees: the one place that relies on them.

For a compiled pattern: its top-level alternatives (``branches``), per branch
the sets of words every match contains at a known range of distances from
the match start (``options``), and whether a match depends on the text
before it (``reads_before``). ``multiscan`` and ``linescan`` build on these;
whatever cannot be proven gives no option, and the caller searches with plain
``re``. ``tests/test_multiscan.py`` notices when a Python release changes the
trees (the share of accelerated patterns falls).
"""

from __future__ import annotations

import re

# The parser is a private module of ``re``, stable for many releases; any
# surprise in it makes a pattern fall back to plain ``re`` (callers catch it).
import re._constants as sre_c  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BACKREF_RE", "MAX_WINDOW", "MAX_WORDS", "MIN_WORD", "UNBOUNDED", "Option", "branches",
    "flat", "indexable", "item_words", "options", "reads_before", "seq_words", "shortest",
    "sre_c", "sre_parse", "width",
]

# A set of alternative words grows (``neues? (?:dokument|nachricht)``) until
# it would exceed this many words; then it is cut and a new set begins.
MAX_WORDS = 24
# Words shorter than this occur too often to be worth indexing.
MIN_WORD = 3
# An option whose distance range is wider than this only tells whether the
# branch can match at all; it is not used to list match starts.
MAX_WINDOW = 100
UNBOUNDED = 1 << 40
BACKREF_RE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


@dataclass(frozen=True)
class Option:
    """Every match of a branch contains one of ``words``, starting ``lo``..``hi``
    characters after the match start."""

    words: tuple[str, ...]
    lo: int
    hi: int


def width(state: Any, item: Any) -> tuple[int, int]:
    lo, hi = sre_parse.SubPattern(state, [item]).getwidth()
    return int(lo), (int(hi) if hi < sre_c.MAXREPEAT - 1 else UNBOUNDED)


def flat(seq: Any) -> list[Any]:
    """Items of a sequence with flag-free groups opened up (a group changes no match)."""
    out: list[Any] = []
    for op, av in seq:
        if op is sre_c.SUBPATTERN and av[1] == 0 and av[2] == 0:
            out.extend(flat(av[3]))
        else:
            out.append((op, av))
    return out


def seq_words(seq: Any) -> list[str] | None:
    """The strings a parsed sequence can match, when it only matches a few literals."""
    words = [""]
    for item in seq:
        alts = item_words(item)
        if alts is None:
            return None
        words = [w + a for w in words for a in alts]
        if len(words) > MAX_WORDS:
            return None
    return words


def item_words(item: Any) -> list[str] | None:
    """The strings one parsed item can match, when they are a few literals."""
    op, av = item
    if op is sre_c.LITERAL:
        return [chr(av)]
    if op is sre_c.IN:
        if len(av) <= 4 and all(o is sre_c.LITERAL for o, _v in av):
            return [chr(v) for _o, v in av]
        return None
    if op is sre_c.SUBPATTERN:
        return seq_words(av[3]) if av[1] == 0 and av[2] == 0 else None
    if op is sre_c.BRANCH:
        out: list[str] = []
        for alt in av[1]:
            words = seq_words(alt)
            if words is None:
                return None
            out.extend(words)
        return out if len(out) <= MAX_WORDS else None
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
        words = seq_words(av[2])
        return None if words is None else ["", *words]
    return None


def branches(seq: Any) -> list[list[Any]]:
    """Top-level alternatives of a sequence, as sequences.

    The parser moves a prefix shared by all alternatives in front of them
    (``anhörung|anhoerung`` becomes ``anh(?:örung|oerung)``); a sequence
    ending in an alternation is that prefix before each alternative. With
    nothing after the alternation, the pattern matches at a position exactly
    when one of these sequences does.
    """
    items = flat(seq)
    if items and items[-1][0] is sre_c.BRANCH:
        head = items[:-1]
        return [b for alt in items[-1][1][1] for b in branches(head + list(alt))]
    return [items]


def options(state: Any, items: list[Any], min_word: int = MIN_WORD) -> list[Option]:
    """The literal word sets every match of a branch (a flat sequence) contains,
    each word at least ``min_word`` characters long."""
    found: list[Option] = []
    lo = hi = 0  # distance range of the current item from the match start
    words: list[str] = [""]
    set_lo = set_hi = 0  # where the current words start

    def close() -> None:
        if words != [""] and min(map(len, words)) >= min_word:
            found.append(Option(tuple(dict.fromkeys(words)), set_lo, set_hi))

    for item in items:
        item_lo, item_hi = width(state, item)
        alts = item_words(item)
        if alts is not None and len(words) * len(alts) > MAX_WORDS:
            close()
            words, set_lo, set_hi = [""], lo, hi
        if alts is None:
            close()
            words = [""]
            set_lo, set_hi = lo + item_lo, min(hi + item_hi, UNBOUNDED)
        else:
            words = [w + a for w in words for a in alts]
        lo, hi = lo + item_lo, min(hi + item_hi, UNBOUNDED)
    close()
    return found


# Anchors (what the automaton looks for) are the words' first characters: a
# word's occurrence is its anchor's occurrence at the same place, and fewer,
# shorter anchors make the automaton faster.
def indexable(word: str) -> bool:
    # The automaton reads Latin-1 with "?" for every other character (see scan).
    return "?" not in word and all(ord(ch) < 256 for ch in word)


def shortest(option: Option) -> int:
    return min(map(len, option.words))


def reads_before(rx: re.Pattern[str]) -> bool:
    """Whether a match of ``rx`` at ``pos`` may depend on the text before ``pos``
    beyond one character (``^``, ``\\A``, a look-behind; unknown patterns: True).

    A pattern that does not can be matched inside a larger text, after a line
    break, with the results of matching that part on its own: ``\\b`` and
    ``\\B`` see a line break there as they see the start of a string.
    """

    def walk(seq: Any) -> bool:
        for op, av in seq:
            if op is sre_c.AT and av in (sre_c.AT_BEGINNING, sre_c.AT_BEGINNING_STRING):
                return True
            if op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
                if av[0] < 0 or walk(av[1]):
                    return True
            elif op is sre_c.SUBPATTERN:
                if walk(av[3]):
                    return True
            elif op is sre_c.BRANCH:
                if any(walk(alt) for alt in av[1]):
                    return True
            elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
                if walk(av[2]):
                    return True
            elif op in (sre_c.GROUPREF, sre_c.GROUPREF_EXISTS, sre_c.ATOMIC_GROUP):
                return True
        return False

    try:
        return bool(rx.flags & re.MULTILINE) or walk(sre_parse.parse(rx.pattern, rx.flags).data)
    except Exception:
        return True
