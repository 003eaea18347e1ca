"""multiscan.MultiScanner must find exactly what each plain compiled pattern finds."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from helperdesk import agency_detect, letter_types, multiscan
from helperdesk.multiscan import MultiScanner, reads_before

CORPUS = Path(__file__).parent / "corpus"

# Characters that are not Latin-1 (the automaton sees "?"), change length or
# context when lower-cased, or are whitespace to str but not to bytes.
ODD = ["İ", "ẞ", "\u212a", "Σ", "😀", "–", "€", "\udc80", "?", "\u00a0", "\u2003", "\x85", "\r"]


def _texts() -> list[str]:
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(CORPUS.iterdir())
        if p.suffix in (".eml", ".txt")
    ]
    rng = random.Random(7)
    words = sorted({w for t in texts for w in t.split()})
    for _ in range(40):  # cue words in unusual neighbourhoods, odd characters between
        texts.append(
            "".join(
                rng.choice(words) + rng.choice([" ", "\n", ": ", "", "", *ODD]) for _ in range(200)
            )
        )
    return texts + [t.lower() for t in texts] + [t.upper() for t in texts[::5]] + ["", "a"]


TEXTS = _texts()
SCANNERS = {
    "agency": (agency_detect._PHRASE_SCAN, False),
    "letter": (letter_types._CUE_SCAN, True),
}


def _spans(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(SCANNERS))
def test_module_scanners_equal_re(name: str) -> None:
    scanner, lowered = SCANNERS[name]
    for original in TEXTS:
        text = original.lower() if lowered else original
        scanned = scanner.scan(text)
        live = set(scanned.live())
        for i, rx in enumerate(scanner.patterns):
            expected = _spans(rx.finditer(text))
            assert _spans(scanned.finditer(i)) == expected, (rx.pattern, text[:80])
            if expected:
                assert i in live, rx.pattern


def _random_patterns(rng: random.Random, count: int) -> list[re.Pattern[str]]:
    """Cue-like patterns over a small alphabet, so that their words overlap a lot."""
    alphabet = "abcde "

    def word() -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(3, 6)))

    pieces: list[Callable[[], str]] = [
        word,
        lambda: rf"\b{word()}",
        lambda: f"{word()}[^\\n]{{0,{rng.randint(0, 12)}}}{word()}",
        lambda: f"(?:{word()}|{word()})e?{word()}",
        lambda: f"{word()}\\s?\\d{{1,2}}",
        lambda: f"[a-c]{word()}",
        lambda: f"{word()}(?=b)",
        lambda: f"(?P<n{rng.randint(0, 9)}>{word()})x?",
    ]
    out = []
    for _ in range(count):
        branches = [rng.choice(pieces)() for _ in range(rng.randint(1, 4))]
        out.append(re.compile("|".join(branches)))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_random_patterns_equal_re(seed: int) -> None:
    # Few anchors: leftmost-longest search plus the overlap checks; many:
    # overlapping search. Both must find every occurrence.
    rng = random.Random(seed)
    patterns = _random_patterns(rng, 4 if seed % 2 else 40)
    scanner = MultiScanner(patterns)
    assert scanner._overlapping == (len(scanner._ids) > multiscan._PREFILTER_MAX)
    # Texts of the patterns' words, parts of them and noise, so that words
    # occur often and overlap.
    words = [w for rx in patterns for w in re.findall(r"[a-e ]{3,}", rx.pattern)]
    for _ in range(150):
        parts = []
        for _ in range(rng.randint(0, 40)):
            w = rng.choice(words)
            parts.append(w[rng.randint(0, len(w) - 1) :] if rng.random() < 0.3 else w)
            parts.append(rng.choice(["", "", " ", "b", "\n", "1", "12", "?", "–", "x"]))
        text = "".join(parts)
        scanned = scanner.scan(text)
        for i, rx in enumerate(patterns):
            assert _spans(scanned.finditer(i)) == _spans(rx.finditer(text)), (rx.pattern, text)


def test_words_are_found_where_they_occur() -> None:
    scanner = MultiScanner([re.compile("bescheid")], [":", "kein", "schrieb"])
    text = "kein: keine Bescheid:\nAm 3. schrieb kein"
    scanned = scanner.scan(text)
    for word in (":", "kein", "schrieb"):
        assert scanned.where(word) == [m.start() for m in re.finditer(re.escape(word), text)]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"^ab", True),
        (r"\Aab", True),
        (r"(?<=x)ab", True),
        (r"x|(?<!y)ab", True),
        (r"(?m)ab", True),
        (r"ab\b|cd[^\n]{0,4}$", False),
        (r"(?P<x>ab)(?=c)", False),
    ],
)
def test_reads_before(pattern: str, expected: bool) -> None:
    assert reads_before(re.compile(pattern)) is expected


def test_no_cue_reads_before_its_start() -> None:
    # Letter types match a text's zones in place (see letter_types._body_scores).
    assert letter_types._IN_PLACE
