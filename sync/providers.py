"""Server presets for common mail providers, looked up by e-mail domain.

Only host, port and security: user names are usually the full address, and
folder choice is the account's. The account dialog fills its fields from
``preset_for_address``; anything can still be edited by hand.
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


PRESETS: tuple[Preset, ...] = (
    Preset("GMX", "imap.gmx.net", 993, "ssl", ("gmx.de", "gmx.net", "gmx.at", "gmx.ch",
                                               "gmx.com"),
           N_("IMAP must be enabled in the GMX web mailer (POP3/IMAP settings).")),
    Preset("WEB.DE", "imap.web.de", 993, "ssl", ("web.de",),
           N_("IMAP must be enabled in the WEB.DE web mailer (POP3/IMAP settings).")),
    Preset("T-Online", "secureimap.t-online.de", 993, "ssl", ("t-online.de", "magenta.de"),
           N_("Use the separate e-mail password set in the Telekom customer centre.")),
    Preset("Gmail", "imap.gmail.com", 993, "ssl", ("gmail.com", "googlemail.com"),
           N_("Needs an app password (Google account with 2-step verification).")),
    Preset("Outlook.com", "outlook.office365.com", 993, "ssl",
           ("outlook.com", "outlook.de", "hotmail.com", "hotmail.de", "live.com", "live.de",
            "msn.com"),
           N_("Microsoft may require OAuth for some accounts; app passwords work where enabled.")),
    Preset("Posteo", "posteo.de", 993, "ssl", ("posteo.de", "posteo.net", "posteo.eu")),
    Preset("mailbox.org", "imap.mailbox.org", 993, "ssl", ("mailbox.org",)),
    Preset("IONOS", "imap.ionos.de", 993, "ssl", ("ionos.de", "online.de", "onlinehome.de")),
    Preset("freenet", "mx.freenet.de", 993, "ssl", ("freenet.de",)),
    Preset("Yahoo", "imap.mail.yahoo.com", 993, "ssl",
           ("yahoo.com", "yahoo.de", "ymail.com", "rocketmail.com"),
           N_("Needs an app password generated in the Yahoo account security settings.")),
    Preset("iCloud", "imap.mail.me.com", 993, "ssl", ("icloud.com", "me.com", "mac.com"),
           N_("Needs an app-specific password.")),
    Preset("AOL", "imap.aol.com", 993, "ssl", ("aol.com", "aol.de")),
    Preset("1&1", "imap.1und1.de", 993, "ssl", ("1und1.de",)),
    Preset("Vodafone", "imap.vodafonemail.de", 993, "ssl", ("vodafonemail.de",
                                                            "arcor.de")),
)

_BY_DOMAIN = {domain: p for p in PRESETS for domain in p.domains}

DEFAULT_PORTS = {"ssl": 993, "starttls": 143, "none": 143}


def preset_for_domain(domain: str) -> Preset | None:
    return _BY_DOMAIN.get(domain.strip().lower().rstrip("."))


def preset_for_address(address: str) -> Preset | None:
    """The preset for an e-mail address such as ``anna@gmx.de``; None if unknown."""
    _, at, domain = address.strip().rpartition("@")
    return preset_for_domain(domain) if at else None
