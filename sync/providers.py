"""Server presets for common mail providers, looked up by e-mail domain.

Host, port and security for IMAP and for SMTP submission (587 with STARTTLS or
465 with implicit TLS), and whether the provider files sent mail into the Sent
folder itself (Gmail, Outlook/Office 365, iCloud: an IMAP APPEND there would
file it twice). User names are usually the full address, and folder choice is
the account's. The account dialog fills its fields from ``preset_for_address``;
anything can still be edited by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from i18n import N_


@dataclass(frozen=True)
class Preset:
    name: str
    host: str
    port: int
    security: str  # "ssl" or "starttls"
    domains: tuple[str, ...]
    note: str = ""  # e.g. that IMAP must be switched on first; English, shown through _()
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    files_sent: bool = False  # the server puts sent mail into Sent itself


PRESETS: tuple[Preset, ...] = (
    Preset("GMX", "imap.gmx.net", 993, "ssl", ("gmx.de", "gmx.net", "gmx.at", "gmx.ch",
                                               "gmx.com"),
           N_("IMAP must be enabled in the GMX web mailer (POP3/IMAP settings)."),
           smtp_host="mail.gmx.net", smtp_port=587, smtp_security="starttls"),
    Preset("WEB.DE", "imap.web.de", 993, "ssl", ("web.de",),
           N_("IMAP must be enabled in the WEB.DE web mailer (POP3/IMAP settings)."),
           smtp_host="smtp.web.de", smtp_port=587, smtp_security="starttls"),
    Preset("T-Online", "secureimap.t-online.de", 993, "ssl", ("t-online.de", "magenta.de"),
           N_("Use the separate e-mail password set in the Telekom customer centre."),
           smtp_host="securesmtp.t-online.de", smtp_port=465, smtp_security="ssl"),
    Preset("Gmail", "imap.gmail.com", 993, "ssl", ("gmail.com", "googlemail.com"),
           N_("Needs an app password (Google account with 2-step verification)."),
           smtp_host="smtp.gmail.com", smtp_port=465, smtp_security="ssl", files_sent=True),
    Preset("Outlook.com", "outlook.office365.com", 993, "ssl",
           ("outlook.com", "outlook.de", "hotmail.com", "hotmail.de", "live.com", "live.de",
            "msn.com"),
           N_("Microsoft may require OAuth for some accounts; app passwords work where enabled."),
           smtp_host="smtp-mail.outlook.com", smtp_port=587, smtp_security="starttls",
           files_sent=True),
    Preset("Posteo", "posteo.de", 993, "ssl", ("posteo.de", "posteo.net", "posteo.eu"),
           smtp_host="posteo.de", smtp_port=587, smtp_security="starttls"),
    Preset("mailbox.org", "imap.mailbox.org", 993, "ssl", ("mailbox.org",),
           smtp_host="smtp.mailbox.org", smtp_port=465, smtp_security="ssl"),
    Preset("IONOS", "imap.ionos.de", 993, "ssl", ("ionos.de", "online.de", "onlinehome.de"),
           smtp_host="smtp.ionos.de", smtp_port=465, smtp_security="ssl"),
    Preset("freenet", "mx.freenet.de", 993, "ssl", ("freenet.de",),
           smtp_host="mx.freenet.de", smtp_port=587, smtp_security="starttls"),
    Preset("Yahoo", "imap.mail.yahoo.com", 993, "ssl",
           ("yahoo.com", "yahoo.de", "ymail.com", "rocketmail.com"),
           N_("Needs an app password generated in the Yahoo account security settings."),
           smtp_host="smtp.mail.yahoo.com", smtp_port=465, smtp_security="ssl"),
    Preset("iCloud", "imap.mail.me.com", 993, "ssl", ("icloud.com", "me.com", "mac.com"),
           N_("Needs an app-specific password."),
           smtp_host="smtp.mail.me.com", smtp_port=587, smtp_security="starttls", files_sent=True),
    Preset("AOL", "imap.aol.com", 993, "ssl", ("aol.com", "aol.de"),
           smtp_host="smtp.aol.com", smtp_port=465, smtp_security="ssl"),
    Preset("1&1", "imap.1und1.de", 993, "ssl", ("1und1.de",),
           smtp_host="smtp.1und1.de", smtp_port=587, smtp_security="starttls"),
    Preset("Vodafone", "imap.vodafonemail.de", 993, "ssl", ("vodafonemail.de",
                                                            "arcor.de"),
           smtp_host="smtp.vodafonemail.de", smtp_port=587, smtp_security="starttls"),
)

_BY_DOMAIN = {domain: p for p in PRESETS for domain in p.domains}

DEFAULT_PORTS = {"ssl": 993, "starttls": 143, "none": 143}
SMTP_DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}
_BY_IMAP_HOST = {p.host: p for p in PRESETS}


def preset_for_domain(domain: str) -> Preset | None:
    return _BY_DOMAIN.get(domain.strip().lower().rstrip("."))


def preset_for_address(address: str) -> Preset | None:
    """The preset for an e-mail address such as ``anna@gmx.de``; None if unknown."""
    _, at, domain = address.strip().rpartition("@")
    return preset_for_domain(domain) if at else None


def preset_for_imap_host(host: str) -> Preset | None:
    return _BY_IMAP_HOST.get(host.strip().lower().rstrip("."))


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    files_sent: bool


def smtp_settings(*, imap_host: str, username: str, smtp_host: str | None = None,
                  smtp_port: int | None = None, smtp_security: str | None = None,
                  files_sent: bool | None = None) -> SmtpSettings:
    """An account's SMTP submission: its own settings, else its provider's, else the IMAP host."""
    preset = preset_for_imap_host(imap_host) or preset_for_address(username)
    security = smtp_security or (preset.smtp_security if preset and preset.smtp_host
                                 else "starttls")
    host = smtp_host or (preset.smtp_host if preset and preset.smtp_host else imap_host)
    if smtp_port:
        port = smtp_port
    elif preset and preset.smtp_host and not smtp_host and not smtp_security:
        port = preset.smtp_port
    else:
        port = SMTP_DEFAULT_PORTS[security]
    if files_sent is None:
        files_sent = bool(preset and preset.files_sent)
    return SmtpSettings(host, port, security, files_sent)
