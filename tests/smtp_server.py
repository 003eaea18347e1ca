"""A real SMTP submission server for tests: aiosmtpd on 127.0.0.1 with TLS and AUTH.

``SmtpServer`` runs aiosmtpd's ``Controller`` (a real server in a thread) with
STARTTLS required before AUTH (port-587 style), or implicit TLS (465 style).
It records what it accepted, byte for byte. ``mode`` makes it misbehave the way
real servers do: ``refuse`` answers DATA with 554, ``drop`` takes the mail and
cuts the connection before answering.
"""

from __future__ import annotations

import ssl
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from dovecot_server import free_port

USER = "anna@example.net"
PASSWORD = "imap-test-passwort"  # the same as the Dovecot fixture's: one account, one password


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes


@dataclass
class Recorder:
    mode: str = "ok"
    received: list[Received] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.mode == "refuse":
            return "554 5.7.1 Message refused by policy"
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                      bytes(envelope.original_content or envelope.content)))
        if self.mode == "drop":
            server.transport.abort()
        return "250 2.0.0 OK queued"


class SmtpServer:
    def __init__(self, cert: Path, key: Path, *, implicit_tls: bool = False) -> None:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        self.recorder = Recorder()
        self.port = free_port()
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(cert, key)

        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str,
                         auth_data: Any) -> AuthResult:
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == USER
                  and auth_data.password.decode() == PASSWORD)
            if ok:
                self.recorder.logins.append(USER)
            return AuthResult(success=ok, handled=False)

        kwargs: dict[str, Any] = {"authenticator": authenticate, "auth_required": True}
        if implicit_tls:
            kwargs["ssl_context"] = ctx
            kwargs["auth_require_tls"] = False  # the whole connection is TLS
        else:
            kwargs.update(tls_context=ctx, require_starttls=True)
        class Quiet(Controller):  # type: ignore[misc]
            def factory(self) -> Any:
                # Implicit TLS: AUTH is over TLS, but aiosmtpd only knows STARTTLS and warns.
                with warnings.catch_warnings():
                    warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
                    return super().factory()

        self.controller = Quiet(self.recorder, hostname="127.0.0.1", port=self.port,
                                server_hostname="localhost", **kwargs)

    @property
    def received(self) -> list[Received]:
        return self.recorder.received

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


def _need_aiosmtpd() -> None:
    from conftest import need

    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        need(False, "aiosmtpd not installed (pip install aiosmtpd)")


@pytest.fixture
def smtp_server(dovecot_tls: Any) -> Iterator[SmtpServer]:
    """STARTTLS + AUTH with the Dovecot TLS fixture's certificate (one pin for both)."""
    _need_aiosmtpd()
    cert = dovecot_tls.cert
    with SmtpServer(cert, cert.parent / "key.pem") as server:
        yield server
