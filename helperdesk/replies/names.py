"""German names of processing IDs, their agency form, and reply/forward subject prefixes."""

from __future__ import annotations

import re
from collections.abc import Iterable

from helperdesk.analysis.ids.checks import canonical
from helperdesk.model import IdKind, ProcessingId

# The names agencies print before their IDs (used in reference blocks and subjects).
ID_NAMES: dict[IdKind, str] = {
    IdKind.BG_NUMMER: "BG-Nummer",
    IdKind.KUNDENNUMMER: "Kundennummer",
    IdKind.KINDERGELDNUMMER: "Kindergeldnummer",
    IdKind.AKTENZEICHEN: "Aktenzeichen",
    IdKind.STEUERNUMMER: "Steuernummer",
    IdKind.STEUER_ID: "Steuer-ID",
    IdKind.RV_NUMMER: "Versicherungsnummer",
    IdKind.KVNR: "Krankenversichertennummer",
    IdKind.COURT_AZ: "Aktenzeichen",
}

# Reply and forward prefixes of the common clients and languages, with
# Outlook's counters ("AW[2]:") and bracket tags ("[EXTERN]") between them.
_PREFIX = (
    r"(?:AW|Re|RE|Aw|Antw|Antwort|Odp|SV|VS|YNT|Cevap|Ynt|Отв|Ответ|Відп|رد|"
    r"WG|Fwd?|FW|Wtr|Weiterl\.?|TR|İlt|Ilt|İLT|Пересл|Переслано|Fwd|RV|ENC|Doorst|"
    r"إعادة توجيه|ارسال مجدد|فوروارد)"
)
_PREFIXES_RE = re.compile(
    rf"^(?:\s*(?:\[[^\]]{{0,40}}\]\s*)*{_PREFIX}\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+",
    re.IGNORECASE,
)


def strip_prefixes(subject: str) -> str:
    """The subject without any leading reply/forward prefixes (and tags before them)."""
    return " ".join(_PREFIXES_RE.sub("", subject or "").split())


def id_name(pid: ProcessingId) -> str:
    """The German name to print before the ID: the agency's own label if it had one."""
    return ID_NAMES.get(pid.kind, "Aktenzeichen")


def agency_form(pid: ProcessingId, seen: Iterable[ProcessingId] = ()) -> str:
    """The ID as the agency writes it: its form in the agency's letter, else canonical."""
    for other in seen:
        if other.value == pid.value and other.raw.strip():
            return " ".join(other.raw.split())
    return pid.raw.strip() or pid.value


def carries_id(text: str, pid: ProcessingId) -> bool:
    """Whether ``text`` contains the ID in any spacing or case."""
    return bool(pid.value) and pid.value in canonical(text)


def squash(text: str) -> str:
    """Text in the canonical form IDs are compared in (upper case, no whitespace)."""
    return canonical(text)
