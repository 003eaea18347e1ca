"""Faster regex search for the analysis, with exactly ``re``'s matches.

Skips the positions where a pattern cannot match, using the literal words
that ``regex_literals`` reads out of ``re``'s parse trees. It offers:

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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import ahocorasick_rs

from helperdesk.analysis import regex_literals as lit
from helperdesk.analysis.linescan import LineScanner
from helperdesk.analysis.regex_literals import reads_before

__all__ = ["LineScanner", "MultiScanner", "ScannedText", "reads_before"]

_ANCHOR_LEN = 16
# A branch that needs one word at most this many distances from its start
# tries each of them at each occurrence.
_DIRECT_WINDOW = 3
# Up to this many anchors, search with the automaton's prefilter (see MultiScanner).
_PREFILTER_MAX = 60



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
        min_word: int = lit.MIN_WORD,
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
            if len(word) > anchor_len or not lit.indexable(word):
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
        if rx.flags & (re.IGNORECASE | re.VERBOSE) or lit.BACKREF_RE.search(rx.pattern):
            return None
        parsed = lit.sre_parse.parse(rx.pattern, rx.flags)
        if parsed.getwidth()[0] == 0:
            return None  # empty matches: ``finditer`` steps differently after them
        direct: dict[int, dict[int, None]] = {}
        windowed = []
        gates: set[int] = set()
        for items in lit.branches(parsed.data):
            options = [
                o
                for o in lit.options(parsed.state, items, self._min_word)
                if all(map(lit.indexable, o.words))
            ]
            if not options:
                return None  # nothing to look for: this branch could match anywhere
            # Each match of the branch has a word of each option; the one with
            # the longest words (the rarest, by and large) is looked for, one
            # in a bounded window if there is one.
            bounded = [o for o in options if o.hi - o.lo <= lit.MAX_WINDOW]
            best = max(bounded or options, key=lit.shortest)
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
                weak = max(fixed, key=lit.shortest) if fixed else None
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
