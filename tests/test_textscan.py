"""textscan.Scanner must return exactly what the plain compiled pattern returns."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from helperdesk import agency_detect, dates_de, deadlines, ids, letter_types, mailparse, textscan
from helperdesk.textscan import LineScanner, Scanner

CORPUS = Path(__file__).parent / "corpus"


def _module_patterns() -> list[re.Pattern[str]]:
    found: dict[int, re.Pattern[str]] = {}

    def take(v: object) -> None:
        if isinstance(v, (Scanner, LineScanner)):
            v = v.rx
        if isinstance(v, re.Pattern) and isinstance(v.pattern, str):  # scanners take text
            found[id(v)] = v

    for mod in (ids, letter_types, agency_detect, deadlines, dates_de, mailparse):
        for name in dir(mod):
            v = getattr(mod, name)
            take(v)
            if isinstance(v, tuple):
                for item in v:
                    for x in item if isinstance(item, tuple) else (item,):
                        take(x)
    return list(found.values())


def _texts() -> list[str]:
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(CORPUS.iterdir())
        if p.suffix in (".eml", ".txt")
    ]
    rng = random.Random(4)
    words = sorted({w for t in texts for w in t.split()})
    for _ in range(40):  # shuffled words: cue literals in unusual neighbourhoods
        texts.append(
            "".join(rng.choice(words) + rng.choice([" ", "\n", ": ", "/", ""]) for _ in range(200))
        )
    return texts + [t.lower() for t in texts]


PATTERNS = _module_patterns()
TEXTS = _texts()


def _spans(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("rx", PATTERNS, ids=lambda rx: rx.pattern[:40])
def test_scanner_equals_re(rx: re.Pattern[str]) -> None:
    scanner = Scanner(rx)
    rng = random.Random(rx.pattern.encode("utf-8", "surrogatepass"))
    for text in TEXTS:
        assert _spans(scanner.finditer(text)) == _spans(rx.finditer(text))
        pos = rng.randint(0, len(text))
        a, b = rx.search(text, pos), scanner.search(text, pos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


@pytest.mark.parametrize(
    "pattern, text",
    [
        (r"(?<=a)bc|xb", "abc"),  # look-behind sees the text before pos
        (r"\bcd|zz", "abcd cd"),  # word boundary at a candidate start
        (r"^ab|xab", "ab\nab"),  # ^ only at the real start
        (r"(?m)^ab|xab", "ab\nab"),
        (r"\d{1,2}:\d{2} uhr", "um 9:30 uhr und 10:15 uhr"),
        (r"(a)\1|bb", "aa bb"),  # back reference: plain re
        (r"(?i:foo)bar|baz", "FOObar baz"),
        (r"x?|y", "xy"),  # may match empty: plain re
    ],
)
def test_scanner_edge_cases(pattern: str, text: str) -> None:
    rx = re.compile(pattern)
    scanner = Scanner(rx)
    assert _spans(scanner.finditer(text)) == _spans(rx.finditer(text))
    for pos in range(len(text) + 1):
        a, b = rx.search(text, pos), scanner.search(text, pos)
        assert (a and a.span()) == (b and b.span())


def _indexed(text: str) -> str:
    """``text`` with its literal index built (as after many look-ups)."""
    index = textscan._index_of(text)
    if index.occurrences is None:
        index.build(text)
    return text


SCANNERS = [Scanner(rx) for rx in PATTERNS]
ODD_TEXTS = [
    "Bescheid \udc80 vom 3. März – 𝔘 bis zum 15.04.2025 um 9:30 Uhr, Zimmer 12",  # lone surrogate
    "𝔘𝔘 Termin am 03.03.2025 um 10:15 Uhr – Raum 4 · ﬁ İstanbul Bescheid",  # astral, İ
    "",
    "aaaa",
]


@pytest.mark.parametrize("start", range(0, 8))
def test_indexed_text_equals_re(start: int) -> None:
    # Every eighth text, indexed first: all scanners answer from the
    # Aho-Corasick index (and per-text plans) instead of single finds.
    rng = random.Random(start)
    for text in [*TEXTS[start::8], *ODD_TEXTS]:
        _indexed(text)
        for scanner in SCANNERS:
            rx = scanner.rx
            assert _spans(scanner.finditer(text)) == _spans(rx.finditer(text)), rx.pattern
            pos = rng.randint(0, len(text))
            a, b = rx.search(text, pos), scanner.search(text, pos)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), rx.pattern


def test_literals_equal_in() -> None:
    words = ["bescheid", "krankenkasse", "tk", "zeichen", "\udc80x", "𝔘"]
    lits = textscan.Literals(words[:4])
    for text in [*TEXTS[::10], *ODD_TEXTS]:
        for indexed in (False, True):
            if indexed:
                _indexed(text)
            for w in words:
                assert lits.contains(text, w) == (w in text)
            assert lits.any_in(text, words[:3]) == any(w in text for w in words[:3])


def test_phone_labels_distributed_like_the_prefix_form() -> None:
    # ids writes "(?:tel|fax|…)NUMBER" as "tel NUMBER|fax NUMBER|…" (see there).
    prefix = re.compile("(?:" + "|".join(ids._PHONE_LABELS) + ")" + ids._PHONE_NUMBER)
    for text in TEXTS:
        assert _spans(ids._PHONE_LABEL_RE.finditer(text)) == _spans(prefix.finditer(text))


LINE_PATTERNS = [rx for rx in PATTERNS if LineScanner(rx)._after_nl is not None]


def test_line_patterns_found() -> None:
    names = ("_FORWARD_MARKER_RE", "_ORIGINAL_MARKER_RE", "_ATTRIBUTION_RE", "_OUTLOOK_FROM_RE")
    assert {getattr(mailparse, n).pattern for n in names} <= {rx.pattern for rx in LINE_PATTERNS}


@pytest.mark.parametrize("rx", LINE_PATTERNS, ids=lambda rx: rx.pattern[:40])
def test_line_scanner_equals_re(rx: re.Pattern[str]) -> None:
    scanner = LineScanner(rx)
    rng = random.Random(rx.pattern.encode("utf-8", "surrogatepass"))
    for text in [*TEXTS, *ODD_TEXTS, "\n", "\n\n> x\n"]:
        assert _spans(scanner.finditer(text)) == _spans(rx.finditer(text))
        for pos in (0, 1, rng.randint(0, len(text)), len(text), len(text) + 3, -2):
            a, b = rx.search(text, pos), scanner.search(text, pos)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


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
        a, b = rx.search(text, pos), scanner.search(text, pos)
        assert (a and a.span()) == (b and b.span())
