"""Faster ``search``/``finditer`` for cue regexes, with exactly the same results.

Why: Python's ``re`` skips quickly through a text only when a pattern starts
with a literal string. The analysis cues mostly start with an alternation
(``bescheid\\b|bewilligungsbescheid|…``), a character class (``\\d{1,2}[:.]…uhr``)
or a name group, so the engine tries every position of a 10 KB text: about
0.1–1 ms per cue and text, times dozens of cues.

How, without changing any result: every match of a pattern contains, for
each top-level branch, a literal string at a bounded distance from the match
start (derived once from the parsed pattern). ``str.find`` locates those
literals fast; the original compiled pattern is then tried with
``pattern.match(text, s)`` only at the start positions ``s`` that could
produce a match, in ascending order. The first success is the match
``pattern.search`` would have returned: a match at ``s`` does not depend on
where the search began (look-behinds and ``\\b`` see the text before ``pos``,
``^`` never matches at ``pos`` unless the text allows it there), and no
earlier position can match because every match start lies in some literal's
window. Branches without such a literal are searched on their own (a branch
matches at ``s`` standing alone exactly when it does inside the top-level
alternation), which is still cheaper than the whole alternation.

Whatever the analysis cannot prove (case-insensitive literals, back
references, patterns that can match the empty string, an ``endpos``) falls
back to the plain compiled pattern.
"""

from __future__ import annotations

import re

# The parser and compiler are private modules of ``re``; they have been stable
# for years, and any surprise below makes the scanner fall back to ``re``.
import re._compiler as _sre_compile  # type: ignore[import-not-found]
import re._constants as _sre_c  # type: ignore[import-not-found]
import re._parser as _sre_parse  # type: ignore[import-not-found]
import threading
from collections.abc import Iterator
from typing import Any

__all__ = ["Scanner"]

# A literal whose window (possible distances from the match start) is wider
# than this is only used as a presence test, not to pick start positions.
_MAX_WINDOW = 120
_UNBOUNDED = 1 << 40
# Approximate character rates in German agency text, to pick the rarest
# literal of a pattern (speed only, never correctness).
_LETTER_RATES = dict(
    zip(
        "enisratdhulcgmobwfkzpvjyxqäöüß",
        (14, 7.8, 6.1, 5.8, 5.6, 5.2, 5.0, 4.1, 3.8, 3.5, 2.7, 2.5, 2.4, 2.0, 2.0, 1.5, 1.5,
         1.4, 1.0, 0.9, 0.6, 0.6, 0.2, 0.05, 0.03, 0.02, 0.4, 0.25, 0.55, 0.25),
        strict=True,
    )
)


def _char_rate(ch: str) -> float:
    low = ch.lower()
    if low in _LETTER_RATES:
        return _LETTER_RATES[low] / 100 * (1.0 if ch == low else 0.2)
    if ch == " ":
        return 0.15
    if ch.isdigit():
        return 0.01
    if ch in "\n.,-:":
        return 0.015
    return 0.003
# Back references and conditionals (conservative: an escaped "\\1" counts too).
_BACKREF_RE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


class _Literals:
    """One set of alternative literals that any match of a branch must contain.

    ``lo``/``hi``: the distance from the match start to the literal's start
    (``hi`` is ``_UNBOUNDED`` when no bound is known).
    """

    __slots__ = ("hi", "lo", "words")

    def __init__(self, words: tuple[str, ...], lo: int, hi: int) -> None:
        # Shorter words first: when one is absent, the words containing it need no scan.
        self.words = tuple(sorted(words, key=len))
        self.lo = lo
        self.hi = hi

    def rate(self) -> float:
        """Expected candidate starts per text character (from rough German letter rates)."""
        per_word = 0.0
        for w in self.words:
            p = 1.0
            for ch in w:
                p *= _char_rate(ch)
            per_word += p
        return per_word * (min(self.hi - self.lo, _MAX_WINDOW) + 1)

    def score(self) -> float:
        # Higher is cheaper. Each word costs one ``str.find`` scan of the text;
        # each expected candidate start costs a ``match`` call plus a further
        # ``find``. The weight 10000 minimised both counts on the benchmark
        # mails (speed only). A bounded window beats any unbounded one.
        return (self.hi - self.lo <= _MAX_WINDOW) * 1e9 - len(self.words) - 10000 * self.rate()

    def usable(self) -> bool:
        """Worth jumping to: at most about one candidate start per 100 characters."""
        return self.rate() <= 0.01

    def next_at(self, text: str, start: int, known: _Known) -> int:
        """Smallest occurrence of any word at or after ``start``, or -1."""
        best = -1
        for w in self.words:
            i = _find(text, w, start, known)
            if i >= 0 and (best < 0 or i < best):
                best = i
        return best


# Literal look-ups of the texts scanned last. The cues of one text share many
# literals ("bescheid"), and most literals are absent, which one scan per text
# proves. Per text (by identity) and word: (query start, smallest occurrence at
# or after it, or -1); the answer holds for every later start up to that
# occurrence, and for every later start at all when it is -1.
_Known = dict[str, tuple[int, int]]
_local = threading.local()  # analysis may run in several worker threads
_RECENT_TEXTS = 4
# Every literal any scanner looks for, and for each the others it contains:
# when a contained literal is absent from some point on, so is the word.
_all_words: set[str] = set()
_subwords: dict[str, tuple[str, ...]] = {}


def _known_positions(text: str) -> _Known:
    recent: list[tuple[str, _Known]] | None = getattr(_local, "recent", None)
    if recent is None:
        recent = _local.recent = []
    for t, known in recent:
        if t is text:
            return known
    known = {}
    recent.insert(0, (text, known))
    del recent[_RECENT_TEXTS:]
    return known


def _find(text: str, word: str, start: int, known: _Known) -> int:
    """``text.find(word, start)``, answered from earlier look-ups where they prove it."""
    entry = known.get(word)
    if entry is not None:
        qs, at = entry
        if qs <= start and (at < 0 or start <= at):
            return at
    else:
        subs = _subwords.get(word)
        if subs is None:
            subs = _subwords[word] = tuple(v for v in _all_words if v != word and v in word)
        for v in subs:
            e = known.get(v)
            if e is not None and e[1] < 0 and e[0] <= start:
                known[word] = (start, -1)
                return -1
    at = text.find(word, start)
    known[word] = (start, at)
    return at


def _width(state: Any, item: Any) -> tuple[int, int]:
    lo, hi = _sre_parse.SubPattern(state, [item]).getwidth()
    return int(lo), (int(hi) if hi < _sre_c.MAXREPEAT - 1 else _UNBOUNDED)


def _pure_literal(seq: Any) -> str | None:
    """The string a parsed sequence of plain LITERAL items spells, else None."""
    chars = []
    for op, av in seq:
        if op is not _sre_c.LITERAL:
            return None
        chars.append(chr(av))
    return "".join(chars)


def _flat(state: Any, seq: Any) -> list[Any]:
    """Items of a sequence with flag-free groups opened up (groups do not change what matches)."""
    out: list[Any] = []
    for op, av in seq:
        if op is _sre_c.SUBPATTERN and av[1] == 0 and av[2] == 0:
            out.extend(_flat(state, av[3]))
        else:
            out.append((op, av))
    return out


def _alternatives(item: Any) -> tuple[str, ...] | None:
    """The strings one parsed item can match, when it is a small set of literals."""
    op, av = item
    if op is _sre_c.LITERAL:
        return (chr(av),)
    if op is _sre_c.BRANCH:
        words = [_pure_literal(alt) for alt in av[1]]
        return None if any(w is None for w in words) else tuple(w or "" for w in words)
    if op is _sre_c.IN and len(av) <= 4 and all(o is _sre_c.LITERAL for o, _ in av):
        return tuple(chr(v) for _, v in av)
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
        inner = list(av[2])
        if len(inner) == 1 and inner[0][0] is _sre_c.LITERAL:
            return ("", chr(inner[0][1]))
    return None


_MAX_WORDS = 16


def _branch_literals(state: Any, seq: Any) -> _Literals | None:
    """The best literal set every match of ``seq`` contains, with its window.

    Adjacent literal items grow a set of words (``neues? (?:dokument|…)`` gives
    "neue dokument", "neues dokument", …), all starting where the set began;
    ``lo``/``hi`` track the bounds of the current distance from the match start.
    """
    best: _Literals | None = None
    lo = hi = 0
    words: tuple[str, ...] = ()
    set_lo = set_hi = 0

    def consider() -> None:
        nonlocal best
        if not words or not all(words):
            return
        cand = _Literals(tuple(sorted(set(words))), set_lo, set_hi)
        if cand.usable() and (best is None or cand.score() > best.score()):
            best = cand

    for item in _flat(state, seq):
        alts = _alternatives(item)
        if alts is not None and words and len(words) * len(alts) <= _MAX_WORDS:
            words = tuple(w + a for w in words for a in alts)
        else:
            consider()
            words = alts or ()
            set_lo, set_hi = lo, hi
        w_lo, w_hi = _width(state, item)
        lo, hi = lo + w_lo, min(hi + w_hi, _UNBOUNDED)
    consider()
    return best


class _Branch:
    """How to find the candidate match starts of one top-level branch."""

    __slots__ = ("alone", "lits")

    def __init__(self, lits: _Literals | None, alone: re.Pattern[str] | None) -> None:
        self.lits = lits  # windowed literals (hi - lo <= _MAX_WINDOW), or a presence test
        self.alone = alone  # the branch compiled on its own, when not windowed

    def next_window(self, text: str, start: int, known: _Known) -> tuple[int, int] | None:
        """The first interval of possible match starts that ends at or after ``start``."""
        lits = self.lits
        if self.alone is None:
            assert lits is not None
            q = lits.next_at(text, start + lits.lo, known)
            if q < 0:
                return None
            return max(start, q - lits.hi), q - lits.lo
        if lits is not None and lits.next_at(text, start, known) < 0:
            return None  # the required literal does not occur any more
        m = self.alone.search(text, start)
        return None if m is None else (m.start(), m.start())


class Scanner:
    """A compiled pattern's ``search``/``finditer``, same results, usually much faster.

    Only the whole-string forms are accelerated (``search(text, pos)`` and
    ``finditer(text)``); use :attr:`rx` for anything else.
    """

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self._branches: list[_Branch] | None = None
        self._gate: tuple[str, ...] | None = None  # words of which every match has one
        try:
            self._branches = self._analyse(rx)
            if self._branches is not None and all(b.lits for b in self._branches):
                words = {w for b in self._branches if b.lits for w in b.lits.words}
                self._gate = tuple(sorted(words, key=len))
        except Exception:
            self._branches = None

    @property
    def pattern(self) -> str:
        return self.rx.pattern

    @staticmethod
    def _analyse(rx: re.Pattern[str]) -> list[_Branch] | None:
        if rx.flags & re.IGNORECASE:
            return None  # literals would need case folding; not worth the risk
        parsed = _sre_parse.parse(rx.pattern, rx.flags)
        state = parsed.state
        if parsed.getwidth()[0] == 0:
            return None  # empty matches: finditer's rules differ
        if _BACKREF_RE.search(rx.pattern):
            return None  # widths and branches would depend on other groups
        data = _flat(state, parsed.data)
        top_branch = len(data) == 1 and data[0][0] is _sre_c.BRANCH
        if not top_branch and data[0][0] is _sre_c.LITERAL:
            return None  # re itself jumps to a literal prefix
        alts = data[0][1][1] if top_branch else [data]
        branches = []
        for alt in alts:
            lits = _branch_literals(state, alt)
            if lits is not None:
                _all_words.update(lits.words)
                _subwords.clear()  # recomputed on demand with the new words
            if lits is not None and lits.hi - lits.lo <= _MAX_WINDOW:
                branches.append(_Branch(lits, None))
                continue
            # A top-level branch on its own matches where it matches inside the
            # alternation; a single sequence is the pattern itself.
            alone = (
                _sre_compile.compile(_sre_parse.SubPattern(state, list(alt)), state.flags)
                if top_branch
                else rx
            )
            branches.append(_Branch(lits, alone))
        if all(b.alone is not None and b.lits is None for b in branches):
            return None  # nothing to gain
        return branches

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """Same as ``self.rx.search(text, pos)``."""
        branches = self._branches
        if branches is None:
            return self.rx.search(text, pos)
        known = _known_positions(text)
        # Most cues do not occur in a text at all: one cheap test for all words.
        gate = self._gate
        if gate is not None:
            for word in gate:
                if _find(text, word, pos, known) >= 0:
                    break
            else:
                return None
        match = self.rx.match
        cur = pos
        windows: list[tuple[int, int] | None] = [None] * len(branches)
        live = list(range(len(branches)))
        while live:
            lo = hi = -1
            keep = []
            for i in live:
                w = windows[i]
                if w is None or w[1] < cur:
                    w = branches[i].next_window(text, cur, known)
                    windows[i] = w
                    if w is None:
                        continue
                keep.append(i)
                a = max(w[0], cur)
                if lo < 0 or a < lo:
                    lo, hi = a, w[1]
            live = keep
            if lo < 0:
                return None
            for s in range(lo, hi + 1):
                m = match(text, s)
                if m is not None:
                    return m
            cur = hi + 1
        return None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Same as ``self.rx.finditer(text)`` (the pattern never matches empty)."""
        if self._branches is None:
            yield from self.rx.finditer(text)
            return
        pos = 0
        while True:
            m = self.search(text, pos)
            if m is None:
                return
            yield m
            pos = m.end()
