"""The letter types and their cues: the phrases that point to a type, and how strongly.

A data table (Bescheid, Einladung, Aufforderung zur Mitwirkung …) with the
helpers that build its patterns.
"""

from __future__ import annotations

import bisect
import re
from enum import StrEnum


class LetterType(StrEnum):
    BESCHEID = "bescheid"
    AENDERUNGSBESCHEID = "aenderungsbescheid"
    AUFHEBUNG_ERSTATTUNG = "aufhebung_erstattung"
    EINLADUNG_TERMIN = "einladung_termin"
    AUFFORDERUNG_MITWIRKUNG = "aufforderung_mitwirkung"
    ANHOERUNG = "anhoerung"
    MAHNUNG = "mahnung"
    EINGANGSBESTAETIGUNG = "eingangsbestaetigung"
    INFORMATION = "information"
    PORTAL_BENACHRICHTIGUNG = "portal_benachrichtigung"
    OTHER = "other"

T = LetterType
IGNORECASE = re.IGNORECASE


_LEADING_BOUNDARY_RE = re.compile(r"(^|\||\(\?:)\\b")


def _c(pattern: str) -> re.Pattern[str]:
    # Cues run on lower-cased text (a case-sensitive pattern lets the literal
    # prefilter work), and a leading \b is checked in code (first_at_word)
    # instead, so that a cue's literals start right at the match start. No
    # upper-case escapes are used, so lower() keeps the meaning.
    return re.compile(_LEADING_BOUNDARY_RE.sub(r"\1", pattern.lower()))


def first_at_word(
    rx: re.Pattern[str], text: str, starts: list[int] | None, begin: int, end: int
) -> re.Match[str] | None:
    """First match of ``rx`` in ``text[begin:end]`` (as ``finditer`` finds them)
    that starts at a word start.

    ``starts``: positions (ascending) that include every match start, or None
    to search. ``begin`` is 0 or follows a line break (see _body_scores).
    """
    if starts is None:
        for found in rx.finditer(text, begin, end):
            if _at_word(text, found.start(), begin):
                return found
        return None
    # As finditer: the next match is looked for from the end of the last one.
    pos = begin
    match = rx.match
    for k in range(bisect.bisect_left(starts, begin), len(starts)):
        s = starts[k]
        if s >= end:
            break
        if s >= pos:
            m = match(text, s, end)
            if m is not None:
                if _at_word(text, s, begin):
                    return m
                pos = m.end()
    return None


def _at_word(text: str, st: int, begin: int) -> bool:
    """Whether a match at ``st`` starts a word (the leading ``\\b`` of a cue)."""
    before = text[st - 1]
    return st == begin or not (before.isalnum() or before == "_") or not text[st].isalnum()


# (type, cue, weight). Specific decision types carry heavier title cues than the
# generic "Bescheid", because every Änderungs- or Aufhebungsbescheid is also a Bescheid.
CUES: tuple[tuple[LetterType, re.Pattern[str], float], ...] = (
    # Portal notifications: automatic mails pointing to a document in a portal.
    (
        T.PORTAL_BENACHRICHTIGUNG,
        _c(
            r"\bneues? (?:Dokument|Nachricht|Schreiben|Bescheid)e?\b[^\n]{0,60}"
            r"\b(?:Postfach|Portal|Konto|verfügbar|bereitgestellt|abrufbar)"
        ),
        6,
    ),
    (
        T.PORTAL_BENACHRICHTIGUNG,
        _c(r"\bin Ihrem (?:elektronischen |digitalen |persönlichen )?Postfach\b"),
        3,
    ),
    (
        T.PORTAL_BENACHRICHTIGUNG,
        _c(
            r"\bjobcenter\.digital\b|\bMein ELSTER\b|\bBundID\b|\bELSTER-?Postfach\b|"
            r"\bOnline-?(?:Postfach|Portal)\b|\beServices?\b"
        ),
        2,
    ),
    (
        T.PORTAL_BENACHRICHTIGUNG,
        _c(
            r"\b(?:melden Sie sich|loggen Sie sich)\b[^\n]{0,40}\ban\b|"
            r"\bautomatisch (?:erstellt|generiert|versandt)\b|\bnicht auf diese "
            r"(?:E-Mail|Nachricht) antworten\b|\bno-?reply\b"
        ),
        2,
    ),
    (T.PORTAL_BENACHRICHTIGUNG, _c(r"\bBereitstellung\b|\bzum Abruf bereit\b|\babrufen\b"), 1.5),
    # Änderungsbescheid.
    (T.AENDERUNGSBESCHEID, _c(r"\bÄnderungsbescheid|\bAenderungsbescheid"), 8),
    (
        T.AENDERUNGSBESCHEID,
        _c(
            r"\bändert? (?:sich|ich|wir)\b[^\n]{0,80}\bBescheid|\bBescheid vom [^\n]{0,40}"
            r"\bwird (?:insoweit )?(?:wie folgt )?geändert|\bÄnderung (?:der|Ihrer) "
            r"(?:Bewilligung|Leistungen|Festsetzung)|\b(?:wird|werden) [^\n]{0,40}neu "
            r"(?:festgesetzt|berechnet)|\bgeänderte[nr]? (?:Bescheid|Festsetzung|Bewilligung)"
        ),
        4,
    ),
    # Aufhebung und Erstattung.
    (
        T.AUFHEBUNG_ERSTATTUNG,
        _c(
            r"\bAufhebungs-? und Erstattungsbescheid|\bAufhebungsbescheid|"
            r"\bErstattungsbescheid|\bRückforderungsbescheid"
        ),
        9,
    ),
    (
        T.AUFHEBUNG_ERSTATTUNG,
        _c(
            r"\b(?:hebe|heben) [^\n]{0,80}\bauf\b|\bwird [^\n]{0,60}aufgehoben|"
            r"\bzu erstatten\b|\bÜberzahlung|\büberzahlt|\bErstattungsforderung|"
            r"§\s?(?:45|48|50) SGB X\b"
        ),
        2.5,
    ),
    # Anhörung.
    (T.ANHOERUNG, _c(r"\bAnhörung\b|\bAnhoerung\b"), 7),
    (
        T.ANHOERUNG,
        _c(
            r"§\s?24 SGB X|§\s?28 VwVfG|§\s?91 AO|\bGelegenheit,? (?:sich |zur )?"
            r"(?:zu äußern|Stellungnahme|zu den [^\n]{0,30} zu äußern)|\bbeabsichtige\b|"
            r"\bbeabsichtigen\b|\bStellung (?:zu )?nehmen\b"
        ),
        3,
    ),
    # Einladung / Termin.
    (
        T.EINLADUNG_TERMIN,
        _c(
            r"\bLadung\b|\bgeladen\b|\bTerminbestätigung\b|\bIhr Termin\b|"
            r"\bErörterungstermin|\bmündliche[nr]? Verhandlung|"
            r"\bEinladung\b|\bMeldeaufforderung\b|\blade[n]? (?:ich |wir )?Sie [^\n]{0,60}\bein\b"
        ),
        7,
    ),
    (
        T.EINLADUNG_TERMIN,
        _c(
            r"\bTermin(?:vereinbarung|bestätigung)?\b[^\n]{0,80}\b\d{1,2}[:.]\d{2}\s?Uhr|"
            r"\bum \d{1,2}[:.]\d{2}\s?Uhr|§\s?59 SGB II|§\s?309 SGB III|"
            r"\bpersönlich (?:vorzusprechen|erscheinen|vorsprechen)|"
            r"\bsprechen Sie [^\n]{0,40}vor\b|"
            r"\bZimmer\b|\bRaum\b|\bbitte (?:kommen|erscheinen) Sie\b|"
            r"\bUhrzeit\s*:\s*\d|\bSitzungssaal\b"
        ),
        2.5,
    ),
    (T.EINLADUNG_TERMIN, _c(r"\b\d{1,2}[:.]\d{2}\s?Uhr\b"), 1.5),
    # Aufforderung zur Mitwirkung.
    (
        T.AUFFORDERUNG_MITWIRKUNG,
        _c(
            r"\bMitwirkung(?:spflicht|saufforderung)?\b|\bAufforderung zur Mitwirkung|"
            r"\bfehlende Unterlagen\b|\bUnterlagen (?:nachreichen|anfordern)|"
            r"\bAnforderung von Unterlagen"
        ),
        6,
    ),
    (
        T.AUFFORDERUNG_MITWIRKUNG,
        _c(
            r"§\s?60 SGB I\b|§\s?66 SGB I\b|§\s?(?:90|93|97) AO\b|"
            r"\b(?:reichen|legen|senden) Sie [^\n]{0,80}\b(?:ein|vor|zu)\b|"
            r"\bbenötige[n]? (?:ich|wir)\b|\bfolgende (?:Unterlagen|Nachweise)|"
            r"\bbitte [^\n]{0,40}\bnachweisen\b|\bbis (?:spätestens )?zum \d{1,2}\.\d{1,2}\.\d{2,4}"
            r"[^\n]{0,40}\b(?:ein(?:zu)?reichen|vor(?:zu)?legen|nach(?:zu)?reichen)|\bversag"
        ),
        2.5,
    ),
    # Mahnung.
    (
        T.MAHNUNG,
        _c(r"\bMahnung\b|\bZahlungserinnerung\b|\bletzte Mahnung\b|\bZahlungsaufforderung\b"),
        8,
    ),
    (
        T.MAHNUNG,
        _c(
            r"\bMahngebühr|\bSäumniszuschl|\brückständig|\boffene[nr]? (?:Forderung|Betrag|Posten)|"
            r"\bVollstreckung|\bnoch nicht (?:beglichen|bezahlt|eingegangen)"
        ),
        3,
    ),
    # Eingangsbestätigung.
    (
        T.EINGANGSBESTAETIGUNG,
        _c(
            r"\bEingangsbestätigung|\bEingangsbestaetigung|\bBestätigung des Eingangs|"
            r"\bLesebestätigung"
        ),
        8,
    ),
    (
        T.EINGANGSBESTAETIGUNG,
        _c(
            r"\b(?:haben|hat) [^\n]{0,40}\b(?:erhalten|empfangen)\b|\bist [^\n]{0,30}"
            r"\beingegangen\b|\bbestätigen (?:wir |Ihnen )?den Eingang|\bEingang Ihre[rs]\b|"
            r"\bwird (?:derzeit |nun )?bearbeitet\b|\bin Bearbeitung\b"
        ),
        3,
    ),
    # Bescheid (generic decision).
    (
        T.BESCHEID,
        _c(
            r"\bBescheid\b|\bBewilligungsbescheid|\bAblehnungsbescheid|\bSteuerbescheid|"
            r"\bRentenbescheid|\bFestsetzungsbescheid|\bBescheid über\b|\bBewilligung\b"
        ),
        5,
    ),
    (
        T.BESCHEID,
        _c(
            r"\bRechtsbehelfsbelehrung|\bRechtsmittelbelehrung|\bWiderspruch\b[^\n]{0,80}"
            r"\b(?:erhoben|einlegen|einzulegen|erheben)|\bEinspruch\b[^\n]{0,60}\b(?:einlegen|einzulegen)"
        ),
        4,
    ),
    (
        T.BESCHEID,
        _c(
            r"\bbewillige\b|\bwerden [^\n]{0,40}\bbewilligt\b|\bBewilligungszeitraum|"
            r"\blehne [^\n]{0,60}\bab\b|\bwird abgelehnt\b|\bsetze [^\n]{0,40}fest\b|"
            r"\bwird festgesetzt\b|\bFestsetzung\b"
        ),
        2.5,
    ),
    # Information.
    (T.INFORMATION, _c(r"\bRenteninformation\b|\bJahresinformation\b|\bNewsletter\b"), 5),
    (
        T.INFORMATION,
        _c(
            r"\bInformation(?:en)?\b|\binformieren\b|\bMerkblatt\b|\bNewsletter\b|\bHinweis(?:e)?\b|"
            r"\bzu Ihrer Kenntnis\b|\bmitteilen\b|\bMitteilung\b"
        ),
        2,
    ),
    (
        T.INFORMATION,
        _c(
            r"\bÖffnungszeiten\b|\bgeschlossen\b|\bumgezogen\b|\bneue (?:Adresse|Anschrift)\b|"
            r"\bErinnerung\b|\bJahresbescheinigung\b|\bBescheinigung\b"
        ),
        1.5,
    ),
)
