"""The program a sandbox worker runs: lock itself in, then parse what it is sent.

Started by ``helperdesk.app.sandbox`` with a clean environment. Before it
reads any untrusted byte it: imports everything it will need (no file is
opened later), asks the kernel to end it with its parent, sets
no-new-privileges, leaves the network where the system allows it without
privileges (a new user and network namespace), and limits its address
space, file size (0: it writes no file), open files and core dumps. Each
task then gets its own CPU-time budget (``RLIMIT_CPU`` raised by the budget
before the task), so a task that loops is killed by the kernel even if the
parent's wall-clock timeout were missed.

Protocol on stdin/stdout: frames of an 8-byte big-endian length and a
pickle. The parent's frames are trusted (pickle); this worker's answers are
read by the parent with a restricted unpickler.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import pickle
import resource
import struct
import sys
from collections.abc import Callable
from typing import Any, BinaryIO

_HEADER = struct.Struct(">Q")
_PR_SET_PDEATHSIG = 1
_PR_SET_NO_NEW_PRIVS = 38
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_SIGKILL = 9


def read_frame(stream: BinaryIO) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(head)
    body = stream.read(size)
    if len(body) < size:
        raise EOFError
    return pickle.loads(body)  # noqa: S301 (frames from the parent that started us)


def write_frame(stream: BinaryIO, value: object) -> None:
    body = pickle.dumps(value, protocol=5)
    stream.write(_HEADER.pack(len(body)) + body)
    stream.flush()


def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None


def lock_in(memory_bytes: int) -> dict[str, bool]:
    """Apply every restriction this system allows; say which ones took."""
    status = {"no_new_privs": False, "no_network": False, "memory_limit": False,
              "parent_death_signal": False}
    libc = _libc()
    if libc is not None:
        status["parent_death_signal"] = libc.prctl(_PR_SET_PDEATHSIG, _SIGKILL, 0, 0, 0) == 0
        status["no_new_privs"] = libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
        # Unprivileged: a user namespace brings the right to make a network
        # namespace, which has only a loopback that is down. Where user
        # namespaces are off (some distributions), this fails and the worker
        # keeps the network; it holds no secret to send anyway.
        status["no_network"] = (libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0
                                or libc.unshare(_CLONE_NEWNET) == 0)
    for limit, value in ((resource.RLIMIT_CORE, 0), (resource.RLIMIT_FSIZE, 0),
                         (resource.RLIMIT_NOFILE, 32)):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(limit, (value, value))
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        status["memory_limit"] = True
    except (ValueError, OSError):
        pass
    return status


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _set_cpu_budget(seconds: float) -> None:
    soft = int(_cpu_used() + seconds) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


# From this size a mail's header is read and sent ahead of the rest (below it,
# a mail that fails is rare and its header is read in a second task).
PARTIAL_FROM = 64 * 1024


def _head_of(raw: bytes, direction: Any, provenance: Any, context: Any) -> Any:
    from helperdesk.app import untrusted  # noqa: PLC0415 (imported by _tasks already)

    return untrusted.prepare_head(untrusted.head_block(raw), direction, provenance, context,
                                  untrusted.TOO_COMPLEX)


def _tasks() -> dict[str, Callable[..., Any]]:
    from helperdesk.app import untrusted  # noqa: PLC0415 (after the stdio set-up)
    from helperdesk.mail import pdftext  # noqa: PLC0415

    pdftext.load_engine()
    return {
        "mail": untrusted.prepare_safely,
        "head": untrusted.prepare_head,
        "paper": untrusted.paper,
        "render": untrusted.render,
        "html": untrusted.display_html,
        "forward": untrusted.forwarded_original,
        "empty_pages": untrusted.empty_pdf_pages,
        "parse": untrusted.parsed,
        "echo": lambda value: value,
        "environ": lambda: dict(os.environ),
    }


def main() -> None:
    out = os.fdopen(os.dup(1), "wb")
    inp = os.fdopen(os.dup(0), "rb")
    # Nothing a library prints may corrupt the answers: fd 1 goes nowhere.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    config = read_frame(inp)
    tasks = _tasks()
    status = lock_in(int(config["memory_bytes"]))
    write_frame(out, ("ready", status))
    while True:
        try:
            name, args, cpu_seconds = read_frame(inp)
        except EOFError:
            return
        _set_cpu_budget(float(cpu_seconds))
        if name == "mail" and len(args[0]) >= PARTIAL_FROM:
            # Header first: if the body then ends this worker, the parent
            # still has sender, subject and date to store and search.
            write_frame(out, ("partial", _head_of(*args)))
        try:
            result = ("ok", tasks[name](*args))
        except MemoryError:
            result = ("limit", "memory")
        except RecursionError:
            result = ("limit", "recursion")
        except Exception as exc:
            result = ("error", type(exc).__name__)
        write_frame(out, result)


if __name__ == "__main__":
    main()
