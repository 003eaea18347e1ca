"""Faster regex search for the analysis, with exactly ``re``'s matches.

This module is the one place that reads literal words out of regex parse
trees to skip positions where a pattern cannot match. It offers:

* :class:`MultiScanner`: one or many patterns over one text with one
  Aho-Corasick pass (agency phrases, letter-type cues, the ID health context);
* :class:`LineScanner`: a pattern that only matches at line starts (the
  history markers of mail parsing);
* :func:`reads_before`: whether a pattern's match depends on the text before it.

Why: agency detection and letter typing each run a few dozen cue regexes over
the same ~10 KB text. Most cues start with an alternation, a group or a
character class, so ``re`` tries every position of the text for each cue,
and the cost adds up to a large share of the analysis of a mail.

How MultiScanner does it, without changing any result: from each pattern's
parse tree we derive, per top-level alternative ("branch"), sets of literal
words that every match of the branch contains, each at a known range of distances from the match
start (an "option"). Per branch one option is looked for (the one with the
longest words, in a bounded range if it has one); one Aho-Corasick pass
(ahocorasick_rs, over the text's Latin-1 form) finds every occurrence of all
of them. Then, per pattern:

* where none of its words occurs, it cannot match;
* else each occurrence, minus each possible distance, is a position where a
  match may start (in a wide range, only where a short word the branch needs
  at a fixed distance occurs), and ``pattern.match(text, s)`` at those
  positions in ascending order yields the same matches as
  ``pattern.finditer(text)``: a match at ``s`` does not depend on where a
  search began (``^``, look-behinds and ``\\b`` see the whole text), a
  position where no branch can start is never a match start, and after each
  match the next one is looked for from its end, as ``finditer`` does
  (patterns that can match empty are not accelerated).

Whatever the analysis cannot prove (flags such as IGNORECASE, back
references, a branch without a literal of ``min_word`` (3) characters, one
whose literals may lie anywhere after its start) is searched as the plain
compiled pattern.
"""

from __future__ import annotations

import re

# The parser is a private module of ``re``, stable for many releases; any
# surprise in it makes a pattern fall back to plain ``re`` (see _analyse).
import re._constants as _sre_c  # type: ignore[import-not-found]
import re._parser as _sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick_rs

__all__ = ["LineScanner", "MultiScanner", "ScannedText", "reads_before"]

# A set of alternative words grows (``neues? (?:dokument|nachricht)``) until
# it would exceed this many words; then it is cut and a new set begins.
_MAX_WORDS = 24
# Words shorter than this occur too often to be worth indexing.
_MIN_WORD = 3
# An option whose distance range is wider than this only tells whether the
# branch can match at all; it is not used to list match starts.
_MAX_WINDOW = 100
_UNBOUNDED = 1 << 40
_BACKREF_RE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


@dataclass(frozen=True)
class _Option:
    """Every match of a branch contains one of ``words``, starting ``lo``..``hi``
    characters after the match start."""

    words: tuple[str, ...]
    lo: int
    hi: int


def _width(state: Any, item: Any) -> tuple[int, int]:
    lo, hi = _sre_parse.SubPattern(state, [item]).getwidth()
    return int(lo), (int(hi) if hi < _sre_c.MAXREPEAT - 1 else _UNBOUNDED)


def _flat(seq: Any) -> list[Any]:
    """Items of a sequence with flag-free groups opened up (a group changes no match)."""
    out: list[Any] = []
    for op, av in seq:
        if op is _sre_c.SUBPATTERN and av[1] == 0 and av[2] == 0:
            out.extend(_flat(av[3]))
        else:
            out.append((op, av))
    return out


def _seq_words(seq: Any) -> list[str] | None:
    """The strings a parsed sequence can match, when it only matches a few literals."""
    words = [""]
    for item in seq:
        alts = _item_words(item)
        if alts is None:
            return None
        words = [w + a for w in words for a in alts]
        if len(words) > _MAX_WORDS:
            return None
    return words


def _item_words(item: Any) -> list[str] | None:
    """The strings one parsed item can match, when they are a few literals."""
    op, av = item
    if op is _sre_c.LITERAL:
        return [chr(av)]
    if op is _sre_c.IN:
        if len(av) <= 4 and all(o is _sre_c.LITERAL for o, _v in av):
            return [chr(v) for _o, v in av]
        return None
    if op is _sre_c.SUBPATTERN:
        return _seq_words(av[3]) if av[1] == 0 and av[2] == 0 else None
    if op is _sre_c.BRANCH:
        out: list[str] = []
        for alt in av[1]:
            words = _seq_words(alt)
            if words is None:
                return None
            out.extend(words)
        return out if len(out) <= _MAX_WORDS else None
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
        words = _seq_words(av[2])
        return None if words is None else ["", *words]
    return None


def _branches(seq: Any) -> list[list[Any]]:
    """Top-level alternatives of a sequence, as sequences.

    The parser moves a prefix shared by all alternatives in front of them
    (``anhörung|anhoerung`` becomes ``anh(?:örung|oerung)``); a sequence
    ending in an alternation is that prefix before each alternative. With
    nothing after the alternation, the pattern matches at a position exactly
    when one of these sequences does.
    """
    items = _flat(seq)
    if items and items[-1][0] is _sre_c.BRANCH:
        head = items[:-1]
        return [b for alt in items[-1][1][1] for b in _branches(head + list(alt))]
    return [items]


def _options(state: Any, items: list[Any], min_word: int = _MIN_WORD) -> list[_Option]:
    """The literal word sets every match of a branch (a flat sequence) contains,
    each word at least ``min_word`` characters long."""
    found: list[_Option] = []
    lo = hi = 0  # distance range of the current item from the match start
    words: list[str] = [""]
    set_lo = set_hi = 0  # where the current words start

    def close() -> None:
        if words != [""] and min(map(len, words)) >= min_word:
            found.append(_Option(tuple(dict.fromkeys(words)), set_lo, set_hi))

    for item in items:
        item_lo, item_hi = _width(state, item)
        alts = _item_words(item)
        if alts is not None and len(words) * len(alts) > _MAX_WORDS:
            close()
            words, set_lo, set_hi = [""], lo, hi
        if alts is None:
            close()
            words = [""]
            set_lo, set_hi = lo + item_lo, min(hi + item_hi, _UNBOUNDED)
        else:
            words = [w + a for w in words for a in alts]
        lo, hi = lo + item_lo, min(hi + item_hi, _UNBOUNDED)
    close()
    return found


# Anchors (what the automaton looks for) are the words' first characters: a
# word's occurrence is its anchor's occurrence at the same place, and fewer,
# shorter anchors make the automaton faster.
_ANCHOR_LEN = 16
# A branch that needs one word at most this many distances from its start
# tries each of them at each occurrence.
_DIRECT_WINDOW = 3
# Up to this many anchors, search with the automaton's prefilter (see MultiScanner).
_PREFILTER_MAX = 60


def _indexable(word: str) -> bool:
    # The automaton reads Latin-1 with "?" for every other character (see scan).
    return "?" not in word and all(ord(ch) < 256 for ch in word)


def _shortest(option: _Option) -> int:
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
            if op is _sre_c.AT and av in (_sre_c.AT_BEGINNING, _sre_c.AT_BEGINNING_STRING):
                return True
            if op in (_sre_c.ASSERT, _sre_c.ASSERT_NOT):
                if av[0] < 0 or walk(av[1]):
                    return True
            elif op is _sre_c.SUBPATTERN:
                if walk(av[3]):
                    return True
            elif op is _sre_c.BRANCH:
                if any(walk(alt) for alt in av[1]):
                    return True
            elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, _sre_c.POSSESSIVE_REPEAT):
                if walk(av[2]):
                    return True
            elif op in (_sre_c.GROUPREF, _sre_c.GROUPREF_EXISTS, _sre_c.ATOMIC_GROUP):
                return True
        return False

    try:
        return bool(rx.flags & re.MULTILINE) or walk(_sre_parse.parse(rx.pattern, rx.flags).data)
    except Exception:
        return True


@dataclass(frozen=True)
class _Plan:
    """Where a pattern's matches can start, from its branches' chosen options."""

    # Per anchor id: the distances of branches whose option has one of a few
    # distances (most branches are a word): occurrence minus distance.
    direct: dict[int, tuple[int, ...]]
    direct_mask: int  # bit mask of ``direct``'s anchors
    # Branches whose option lies in a wider window: its anchor ids, the window,
    # and words the branch needs at a fixed distance (too short to be looked
    # for everywhere, they are found in the window instead), if any.
    windowed: tuple[tuple[tuple[int, ...], int, int, tuple[tuple[str, ...], int] | None], ...]
    windowed_mask: int
    # Anchors of branches whose words can lie anywhere after the match start:
    # where one occurs, the pattern is searched as plain ``re``.
    gate_mask: int


class MultiScanner:
    """Several compiled patterns searched together over one text.

    ``scan(text)`` does the shared work once; the returned
    :class:`ScannedText` gives each pattern's ``finditer`` over that text.
    """

    def __init__(
        self,
        patterns: Sequence[re.Pattern[str]],
        words: Sequence[str] = (),
        *,
        anchor_len: int = _ANCHOR_LEN,
        min_word: int = _MIN_WORD,
    ) -> None:
        """``words``: more words whose occurrences the caller wants (see
        ScannedText.where). ``anchor_len``: the longest anchor (shorter ones
        are fewer, and up to ``_PREFILTER_MAX`` anchors search faster).
        ``min_word``: the shortest word looked for (a pattern with a branch
        like ``\\btk\\b`` needs 2; shorter words occur more often)."""
        self.patterns = tuple(patterns)
        self._anchor_len = anchor_len
        self._min_word = min_word
        self._ids: dict[str, int] = {}
        # Per pattern: where its matches can start, or None when it always runs
        # as plain ``re``.
        self._plans: list[_Plan | None] = []
        # Per anchor id: bit mask of the patterns that may match where it occurs.
        self._masks: list[int] = []
        self._always = 0  # patterns that run as plain ``re`` on every text
        for i, rx in enumerate(self.patterns):
            try:
                plan = self._analyse(rx)
            except Exception:  # an unexpected parse tree: plain ``re`` is always right
                plan = None
            self._plans.append(plan)
            if plan is None:
                self._always |= 1 << i
                continue
            for a in range(len(self._ids)):
                if (plan.direct_mask | plan.windowed_mask | plan.gate_mask) >> a & 1:
                    self._masks[a] |= 1 << i
        for word in words:
            if len(word) > anchor_len or not _indexable(word):
                raise ValueError(f"cannot look for {word!r}")
            self._anchor_id(word)
        anchors = list(self._ids)
        # A few dozen anchors: the automaton's SIMD prefilter (Teddy) makes a
        # leftmost-longest search several times faster than reporting every
        # occurrence. It only reports occurrences that do not overlap, so per
        # anchor the others that can start inside one of its occurrences (at
        # offset k, agreeing on the overlap) are checked at each report. With
        # more anchors the prefilter is off and overlapping search costs the same.
        self._overlapping = len(anchors) > _PREFILTER_MAX
        self.overlaps: list[tuple[tuple[int, int, str], ...]] = [
            ()
            if self._overlapping
            else tuple(
                (k, b, other)
                for k in range(len(word))
                for b, other in enumerate(anchors)
                if (k or b != a) and word[k : k + len(other)] == other[: len(word) - k]
            )
            for a, word in enumerate(anchors)
        ]
        self._auto = (
            ahocorasick_rs.BytesAhoCorasick(
                [w.encode("latin-1") for w in anchors],
                matchkind=ahocorasick_rs.MatchKind.Standard
                if self._overlapping
                else ahocorasick_rs.MatchKind.LeftmostLongest,
                implementation=ahocorasick_rs.Implementation.DFA,
            )
            if anchors
            else None
        )

    @property
    def accelerated(self) -> int:
        """How many of the patterns are searched through their literal words (not plain ``re``).

        The literals come from ``re``'s private parser: if a Python upgrade
        changes its trees, patterns fall back to plain ``re`` silently (still
        correct, several times slower); a test holds this count up.
        """
        return sum(plan is not None for plan in self._plans)

    def _anchor_id(self, word: str) -> int:
        anchor = word[: self._anchor_len]
        aid = self._ids.get(anchor)
        if aid is None:
            aid = self._ids[anchor] = len(self._ids)
            self._masks.append(0)
        return aid

    def _analyse(self, rx: re.Pattern[str]) -> _Plan | None:
        if rx.flags & (re.IGNORECASE | re.VERBOSE) or _BACKREF_RE.search(rx.pattern):
            return None
        parsed = _sre_parse.parse(rx.pattern, rx.flags)
        if parsed.getwidth()[0] == 0:
            return None  # empty matches: ``finditer`` steps differently after them
        direct: dict[int, dict[int, None]] = {}
        windowed = []
        gates: set[int] = set()
        for items in _branches(parsed.data):
            options = [
                o
                for o in _options(parsed.state, items, self._min_word)
                if all(map(_indexable, o.words))
            ]
            if not options:
                return None  # nothing to look for: this branch could match anywhere
            # Each match of the branch has a word of each option; the one with
            # the longest words (the rarest, by and large) is looked for, one
            # in a bounded window if there is one.
            bounded = [o for o in options if o.hi - o.lo <= _MAX_WINDOW]
            best = max(bounded or options, key=_shortest)
            # A word that starts with another word of the option adds no start.
            words = [w for w in best.words
                     if not any(v != w and w.startswith(v) for v in best.words)]
            ids = tuple(dict.fromkeys(self._anchor_id(w) for w in words))
            if not bounded:
                gates.update(ids)
            elif best.hi - best.lo <= _DIRECT_WINDOW:
                for a in ids:
                    for d in range(best.lo, best.hi + 1):
                        direct.setdefault(a, {})[d] = None
            else:
                fixed = [o for o in options if o.lo == o.hi]
                weak = max(fixed, key=_shortest) if fixed else None
                windowed.append(
                    (ids, best.lo, best.hi, (weak.words, weak.lo) if weak else None)
                )
        return _Plan(
            {a: tuple(ds) for a, ds in direct.items()},
            sum(1 << a for a in direct),
            tuple(windowed),
            sum(1 << a for w in windowed for a in w[0]),
            sum(1 << a for a in gates),
        )

    def scan(self, text: str, latin1: bytes | None = None) -> ScannedText:
        """Find every anchor of every pattern in ``text`` (one pass).

        ``latin1``: ``text.encode("latin-1", "replace")``, if the caller has it.
        """
        occ: dict[int, list[int]] = {}
        live = self._always
        if self._auto is None or not text:
            return ScannedText(self, text, occ, live, 0)
        # One byte per character, so byte offsets are character offsets; a
        # character beyond Latin-1 becomes "?", which no anchor contains.
        if latin1 is None:
            latin1 = text.encode("latin-1", "replace")
        found = self._auto.find_matches_as_indexes(latin1, overlapping=self._overlapping)
        masks = self._masks
        overlaps = self.overlaps
        startswith = text.startswith
        present = 0  # bit mask of the anchors that occur
        # Occurrences come in order of their start (leftmost-longest), or of
        # their end (overlapping); either way each anchor's list is ascending.
        for a, start, _end in found:
            starts = occ.get(a)
            if starts is None:
                occ[a] = [start]
                live |= masks[a]
                present |= 1 << a
            else:
                starts.append(start)
            for k, b, other in overlaps[a]:
                if startswith(other, start + k):
                    starts = occ.get(b)
                    if starts is None:
                        occ[b] = [start + k]
                        live |= masks[b]
                        present |= 1 << b
                    else:
                        starts.append(start + k)
        return ScannedText(self, text, occ, live, present)


class ScannedText:
    """The anchor occurrences of one text, for :class:`MultiScanner`'s patterns."""

    __slots__ = ("_live", "_occ", "_present", "_scanner", "text")

    def __init__(
        self,
        scanner: MultiScanner,
        text: str,
        occ: dict[int, list[int]],
        live: int,
        present: int,
    ) -> None:
        self._scanner = scanner
        self.text = text
        self._occ = occ  # per anchor id that occurs: its starts, ascending
        self._live = live  # bit mask of the patterns that may match
        self._present = present  # bit mask of the anchors that occur

    def where(self, word: str) -> list[int]:
        """Start offsets (ascending) of ``word``, one of the scanner's ``words``."""
        return self._occ.get(self._scanner._ids[word], [])

    def live(self) -> list[int]:
        """Indices (ascending) of the patterns that may match; the others cannot."""
        bits = self._live
        return [i for i in range(len(self._scanner.patterns)) if bits >> i & 1]

    def search(self, i: int) -> re.Match[str] | None:
        """Same as ``patterns[i].search(text)``."""
        return next(self.finditer(i), None)

    def finditer(self, i: int) -> Iterator[re.Match[str]]:
        """Same as ``patterns[i].finditer(text)``."""
        starts = self.starts(i)
        if starts is None:
            return self._scanner.patterns[i].finditer(self.text)
        if not starts:
            return iter(())
        return _iter_at(self._scanner.patterns[i], self.text, starts)

    def starts(self, i: int) -> list[int] | None:
        """Every position where pattern ``i`` may match (ascending; a superset
        of its match starts), or None when it must be searched as plain ``re``.

        ``finditer`` tries the pattern at these positions; a caller that wants
        less than every match can do the same (see ``_iter_at``).
        """
        if not self._live >> i & 1:
            return []
        plan = self._scanner._plans[i]
        if plan is None:
            return None
        occ = self._occ
        present = self._present
        if present & plan.gate_mask:
            return None  # a branch that could start anywhere before its words
        direct = plan.direct
        hits = [a for a in direct if a in occ] if present & plan.direct_mask else []
        if len(hits) == 1 and len(direct[hits[0]]) == 1 and not present & plan.windowed_mask:
            # One word, one distance: its occurrences are the starts, in order.
            at, d = occ[hits[0]], direct[hits[0]][0]
            return at if d == 0 else [q - d for q in at if q >= d]
        starts: set[int] = set()
        for a in hits:
            at = occ[a]
            for d in direct[a]:
                starts.update(at if d == 0 else [q - d for q in at if q >= d])
        if present & plan.windowed_mask:
            text = self.text
            for ids, lo, hi, weak in plan.windowed:
                for a in ids:
                    if a not in occ:
                        continue
                    at = occ[a]
                    if weak is None:
                        for q in at:
                            starts.update(range(max(q - hi, 0), max(q - lo + 1, 0)))
                    else:
                        # Not every position of a wide window: where the short
                        # words the branch needs at a fixed distance occur in it.
                        starts.update(_starts_near(text, at, lo, hi, weak))
        return sorted(starts)


def _starts_near(
    text: str, at: list[int], lo: int, hi: int, weak: tuple[tuple[str, ...], int]
) -> set[int]:
    """The starts ``s`` with an occurrence in ``at`` within s+lo..s+hi and one
    of the words ``weak[0]`` at s+``weak[1]``."""
    words, d = weak
    found = set()
    find = text.find
    for q in at:
        first, last = max(q - hi, 0), q - lo  # the possible starts
        if last < first:
            continue
        for w in words:
            i = find(w, first + d, last + d + len(w))
            while i >= 0:
                found.add(i - d)
                i = find(w, i + 1, last + d + len(w))
    return found


def _iter_at(rx: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` when every match starts at one of ``starts`` (ascending)."""
    pos = 0
    match = rx.match
    for s in starts:
        if s < pos:
            continue
        m = match(text, s)
        if m is not None:
            yield m
            pos = m.end()


class LineScanner:
    """``search``/``finditer`` of a pattern that only matches at line starts, same results.

    Why: a ``re.MULTILINE`` pattern whose every branch starts with ``^`` can
    only match at offset 0 or right after a "\\n", but ``re`` still tries every
    offset of the text (about 10 µs per KB). How: the same pattern behind a
    literal "\\n" lets ``re`` jump from line break to line break; the match it
    finds after the "\\n" at ``q`` says the pattern matches at ``q + 1``, and
    ``rx.match(text, q + 1)`` returns exactly that match (``^`` and look-behinds
    see the whole text, not the search start). Offset 0 is tried on its own.
    Patterns that do not fit (no ``re.MULTILINE``, a branch without a leading
    ``^``, possible empty matches, ``re.VERBOSE``) use ``rx`` as is.

    A case-sensitive pattern whose every branch requires one of a few words
    (``schrieb``, ``wrote``; the same parse-tree analysis as MultiScanner's) is
    first tested for them with ``str.find``: where none occurs at or after the
    start, nothing can match, and a pattern that backtracks through every line
    is not run at all. These texts meet no other pattern, so no automaton.
    """

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self._after_nl: re.Pattern[str] | None = None
        self._gate: tuple[str, ...] = ()
        try:
            parsed = _sre_parse.parse(rx.pattern, rx.flags)
            branches = _branches(parsed.data)
            if self._fits(rx, parsed, branches):
                self._after_nl = re.compile("\n(?:" + rx.pattern + ")", rx.flags)
                self._gate = self._required(rx, parsed.state, branches)
        except Exception:  # an unexpected parse tree: plain ``re`` is always right
            self._after_nl = None
            self._gate = ()

    @property
    def accelerated(self) -> bool:
        """Whether line starts are found by ``re`` itself (not by a Python loop over lines)."""
        return self._after_nl is not None

    @staticmethod
    def _required(rx: re.Pattern[str], state: Any, branches: list[list[Any]]) -> tuple[str, ...]:
        """Words of which every match contains one, or () when unknown."""
        if rx.flags & re.IGNORECASE:
            return ()
        words: set[str] = set()
        for items in branches:
            options = _options(state, items)
            if not options:
                return ()
            words.update(max(options, key=_shortest).words)
        # A word containing another one is implied by it (" schrieb", "schrieb").
        words = {w for w in words if not any(v != w and v in w for v in words)}
        return tuple(sorted(words, key=len))

    @staticmethod
    def _fits(rx: re.Pattern[str], parsed: Any, branches: list[list[Any]]) -> bool:
        if not rx.flags & re.MULTILINE or rx.flags & re.VERBOSE:
            return False
        if rx.pattern.startswith("(?") and rx.pattern[2:3].isalpha():
            return False  # global inline flags must stay at the start
        if parsed.getwidth()[0] == 0 or not parsed.state.flags & re.MULTILINE:
            return False
        # The parser writes "^" as AT_BEGINNING; under MULTILINE it compiles
        # to "at a line start".
        return all(
            items
            and items[0][0] is _sre_c.AT
            and items[0][1] in (_sre_c.AT_BEGINNING, _sre_c.AT_BEGINNING_LINE)
            for items in branches
        )

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """Same as ``self.rx.search(text, pos)``."""
        after_nl = self._after_nl
        if after_nl is None:
            return self.rx.search(text, pos)
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
