"""Many regexes over one text with one Aho-Corasick pass, with exactly ``re``'s matches.

Why: agency detection and letter typing each run a few dozen cue regexes over
the same ~10 KB text. Most cues start with an alternation, a group or a
character class, so ``re`` tries every position of the text for each cue,
and the cost adds up to a large share of the analysis of a mail.

How, without changing any result: from each pattern's parse tree we derive,
per top-level alternative ("branch"), sets of literal words that every match
of the branch contains, each at a known range of distances from the match
start (an "option"). One Aho-Corasick pass (ahocorasick_rs) over a text finds
every occurrence of every word of every pattern at once. Then, per pattern:

* a branch with an option none of whose words occurs cannot match here;
* for a branch that can, one option with a bounded range gives every
  possible match start (occurrence minus distance), and
  ``pattern.match(text, s)`` at those starts in ascending order yields the
  same matches as ``pattern.finditer(text)``: a match at ``s`` does not
  depend on where a search began (``^``, look-behinds and ``\\b`` see the
  whole text), a start where no branch can match is never a match start,
  and after each match the next one is looked for from its end, as
  ``finditer`` does (patterns that can match empty are not accelerated).

Whatever the analysis cannot prove (flags such as IGNORECASE, back
references, a branch without a usable literal, texts Aho-Corasick cannot
encode) falls back to the plain compiled pattern.
"""

from __future__ import annotations

import bisect
import itertools
import re

# The parser is a private module of ``re``, stable for many releases; any
# surprise in it makes a pattern fall back to plain ``re`` (see _analyse).
import re._constants as _sre_c  # type: ignore[import-not-found]
import re._parser as _sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick_rs

__all__ = ["MultiScanner", "ScannedText"]

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


def _options(state: Any, items: list[Any]) -> list[_Option]:
    """The literal word sets every match of a branch (a flat sequence) contains."""
    found: list[_Option] = []
    lo = hi = 0  # distance range of the current item from the match start
    words: list[str] = [""]
    set_lo = set_hi = 0  # where the current words start

    def close() -> None:
        if words != [""] and min(map(len, words)) >= _MIN_WORD:
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
# Words at least this long are rare enough to look for (see _analyse).
_STRONG_WORD = 6
# Up to this many anchors, search with the automaton's prefilter (see MultiScanner).
_PREFILTER_MAX = 60


def _indexable(word: str) -> bool:
    # The automaton reads Latin-1 with "?" for every other character (see scan).
    return "?" not in word and all(ord(ch) < 256 for ch in word)


# One option of a branch: bit mask and ids of its anchors, and the distance
# range of its words from the match start.
_Need = tuple[int, tuple[int, ...], int, int]


@dataclass(frozen=True)
class _Plan:
    # Per anchor id, the distances of branches that need one word at one of a
    # few distances (most branches are a word): its occurrences minus each
    # distance are starts to try.
    direct: dict[int, tuple[int, ...]]
    direct_ids: frozenset[int]
    # The other branches: each option they need that is looked for (all of
    # them), and the words at a fixed distance they need but that are too
    # short to look for everywhere (found near the others' occurrences).
    # (Also each option's anchor bit mask.)
    branches: tuple[
        tuple[tuple[_Need, ...], tuple[tuple[tuple[str, ...], int], ...], tuple[int, ...]], ...
    ]


class MultiScanner:
    """Several compiled patterns searched together over one text.

    ``scan(text)`` does the shared work once; the returned
    :class:`ScannedText` gives each pattern's ``finditer`` over that text.
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]], words: Sequence[str] = ()) -> None:
        """``words``: more words whose occurrences the caller wants (see ScannedText.where)."""
        self.patterns = tuple(patterns)
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
            for a in plan.direct:
                self._masks[a] |= 1 << i
            for needs, _weak, _masks in plan.branches:
                for _mask, ids, _lo, _hi in needs:
                    for a in ids:
                        self._masks[a] |= 1 << i
        for word in words:
            if len(word) > _ANCHOR_LEN or not _indexable(word):
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
        self._overlaps: list[tuple[tuple[int, int, str], ...]] = [
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

    def _anchor_id(self, word: str) -> int:
        anchor = word[:_ANCHOR_LEN]
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
        branches = []
        for items in _branches(parsed.data):
            options = [o for o in _options(parsed.state, items) if all(map(_indexable, o.words))]
            if not options:
                return None  # nothing to look for: this branch could match anywhere
            # Short words ("auf", "um ") occur everywhere: a branch looks for
            # its longer words only, or else for its longest.
            strong = [o for o in options if min(map(len, o.words)) >= _STRONG_WORD]
            strong = strong or [max(options, key=lambda o: min(map(len, o.words)))]
            weak = tuple((o.words, o.lo) for o in options if o not in strong and o.lo == o.hi)
            needs = []
            for o in strong:
                ids = tuple(dict.fromkeys(self._anchor_id(w) for w in o.words))
                needs.append((sum(1 << a for a in ids), ids, o.lo, o.hi))
            if len(needs) == 1 and needs[0][3] - needs[0][2] <= _DIRECT_WINDOW:
                for a in needs[0][1]:
                    for d in range(needs[0][2], needs[0][3] + 1):
                        direct.setdefault(a, {})[d] = None
            else:
                branches.append((tuple(needs), weak, tuple(n[0] for n in needs)))
        return _Plan(
            {a: tuple(ds) for a, ds in direct.items()}, frozenset(direct), tuple(branches)
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
        overlaps = self._overlaps
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

    def finditer(self, i: int) -> Iterator[re.Match[str]]:
        """Same as ``patterns[i].finditer(text)``."""
        if not self._live >> i & 1:
            return iter(())
        scanner = self._scanner
        rx = scanner.patterns[i]
        plan = scanner._plans[i]
        if plan is None:
            return rx.finditer(self.text)
        occ = self._occ
        present = self._present
        starts: set[int] = set()
        for a in plan.direct_ids.intersection(occ):
            at = occ[a]
            for d in plan.direct[a]:
                starts.update(at if d == 0 else [q - d for q in at if q >= d])
        for needs, weak, masks in plan.branches:
            if not all(map(present.__and__, masks)):
                continue  # an option none of whose anchors occurs: no match
            # Where each bounded option's anchors occur (options too far from
            # the match start only tell that the branch can match).
            found: list[tuple[list[int], int, int]] = []
            for _mask, ids, lo, hi in needs:
                if hi - lo <= _MAX_WINDOW:
                    lists = [occ[a] for a in ids if a in occ]
                    at = lists[0] if len(lists) == 1 else sorted(itertools.chain(*lists))
                    found.append((at, lo, hi))
            if not found:
                return rx.finditer(self.text)  # could start anywhere before its words
            # Starts from the option with the fewest, then kept only where
            # every other bounded option occurs at its distance.
            first = found[0]
            if len(found) > 1:
                first = min(found, key=_cost)
            at, lo, hi = first
            if lo == hi:
                cands = [q - lo for q in at if q >= lo]
            elif weak:
                # A wide window: where a short word the branch needs at a fixed
                # distance occurs in it, not every position.
                cands = _starts_near(self.text, at, lo, hi, weak[0])
            else:
                cands = [s for q in at for s in range(max(q - hi, 0), max(q - lo + 1, 0))]
            for other in found:
                if other is not first:
                    cands = _near(cands, *other)
            starts.update(cands)
        if not starts:
            return iter(())
        return _iter_at(rx, self.text, sorted(starts))


def _cost(option: tuple[list[int], int, int]) -> int:
    """Candidate starts an option gives: occurrences times window width."""
    return len(option[0]) * (option[2] - option[1] + 1)


def _starts_near(
    text: str, at: list[int], lo: int, hi: int, weak: tuple[tuple[str, ...], int]
) -> list[int]:
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
    return sorted(found)


def _near(cands: list[int], at: list[int], lo: int, hi: int) -> list[int]:
    """The starts ``s`` of ``cands`` with an occurrence in ``at`` (ascending) within s+lo..s+hi."""
    kept = []
    n = len(at)
    for s in cands:
        j = bisect.bisect_left(at, s + lo)
        if j < n and at[j] <= s + hi:
            kept.append(s)
    return kept


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
