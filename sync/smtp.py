"""SMTP submission: send one mail's exact bytes through the account's server.

Security as for IMAP (``sync.connection``): implicit TLS (465) or STARTTLS
(587) with certificate verification, or a pinned SHA-256 fingerprint checked
right after the handshake and before the password is sent; plaintext only to
this computer or when the account allows it. The outcome is typed:

* ``SmtpRefused``: the server said no for good (5xx); sending again as is fails;
* ``Unconfirmed``: the whole mail went out but the connection broke before the
  server's answer; it may have been accepted, so it must not be sent again blindly;
* other ``SyncError``s (connection, TLS, password, 4xx): nothing was accepted.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from collections.abc import Sequence
from typing import Any

from i18n import _
from storage.accounts import Account
from sync.connection import (
    TIMEOUT_SECONDS,
    fingerprint_of,
    is_loopback,
    pin_matches,
    tls_context,
)
from sync.errors import (
    AccountInvalid,
    AuthFailed,
    ConnectFailed,
    ServerError,
    SyncError,
    TlsRefused,
)
from sync.providers import SmtpSettings, smtp_settings


class SmtpRefused(SyncError):
    """The server refused the mail or its recipients permanently (5xx)."""

    def __init__(self, host: str, code: int, text: str) -> None:
        self.code = code
        super().__init__(f"{host} refused the mail ({code} {text})")


class Unconfirmed(SyncError):
    """The mail was transmitted but the server's answer never came."""

    def __init__(self, host: str) -> None:
        super().__init__(f"the connection to {host} broke after the mail was transmitted; "
                         "it may have been delivered")


def _ends_data(s: bytes | str) -> bool:
    data = s.encode("ascii", "replace") if isinstance(s, str) else bytes(s)
    return data.endswith(b"\r\n.\r\n")


class _SMTP(smtplib.SMTP):
    """Notices when the end-of-data line has been written (the mail is fully out)."""

    data_complete = False

    def send(self, s: Any) -> None:
        super().send(s)
        self.data_complete = self.data_complete or _ends_data(s)


class _SMTPSSL(smtplib.SMTP_SSL):
    data_complete = False

    def send(self, s: Any) -> None:
        super().send(s)
        self.data_complete = self.data_complete or _ends_data(s)


def settings_for(account: Account) -> SmtpSettings:
    return smtp_settings(imap_host=account.host, username=account.username,
                         smtp_host=account.smtp_host, smtp_port=account.smtp_port,
                         smtp_security=account.smtp_security, files_sent=account.files_sent)


def check_smtp(account: Account, settings: SmtpSettings) -> None:
    if settings.security not in ("ssl", "starttls", "none"):
        raise AccountInvalid(f"unknown SMTP security {settings.security!r}")
    if settings.security == "none" and not (account.allow_insecure
                                            or is_loopback(settings.host)):
        raise AccountInvalid(f"plaintext SMTP to {settings.host} would expose the password; "
                             "use ssl or starttls")
    if not 0 < settings.port < 65536:
        raise AccountInvalid(f"port {settings.port} is not a valid port")


def _text(value: Any) -> str:
    raw = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return " ".join(raw.split())[:160]


def _open(account: Account, s: SmtpSettings) -> _SMTP | _SMTPSSL:
    ctx = tls_context(account.pin_fingerprint)
    client: _SMTP | _SMTPSSL
    if s.security == "ssl":
        client = _SMTPSSL(s.host, s.port, timeout=TIMEOUT_SECONDS, context=ctx)
    else:
        client = _SMTP(s.host, s.port, timeout=TIMEOUT_SECONDS)
    try:
        client.ehlo()
        if s.security == "starttls":
            if not client.has_extn("starttls"):
                raise TlsRefused(s.host, _("the server does not offer STARTTLS"), None)
            client.starttls(context=ctx)
            client.ehlo()
        if account.pin_fingerprint:
            sock = client.sock
            der = sock.getpeercert(binary_form=True) if isinstance(sock, ssl.SSLSocket) else None
            ok, presented = pin_matches(account.pin_fingerprint, der)
            if not ok:
                raise TlsRefused(s.host, _("its certificate does not match the pinned fingerprint"),
                                 presented)
    except BaseException:
        client.close()
        raise
    return client


def _presented_fingerprint(s: SmtpSettings) -> str | None:
    """Connect once more without verification, only to show the user what to pin."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    client: smtplib.SMTP | None = None
    try:
        if s.security == "ssl":
            client = smtplib.SMTP_SSL(s.host, s.port, timeout=10, context=ctx)
        else:
            client = smtplib.SMTP(s.host, s.port, timeout=10)
            client.starttls(context=ctx)
        sock = client.sock
        der = sock.getpeercert(binary_form=True) if isinstance(sock, ssl.SSLSocket) else None
        return fingerprint_of(der) if der else None
    except Exception:
        return None
    finally:
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()


def send_raw(account: Account, password: str, raw: bytes, sender: str,
             recipients: Sequence[str], *, settings: SmtpSettings | None = None,
             ) -> dict[str, str]:
    """Submit ``raw`` to ``recipients``; returns the refused ones (address → reason)."""
    s = settings or settings_for(account)
    check_smtp(account, s)
    client: _SMTP | _SMTPSSL | None = None
    try:
        client = _open(account, s)
        if client.has_extn("auth"):
            try:
                client.login(account.username, password)
            except smtplib.SMTPAuthenticationError as exc:
                raise AuthFailed(_text(exc.smtp_error)) from None
        refused = client.sendmail(sender, list(recipients), raw)
        with contextlib.suppress(Exception):
            client.quit()
        return {k: _text(v[1]) for k, v in refused.items()}
    except SyncError:
        raise
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = next(iter(exc.recipients.values()), (550, b"recipients refused"))
        raise SmtpRefused(s.host, code, _text(text)) from None
    except smtplib.SMTPResponseException as exc:
        if exc.smtp_code >= 500:
            raise SmtpRefused(s.host, exc.smtp_code, _text(exc.smtp_error)) from None
        raise ServerError(f"{s.host}: {exc.smtp_code} {_text(exc.smtp_error)}") from None
    except ssl.SSLCertVerificationError as exc:
        reason = getattr(exc, "verify_message", None) or str(exc)
        raise TlsRefused(s.host, str(reason), _presented_fingerprint(s)) from None
    except (smtplib.SMTPException, OSError) as exc:
        if client is not None and client.data_complete:
            raise Unconfirmed(s.host) from None
        if client is None:
            raise ConnectFailed(s.host, s.port, type(exc).__name__) from None
        raise ServerError(_(
            "{host}: connection lost ({error})").format(
            host=s.host, error=type(exc).__name__)) from None
    finally:
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()
