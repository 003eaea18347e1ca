"""The OCR worker: real Tesseract in a sandboxed process (environment, limits, cancel, timeout).

Tesseract is required in CI (HELPERDESK_REQUIRE_SERVERS=1) and skipped with
a reason elsewhere. Pages are few and small here; the accuracy run over the
whole corpus is marked slow (test_ocr_accuracy.py).
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from helperdesk.analysis.analyze import analyze_letter
from helperdesk.app.ocr import engine

from conftest import need
from ocr_letters import (
    DEGRADATIONS,
    findings,
    heic,
    letter_pdf,
    photographed,
    scanned_pdf,
    snippet,
    truth,
    two_page_tiff,
)
from proc_table import alive, children


def ocr_workers() -> set[int]:
    """This process's OCR workers (the parsing sandbox's workers are children too)."""
    found = set()
    for pid in children(os.getpid()):
        try:
            if b"ocr.worker" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.add(pid)
        except OSError:
            continue  # ended meanwhile
    return found

LETTER = "b_jc_mitwirkung_explicit_he"


@pytest.fixture(autouse=True)
def tesseract() -> Iterator[None]:
    need(shutil.which("tesseract") is not None, "Tesseract is not installed (tesseract-ocr)")
    engine.status.cache_clear()
    need(engine.status().available, engine.status().reason)
    yield
    engine.status.cache_clear()


def _analysed(text: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    return findings(analyze_letter(text, subject="Brief").to_json())


def test_a_photographed_letter_gives_the_ids_and_deadline_of_its_text() -> None:
    photo = photographed(LETTER, DEGRADATIONS[3])
    seen: list[tuple[int, int]] = []
    reading = engine.recognise_images([photo], progress=lambda d, n: seen.append((d, n)))
    assert seen == [(1, 1)]
    page = reading.pages[0]
    assert not page.error
    assert 1.0 <= abs(page.skew) <= 3.0  # the photo was turned by 1-3 degrees
    ids, deadlines = truth(letter_pdf(LETTER))
    assert ids and deadlines
    assert _analysed(page.text) == (ids, deadlines)


@pytest.mark.slow
def test_an_upside_down_photo_is_turned() -> None:
    reading = engine.recognise_images([photographed(LETTER, DEGRADATIONS[4])])
    assert reading.pages[0].turned == 180
    assert _analysed(reading.pages[0].text) == truth(letter_pdf(LETTER))


def test_the_worker_has_a_clean_environment_and_limits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HELPERDESK_PASSPHRASE", "geheim")
    monkeypatch.setenv("HELPERDESK_STORE", "/tmp/store.db")
    photo = snippet(LETTER)
    seen: dict[str, str] = {}

    def look(done: int, total: int) -> None:
        if done == 1:  # the worker still has the second page to read
            (worker,) = ocr_workers()
            seen["environ"] = Path(f"/proc/{worker}/environ").read_bytes().decode()
            seen["limits"] = Path(f"/proc/{worker}/limits").read_text()
            seen["session"] = str(os.getsid(worker) == worker)

    reading = engine.recognise_images([photo, photo], progress=look)
    assert [p.error for p in reading.pages] == ["", ""]
    assert "HELPERDESK" not in seen["environ"]
    assert "geheim" not in seen["environ"]
    assert "OMP_THREAD_LIMIT=1" in seen["environ"]
    address = next(line for line in seen["limits"].splitlines()
                   if line.startswith("Max address space"))
    assert str(engine.ADDRESS_SPACE) in address
    cpu = next(line for line in seen["limits"].splitlines() if line.startswith("Max cpu time"))
    assert "unlimited" not in cpu.split("seconds")[0]
    assert seen["session"] == "True"  # its own process group: cancel ends Tesseract too


def test_cancel_ends_the_worker_and_tesseract() -> None:
    photo = snippet(LETTER)
    cancel = threading.Event()
    workers: list[int] = []

    def first_page(done: int, total: int) -> None:
        workers.extend(ocr_workers())
        cancel.set()

    with pytest.raises(engine.OcrCancelled):
        engine.recognise_images([photo, photo, photo], progress=first_page, cancel=cancel)
    assert workers
    assert not any(alive(pid) for pid in workers)
    assert not ocr_workers()


def test_a_page_that_takes_too_long_is_stopped_and_named() -> None:
    photo = snippet(LETTER)
    reading = engine.recognise_images([photo], page_timeout=0.2)
    assert len(reading.pages) == 1
    assert "longer than" in reading.pages[0].error or "too long" in reading.pages[0].error
    assert reading.problems


def test_garbage_and_truncated_images_are_a_page_error_not_a_crash() -> None:
    photo = snippet(LETTER)
    reading = engine.recognise_images([b"not an image at all", photo[: len(photo) // 3]])
    assert len(reading.pages) == 2
    assert "unreadable" in reading.pages[0].error
    # A truncated JPEG decodes partly (grey below the cut) or not at all; never raises.
    assert reading.pages[1].error or isinstance(reading.pages[1].text, str)


@pytest.mark.slow  # the same path runs in test_ocr_import (a scanned page in a PDF)
def test_text_less_pdf_pages_are_rendered_and_read_in_the_worker() -> None:
    reading = engine.recognise_pdf_pages(scanned_pdf(LETTER), [0])
    assert [p.index for p in reading.pages] == [0]
    assert _analysed(reading.pages[0].text) == truth(letter_pdf(LETTER))


def test_missing_language_data_is_one_clear_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # no language data there
    engine.status.cache_clear()
    with pytest.raises(engine.OcrUnavailable) as caught:
        engine.recognise_images([b"x"])
    message = str(caught.value)
    assert "German language data" in message and "\n" not in message


def test_heic_photos_are_read() -> None:
    data = heic(LETTER)
    assert data[4:12] == b"ftypheic"
    reading = engine.recognise_images([data])
    assert not reading.pages[0].error
    assert _analysed(reading.pages[0].text) == truth(letter_pdf(LETTER))


@pytest.mark.slow
def test_a_multi_page_tiff_gives_a_page_each_and_turns_the_upside_down_one() -> None:
    reading = engine.recognise_images([two_page_tiff(LETTER)])
    assert [(p.part, p.turned, p.error) for p in reading.pages] == [(0, 0, ""), (0, 180, "")]
    assert "43901BG0120045" in reading.pages[1].text


def test_tesseract_gets_the_page_through_a_pipe_and_writes_no_file(tmp_path: Path) -> None:
    """strace of the worker tree: no file is created or written by the worker or Tesseract."""
    if shutil.which("strace") is None:
        pytest.skip("strace is not installed")
    import subprocess

    page = snippet(LETTER)
    trace = tmp_path / "trace"
    job = (json.dumps({"kind": "images", "langs": "deu", "sizes": [len(page)],
                       "page_timeout": 60}).encode() + b"\n" + page)
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=open,openat,creat,rename,unlink",
         "-o", str(trace), *engine.worker_command()],
        input=job, capture_output=True, env={"PATH": "/usr/bin:/bin", "OMP_THREAD_LIMIT": "1"},
        timeout=120, check=False)
    if b"Operation not permitted" in done.stderr or not trace.exists():
        pytest.skip("strace cannot trace here (ptrace not permitted)")
    assert b'"event": "done"' in done.stdout
    assert "deu.traineddata" in trace.read_text()  # Tesseract itself was traced
    writes = [line for line in trace.read_text().splitlines()
              if ("O_WRONLY" in line or "O_RDWR" in line or "creat(" in line)
              and "= -1" not in line and "/dev/" not in line]
    assert writes == []


def test_missing_tesseract_is_one_clear_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without Tesseract
    engine.status.cache_clear()
    with pytest.raises(engine.OcrUnavailable) as caught:
        engine.recognise_images([snippet(LETTER)])
    assert str(caught.value) == (
        "OCR is not available: Tesseract is not installed (Debian: tesseract-ocr).")
