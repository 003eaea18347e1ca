"""The parsing sandbox: worker processes that read bytes from strangers.

The process that holds the store key never parses a mail, an HTML body or a
PDF itself. It hands the bytes to a worker started here
(``helperdesk.app.sandbox_worker``):

* with a clean environment: no ``HELPERDESK_*`` variable, no passphrase, no
  key, no store connection, no inherited file descriptor (not forked: a new
  interpreter);
* locked in before it reads anything: no-new-privileges, no network where
  the system allows it without privileges, address-space limit, no files
  written, no core dumps, ended by the kernel when its parent ends;
* with a CPU-time budget per task (the kernel ends it) and a wall-clock
  timeout per task (this side ends it);
* replaced after a crash, a limit or a timeout; the task that caused it
  fails with ``SandboxFailure`` and nothing else stops.

The worker's answers are untrusted too: they are unpickled with an allow
list of HelperDesk's own data classes and the standard value types, so a
subverted worker cannot make this process run code.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import pickle
import queue
import select
import struct
import subprocess
import sys
import threading
import time
import zoneinfo
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

_HEADER = struct.Struct(">Q")
# Workers at most: the caller (sync, import) fetches and writes on its own core.
DEFAULT_WORKERS = max(1, min(2, os.cpu_count() or 1))
_START_TIMEOUT = 60.0
# An answer larger than this is not read (pages of a huge PDF, a bogus length).
_MAX_ANSWER = 512 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per worker and per task; the defaults leave a 4 GB laptop room to work."""

    memory_bytes: int = 256 * 1024 * 1024  # address space of one worker
    cpu_seconds: float = 10.0  # CPU time of one task
    wall_seconds: float = 30.0  # wall-clock time of one task (a busy machine is slow)


class SandboxFailure(Exception):
    """A task ended its worker (crash, memory, CPU or time limit); ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.partial: Any = None  # what the task sent ahead before it failed, if anything


_SAFE_MODULE_PREFIXES = ("helperdesk.model", "helperdesk.analysis", "helperdesk.intake",
                         "helperdesk.mail", "helperdesk.replies", "helperdesk.app.untrusted")
_SAFE_GLOBALS = {
    ("datetime", "datetime"), ("datetime", "date"), ("datetime", "time"),
    ("datetime", "timedelta"), ("datetime", "timezone"), ("zoneinfo", "ZoneInfo"),
    ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "bytearray"),
    ("zoneinfo._zoneinfo", "ZoneInfo"), ("copyreg", "_reconstructor"),
    ("builtins", "object"), ("decimal", "Decimal"),
}


def _zoneinfo_getattr(obj: object, name: str) -> Any:
    """The one attribute lookup a pickle may do: ZoneInfo's own unpickling constructor."""
    if obj is zoneinfo.ZoneInfo and name == "_unpickle":
        return zoneinfo.ZoneInfo._unpickle  # type: ignore[attr-defined]
    raise pickle.UnpicklingError(f"refused attribute {name!r}")


class _AnswerUnpickler(pickle.Unpickler):
    """Only HelperDesk's data classes and plain value types; never a function."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("builtins", "getattr"):
            return _zoneinfo_getattr  # dates in German time carry a ZoneInfo
        if (module, name) in _SAFE_GLOBALS:
            return super().find_class(module, name)
        if module.startswith(_SAFE_MODULE_PREFIXES) and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"refused {module}.{name}")


def _clean_environment() -> dict[str, str]:
    """What a worker needs to start Python and nothing else."""
    return {"PATH": os.defpath, "LC_ALL": "C.UTF-8"}


def _import_path() -> str:
    """This process's import path, for the worker's ``sys.path`` (not secret)."""
    return os.pathsep.join(p for p in sys.path if p and os.path.isdir(p))


class _Worker:
    """One worker process and its pipes, owned by one serving thread."""

    def __init__(self, limits: Limits) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-E", "-s", "-B", "-c",
             "import os, sys; sys.path[:0] = sys.argv[1].split(os.pathsep); "
             "from helperdesk.app.sandbox_worker import main; main()",
             _import_path()],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=_clean_environment(), close_fds=True, cwd="/",
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._in = self.proc.stdin
        self._out_fd = self.proc.stdout.fileno()
        self._send({"memory_bytes": limits.memory_bytes})
        kind, status = self.receive(time.monotonic() + _START_TIMEOUT)
        if kind != "ready":
            raise SandboxFailure("crash")
        self.status: dict[str, bool] = status

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _send(self, value: object) -> None:
        body = pickle.dumps(value, protocol=5)
        try:
            self._in.write(_HEADER.pack(len(body)) + body)
            self._in.flush()
        except (BrokenPipeError, OSError):
            raise SandboxFailure("crash") from None

    def _read(self, size: int, deadline: float) -> bytes:
        buf = io.BytesIO()
        while buf.tell() < size:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SandboxFailure("time")
            ready, _, _ = select.select([self._out_fd], [], [], remaining)
            if not ready:
                raise SandboxFailure("time")
            chunk = os.read(self._out_fd, min(size - buf.tell(), 1 << 20))
            if not chunk:
                raise SandboxFailure(self._why_dead())
            buf.write(chunk)
        return buf.getvalue()

    def _why_dead(self) -> str:
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return "crash"
        # SIGXCPU: the CPU budget; SIGKILL/SIGSEGV/SIGABRT after a failed allocation.
        return {-24: "cpu", -9: "memory", -6: "memory"}.get(code, "crash")

    def receive(self, deadline: float) -> tuple[str, Any]:
        (size,) = _HEADER.unpack(self._read(_HEADER.size, deadline))
        if size > _MAX_ANSWER:
            raise SandboxFailure("memory")
        body = self._read(size, deadline)
        try:
            answer = _AnswerUnpickler(io.BytesIO(body)).load()
        except Exception:
            raise SandboxFailure("crash") from None
        if not (isinstance(answer, tuple) and len(answer) == 2 and isinstance(answer[0], str)):
            raise SandboxFailure("crash")
        return answer

    def run(self, name: str, args: tuple[Any, ...], limits: Limits) -> Any:
        self._send((name, args, limits.cpu_seconds))
        deadline = time.monotonic() + limits.wall_seconds
        partial = None
        try:
            while True:
                kind, value = self.receive(deadline)
                if kind != "partial":
                    break
                partial = value
            if kind == "ok":
                return value
            raise SandboxFailure(str(value) if kind == "limit" else f"error {value}")
        except SandboxFailure as exc:
            exc.partial = partial
            raise

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._in.close()
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()
        self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


_Task = tuple[str, tuple[Any, ...], "Future[Any]"]


class Sandbox:
    """A few sandboxed workers serving tasks from one queue, each in its own thread."""

    def __init__(self, workers: int = DEFAULT_WORKERS, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.size = max(1, workers)
        self.replaced = 0  # workers ended by a crash, a limit or a timeout
        self._tasks: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._workers: dict[int, _Worker] = {}
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._started: list[threading.Event] = []
        self._closed = False

    def start(self, *, wait: bool = False) -> None:
        """Start the workers now (they take a moment to import the parsers).

        With ``wait``, return once each has started (or failed to).
        """
        with self._lock:
            if self._closed:
                raise RuntimeError("sandbox closed")
            while len(self._threads) < self.size:
                t = threading.Thread(target=self._serve, args=(len(self._threads),),
                                     name=f"sandbox-{len(self._threads)}", daemon=True)
                self._threads.append(t)
                self._started.append(threading.Event())
                t.start()
        if wait:
            for event in list(self._started):
                event.wait(_START_TIMEOUT)

    def submit(self, name: str, *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.start()
        self._tasks.put((name, args, future))
        return future

    def call(self, name: str, *args: Any) -> Any:
        return self.submit(name, *args).result()

    def worker_pids(self) -> list[int]:
        with self._lock:
            return [w.pid for w in self._workers.values()]

    def worker_status(self) -> list[dict[str, bool]]:
        with self._lock:
            return [dict(w.status) for w in self._workers.values()]

    def _serve(self, slot: int) -> None:
        worker: _Worker | None = None
        try:
            while True:
                if worker is None:
                    worker = self._start_worker(slot)
                self._started[slot].set()
                task = self._tasks.get()
                if task is None:
                    return
                name, args, future = task
                if not future.set_running_or_notify_cancel():
                    continue
                if worker is not None and worker.proc.poll() is not None:
                    # Ended while idle (killed from outside, out of memory): a new one.
                    self._drop(slot, worker)
                    worker = self._start_worker(slot)
                if worker is None:
                    future.set_exception(SandboxFailure("crash"))
                    continue
                try:
                    result = worker.run(name, args, self.limits)
                except SandboxFailure as exc:
                    future.set_exception(exc)
                    if not exc.reason.startswith("error"):
                        self._drop(slot, worker)
                        worker = None
                    continue
                future.set_result(result)
        finally:
            if worker is not None:
                self._drop(slot, worker, replaced=False)

    def _start_worker(self, slot: int) -> _Worker | None:
        try:
            worker = _Worker(self.limits)
        except (SandboxFailure, OSError):
            return None
        with self._lock:
            self._workers[slot] = worker
        return worker

    def _drop(self, slot: int, worker: _Worker, *, replaced: bool = True) -> None:
        with self._lock:
            if self._workers.get(slot) is worker:
                del self._workers[slot]
            if replaced:
                self.replaced += 1
        worker.stop()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            threads = list(self._threads)
        for _ in threads:
            self._tasks.put(None)
        for t in threads:
            t.join()
        while True:  # tasks nobody will run any more
            try:
                task = self._tasks.get_nowait()
            except queue.Empty:
                break
            if task is not None:
                task[2].cancel()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_shared: Sandbox | None = None
_shared_lock = threading.Lock()


def shared() -> Sandbox:
    """The process's sandbox for small jobs (one import, one PDF to view)."""
    global _shared  # noqa: PLW0603 (one sandbox per process, closed at exit)
    with _shared_lock:
        if _shared is None:
            _shared = Sandbox(DEFAULT_WORKERS)  # read now: a benchmark may have changed it
            atexit.register(_shared.close)
        return _shared


def run(name: str, *args: Any, on_failure: Callable[[SandboxFailure], Any]) -> Any:
    """Run a task in the shared sandbox; ``on_failure`` gives the result when it fails."""
    try:
        return shared().call(name, *args)
    except SandboxFailure as exc:
        return on_failure(exc)
