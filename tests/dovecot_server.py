"""A real Dovecot IMAP server for tests and benchmarks, started from a generated config.

``DovecotServer`` is a plain context manager (the benchmark uses it directly);
the pytest fixtures ``dovecot`` (plaintext on 127.0.0.1) and ``dovecot_tls``
(implicit TLS with a self-signed certificate) wrap it. Registered as a pytest
plugin from ``tests/conftest.py``.

Dovecot refuses uid 0 for mail processes, so mail is owned by ``nobody``;
the server's directory lives under /tmp (not pytest's 0700 tmp dir) so that
``nobody`` can traverse it. Mailboxes are loaded by writing Maildir files
directly, far faster than APPEND.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER = "anna@example.net"
PASSWORD = "imap-test-passwort"
SENT = "Sent"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_self_signed(directory: Path, host: str = "localhost") -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:{host},IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


class DovecotServer:
    """Dovecot on 127.0.0.1 with one user; ``tls=True`` serves implicit TLS instead."""

    def __init__(self, *, tls: bool = False) -> None:
        self.tls = tls
        self.port = 0
        self.root = Path()
        self.cert: Path | None = None
        self.proc: subprocess.Popen[bytes] | None = None
        self._uid = pwd.getpwnam("nobody").pw_uid
        self._gid = grp.getgrnam("nogroup").gr_gid
        self._counter = 0

    # -- lifecycle -------------------------------------------------------------

    def __enter__(self) -> DovecotServer:
        self.root = Path(tempfile.mkdtemp(prefix="helperdesk-dovecot-"))
        os.chmod(self.root, 0o755)  # noqa: S103 (nobody must traverse it; holds test data only)
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _start(self) -> None:
        for sub in ("run", "state", "home"):
            (self.root / sub).mkdir()
        self.maildir.mkdir(parents=True)
        for box in (self.maildir, self.maildir / f".{SENT}"):
            for sub in ("cur", "new", "tmp"):
                (box / sub).mkdir(parents=True, exist_ok=True)
        self._chown_home()
        (self.root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        self.port = free_port()
        ssl_lines = "ssl = no\n"
        listener = f"inet_listener imap {{\n    address = 127.0.0.1\n    port = {self.port}\n  }}"
        if self.tls:
            self.cert, key = make_self_signed(self.root)
            ssl_lines = f"ssl = required\nssl_cert = <{self.cert}\nssl_key = <{key}\n"
            listener = (
                "inet_listener imap {\n    port = 0\n  }\n"
                f"  inet_listener imaps {{\n    address = 127.0.0.1\n    port = {self.port}\n"
                "    ssl = yes\n  }"
            )
        config = f"""
base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.root}/dovecot.log
info_log_path = {self.root}/dovecot.log
protocols = imap
listen = 127.0.0.1
default_internal_user = dovecot
default_login_user = dovenull
disable_plaintext_auth = no
auth_mechanisms = plain login
{ssl_lines}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.root}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={self.root}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
  mailbox {SENT} {{
    special_use = \\Sent
  }}
}}
service imap-login {{
  {listener}
}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""
        (self.root / "dovecot.conf").write_text(config)
        self.proc = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise RuntimeError(f"dovecot did not start: {err} {self.log()}")
            with contextlib.suppress(OSError), socket.create_connection(
                ("127.0.0.1", self.port), timeout=0.5
            ):
                return
            time.sleep(0.05)
        raise RuntimeError(f"dovecot did not open port {self.port}: {self.log()}")

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
        if self.root != Path() and self.root.exists():
            shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    # -- mailbox content ---------------------------------------------------------

    @property
    def maildir(self) -> Path:
        return self.root / "home" / USER / "Maildir"

    def folder_dir(self, folder: str) -> Path:
        return self.maildir if folder == "INBOX" else self.maildir / f".{folder}"

    def _chown_home(self) -> None:
        for dirpath, dirnames, filenames in os.walk(self.root / "home"):
            os.chown(dirpath, self._uid, self._gid)
            for name in dirnames + filenames:
                os.chown(os.path.join(dirpath, name), self._uid, self._gid)

    def add_mails(
        self, mails: Iterable[bytes], folder: str = "INBOX", *, seen: bool = False
    ) -> list[Path]:
        """Deliver mails as Maildir files (cur/ with flags when ``seen``, else new/)."""
        box = self.folder_dir(folder)
        paths = []
        for raw in mails:
            self._counter += 1
            base = f"{int(time.time())}.M{self._counter}P{os.getpid()}.helperdesk-test"
            tmp = box / "tmp" / base
            tmp.write_bytes(raw)
            os.chown(tmp, self._uid, self._gid)
            final = box / "cur" / f"{base}:2,S" if seen else box / "new" / base
            os.rename(tmp, final)
            paths.append(final)
        return paths

    def mail_files(self, folder: str = "INBOX") -> list[Path]:
        box = self.folder_dir(folder)
        return sorted([*(box / "cur").iterdir(), *(box / "new").iterdir()])

    def reset_uidvalidity(self, folder: str = "INBOX") -> int:
        """Make Dovecot assign a new UIDVALIDITY and new UIDs to the folder's mails.

        Dovecot would take a fresh value from the clock once its index and
        uidlist are gone, but two resets within a second could collide; so a
        new, empty uidlist with a larger UIDVALIDITY is written instead.
        """
        box = self.folder_dir(folder)
        uidlist = box / "dovecot-uidlist"
        header = uidlist.read_text().split("\n", 1)[0] if uidlist.exists() else ""
        old = next((int(f[1:]) for f in header.split() if f.startswith("V")), 0)
        new = max(old + 1000, int(time.time()))
        for path in box.iterdir():
            if path.name.startswith("dovecot"):
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
        uidlist.write_text(f"3 V{new} N1\n")
        os.chown(uidlist, self._uid, self._gid)
        return new

    def account_kwargs(self) -> dict[str, object]:
        return {
            "host": "127.0.0.1", "port": self.port, "username": USER,
            "security": "ssl" if self.tls else "none",
        }


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    from conftest import need

    need(os.path.exists(DOVECOT), "dovecot not installed (Debian package dovecot-imapd)")
    need(os.geteuid() == 0, "the Dovecot fixture must run as root (it drops to nobody)")
    with DovecotServer() as server:
        yield server


@pytest.fixture
def dovecot_tls() -> Iterator[DovecotServer]:
    from conftest import need

    need(os.path.exists(DOVECOT), "dovecot not installed (Debian package dovecot-imapd)")
    need(os.geteuid() == 0, "the Dovecot fixture must run as root (it drops to nobody)")
    need(shutil.which("openssl") is not None, "openssl not installed")
    with DovecotServer(tls=True) as server:
        yield server
