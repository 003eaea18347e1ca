"""Readable case titles: the agency and the matter, "Jobcenter München – Bürgergeld".

A new case is named by who wrote and what it is about, never by an internal
code such as ``aufforderung_mitwirkung``. The matter is looked for in the
subject first, then in the text, among the matters the agency's kind deals
with (a Jobcenter letter that mentions Kindergeld as income is still about
Bürgergeld); when none is named, the kind's usual matter is taken. Pure.
"""

from __future__ import annotations

import re

from helperdesk.model import AgencyKind

__all__ = ["case_title", "matter_of"]

K = AgencyKind
_SEP = " – "


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Per kind: (pattern, matter) in order of preference, then the usual matter.
_MATTERS: dict[AgencyKind, tuple[tuple[tuple[re.Pattern[str], str], ...], str | None]] = {
    K.JOBCENTER: ((
        (_rx(r"\bBürgergeld|\bArbeitslosengeld\s+II\b|\bALG\s*II\b|\bSGB\s+II\b"), "Bürgergeld"),
        (_rx(r"\bBildung\s+und\s+Teilhabe\b"), "Bildung und Teilhabe"),
        (_rx(r"\bEingliederung|\bMaßnahme\b|\bWeiterbildung"), "Eingliederung in Arbeit"),
    ), "Bürgergeld"),
    K.AUSLAENDERBEHOERDE: ((
        (_rx(r"\bEinbürgerung"), "Einbürgerung"),
        (_rx(r"\bNiederlassungserlaubnis"), "Niederlassungserlaubnis"),
        (_rx(r"\bBlaue?n?\s+Karte"), "Blaue Karte EU"),
        (_rx(r"\bAufenthaltserlaubnis|\bAufenthaltstitel|\bFiktionsbescheinigung"),
         "Aufenthaltserlaubnis"),
        (_rx(r"\bDuldung"), "Duldung"),
        (_rx(r"\bReiseausweis|\bPass\b"), "Pass"),
        (_rx(r"\bresidence\s+permit"), "Aufenthaltserlaubnis"),
    ), "Aufenthalt"),
    K.FAMILIENKASSE: ((
        (_rx(r"\bKinderzuschlag"), "Kinderzuschlag"),
        (_rx(r"\bKindergeld"), "Kindergeld"),
    ), "Kindergeld"),
    K.FINANZAMT: ((
        (_rx(r"\bEinkommensteuer"), "Einkommensteuer"),
        (_rx(r"\bSteuer-?ID|\bIdentifikationsnummer"), "Steuer-ID"),
        (_rx(r"\bGrundsteuer"), "Grundsteuer"),
        (_rx(r"\bKindergeld"), "Kindergeld"),
    ), "Steuern"),
    K.RENTENVERSICHERUNG: ((
        (_rx(r"\bKontenklärung|\bVersicherungsverlauf"), "Kontenklärung"),
        (_rx(r"\bErwerbsminderung"), "Erwerbsminderungsrente"),
        (_rx(r"\bRehabilitation|\bReha\b"), "Rehabilitation"),
        (_rx(r"\bRente"), "Rente"),
    ), "Rente"),
    K.KRANKENKASSE: ((
        (_rx(r"\bFamilienversicherung"), "Familienversicherung"),
        (_rx(r"\bPflege"), "Pflegeversicherung"),
        (_rx(r"\bKrankengeld"), "Krankengeld"),
        (_rx(r"\bGesundheitskarte"), "Gesundheitskarte"),
        (_rx(r"\bKrankenversicherung"), "Krankenversicherung"),
    ), "Krankenversicherung"),
    K.WOHNGELDSTELLE: ((
        (_rx(r"\bLastenzuschuss"), "Lastenzuschuss"),
        (_rx(r"\bWohngeld"), "Wohngeld"),
    ), "Wohngeld"),
    K.SOZIALAMT: ((
        (_rx(r"\bGrundsicherung"), "Grundsicherung"),
        (_rx(r"\bHilfe\s+zum\s+Lebensunterhalt"), "Hilfe zum Lebensunterhalt"),
        (_rx(r"\bAsylbewerberleistung|\bAsylbLG\b"), "Asylbewerberleistungen"),
        (_rx(r"\bBildung\s+und\s+Teilhabe"), "Bildung und Teilhabe"),
    ), "Sozialhilfe"),
    K.SOZIALGERICHT: (((_rx(r"\bEilverfahren|\beinstweilige"), "Eilverfahren"),), "Klageverfahren"),
    K.BUERGERBUERO: ((
        (_rx(r"\bPersonalausweis"), "Personalausweis"),
        (_rx(r"\bReisepass"), "Reisepass"),
        (_rx(r"\bAnmeldung|\bUmmeldung|\bMeldebescheinigung"), "Meldeangelegenheit"),
    ), None),
    K.OTHER: ((), None),
}  # fmt: skip
_ANY_MATTER = tuple(pair for patterns, _ in _MATTERS.values() for pair in patterns)
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|aw|wg|fwd?|fw|tr|sv|vs)\s*(?:\[\d+\])?\s*:\s*)+", re.I)


def matter_of(kind: AgencyKind | None, subject: str, text: str) -> str | None:
    """The matter a letter is about, from its subject, else its text, else the kind's usual one."""
    patterns, usual = _MATTERS.get(kind, ((), None)) if kind else (_ANY_MATTER, None)
    if kind is K.OTHER:
        patterns = _ANY_MATTER
    for where in (subject, text[:4000]):
        for pattern, matter in patterns:
            if pattern.search(where):
                return matter
    return usual


def case_title(
    agency_name: str | None, kind: AgencyKind | None, subject: str, text: str
) -> str:
    """ "Jobcenter München – Bürgergeld"; without an agency the matter or the subject."""
    matter = matter_of(kind, subject, text)
    name = " ".join((agency_name or "").split())
    if name and matter and matter.lower() not in name.lower():
        return f"{name}{_SEP}{matter}"
    if name:
        return name
    if matter:
        return matter
    cleaned = " ".join(_REPLY_PREFIX.sub("", subject).split())
    return cleaned[:80]
