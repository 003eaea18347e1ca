"""textscan.Scanner must return exactly what the plain compiled pattern returns."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from helperdesk import agency_detect, dates_de, deadlines, ids, letter_types
from helperdesk.textscan import Scanner

CORPUS = Path(__file__).parent / "corpus"


def _module_patterns() -> list[re.Pattern[str]]:
    found: dict[int, re.Pattern[str]] = {}

    def take(v: object) -> None:
        if isinstance(v, Scanner):
            v = v.rx
        if isinstance(v, re.Pattern):
            found[id(v)] = v

    for mod in (ids, letter_types, agency_detect, deadlines, dates_de):
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
    rng = random.Random(rx.pattern)
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
