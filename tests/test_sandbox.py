"""The parsing sandbox: clean environment, limits, replacement, hostile mail stored raw."""

from __future__ import annotations

import os
import select
import signal
from pathlib import Path

import pytest

from helperdesk.app.batch import TOO_COMPLEX, Context, Preparer, prepare_in_sandbox
from helperdesk.app.ingest import import_files, ingest_mail, store_prepared
from helperdesk.app.sandbox import Limits, Sandbox, SandboxFailure
from helperdesk.model import Direction
from helperdesk.samples import hostile
from storage.store import Store

from conftest import PASSPHRASE

linux_only = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")


@linux_only
def test_passphrase_absent_from_every_workers_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HELPERDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("HELPERDESK_STORE", "/tmp/somewhere.db")
    with Sandbox(2) as box:
        box.start(wait=True)
        for _ in range(4):
            assert box.call("echo", 1) == 1
        pids = box.worker_pids()
        assert len(pids) == 2
        for pid in pids:
            environ = Path(f"/proc/{pid}/environ").read_bytes()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            for blob in (environ, cmdline):
                assert PASSPHRASE.encode() not in blob
                assert b"HELPERDESK" not in blob
            assert environ.split(b"\0")[0].startswith(b"PATH=")
            assert box.call("environ").keys() <= {"PATH", "LC_ALL"}


@linux_only
def test_workers_lock_themselves_in() -> None:
    with Sandbox(1) as box:
        box.call("echo", 0)
        (status,) = box.worker_status()
        pid = box.worker_pids()[0]
        assert status["no_new_privs"] and status["memory_limit"]
        text = Path(f"/proc/{pid}/status").read_text()
        assert "NoNewPrivs:\t1" in text
        limits = Path(f"/proc/{pid}/limits").read_text()
        row = next(line for line in limits.splitlines() if line.startswith("Max address space"))
        assert str(Limits().memory_bytes) in row
        # No network where the system allows it without privileges (here it does).
        if status["no_network"]:
            assert os.readlink(f"/proc/{pid}/ns/net") != os.readlink("/proc/self/ns/net")


@linux_only
def test_a_killed_worker_is_replaced() -> None:
    with Sandbox(1) as box:
        box.call("echo", 0)
        (first,) = box.worker_pids()
        pidfd = os.pidfd_open(first)
        os.kill(first, signal.SIGKILL)
        select.select([pidfd], [], [], 10)  # readable once the process has ended
        os.close(pidfd)
        assert box.call("echo", 2) == 2
        (second,) = box.worker_pids()
        assert second != first
        assert box.replaced == 1


def test_a_task_over_its_time_is_ended_and_the_worker_replaced() -> None:
    # The mail takes ~0.6 s of work on a quiet machine: far over 0.1 s, while an
    # echo takes a millisecond.
    with Sandbox(1, Limits(wall_seconds=0.1)) as box:
        box.call("echo", 0)
        (first,) = box.worker_pids()
        with pytest.raises(SandboxFailure) as failure:
            box.call("mail", hostile.deep_html_mail(2_000_000), Direction.IN, None, Context())
        assert failure.value.reason == "time"
        assert box.call("echo", 3) == 3
        assert box.worker_pids() != [first]


def test_pdf_bomb_hits_the_memory_limit_and_the_mail_is_kept_with_its_header() -> None:
    raw = hostile.pdf_bomb_mail(512 * 1024 * 1024)
    with Sandbox(1, Limits(memory_bytes=256 * 1024 * 1024)) as box:
        prepared = prepare_in_sandbox(raw, Direction.IN, None, Context(), box=box)
        assert box.replaced == 1
        assert box.call("echo", 4) == 4  # the sandbox goes on
    msg = prepared.message
    assert msg.raw == raw
    assert msg.problems == [TOO_COMPLEX]
    assert msg.subject == "Bescheid" and msg.from_addr == "fremd@example.org"


def test_too_complex_mail_is_stored_and_found_by_its_header(store: Store) -> None:
    raw = hostile.pdf_bomb_mail(512 * 1024 * 1024)
    with Sandbox(1, Limits(memory_bytes=256 * 1024 * 1024)) as box, \
            Preparer(Context(), sandbox=box) as preparer:
        good = b"From: amt@jobcenter.de\r\nSubject: Einladung\r\n\r\nBitte kommen Sie.\r\n"
        prepared = preparer.submit([(raw, Direction.IN, None), (good, Direction.IN, None)])()
    results = [store_prepared(store, p) for p in prepared]
    assert all(r.new for r in results)
    hits = store.search("Bescheid")
    assert [h.id for h in hits] == [results[0].id]
    stored = store.messages.get(results[0].id)
    assert stored.raw == raw and TOO_COMPLEX in stored.problems
    assert store.messages.get(results[1].id).subject == "Einladung"


def test_small_imports_go_through_the_sandbox(store: Store, tmp_path: Path) -> None:
    from helperdesk.app import sandbox

    box = sandbox.shared()
    eml = tmp_path / "a.eml"
    eml.write_bytes(b"From: a@b.de\r\nSubject: Klein\r\n\r\nText\r\n")
    before = box.worker_pids()
    summary = import_files(store, [eml])
    assert summary.new == 1
    assert box.worker_pids() and (before or box.worker_pids())
    assert ingest_mail(store, b"From: c@d.de\r\nSubject: Auch\r\n\r\nx\r\n").new


@pytest.mark.parametrize("suffix", [".pdf", ".eml", ".mbox", ".txt"])
def test_zero_byte_inputs_are_refused_with_one_message(
    store: Store, tmp_path: Path, suffix: str
) -> None:
    empty = tmp_path / f"leer{suffix}"
    empty.write_bytes(b"")
    summary = import_files(store, [empty])
    assert summary.new == 0 and summary.already_stored == 0
    assert summary.failed == [f"{empty}: the file is empty; nothing was imported."]


class _Evil:
    def __init__(self, call: object, args: tuple[object, ...]) -> None:
        self.call, self.args = call, args

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return self.call, self.args  # type: ignore[return-value]


@pytest.mark.parametrize("evil", [
    _Evil(os.system, ("true",)),
    _Evil(getattr, (object, "__subclasses__")),
    _Evil(eval, ("1",)),
])
def test_a_subverted_workers_answer_cannot_run_code(evil: _Evil) -> None:
    import io
    import pickle

    from helperdesk.app.sandbox import _AnswerUnpickler  # the parent's reader of answers

    with pytest.raises(pickle.UnpicklingError):
        _AnswerUnpickler(io.BytesIO(pickle.dumps(("ok", evil)))).load()


def test_paper_letter_with_its_date_comes_back_whole() -> None:
    from helperdesk.app.batch import prepare_paper_in_sandbox
    from helperdesk.samples.pdfmake import text_to_pdf

    pdf = text_to_pdf("Jobcenter München\n\nDatum: 03.03.2025\n\nBescheid\n"
                      "BG-Nummer: 83501BG0047112")
    with Sandbox(1) as box:
        prepared = prepare_paper_in_sandbox(pdf, "bescheid.pdf", Context(state="BY"), box=box)
    assert TOO_COMPLEX not in prepared.message.problems
    assert prepared.message.date is not None and prepared.message.date.tzinfo is not None
    assert prepared.message.raw == pdf and prepared.message.attachments[0].data == pdf


@pytest.mark.slow
def test_a_task_over_its_cpu_budget_is_ended_by_the_kernel() -> None:
    raw = hostile.many_parts_mail(60_000)  # a few seconds of CPU to parse
    with Sandbox(1, Limits(cpu_seconds=1, wall_seconds=300)) as box:
        box.call("echo", 0)
        with pytest.raises(SandboxFailure) as failure:
            box.call("mail", raw, Direction.IN, None, Context())
        assert failure.value.reason == "cpu"  # SIGXCPU, not the wall clock
        assert failure.value.partial is not None  # the header was sent ahead
        assert box.call("echo", 5) == 5 and box.replaced == 1
