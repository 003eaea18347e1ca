"""A small CalDAV client for pushing events: PUT and DELETE by resource, typed errors.

Built on the ``caldav`` package's ``DAVClient`` (HTTP, authentication, TLS
verification). Each event lives at ``<calendar URL><uid>.ics``; a PUT with
the same UID replaces it. Updates carry ``If-Match`` with the ETag we got
back, so an event changed on the server is reported (412) instead of being
overwritten silently. Every failure becomes a ``CalendarError`` whose message
is one sentence naming the host, never the calendar's content.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import Any

from caldav.davclient import DAVClient
from caldav.lib import error as caldav_error

from i18n import _
from sync.connection import is_loopback
from sync.errors import SyncError

DEFAULT_TIMEOUT = 20.0


class CalendarError(SyncError):
    """A push could not be done; the message is one line a volunteer can act on."""


class CalendarInvalid(CalendarError):
    """The calendar's settings are not acceptable (bad URL, plain HTTP to a remote host)."""


class CalendarUnreachable(CalendarError):
    retryable = True


class CalendarAuthFailed(CalendarError):
    pass


class ChangedOnServer(CalendarError):
    """412: the event was changed on the server since our last push."""

    retryable = True

    def __init__(self, host: str, href: str) -> None:
        self.href = href
        super().__init__(
            _(
                "an event was changed on {host} since the last push; it was left alone this "
                "time and the next push replaces it with HelperDesk's version").format(
                host=host))


def check_url(url: str, *, allow_insecure: bool) -> str:
    """The calendar collection URL, normalised to end in "/"; refuse unsafe ones."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CalendarInvalid(
            _(
                "{url} is not a calendar address: it must start with https:// and name a "
                "host").format(
                url=repr(url)))
    if parts.scheme == "http" and not (allow_insecure or is_loopback(parts.hostname)):
        raise CalendarInvalid(
            _(
                "{hostname} would be reached without encryption (http://); use https://, or "
                "--allow-insecure if you really mean it").format(
                hostname=parts.hostname))
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def event_href(collection_url: str, uid: str) -> str:
    return collection_url + urllib.parse.quote(uid, safe="") + ".ics"


def _names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


@dataclass
class CalDavClient:
    """One connection to one calendar collection."""

    url: str
    username: str
    password: str | None
    timeout: float = DEFAULT_TIMEOUT

    def __post_init__(self) -> None:
        self.host = urllib.parse.urlsplit(self.url).netloc
        options: dict[str, Any] = {
            "url": self.url, "username": self.username or None,
            "password": self.password or None, "timeout": self.timeout,
            "ssl_verify_cert": True,
        }
        if self.username:
            # Send the credentials with the first request: a server that also
            # answers anonymous requests would otherwise never ask for them.
            options["auth_type"] = "basic"
        self._client = DAVClient(**options)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> CalDavClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, method: str, href: str, *args: Any) -> Any:
        try:
            response = getattr(self._client, method)(href, *args)
        except caldav_error.AuthorizationError:
            raise self._auth_failed() from None
        except Exception as exc:
            raise self._translate(exc) from None
        status = int(getattr(response, "status", 0) or 0)
        if status in (401, 403):
            raise self._auth_failed()
        return response

    def _auth_failed(self) -> CalendarAuthFailed:
        return CalendarAuthFailed(
            _(
                "{host} refused the user name or password — enter them again with "
                "'helperdesk calendar add … --password-stdin' (or in Settings)").format(
                host=self.host))

    def _translate(self, exc: BaseException) -> CalendarError:
        names = _names(exc)
        if names & {"Timeout", "ReadTimeout", "ConnectTimeout", "TimeoutError"}:
            return CalendarUnreachable(
                _(
                    "{host} did not answer within {timeout:g} seconds; nothing was lost, the "
                    "next push tries again").format(
                    host=self.host, timeout=self.timeout))
        if "SSLError" in names:
            return CalendarUnreachable(
                _(
                    "the certificate of {host} is not trusted; nothing was sent").format(
                    host=self.host))
        if names & {"ConnectionError", "ConnectionRefusedError", "OSError"}:
            return CalendarUnreachable(
                _(
                    "could not connect to {host} (is the server running?); nothing was lost, "
                    "the next push tries again").format(
                    host=self.host))
        return CalendarError(_(
            "{host} answered in an unexpected way ({error})").format(
            host=self.host, error=type(exc).__name__))

    def put(self, href: str, body: bytes, *, if_match: str | None = None) -> str | None:
        """Create or replace the event at ``href``; return its new ETag (if the server says)."""
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        if if_match:
            headers["If-Match"] = if_match
        response = self._call("put", href, body, headers)
        status = int(response.status)
        if status == 412:
            raise ChangedOnServer(self.host, href)
        if status in (404, 409):
            raise CalendarInvalid(
                _(
                    "there is no calendar at {url} on {host}; create it in your calendar app "
                    "or check the address").format(
                    url=self.url, host=self.host))
        if not 200 <= status < 300:
            raise CalendarError(_(
                "{host} refused an event (HTTP {status})").format(
                host=self.host, status=status))
        etag = response.headers.get("etag") if response.headers else None
        return str(etag) if etag else None

    def delete(self, href: str) -> None:
        """Remove the event at ``href``; one that is already gone is fine."""
        response = self._call("delete", href)
        status = int(response.status)
        if status == 404 or 200 <= status < 300:
            return
        raise CalendarError(_(
            "{host} refused to remove an event (HTTP {status})").format(
            host=self.host, status=status))
