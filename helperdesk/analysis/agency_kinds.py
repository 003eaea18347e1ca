"""Starter directory of agency kinds with their German (and English) display names.

Used to seed a new store's agency list and to label kinds in the CLI and UI.
"""

from __future__ import annotations

from dataclasses import dataclass

from helperdesk.model import AgencyKind


@dataclass(frozen=True)
class KindInfo:
    kind: AgencyKind
    name_de: str
    name_en: str
    law: str  # which procedural code governs its decisions: "sgb", "vwvfg" or "ao"


KINDS: dict[AgencyKind, KindInfo] = {
    k.kind: k
    for k in (
        KindInfo(AgencyKind.JOBCENTER, "Jobcenter", "Job centre", "sgb"),
        KindInfo(AgencyKind.AUSLAENDERBEHOERDE, "Ausländerbehörde", "Immigration office", "vwvfg"),
        KindInfo(AgencyKind.FAMILIENKASSE, "Familienkasse", "Family benefits office", "ao"),
        KindInfo(AgencyKind.FINANZAMT, "Finanzamt", "Tax office", "ao"),
        KindInfo(
            AgencyKind.RENTENVERSICHERUNG,
            "Deutsche Rentenversicherung",
            "German pension insurance",
            "sgb",
        ),
        KindInfo(AgencyKind.KRANKENKASSE, "Krankenkasse", "Health insurance fund", "sgb"),
        KindInfo(AgencyKind.WOHNGELDSTELLE, "Wohngeldstelle", "Housing benefit office", "sgb"),
        KindInfo(AgencyKind.SOZIALAMT, "Sozialamt", "Social welfare office", "sgb"),
        KindInfo(AgencyKind.SOZIALGERICHT, "Sozialgericht", "Social court", "sgb"),
        KindInfo(AgencyKind.BUERGERBUERO, "Bürgerbüro", "Citizens' office", "vwvfg"),
        KindInfo(AgencyKind.OTHER, "Sonstige Stelle", "Other agency", "vwvfg"),
    )
}


def display_name(kind: AgencyKind, language: str = "de") -> str:
    info = KINDS[kind]
    return info.name_de if language == "de" else info.name_en


def parse_kind(text: str) -> AgencyKind:
    """Return the kind for its code; raise ValueError listing the valid codes."""
    try:
        return AgencyKind(text.strip().lower())
    except ValueError:
        valid = ", ".join(k.value for k in AgencyKind)
        raise ValueError(f"unknown agency kind {text!r}; use one of: {valid}") from None
