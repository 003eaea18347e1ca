"""multiscan's scanners must find exactly what each plain compiled pattern finds."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from helperdesk.analysis import agencies as agency_detect
from helperdesk.analysis import (
    agency_senders,
    dates_de,
    letter_date,
    letter_type_cues,
    letter_types,
    multiscan,
)
from helperdesk.analysis.deadlines import common as deadline_common
from helperdesk.analysis.deadlines import cues as deadline_cues
from helperdesk.analysis.deadlines import extract as deadlines
from helperdesk.analysis.deadlines import relative as deadline_relative
from helperdesk.analysis.deadlines import safe as deadline_safe
from helperdesk.analysis.deadlines import text as deadline_text
from helperdesk.analysis.ids import candidates as id_candidates
from helperdesk.analysis.ids import checks as id_checks
from helperdesk.analysis.ids import extract as ids
from helperdesk.analysis.ids import file_numbers as id_file_numbers
from helperdesk.analysis.ids import patterns as id_patterns
from helperdesk.analysis.multiscan import LineScanner, MultiScanner, reads_before
from helperdesk.mail import headers as mailheaders
from helperdesk.mail import html_text as mailhtml
from helperdesk.mail import parse as mailparse
from helperdesk.mail import quotes as mailquotes

CORPUS = Path(__file__).parent / "corpus"

# Characters that are not Latin-1 (the automaton sees "?"), change length or
# context when lower-cased, or are whitespace to str but not to bytes.
ODD = ["İ", "ẞ", "\u212a", "Σ", "😀", "–", "€", "\udc80", "?", "\u00a0", "\u2003", "\x85", "\r"]
ODD_TEXTS = [
    "Bescheid \udc80 vom 3. März – 𝔘 bis zum 15.04.2025 um 9:30 Uhr, Zimmer 12",  # lone surrogate
    "𝔘𝔘 Termin am 03.03.2025 um 10:15 Uhr – Raum 4 · ﬁ İstanbul Bescheid",  # astral, İ
    "",
    "a",
    "aaaa",
]


def _texts() -> list[str]:
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(CORPUS.iterdir())
        if p.suffix in (".eml", ".txt")
    ]
    words = sorted({w for t in texts for w in t.split()})
    shuffled = []
    # Cue words in unusual neighbourhoods: plain separators, and odd characters between.
    for seed, seps in ((4, [" ", "\n", ": ", "/", ""]), (7, [" ", "\n", ": ", "", "", *ODD])):
        rng = random.Random(seed)
        for _ in range(40):
            shuffled.append("".join(rng.choice(words) + rng.choice(seps) for _ in range(200)))
    texts += shuffled
    return texts + [t.lower() for t in texts] + [t.upper() for t in texts[::5]] + ODD_TEXTS


def _module_patterns() -> list[re.Pattern[str]]:
    """Every compiled text pattern of the analysis modules (also inside tuples)."""
    found: dict[int, re.Pattern[str]] = {}

    def take(v: object) -> None:
        if isinstance(v, LineScanner):
            v = v.rx
        if isinstance(v, MultiScanner):
            for rx in v.patterns:
                take(rx)
        if isinstance(v, re.Pattern) and isinstance(v.pattern, str):  # scanners take text
            found[id(v)] = v

    modules = (ids, id_checks, id_patterns, id_candidates, letter_types, agency_detect, deadlines,
               deadline_cues, deadline_text, letter_date, dates_de, mailparse, mailheaders,
               mailhtml, mailquotes, agency_senders, letter_type_cues, id_file_numbers,
               deadline_common, deadline_relative, deadline_safe)  # fmt: skip
    for mod in modules:
        for name in dir(mod):
            v = getattr(mod, name)
            take(v)
            if isinstance(v, tuple):
                for item in v:
                    for x in item if isinstance(item, tuple) else (item,):
                        take(x)
    return list(found.values())


TEXTS = _texts()
PATTERNS = _module_patterns()
SCANNERS = {
    "agency": (agency_detect._PHRASE_SCAN, False),
    "letter": (letter_types._CUE_SCAN, True),
    "health": (id_patterns.HEALTH_CONTEXT_LOW_SCAN, True),
}


def _spans(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def _span(m: re.Match[str] | None) -> tuple[tuple[int, int], tuple[str | None, ...]] | None:
    return m and (m.span(), m.groups())


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
            assert _span(scanned.search(i)) == _span(rx.search(text)), rx.pattern
            if expected:
                assert i in live, rx.pattern


def test_health_context_is_accelerated() -> None:
    # Its "\btk\b" needs two-character words; with the default it would run as plain re.
    assert id_patterns.HEALTH_CONTEXT_LOW_SCAN._plans[0] is not None


@pytest.mark.parametrize("rx", PATTERNS, ids=lambda rx: rx.pattern[:40])
def test_each_module_pattern_equals_re(rx: re.Pattern[str]) -> None:
    # Any pattern of the analysis, alone (leftmost-longest search), with
    # three- and two-character words.
    scanners = [MultiScanner([rx]), MultiScanner([rx], min_word=2)]
    for text in TEXTS:
        expected = _spans(rx.finditer(text))
        first = _span(rx.search(text))
        for scanner in scanners:
            scanned = scanner.scan(text)
            assert _spans(scanned.finditer(0)) == expected
            assert _span(scanned.search(0)) == first


def test_all_module_patterns_together_equal_re() -> None:
    # Many anchors: overlapping search; words of one pattern inside another's.
    scanner = MultiScanner(PATTERNS, min_word=2)
    assert scanner._overlapping
    for text in TEXTS[::3]:
        scanned = scanner.scan(text)
        for i, rx in enumerate(PATTERNS):
            assert _spans(scanned.finditer(i)) == _spans(rx.finditer(text)), rx.pattern


@pytest.mark.parametrize(
    "pattern, text",
    [
        (r"(?<=a)bc|xb", "abc"),  # look-behind sees the text before a start
        (r"\bcd|zz", "abcd cd"),  # word boundary at a candidate start
        (r"^ab|xab", "ab\nab"),  # ^ only at the real start
        (r"(?m)^ab|xab", "ab\nab"),
        (r"\d{1,2}:\d{2} uhr", "um 9:30 uhr und 10:15 uhr"),
        (r"(a)\1|bb", "aa bb"),  # back reference: plain re
        (r"(?i:foo)bar|baz", "FOObar baz"),
        (r"x?|y", "xy"),  # may match empty: plain re
        (r"\btk\b|aok", "atk tk aok"),
    ],
)
def test_edge_cases(pattern: str, text: str) -> None:
    rx = re.compile(pattern)
    for scanner in (MultiScanner([rx]), MultiScanner([rx], min_word=2)):
        scanned = scanner.scan(text)
        assert _spans(scanned.finditer(0)) == _spans(rx.finditer(text))
        assert _span(scanned.search(0)) == _span(rx.search(text))


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


def test_phone_labels_distributed_like_the_prefix_form() -> None:
    # id_candidates writes "(?:tel|fax|…)NUMBER" as "tel NUMBER|fax NUMBER|…" (see there).
    labels = "|".join(id_candidates._PHONE_LABELS)
    prefix = re.compile("(?:" + labels + ")" + id_candidates._PHONE_NUMBER)
    for text in TEXTS:
        assert _spans(id_candidates._PHONE_LABEL_RE.finditer(text)) == _spans(prefix.finditer(text))


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


LINE_PATTERNS = [rx for rx in PATTERNS if LineScanner(rx)._after_nl is not None]


def test_line_patterns_found() -> None:
    names = ("_FORWARD_MARKER_RE", "_ORIGINAL_MARKER_RE", "_ATTRIBUTION_RE", "_OUTLOOK_FROM_RE")
    assert {getattr(mailquotes, n).pattern for n in names} <= {rx.pattern for rx in LINE_PATTERNS}
    # The patterns that backtrack through every line are gated by their words.
    assert set(LineScanner(mailquotes._ATTRIBUTION_RE)._gate) == {"schrieb", "wrote", "a écrit"}


@pytest.mark.parametrize("rx", LINE_PATTERNS, ids=lambda rx: rx.pattern[:40])
def test_line_scanner_equals_re(rx: re.Pattern[str]) -> None:
    scanner = LineScanner(rx)
    rng = random.Random(rx.pattern.encode("utf-8", "surrogatepass"))
    for text in [*TEXTS, "\n", "\n\n> x\n"]:
        assert _spans(scanner.finditer(text)) == _spans(rx.finditer(text))
        for pos in (0, 1, rng.randint(0, len(text)), len(text), len(text) + 3, -2):
            assert _span(scanner.search(text, pos)) == _span(rx.search(text, pos))


@pytest.mark.parametrize(
    "pattern, text",
    [
        (r"(?m)^ab|^xab", "ab\nxab\nab"),
        (r"(?m)^(?<=\n)ab", "ab\nab"),  # look-behind at a line start
        (
            r"(?m)^[ \t]*(?:Am|On)[^\n]{0,20}schrieb:$|^[^\n>]{2,30} schrieb:$",
            "x\nAm 1. schrieb:\nB schrieb:",
        ),
        (r"^ab", "ab\nab"),  # no MULTILINE: plain re
        (r"(?m)^a?", "a\n"),  # may match empty: plain re
        (r"(?m)^ab|cd", "ab\ncd"),  # a branch without ^: plain re
    ],
)
def test_line_scanner_edge_cases(pattern: str, text: str) -> None:
    rx = re.compile(pattern)
    scanner = LineScanner(rx)
    assert _spans(scanner.finditer(text)) == _spans(rx.finditer(text))
    for pos in range(-1, len(text) + 2):
        assert _span(scanner.search(text, pos)) == _span(rx.search(text, pos))


def test_the_analysis_patterns_stay_accelerated() -> None:
    """multiscan reads literals out of ``re``'s private parser; a Python release that
    changes those trees would make patterns fall back to plain ``re`` silently:
    still correct, but analysis about five times slower. Fail here instead."""
    from helperdesk.analysis import agencies, letter_types
    from helperdesk.analysis.ids import patterns
    from helperdesk.mail import quotes

    scanners = {
        "letter-type cues": letter_types._CUE_SCAN,
        "agency phrases": agencies._PHRASE_SCAN,
        "health context": patterns.HEALTH_CONTEXT_LOW_SCAN,
    }
    for name, scanner in scanners.items():
        share = scanner.accelerated / len(scanner.patterns)
        assert share >= 0.9, f"{name}: only {share:.0%} of the patterns accelerated"
    line_scanners = [quotes._FORWARD_MARKER_SCAN, quotes._ORIGINAL_MARKER_SCAN,
                     quotes._ATTRIBUTION_SCAN, quotes._OUTLOOK_FROM_SCAN,
                     quotes._HEADER_FROM_ADDR_SCAN]
    assert sum(s.accelerated for s in line_scanners) >= len(line_scanners) - 1
