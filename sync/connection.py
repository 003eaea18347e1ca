"""Open an authenticated IMAP connection for an account, with HelperDesk's TLS rules.

- ``ssl``: implicit TLS; ``starttls``: plain connect, then STARTTLS before login;
  ``none``: plaintext, only to a loopback host or with ``allow_insecure``.
- Certificates are verified against the system CAs with a hostname check. An
  account with a pinned SHA-256 fingerprint instead accepts exactly the leaf
  certificate with that fingerprint (self-signed home servers); the CA chain
  and hostname do not matter then.
- Every failure becomes a typed ``SyncError`` with a one-line message.
"""

from __future__ import annotations

import contextlib
import hashlib
import imaplib
import ipaddress
import socket
import ssl
from typing import Any

import imapclient
import imapclient.exceptions

from i18n import _
from storage.accounts import Account
from sync.errors import (
    AccountInvalid,
    AuthFailed,
    ConnectFailed,
    PinMismatch,
    ServerError,
    SyncError,
    TlsRefused,
)

# Socket timeout for connect and every read; long enough for a 25 MB mail on a
# slow line to keep trickling in, short enough that a dead link ends the run.
TIMEOUT_SECONDS = 60.0

SECURITY_CHOICES = ("ssl", "starttls", "none")


def is_loopback(host: str) -> bool:
    if host.lower() in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_account(account: Account) -> None:
    """Refuse settings that would send a password in the clear to another machine."""
    if account.security not in SECURITY_CHOICES:
        raise AccountInvalid(_(
            "unknown security {security!r}; use ssl, starttls or none").format(
            security=account.security))
    if account.security == "none" and not (account.allow_insecure or is_loopback(account.host)):
        raise AccountInvalid(
            _(
                "plaintext IMAP to {host} would expose the password; use ssl or starttls (or "
                "--allow-insecure if you really mean it)").format(
                host=account.host)
        )
    if not 0 < account.port < 65536:
        raise AccountInvalid(_("port {port} is not a valid port").format(port=account.port))
    if account.pin_fingerprint is not None:
        normalise_fingerprint(account.pin_fingerprint)


def normalise_fingerprint(text: str) -> str:
    """Accept ``SHA256:AB:CD…``, ``ab:cd…`` or plain hex; return lower-case colon form."""
    value = text.strip()
    if value.lower().startswith("sha256:"):
        value = value[7:]
    hexdigits = value.replace(":", "").replace(" ", "").lower()
    if len(hexdigits) != 64 or any(c not in "0123456789abcdef" for c in hexdigits):
        raise AccountInvalid(
            _("a certificate fingerprint is 64 hex digits (SHA-256), e.g. SHA256:AB:CD:…")
        )
    return ":".join(hexdigits[i : i + 2] for i in range(0, 64, 2))


def fingerprint_of(der: bytes) -> str:
    """The SHA-256 fingerprint in the form the error message shows and --pin accepts."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return "SHA256:" + ":".join(digest[i : i + 2] for i in range(0, 64, 2))


def _context(account: Account) -> ssl.SSLContext:
    return tls_context(account.pin_fingerprint)


def tls_context(pin_fingerprint: str | None) -> ssl.SSLContext:
    """TLS for any server of an account (IMAP, SMTP): CA-verified, or pinned instead."""
    ctx = ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    if pin_fingerprint:
        # The pin replaces CA and hostname checks; it is checked right after the
        # handshake, before anything (least of all the password) is sent.
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def _peer_der(client: imapclient.IMAPClient) -> bytes | None:
    sock = client.socket()
    if isinstance(sock, ssl.SSLSocket):
        return sock.getpeercert(binary_form=True)
    return None


def _presented_fingerprint(account: Account) -> str | None:
    """Connect once more without verification, only to show the user what to pin."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    try:
        if account.security == "ssl":
            client = imapclient.IMAPClient(
                account.host, port=account.port, ssl=True, ssl_context=ctx, timeout=10
            )
        else:
            client = imapclient.IMAPClient(account.host, port=account.port, ssl=False,
                                           timeout=10)
            client.starttls(ctx)
    except Exception:
        return None
    try:
        der = _peer_der(client)
        return fingerprint_of(der) if der else None
    finally:
        with contextlib.suppress(Exception):
            client.shutdown()


def _tls_failure(account: Account, exc: ssl.SSLError) -> TlsRefused:
    reason = getattr(exc, "verify_message", None) or getattr(exc, "reason", None) or str(exc)
    return TlsRefused(account.host, str(reason), _presented_fingerprint(account))


def pin_matches(pin_fingerprint: str, der: bytes | None) -> tuple[bool, str | None]:
    """Whether the presented certificate ``der`` is the pinned one; and its fingerprint."""
    presented = fingerprint_of(der) if der else None
    return presented == "SHA256:" + normalise_fingerprint(pin_fingerprint).upper(), presented


def _verify_pin(account: Account, client: imapclient.IMAPClient) -> None:
    if not account.pin_fingerprint:
        return
    der = _peer_der(client)
    presented = fingerprint_of(der) if der else None
    want = "SHA256:" + normalise_fingerprint(account.pin_fingerprint).upper()
    if presented != want:
        with contextlib.suppress(Exception):
            client.shutdown()
        raise PinMismatch(account.host, account.name, want, presented)


def connect(account: Account, password: str) -> imapclient.IMAPClient:
    """Connect, secure and log in; the caller logs out (see ``close``)."""
    check_account(account)
    timeout = imapclient.SocketTimeout(connect=TIMEOUT_SECONDS, read=TIMEOUT_SECONDS)
    client: imapclient.IMAPClient | None = None
    try:
        if account.security == "ssl":
            client = imapclient.IMAPClient(
                account.host, port=account.port, ssl=True, ssl_context=_context(account),
                timeout=timeout,
            )
        else:
            client = imapclient.IMAPClient(
                account.host, port=account.port, ssl=False, timeout=timeout
            )
            if account.security == "starttls":
                if not client.has_capability("STARTTLS"):
                    raise TlsRefused(account.host, _("the server does not offer STARTTLS"), None)
                client.starttls(_context(account))
        _verify_pin(account, client)
        try:
            client.login(account.username, password)
        except imapclient.exceptions.LoginError as exc:
            raise AuthFailed(_server_text(exc)) from None
        return client
    except SyncError:
        close(client)
        raise
    except ssl.SSLCertVerificationError as exc:
        close(client)
        raise _tls_failure(account, exc) from None
    except BaseException as exc:
        close(client)
        raise translate(exc, account, connecting=True) from None


def close(client: imapclient.IMAPClient | None) -> None:
    """Log out politely if the connection still works, else just drop it."""
    if client is None:
        return
    try:
        client.logout()
    except Exception:
        with contextlib.suppress(Exception):
            client.shutdown()


def _server_text(exc: BaseException) -> str:
    """A short, single-line server reason (server texts carry no mail content)."""
    text = " ".join(str(exc).split())
    for prefix in ("b'", 'b"'):
        text = text.replace(prefix, "")
    text = text.replace("'", "").replace('"', "")
    return text[:160]


def _reason(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror):
        return "host name not found"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ConnectionResetError):
        return "connection reset"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "no answer in time"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error: {exc.reason or type(exc).__name__}"
    if isinstance(exc, imapclient.exceptions.IMAPClientAbortError | imaplib.IMAP4.abort):
        return f"connection closed: {_server_text(exc)}"
    if isinstance(exc, imapclient.exceptions.IMAPClientError | imaplib.IMAP4.error):
        return f"server said: {_server_text(exc)}"
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return type(exc).__name__


_NETWORK = (OSError, imaplib.IMAP4.error, imapclient.exceptions.IMAPClientError, EOFError)


def translate(exc: BaseException, account: Account, *, connecting: bool = False) -> BaseException:
    """Map a network, TLS or protocol exception to a SyncError (others pass through)."""
    if isinstance(exc, SyncError) or not isinstance(exc, _NETWORK):
        return exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        return _tls_failure(account, exc)
    if connecting:
        return ConnectFailed(account.host, account.port, _reason(exc))
    return ServerError(_(
        "{host}: {reason} — the next sync resumes here").format(
        host=account.host, reason=_reason(exc)))


def server_info(client: imapclient.IMAPClient) -> dict[str, Any]:
    caps = {c.decode() if isinstance(c, bytes) else str(c) for c in client.capabilities()}
    return {"capabilities": sorted(caps)}


def check_login(account: Account, password: str) -> list[tuple[str, list[str]]]:
    """Connect, log in and list the folders: (name, flags). Raises SyncError."""
    client = connect(account, password)
    try:
        try:
            listed = client.list_folders()
        except Exception as exc:
            raise translate(exc, account) from None
    finally:
        close(client)
    folders = []
    for flags, _delim, name in listed:
        marks = sorted(f.decode() if isinstance(f, bytes) else str(f) for f in flags)
        folders.append((str(name), marks))
    return folders
