"""A real CalDAV server for tests: Radicale on 127.0.0.1, folder storage in a tmp dir.

Fixture ``radicale`` yields a ``RadicaleServer`` with user ``helper`` (htpasswd,
plain) and an empty calendar at ``calendar_url``; ``read_calendar`` is the
second client: a plain HTTP GET of the collection, parsed by the caller.
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dovecot_server import free_port

USER = "helper"
PASSWORD = "kalender-passwort"


class RadicaleServer:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="radicale-"))
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def calendar_url(self) -> str:
        return f"{self.base}/{USER}/fristen/"

    def start(self) -> None:
        (self.root / "users").write_text(f"{USER}:{PASSWORD}\n")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", "",
             "--server-hosts", f"127.0.0.1:{self.port}",
             "--storage-filesystem-folder", str(self.root / "collections"),
             "--auth-type", "htpasswd", "--auth-htpasswd-filename", str(self.root / "users"),
             "--auth-htpasswd-encryption", "plain", "--auth-delay", "0",
             "--logging-level", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise RuntimeError(f"radicale did not start: {err}")
            with contextlib.suppress(OSError), socket.create_connection(
                ("127.0.0.1", self.port), timeout=0.5
            ):
                break
            time.sleep(0.05)
        else:
            raise RuntimeError(f"radicale did not open port {self.port}")
        # The principal's home appears on the first authenticated request.
        self.request("PROPFIND", f"{self.base}/{USER}/", headers={"Depth": "0"})
        self.request("MKCALENDAR", self.calendar_url)

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        req = urllib.request.Request(  # noqa: S310 (a loopback http:// URL)
            url, data=body, method=method,
            headers={"Authorization": f"Basic {token}", **(headers or {})})
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 (loopback)
                return int(resp.status), resp.read()
        except urllib.error.HTTPError as exc:
            return int(exc.code), exc.read()

    def read_calendar(self) -> bytes:
        """The whole calendar as one .ics (Radicale answers a GET on the collection)."""
        status, body = self.request("GET", self.calendar_url)
        assert status == 200, status
        return body

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            if self.proc.stderr:
                self.proc.stderr.close()
            self.proc = None
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def radicale() -> Iterator[RadicaleServer]:
    from conftest import need

    need(importlib.util.find_spec("radicale") is not None,
         "radicale not installed (pip install radicale)")
    server = RadicaleServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()
