"""Run OCR in a sandboxed worker process: clean environment, limits, timeout, cancel.

``recognise_images`` and ``recognise_pdf_pages`` start one worker per
letter (``python -I -c`` with ``helperdesk.app.ocr.worker``): its
environment holds no HELPERDESK_* variable and no key, it opens no store,
its address space and CPU time are limited (``resource.setrlimit`` before
exec, inherited by Tesseract), it runs in a process group of its own so a
cancel or a timeout ends Tesseract with it, and it gets the page bytes
through a pipe. Progress (pages done of total) is reported as it comes.

``status()`` says once whether Tesseract and its German data are there; a
missing engine is ``OcrUnavailable`` with one sentence for the helper, and
the caller stores the letter as "needs OCR".
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from i18n import _

# Per page: Tesseract on an A4 page at 300 dpi takes 1-3 s on one core; a
# page that takes a minute is a broken or hostile file.
PAGE_TIMEOUT = 60.0
# The worker and each Tesseract it starts may map at most this much memory.
ADDRESS_SPACE = 1536 * 1024 * 1024
# Everything given to one worker at once (a letter's pages).
MAX_INPUT_BYTES = 200 * 1024 * 1024
PROJECT_ROOT = str(Path(__file__).resolve().parents[3])
WORKER_BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); "
         "from helperdesk.app.ocr.worker import main; main()")

Progress = Callable[[int, int], None]


def worker_command() -> list[str]:
    """The worker's command line: isolated mode (no user site, no PYTHON* variables) and
    no bytecode written, so the worker writes no file at all."""
    return [sys.executable, "-I", "-B", "-c", WORKER_BOOT, PROJECT_ROOT]


class OcrUnavailable(Exception):
    """OCR cannot run here (no Tesseract, no language data); one sentence for the user."""


class OcrCancelled(Exception):
    """The helper cancelled the reading."""


@dataclass(frozen=True)
class EngineStatus:
    available: bool
    version: str = ""
    languages: frozenset[str] = frozenset()
    reason: str = ""


@dataclass
class PageResult:
    index: int  # page number in the PDF, or the image's place among the files
    part: int  # which of the given files the page came from
    text: str = ""
    turned: int = 0
    skew: float = 0.0
    confidence: float = 0.0
    error: str = ""


@dataclass
class Reading:
    """What one worker read: a result per page, in order, and the engine that read."""

    pages: list[PageResult] = field(default_factory=list)
    languages: str = ""
    engine: str = ""

    @property
    def problems(self) -> list[str]:
        return [f"page {p.index + 1}: {p.error}" for p in self.pages if p.error]


@lru_cache(maxsize=1)
def status() -> EngineStatus:
    """Whether Tesseract with German and orientation data can run here (asked once)."""
    exe = shutil.which("tesseract", path=_clean_env()["PATH"])
    if exe is None:
        return EngineStatus(False, reason=_(
            "OCR is not available: Tesseract is not installed (Debian: tesseract-ocr)."))
    try:
        version = subprocess.run([exe, "--version"], capture_output=True, timeout=20,
                                 env=_clean_env(), check=False)
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=20,
                               env=_clean_env(), check=False)
    except (OSError, subprocess.TimeoutExpired):
        return EngineStatus(False, reason=_("OCR is not available: Tesseract does not start."))
    first = (version.stdout or version.stderr).decode(errors="replace").splitlines()
    names = frozenset(
        line.strip() for line in langs.stdout.decode(errors="replace").splitlines()[1:]
        if line.strip())
    engine = first[0].strip() if first else "tesseract"
    if "deu" not in names:
        return EngineStatus(False, engine, names, _(
            "OCR is not available: German language data for Tesseract is missing "
            "(Debian: tesseract-ocr-deu)."))
    return EngineStatus(True, engine, names)


def _clean_env() -> dict[str, str]:
    """The worker's whole environment: nothing of HelperDesk, one thread for Tesseract."""
    env = {"PATH": os.environ.get("PATH") or "/usr/local/bin:/usr/bin:/bin",
           "LANG": "C.UTF-8", "OMP_THREAD_LIMIT": "1"}
    if "TESSDATA_PREFIX" in os.environ:  # where the user keeps language data
        env["TESSDATA_PREFIX"] = os.environ["TESSDATA_PREFIX"]
    return env


def _limit(cpu_seconds: int) -> Callable[[], None]:
    def apply() -> None:  # in the child, between fork and exec
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def recognise_images(
    images: Sequence[bytes], *, languages: str = "deu", progress: Progress | None = None,
    cancel: threading.Event | None = None, page_timeout: float = PAGE_TIMEOUT,
) -> Reading:
    """Read page images (JPEG, PNG, TIFF, HEIC); a multi-page TIFF gives several pages."""
    job = {"kind": "images", "langs": languages}
    return _run(job, list(images), len(images), progress=progress, cancel=cancel,
                page_timeout=page_timeout)


def recognise_pdf_pages(
    pdf: bytes, pages: Sequence[int], *, languages: str = "deu",
    progress: Progress | None = None, cancel: threading.Event | None = None,
    page_timeout: float = PAGE_TIMEOUT,
) -> Reading:
    """Render the given pages of a PDF (0-based) in the worker and read them."""
    job = {"kind": "pdf", "langs": languages, "pages": list(pages)}
    return _run(job, [pdf], len(pages), progress=progress, cancel=cancel,
                page_timeout=page_timeout)


def _run(
    job: dict[str, Any], parts: list[bytes], expected: int, *, progress: Progress | None,
    cancel: threading.Event | None, page_timeout: float,
) -> Reading:
    state = status()
    if not state.available:
        raise OcrUnavailable(state.reason)
    missing = [lang for lang in str(job["langs"]).split("+") if lang not in state.languages]
    if missing:
        raise OcrUnavailable(_("OCR is not available: no Tesseract data for {langs}.").format(
            langs=", ".join(missing)))
    if sum(map(len, parts)) > MAX_INPUT_BYTES:
        raise OcrUnavailable(_("The pages are too large to read ({mb} MB at most).").format(
            mb=MAX_INPUT_BYTES // 2**20))
    job = {**job, "sizes": [len(p) for p in parts], "page_timeout": page_timeout}
    cpu = int(page_timeout * max(1, expected) * 2) + 30
    proc = subprocess.Popen(
        worker_command(), stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_clean_env(),
        cwd="/", start_new_session=True, preexec_fn=_limit(cpu),  # noqa: PLW1509
    )
    reading = Reading(languages=str(job["langs"]), engine=state.version)
    try:
        _feed(proc, job, parts)
        _collect(proc, reading, expected, progress=progress, cancel=cancel,
                 page_timeout=page_timeout)
    finally:
        _end(proc)
    return reading


def _feed(proc: subprocess.Popen[bytes], job: dict[str, Any], parts: list[bytes]) -> None:
    """Hand over the job; the worker reads all of it before it answers."""
    assert proc.stdin is not None
    try:
        proc.stdin.write(json.dumps(job).encode() + b"\n")
        for part in parts:
            proc.stdin.write(part)
        proc.stdin.close()
    except BrokenPipeError as exc:
        raise OcrUnavailable(_("The OCR worker ended before it got the pages.")) from exc


def _collect(
    proc: subprocess.Popen[bytes], reading: Reading, expected: int, *,
    progress: Progress | None, cancel: threading.Event | None, page_timeout: float,
) -> None:
    assert proc.stdout is not None
    total = expected
    # Start-up (imports) and the OSD pass come on top of the recognition itself.
    deadline = time.monotonic() + page_timeout * 2 + 20
    buffer = b""
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while True:
            if cancel is not None and cancel.is_set():
                raise OcrCancelled(_("Reading the letter was cancelled."))
            if time.monotonic() > deadline:
                reading.pages.append(PageResult(len(reading.pages), -1, error=_(
                    "reading took too long; stopped")))
                return
            if not selector.select(timeout=0.2):
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                if not any(p.error for p in reading.pages) and len(reading.pages) < total:
                    reading.pages.append(PageResult(len(reading.pages), -1, error=_(
                        "the OCR worker stopped (memory or time limit)")))
                return
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                event = json.loads(line)
                kind = event.pop("event")
                if kind == "total":
                    total = max(total, int(event["total"]))
                elif kind == "page":
                    reading.pages.append(PageResult(**event))
                    total = max(total, len(reading.pages))
                    deadline = time.monotonic() + page_timeout * 2 + 5
                    if progress is not None:
                        progress(len(reading.pages), total)
                elif kind == "error":
                    reading.pages.append(PageResult(len(reading.pages), -1,
                                                    error=str(event["message"])))
                elif kind == "done":
                    return


def _end(proc: subprocess.Popen[bytes]) -> None:
    """Stop the worker and anything it started (its own process group)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    for stream in (proc.stdin, proc.stdout):
        if stream is not None and not stream.closed:
            stream.close()


def preview(image: bytes, *, side: int = 1600, timeout: float = 30.0) -> bytes:
    """A PNG of a page image (any input kind), made in the sandboxed worker.

    The app shows page photos from this PNG, so HEIC, TIFF and JPEG files
    from strangers are decoded only in the worker, never in the process that
    holds the key. Raises ``OcrUnavailable`` when the image cannot be shown.
    """
    if len(image) > MAX_INPUT_BYTES:
        raise OcrUnavailable(_("The image is too large to show."))
    job = {"kind": "preview", "sizes": [len(image)], "side": side}
    proc = subprocess.Popen(
        worker_command(), stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_clean_env(), cwd="/",
        start_new_session=True, preexec_fn=_limit(int(timeout) + 5),  # noqa: PLW1509
    )
    try:
        out, _err = proc.communicate(json.dumps(job).encode() + b"\n" + image, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise OcrUnavailable(_("The image took too long to open.")) from exc
    finally:
        _end(proc)
    for line in out.splitlines():
        event = json.loads(line)
        if event.get("event") == "preview":
            return base64.b64decode(event["png"])
    raise OcrUnavailable(_("The image cannot be shown (damaged or of an unknown kind)."))
