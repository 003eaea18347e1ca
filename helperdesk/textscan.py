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

Literal look-ups are shared by all scanners of a text: the first few are
single ``str.find`` scans; a text that needs more gets one Aho-Corasick pass
(ahocorasick_rs) over all registered literals, after which every look-up is a
dict access and a bisect, and per scanner a plan drops the branches whose
literals are absent (see ``_Index``, ``Scanner._plan``). :class:`Literals`
answers ``word in text`` from the same index. :class:`LineScanner` does the
same job for patterns that only match at line starts.
"""

from __future__ import annotations

import bisect
import importlib
import itertools
import re

# The parser and compiler are private modules of ``re``; they have been stable
# for years, and any surprise below makes the scanner fall back to ``re``.
import re._compiler as _sre_compile  # type: ignore[import-not-found]
import re._constants as _sre_c  # type: ignore[import-not-found]
import re._parser as _sre_parse  # type: ignore[import-not-found]
import threading
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["LineScanner", "Literals", "Scanner"]

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

    __slots__ = ("hi", "lo", "word_set", "words")

    def __init__(self, words: tuple[str, ...], lo: int, hi: int) -> None:
        # Shorter words first: when one is absent, the words containing it need no scan.
        self.words = tuple(sorted(words, key=len))
        self.word_set = frozenset(words)
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

    def usable(self, max_rate: float = 0.01) -> bool:
        """Worth jumping to: by default at most about one candidate start per 100 characters."""
        return self.rate() <= max_rate

    def next_at(self, text: str, start: int, index: _Index) -> int:
        """Smallest occurrence of any word at or after ``start``, or -1."""
        best = -1
        for w in self.words:
            i = _find(text, w, start, index)
            if i >= 0 and (best < 0 or i < best):
                best = i
        return best


# Literal look-ups of the texts scanned last. The cues of one text share many
# literals ("bescheid"), and most literals are absent. Per text (by identity):
#
# * first, single ``str.find`` scans, remembered per word as (query start,
#   smallest occurrence at or after it, or -1): the answer holds for every
#   later start up to that occurrence, and for every later start at all when
#   it is -1;
# * once those scans have read the text about ``_INDEX_AFTER`` times over, one
#   Aho-Corasick pass (ahocorasick_rs, a compiled DFA) finds every occurrence
#   of every registered literal at once and later look-ups are answered from
#   it. One pass costs about as much as a dozen ``find`` scans of the same text,
#   and the analysis asks up to ~300 literals of each text, most of them absent.
#   Texts that need only a few look-ups never pay for the pass.
_INDEX_AFTER = 2.0
_RECENT_TEXTS = 12  # a mail's parts, seen by the ID, agency and letter-type scanners
_local = threading.local()  # analysis may run in several worker threads
# Every literal any scanner looks for, and for each the others it contains:
# when a contained literal is absent from some point on, so is the word.
_all_words: set[str] = set()
_subwords: dict[str, tuple[str, ...]] = {}

try:
    _ac: Any = importlib.import_module("ahocorasick_rs")
except ImportError:  # pragma: no cover - a declared dependency; without it only slower
    _ac = None
# The automaton over ``_all_words`` (rebuilt when scanners register new words;
# texts indexed before keep their word set) and its words by pattern number.
_automaton: list[tuple[Any, tuple[str, ...], frozenset[str], int]] = []
_automaton_lock = threading.Lock()


def _current_automaton() -> tuple[Any, tuple[str, ...], frozenset[str]]:
    with _automaton_lock:
        if not _automaton or _automaton[0][3] != len(_all_words):
            # The automaton works on UTF-8; a word that has none (a lone
            # surrogate) is simply not indexed and keeps using ``find``.
            words = tuple(sorted(w for w in _all_words if _utf8(w)))
            auto = _ac.AhoCorasick(words, implementation=_ac.Implementation.DFA)
            _automaton[:] = [(auto, words, frozenset(words), len(_all_words))]
        auto, words, word_set, _n = _automaton[0]
        return auto, words, word_set


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Index:
    """What is known about the literals of one text (see above)."""

    __slots__ = ("known", "occurrences", "plans", "scanned", "words")

    def __init__(self) -> None:
        self.known: dict[str, tuple[int, int]] = {}
        self.plans: dict[Scanner, list[_Branch]] = {}  # per scanner, once indexed
        self.scanned = 0  # characters read by single ``find`` scans so far
        # After the Aho-Corasick pass: start offsets (ascending) of every word
        # of ``words`` that occurs; a word of ``words`` missing here is absent.
        self.occurrences: dict[str, list[int]] | None = None
        self.words: frozenset[str] = frozenset()

    def build(self, text: str) -> None:
        auto, words, word_set = _current_automaton()
        try:
            # Every occurrence, overlapping ones too, as (pattern, start, end) in
            # code points (the offsets ``str.find`` uses), in order of their end.
            found = auto.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:  # lone surrogates: no UTF-8, stay with ``find``
            self.scanned = -(1 << 62)
            return
        occurrences: dict[str, list[int]] = {}
        for i, st, _end in found:
            occ = occurrences.get(words[i])
            if occ is None:
                occurrences[words[i]] = [st]
            else:
                occ.append(st)
        for occ in occurrences.values():
            occ.sort()  # ordered by end; equal words end in start order, but be sure
        self.occurrences = occurrences
        self.words = word_set


def _index_of(text: str) -> _Index:
    recent: list[tuple[str, _Index]] | None = getattr(_local, "recent", None)
    if recent is None:
        recent = _local.recent = []
    elif recent[0][0] is text:
        return recent[0][1]  # the usual case: the same text as the last look-up
    for t, index in recent:
        if t is text:
            return index
    index = _Index()
    recent.insert(0, (text, index))
    del recent[_RECENT_TEXTS:]
    return index


def _find(text: str, word: str, start: int, index: _Index) -> int:
    """``text.find(word, start)``, answered from earlier look-ups where they prove it."""
    occurrences = index.occurrences
    if occurrences is not None and word in index.words:
        occ = occurrences.get(word)
        if occ is None:
            return -1
        if start <= occ[0]:
            return occ[0]
        i = bisect.bisect_left(occ, start)
        return occ[i] if i < len(occ) else -1
    known = index.known
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
    index.scanned += (len(text) if at < 0 else at + len(word)) - start
    if occurrences is None and _ac is not None and index.scanned > _INDEX_AFTER * len(text) + 16:
        index.build(text)
    return at


class Literals:
    """``word in text`` for a fixed set of words, answered from the shared index.

    For code that tests many words against the same text (``any(w in low for
    w in words)``): each plain ``in`` reads the whole text when the word is
    absent; registered words are answered from the text's Aho-Corasick index
    (shared with the scanners), other words with ``in``.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        _all_words.update(self.words)
        _subwords.clear()

    def contains(self, text: str, word: str) -> bool:
        """Same as ``word in text``."""
        if word not in self.words:
            return word in text
        return _find(text, word, 0, _index_of(text)) >= 0

    def any_in(self, text: str, words: Iterable[str]) -> bool:
        """Same as ``any(w in text for w in words)``."""
        index = _index_of(text)
        for w in words:
            if (_find(text, w, 0, index) if w in self.words else text.find(w)) >= 0:
                return True
        return False


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
# On an indexed text, a branch is searched on its own (a scan of the text)
# only when its best windowed literals would give more match attempts than this.
_ALONE_LIMIT = 64


def _branch_literals(
    state: Any, seq: Any, max_rate: float = 0.01
) -> tuple[_Literals | None, list[_Literals]]:
    """The best literal set every match of ``seq`` contains, with its window,
    and all usable literal sets with a bounded window (each one is required too).

    Adjacent literal items grow a set of words (``neues? (?:dokument|…)`` gives
    "neue dokument", "neues dokument", …), all starting where the set began;
    ``lo``/``hi`` track the bounds of the current distance from the match start.
    """
    best: _Literals | None = None
    options: list[_Literals] = []
    lo = hi = 0
    words: tuple[str, ...] = ()
    set_lo = set_hi = 0

    def consider() -> None:
        nonlocal best
        if not words or not all(words):
            return
        cand = _Literals(tuple(sorted(set(words))), set_lo, set_hi)
        if not cand.usable(max_rate):
            return
        if cand.hi - cand.lo <= _MAX_WINDOW:
            options.append(cand)
        if best is None or cand.score() > best.score():
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
    return best, options


class _Branch:
    """How to find the candidate match starts of one top-level branch."""

    __slots__ = ("alone", "lits", "options", "starts")

    def __init__(
        self,
        lits: _Literals | None,
        alone: re.Pattern[str] | None,
        options: tuple[_Literals, ...] = (),
        starts: list[int] | None = None,
    ) -> None:
        self.lits = lits  # windowed literals (hi - lo <= _MAX_WINDOW), or a presence test
        self.alone = alone  # the branch compiled on its own, when not windowed
        # Every windowed literal set the branch requires (``lits`` among them when
        # windowed): on an indexed text the one with the fewest candidates is used.
        self.options = options
        # In a plan for an indexed text: the sorted occurrences of all of
        # ``lits``'s words, so the next one is one bisect instead of one per word.
        self.starts = starts

    def next_window(self, text: str, start: int, index: _Index) -> tuple[int, int] | None:
        """The first interval of possible match starts that ends at or after ``start``."""
        lits = self.lits
        if self.alone is None:
            assert lits is not None
            starts = self.starts
            if starts is not None:
                i = bisect.bisect_left(starts, start + lits.lo)
                q = starts[i] if i < len(starts) else -1
            else:
                q = lits.next_at(text, start + lits.lo, index)
            if q < 0:
                return None
            return max(start, q - lits.hi), q - lits.lo
        if lits is not None and lits.next_at(text, start, index) < 0:
            return None  # the required literal does not occur any more
        m = self.alone.search(text, start)
        return None if m is None else (m.start(), m.start())


class Scanner:
    """A compiled pattern's ``search``/``finditer``, same results, usually much faster.

    Only the whole-string forms are accelerated (``search(text, pos)`` and
    ``finditer(text)``); use :attr:`rx` for anything else.
    """

    def __init__(self, rx: re.Pattern[str], *, max_rate: float = 0.01) -> None:
        """``max_rate``: the most expected candidate starts per character a literal
        may bring and still be jumped to (raise it for a pattern whose only
        literal is a frequent character, like the "/" of a court file number)."""
        self.rx = rx
        self._max_rate = max_rate
        self._branches: list[_Branch] | None = None
        self._gate: tuple[str, ...] | None = None  # words of which every match has one
        self._gate_set: frozenset[str] = frozenset()
        self._words: frozenset[str] = frozenset()  # every literal of every branch
        try:
            self._branches = self._analyse(rx, max_rate)
            if self._branches is not None:
                self._words = frozenset(
                    w
                    for b in self._branches
                    for lits in (b.lits, *b.options)
                    if lits is not None
                    for w in lits.words
                )
            if self._branches is not None and all(b.lits for b in self._branches):
                words = {w for b in self._branches if b.lits for w in b.lits.words}
                self._gate = tuple(sorted(words, key=len))
                self._gate_set = frozenset(words)
        except Exception:
            self._branches = None

    @property
    def pattern(self) -> str:
        return self.rx.pattern

    @staticmethod
    def _analyse(rx: re.Pattern[str], max_rate: float) -> list[_Branch] | None:
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
            lits, options = _branch_literals(state, alt, max_rate)
            for o in (lits, *options):
                if o is not None:
                    _all_words.update(o.words)
            _subwords.clear()  # recomputed on demand with the new words
            if lits is not None and lits.hi - lits.lo <= _MAX_WINDOW:
                branches.append(_Branch(lits, None, tuple(options)))
                continue
            # A top-level branch on its own matches where it matches inside the
            # alternation; a single sequence is the pattern itself.
            alone = (
                _sre_compile.compile(_sre_parse.SubPattern(state, list(alt)), state.flags)
                if top_branch
                else rx
            )
            branches.append(_Branch(lits, alone, tuple(options)))
        if all(b.alone is not None and b.lits is None for b in branches):
            return None  # nothing to gain
        return branches

    def _plan(self, index: _Index) -> list[_Branch]:
        """The branches to search in an indexed text, each with its cheapest literals.

        The occurrence counts are known: a branch one of whose required literal
        sets is absent cannot match and is left out; of the others, the set
        with the fewest candidate starts (occurrences times window width) is
        used, also instead of searching a branch on its own when that costs
        less than a scan of the text (``_ALONE_LIMIT`` match attempts).
        """
        plan = index.plans.get(self)
        if plan is not None:
            return plan
        occ, words = index.occurrences, index.words
        assert occ is not None and self._branches is not None
        keys = occ.keys()
        # Usually every literal of the scanner is indexed; else check each set.
        all_indexed = words.issuperset(self._words)
        plan = []
        for b in self._branches:
            chosen: _Literals | None = None
            cost, dead = 0, False
            for lits in b.options:
                if not all_indexed and not words.issuperset(lits.word_set):
                    continue  # registered after the index was made
                if keys.isdisjoint(lits.word_set):
                    dead = True
                    break
                n = 0
                for w in lits.words:
                    o = occ.get(w)
                    if o is not None:
                        n += len(o)
                c = n * (lits.hi - lits.lo + 1)
                if chosen is None or c < cost:
                    chosen, cost = lits, c
            required = b.lits
            if not dead and required is not None and words.issuperset(required.word_set):
                dead = keys.isdisjoint(required.word_set)
            if dead:
                continue
            use = chosen or required if b.alone is None else chosen
            if use is not None and (b.alone is None or cost <= _ALONE_LIMIT):
                starts = None
                if words.issuperset(use.word_set):
                    lists = [occ[w] for w in use.words if w in occ]
                    # One word: its list is sorted already (and never changed).
                    starts = lists[0] if len(lists) == 1 else sorted(itertools.chain(*lists))
                plan.append(_Branch(use, None, (), starts))
            else:
                plan.append(b)
        index.plans[self] = plan
        return plan

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """Same as ``self.rx.search(text, pos)``."""
        if self._branches is None:
            return self.rx.search(text, pos)
        index = _index_of(text)
        # Most cues do not occur in a text at all: one cheap test for all words.
        gate = self._gate
        occurrences = index.occurrences
        if gate is not None and occurrences is not None and self._gate_set <= index.words:
            # Indexed text: the words that occur at all are the index's keys.
            if occurrences.keys().isdisjoint(self._gate_set):
                return None
            if pos:
                for word in gate:
                    occ = occurrences.get(word)
                    if occ is not None and occ[-1] >= pos:
                        break
                else:
                    return None
        elif gate is not None:
            for word in gate:
                if _find(text, word, pos, index) >= 0:
                    break
            else:
                return None
        branches = self._branches if occurrences is None else self._plan(index)
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
                    w = branches[i].next_window(text, cur, index)
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
            return self.rx.finditer(text)
        # Most cues do not occur: answer that without making a generator.
        first = self.search(text)
        if first is None:
            return iter(())
        return self._iter_from(text, first)

    def _iter_from(self, text: str, m: re.Match[str] | None) -> Iterator[re.Match[str]]:
        while m is not None:
            yield m
            m = self.search(text, m.end())


class LineScanner:
    """``search``/``finditer`` of a pattern that only matches at line starts, same results.

    Why: a ``re.MULTILINE`` pattern whose every top-level branch starts with
    ``^`` can only match at offset 0 or right after a "\\n", but ``re`` still
    tries every offset of the text (about 10 µs per KB). How: the same pattern
    behind a literal "\\n" lets ``re`` jump from line break to line break; the
    match it finds after the "\\n" at ``q`` says the pattern matches at ``q + 1``,
    and ``rx.match(text, q + 1)`` returns exactly that match (``^`` and
    look-behinds see the whole text, not the search start). Offset 0 is tried
    on its own. Patterns that do not fit (no ``re.MULTILINE``, a branch without
    a leading ``^``, possible empty matches, ``re.VERBOSE``) use ``rx`` as is.

    A case-sensitive pattern whose every branch requires one of a few literals
    (``schrieb``, ``wrote``) is first tested for them with ``str.find``: where
    none occurs at or after the start, nothing can match, and a pattern that
    backtracks through every line is not run at all.
    """

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self._after_nl: re.Pattern[str] | None = None
        self._gate: tuple[str, ...] = ()
        try:
            if self._fits(rx):
                self._after_nl = re.compile("\n(?:" + rx.pattern + ")", rx.flags)
                self._gate = self._required(rx)
        except Exception:
            self._after_nl = None
            self._gate = ()

    @staticmethod
    def _required(rx: re.Pattern[str]) -> tuple[str, ...]:
        """Words of which every match contains one, or () when unknown."""
        if rx.flags & re.IGNORECASE:
            return ()
        parsed = _sre_parse.parse(rx.pattern, rx.flags)
        data = _flat(parsed.state, parsed.data)
        while data and data[0][0] is _sre_c.AT:
            data = data[1:]  # "^a|^b" parses as "^" then the branches "a|b"
        alts = data[0][1][1] if len(data) == 1 and data[0][0] is _sre_c.BRANCH else [data]
        words: set[str] = set()
        for alt in alts:
            lits, _options = _branch_literals(parsed.state, alt)
            if lits is None:
                return ()
            words.update(lits.words)
        # A word containing another one is implied by it (" schrieb", "schrieb").
        words = {w for w in words if not any(v != w and v in w for v in words)}
        return tuple(sorted(words, key=len))

    @staticmethod
    def _fits(rx: re.Pattern[str]) -> bool:
        if not rx.flags & re.MULTILINE or rx.flags & re.VERBOSE:
            return False
        if rx.pattern.startswith("(?") and rx.pattern[2:3].isalpha():
            return False  # global inline flags must stay at the start
        parsed = _sre_parse.parse(rx.pattern, rx.flags)
        if parsed.getwidth()[0] == 0 or not parsed.state.flags & re.MULTILINE:
            return False
        data = _flat(parsed.state, parsed.data)
        alts = data[0][1][1] if len(data) == 1 and data[0][0] is _sre_c.BRANCH else [data]
        for alt in alts:
            items = _flat(parsed.state, alt)
            # The parser writes "^" as AT_BEGINNING; under MULTILINE it compiles
            # to "at a line start".
            if not items or items[0][0] is not _sre_c.AT or items[0][1] not in (
                _sre_c.AT_BEGINNING, _sre_c.AT_BEGINNING_LINE
            ):
                return False
        return True

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """Same as ``self.rx.search(text, pos)``."""
        after_nl = self._after_nl
        if after_nl is None:
            return self.rx.search(text, pos)
        # Plain finds, not the shared index: these texts meet no other scanner.
        if self._gate and all(text.find(w, max(pos, 0)) < 0 for w in self._gate):
            return None
        if pos <= 0:
            m = self.rx.match(text, 0)
            if m is not None:
                return m
            pos = 1
        # Line starts at or after ``pos`` follow a "\n" at or after ``pos - 1``.
        n = after_nl.search(text, pos - 1)
        return None if n is None else self.rx.match(text, n.start() + 1)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Same as ``self.rx.finditer(text)`` (the pattern never matches empty)."""
        if self._after_nl is None:
            yield from self.rx.finditer(text)
            return
        pos = 0
        while True:
            m = self.search(text, pos)
            if m is None:
                return
            yield m
            pos = m.end()
