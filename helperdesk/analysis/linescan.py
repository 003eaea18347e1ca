"""Patterns that only match at line starts, searched by jumping from line break to line break."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from helperdesk.analysis import regex_literals as lit


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
            parsed = lit.sre_parse.parse(rx.pattern, rx.flags)
            branches = lit.branches(parsed.data)
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
            options = lit.options(state, items)
            if not options:
                return ()
            words.update(max(options, key=lit.shortest).words)
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
            and items[0][0] is lit.sre_c.AT
            and items[0][1] in (lit.sre_c.AT_BEGINNING, lit.sre_c.AT_BEGINNING_LINE)
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
