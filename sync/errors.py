"""Typed sync errors, each with a one-line message a volunteer can act on.

The CLI prints ``str(error)``; the GUI shows the same sentence next to the
account. Messages name the account, host and folder at most, never mail
content or passwords.
"""

from __future__ import annotations

from i18n import _


class SyncError(Exception):
    """Base class: the sync of an account (or one folder) could not run or finish."""

    #: Whether trying again later may help (network trouble) or not (bad password).
    retryable = False


class AccountInvalid(SyncError):
    """The account's settings are not acceptable (e.g. plaintext to a remote host)."""


class AuthFailed(SyncError):
    def __init__(self, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(_(
            "password rejected by the server — update it in Accounts{extra}").format(
            extra=extra))


class ConnectFailed(SyncError):
    retryable = True

    def __init__(self, host: str, port: int, reason: str) -> None:
        super().__init__(_(
            "could not connect to {host}:{port} ({reason})").format(
            host=host, port=port, reason=reason))


class TlsRefused(SyncError):
    """The server's certificate was not accepted; the message carries its fingerprint."""

    def __init__(self, host: str, reason: str, fingerprint: str | None) -> None:
        self.fingerprint = fingerprint
        pin = (
            _("; if you are sure this is your server, pin its certificate with"
              " --pin-fingerprint {fingerprint}").format(fingerprint=fingerprint)
            if fingerprint
            else ""
        )
        super().__init__(_(
            "the certificate of {host} is not trusted ({reason}){pin}").format(
            host=host, reason=reason, pin=pin))


class PinMismatch(TlsRefused):
    """The pinned certificate was replaced: warn, show both, never suggest the new one."""

    def __init__(self, host: str, account: str, pinned: str, presented: str | None) -> None:
        self.fingerprint = presented
        self.pinned = pinned
        SyncError.__init__(
            self,
            _(
                "the certificate of {host} has changed since you pinned it. This may be an "
                "attack (someone between you and your mail server); HelperDesk did not log "
                "in. Pinned: {pinned}; presented now: {presented}. Ask your provider whether "
                "they replaced the certificate, compare the fingerprint they tell you, and "
                "only then run 'helperdesk account edit {account} --pin-fingerprint …'.").format(
                host=host, pinned=pinned, presented=presented or _("none"), account=account))


class ServerError(SyncError):
    """The connection broke or the server answered NO/BAD/BYE; the next sync resumes."""

    retryable = True


class AlreadySyncing(SyncError):
    def __init__(self, account: str, where: str) -> None:
        super().__init__(_(
            "account {account} is already being synced ({where})").format(
            account=account, where=where))


class NoPassword(SyncError):
    def __init__(self, account: str) -> None:
        super().__init__(
            _(
                "no password stored for account {account} — enter it in Accounts (or 'helperdesk "
                "account add … --password-stdin')").format(
                account=account)
        )


class Cancelled(SyncError):
    def __init__(self) -> None:
        super().__init__(_("sync cancelled"))
