"""OCR accuracy on letters printed and photographed: same IDs and deadlines as the text.

Each corpus letter is rendered, rasterised at 200 dpi, turned by 1-3°, lit
unevenly and saved as JPEG quality 70 (``ocr_letters``), then read through
the production path (``helperdesk.app.ocr.letters.read_photos``). At least
95 % of the letters must give exactly the processing IDs and deadlines the
analysis finds in the letter's own text, and OCR noise must add no ID at
all. Slow (a page takes seconds): the full report over every degradation
is ``benchmarks/ocr_bench.py --accuracy``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from helperdesk.app.ocr import engine
from helperdesk.app.ocr.letters import Reader, read_photos

from conftest import need
from ocr_letters import DEGRADATIONS, LETTERS, findings, letter_pdf, photographed, truth


@pytest.fixture(autouse=True)
def tesseract() -> Iterator[None]:
    need(shutil.which("tesseract") is not None, "Tesseract is not installed (tesseract-ocr)")
    engine.status.cache_clear()
    need(engine.status().available, engine.status().reason)
    yield


def score(degradation_index: int, letters: list[str]) -> tuple[int, int, list[str]]:
    """(letters read right, extra IDs from noise, names of the misses)."""
    right, extra, misses = 0, 0, []
    for name in letters:
        data = photographed(name, DEGRADATIONS[degradation_index])
        prepared = read_photos([("letter.jpg", data)], reader=Reader())
        got = findings(prepared.analysis_json())
        want = truth(letter_pdf(name))
        extra += len(got[0] - want[0])
        if got == want:
            right += 1
        else:
            misses.append(name)
    return right, extra, misses


@pytest.mark.slow
def test_photographed_letters_give_the_ids_and_deadlines_of_their_text() -> None:
    photo = next(i for i, d in enumerate(DEGRADATIONS) if d.name.startswith("photo:"))
    right, extra, misses = score(photo, LETTERS)
    assert right / len(LETTERS) >= 0.95, misses
    assert extra == 0, misses
