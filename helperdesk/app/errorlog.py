"""Errors that can be found: a rotating log file that holds no personal data.

Unexpected failures (a worker's exception, a bug) are written to
``helperdesk.log`` in the platform's user log folder (``~/.local/state/
HelperDesk/log`` on Linux), so a helper can send it to whoever maintains the
app. What is written: the time, the logger, our own fixed sentence, the
exception's type and the traceback's frames (file, line, function). What is
never written: the exception's message and the values of any variable, because
either may quote a mail, a name or a processing ID.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import traceback
from pathlib import Path
from types import TracebackType

import platformdirs

LOG_NAME = "helperdesk.log"
MAX_BYTES = 512 * 1024
BACKUPS = 3

OUR_LOGGERS = ("helperdesk", "storage", "sync", "ui", "i18n")

_installed: list[Path] = []


def frames_only(exc: BaseException) -> str:
    """The exception's type and where it came from: frames, never messages or values."""
    lines = [f"{type(exc).__module__}.{type(exc).__qualname__}"]
    tb: TracebackType | None = exc.__traceback__
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
    cause = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    if cause is not None and cause is not exc:
        lines.append("caused by " + frames_only(cause))
    return "\n".join(lines)


class FramesOnlyFormatter(logging.Formatter):
    """Formats records with tracebacks reduced to their frames."""

    def formatException(self, ei: tuple[type[BaseException], BaseException, TracebackType | None]
                        | tuple[None, None, None]) -> str:
        exc = ei[1]
        return frames_only(exc) if exc is not None else ""

    def format(self, record: logging.LogRecord) -> str:
        # A copy: another handler may already have cached the full traceback
        # text (with the message) on the record, and must keep its own.
        fields = {**record.__dict__, "exc_text": None, "stack_info": None}
        # Our messages are fixed sentences whose arguments are type names and
        # counts; a third-party logger may pass anything as arguments.
        if record.args and not record.name.startswith(OUR_LOGGERS):
            fields |= {"msg": "(message withheld)", "args": ()}
        return super().format(logging.makeLogRecord(fields))


def log_folder() -> Path:
    return Path(platformdirs.user_log_dir("HelperDesk", appauthor=False))


def install(folder: Path | None = None) -> Path:
    """Send warnings and errors of every logger to the rotating file; returns its path."""
    folder = folder or log_folder()
    path = folder / LOG_NAME
    if path in _installed:
        return path
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Created private before the handler opens it (the rotation keeps the mode).
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(fd)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES,
                                                   backupCount=BACKUPS, encoding="utf-8")
    handler.setLevel(logging.WARNING)
    handler.setFormatter(FramesOnlyFormatter(
        "%(asctime)s %(levelname)s %(name)s %(threadName)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    _installed.append(path)
    return path


def current_log() -> Path | None:
    """The file errors go to in this process, if ``install`` was called."""
    return _installed[-1] if _installed else None


def uninstall() -> None:
    """Remove the file handlers (tests, and the end of a demo)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler) \
                and Path(handler.baseFilename) in _installed:
            root.removeHandler(handler)
            handler.close()
    _installed.clear()
