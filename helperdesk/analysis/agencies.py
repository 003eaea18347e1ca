"""Recognise which agency a message comes from.

Order of evidence, strongest first:

1. the sender address (and, in a forward, the forwarded sender) against the
   user's agency directory: an exact address beats a bare domain, a subdomain
   matches its domain, the longest matching domain wins;
2. well-known agency domains (jobcenter-ge.de, arbeitsagentur.de, drv-bund.de,
   elster.de, aok.de, …); shared domains (arbeitsagentur.de, city domains such
   as muenchen.de) are resolved by the address's local part and the content;
3. letterhead and signature phrases ("Jobcenter München", "Familienkasse
   Bayern Süd", "Deutsche Rentenversicherung Bund", …), weighted more at the
   top and bottom of the text than in the middle, where letters mention other
   agencies ("legen Sie den Bescheid der Familienkasse vor");
4. the kinds of processing IDs found (a BG-Nummer means Jobcenter, …).

The result names the kind, a display name, the directory agency id (if any)
and a short reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from helperdesk.analysis.agency_kinds import display_name
from helperdesk.analysis.agency_senders import (
    K,
    domain_of,
    is_shared_domain,
    kind_for_domain,
    local_part_kind,
    match_directory,
)
from helperdesk.analysis.multiscan import MultiScanner
from helperdesk.mail.parse import ParsedMail
from helperdesk.model import Agency, AgencyKind, IdKind, ProcessingId


@dataclass(frozen=True)
class AgencyMatch:
    kind: AgencyKind
    name: str
    agency_id: int | None
    reason: str


# Up to three following words of a name: "Jobcenter München", "Finanzamt Neustadt a. d. W."
_NAME_TAIL = (
    r"(?:[ \t]+(?:(?:[A-ZÄÖÜ][\w.\-äöüß]+|in|im|an|am|der|des|für|"
    r"(?:a\.|i\.)\s?d\.\s?[A-Z]\w*)(?=[ \t\n,;:)]|$))){0,3}"
)

_LEADING_BOUNDARY_RE = re.compile(r"(^|\||\(\?:|\(\?P<\w+>)\\b")


def _p(pattern: str) -> re.Pattern[str]:
    # A leading \b is dropped here and checked in code (_word_start), so that
    # a phrase's literals start right at the match start (see multiscan).
    return re.compile(_LEADING_BOUNDARY_RE.sub(r"\1", pattern))


def _word_start(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")


# (kind, regex, weight). A group named "name" captures a display name.
_PHRASES: tuple[tuple[AgencyKind, re.Pattern[str], int], ...] = (
    (K.JOBCENTER, _p(r"(?P<name>\bJob[Cc]enter" + _NAME_TAIL + r")"), 3),
    (
        K.JOBCENTER,
        _p(r"\bjobcenter\.digital\b|\bArbeitslosengeld II\b|\bBürgergeld\b|\bSGB II\b"),
        1,
    ),
    (K.FAMILIENKASSE, _p(r"(?P<name>\bFamilienkasse" + _NAME_TAIL + r")"), 3),
    (K.FAMILIENKASSE, _p(r"\bKindergeld\b|\bKinderzuschlag\b"), 1),
    (
        K.FINANZAMT,
        _p(
            r"(?P<name>\bFinanzamt" + _NAME_TAIL + r")|\bMein ELSTER\b|"
            r"(?P<bzst>\bBundeszentralamt für Steuern\b)"
        ),
        3,
    ),
    (K.FINANZAMT, _p(r"\bEinkommensteuer|\bSteuerbescheid|\bEinspruch\b"), 1),
    (
        K.RENTENVERSICHERUNG,
        _p(
            r"(?P<name>\bDeutsche Rentenversicherung" + _NAME_TAIL + r")|\bDRV[ \t](?:Bund|Bayern)"
        ),
        3,
    ),
    (K.RENTENVERSICHERUNG, _p(r"\bRentenversicherung|\bRentenbescheid|\bRentenantrag"), 1),
    (
        K.KRANKENKASSE,
        _p(
            r"(?P<name>\bAOK(?:[ \t][A-ZÄÖÜ][\w\-]+){0,2}|\bTechniker Krankenkasse\b|"
            r"\bTK[ \t]Techniker\b|\bBARMER\b|\bDAK-Gesundheit\b|\bIKK classic\b|\bKKH\b|"
            r"\bhkk Krankenkasse\b|\bKnappschaft\b|\bBKK[ \t][A-ZÄÖÜ]\w+|"
            r"\b[A-ZÄÖÜ][\w-]*[ \t]Krankenkasse\b|\bKrankenkasse\b)"
        ),
        3,
    ),
    (
        K.KRANKENKASSE,
        _p(r"\bKrankenversicherung\b|\bGesundheitskarte\b|\bPflegekasse\b"),
        1,
    ),
    (
        K.AUSLAENDERBEHOERDE,
        _p(
            r"(?P<name>\bAusländerbehörde" + _NAME_TAIL + r"|\bLandesamt für Einwanderung\b|"
            r"\bAusländeramt\b|\bAmt für Migration\b|\bZuwanderungsbehörde\b|"
            r"\bService-?Center für Ausländer\w*|\bImmigration Office\b)"
        ),
        4,
    ),
    (
        K.AUSLAENDERBEHOERDE,
        _p(
            r"\bAufenthaltstitel|\bAufenthaltserlaubnis|\bNiederlassungserlaubnis|\bFiktionsbescheinigung|"
            r"\bAufenthaltsG\b|\bAufenthaltsgesetz|\bBlaue Karte|\belektronischen? Aufenthaltstitel"
        ),
        1,
    ),
    (
        K.WOHNGELDSTELLE,
        _p(r"(?P<name>\bWohngeld(?:stelle|behörde|amt|büro)\b" + _NAME_TAIL + r")"),
        4,
    ),
    (K.WOHNGELDSTELLE, _p(r"\bWohngeld\b|\bWoGG\b"), 1),
    (
        K.SOZIALAMT,
        _p(
            r"(?P<name>\bSozialamt"
            + _NAME_TAIL
            + r"|\bAmt für Soziale Sicherung\b|\bSozialbürgerhaus"
            + _NAME_TAIL
            + r"|\bAmt für Soziales\b|\bFachbereich Soziales\b)"
        ),
        4,
    ),
    (
        K.SOZIALAMT,
        _p(r"\bSGB XII\b|\bGrundsicherung im Alter\b|\bHilfe zum Lebensunterhalt\b"),
        1,
    ),
    (K.SOZIALGERICHT, _p(r"(?P<name>\b(?:Landes)?[Ss]ozialgericht" + _NAME_TAIL + r")"), 4),
    (K.OTHER, _p(r"(?P<name>\bVerwaltungsgericht" + _NAME_TAIL + r")"), 4),
    (
        K.BUERGERBUERO,
        _p(
            r"(?P<name>\bBürgerbüro"
            + _NAME_TAIL
            + r"|\bBürgeramt"
            + _NAME_TAIL
            + r"|\bEinwohnermeldeamt\b|\bBürgerservice\b)"
        ),
        4,
    ),
    (K.OTHER, _p(r"(?P<name>\bAgentur für Arbeit" + _NAME_TAIL + r")"), 2),
)
# Kreisverwaltungsreferat (München) runs the Ausländerbehörde and the Bürgerbüros.
_KVR_RE = re.compile(r"\bKreisverwaltungsreferat\b|\bKVR\b")
# One automaton pass per text finds the literals of every phrase (see multiscan).
_PHRASE_SCAN = MultiScanner([rx for _kind, rx, _weight in _PHRASES] + [_KVR_RE])
_KVR = len(_PHRASES)  # the KVR pattern's index in _PHRASE_SCAN

_ID_HINTS: dict[IdKind, tuple[AgencyKind, int]] = {
    IdKind.BG_NUMMER: (K.JOBCENTER, 4),
    IdKind.KUNDENNUMMER: (K.JOBCENTER, 1),
    IdKind.KINDERGELDNUMMER: (K.FAMILIENKASSE, 4),
    IdKind.STEUERNUMMER: (K.FINANZAMT, 3),
    IdKind.STEUER_ID: (K.FINANZAMT, 1),
    IdKind.RV_NUMMER: (K.RENTENVERSICHERUNG, 2),
    IdKind.KVNR: (K.KRANKENKASSE, 2),
    IdKind.COURT_AZ: (K.SOZIALGERICHT, 4),
}
_VG_AZ_RE = re.compile(r"^(?:VG|FG|OVG|\d|M|AN|AU|B\d|RN|RO|W)")

# Below this the evidence is too thin (a mention in passing, a lone Steuernummer).
_MIN_POINTS = 4
# Lines at the top (letterhead) and bottom (signature) weigh more than the middle.
_HEAD_LINES = 12
_TAIL_LINES = 12


@dataclass
class _Score:
    points: int = 0
    name: str = ""
    name_weight: int = 0
    why: str = ""


# A letterhead or signature line starts with the agency's name (after an
# optional "Ihr"/"Landeshauptstadt München" and the like); a mention inside a
# sentence ("Termin beim Jobcenter") is only weak evidence.
_LINE_START_RE = re.compile(
    r"(?:^|\n)[ \t>*]*"
    r"(?:Ihr(?:e)?[ \t]+|Im Auftrag[ \t]+|Bayerisches[ \t]+|Freie und Hansestadt[ \t]+)?$"
)


# A zone of a text: (end offset, weight for line-initial names, name for reasons).
_Zone = tuple[int, int, str]


def _score_text(
    text: str,
    scores: dict[AgencyKind, _Score],
    zones: Sequence[_Zone],
    latin1: bytes | None = None,
) -> None:
    """Add phrase evidence from ``text``.

    A name at the start of a line in a zone counts with the zone's weight, a
    mention inside a sentence counts 1; each zone counts once per kind.
    """
    if not text:
        return
    scanned = _PHRASE_SCAN.scan(text, latin1)
    live = scanned.live()  # the phrases that can match; the others certainly do not
    for i in live:
        if i == _KVR:
            break
        kind, _rx, weight = _PHRASES[i]
        best: dict[int, tuple[int, re.Match[str]]] = {}  # zone index -> (factor, match)
        for m in scanned.finditer(i):
            if not _word_start(text, m.start()):
                continue
            zi = next((j for j, z in enumerate(zones) if m.start() < z[0]), len(zones) - 1)
            if zi in best and best[zi][0] == zones[zi][1]:
                continue
            at_line_start = bool(_LINE_START_RE.search(text, max(0, m.start() - 40), m.start()))
            factor = zones[zi][1] if at_line_start else 1
            if zi not in best or factor > best[zi][0]:
                best[zi] = (factor, m)
        for zi, (factor, m) in sorted(best.items()):
            s = scores.setdefault(kind, _Score())
            s.points += weight * factor
            if not s.why:
                s.why = f"'{m.group(0).strip()}' in {zones[zi][2]}"
            name = m.groupdict().get("name")
            if m.groupdict().get("bzst"):
                name = m.group("bzst")
            if name and weight * factor > s.name_weight:
                s.name = " ".join(name.split()).rstrip(".,")
                s.name_weight = weight * factor
    kvr = next(scanned.finditer(_KVR), None) if live and live[-1] == _KVR else None
    if kvr:
        # The KVR is the Ausländerbehörde unless the text says Bürgerbüro.
        zi = next((i for i, z in enumerate(zones) if kvr.start() < z[0]), len(zones) - 1)
        s = scores.setdefault(K.AUSLAENDERBEHOERDE, _Score())
        s.points += zones[zi][1]
        s.why = s.why or f"'Kreisverwaltungsreferat' in {zones[zi][2]}"


# Bytes of the Latin-1 form of a text (see multiscan) whose character may be
# whitespace: Latin-1 whitespace, and "?", which stands for every character
# beyond Latin-1 as well.
_MAYBE_SPACE = frozenset([*(b for b in range(256) if chr(b).isspace()), ord("?")])


def _nonblank(text: str, start: int, line: bytes) -> bool:
    """Whether the first 200 characters of the line at ``start`` are not all
    whitespace; ``line`` is the line in the Latin-1 form of ``text``."""
    if not line:
        return False
    # Usually the first character decides; else look at the text itself.
    return line[0] not in _MAYBE_SPACE or bool(text[start : start + min(len(line), 200)].strip())


def _zones(
    text: str, latin1: bytes, weights: tuple[int, int, int], prefix: str = ""
) -> list[_Zone]:
    """Letterhead (first lines), middle and signature (last lines) of ``text``,
    with their ``weights``.

    ``latin1``: ``text.encode("latin-1", "replace")`` (one byte per character).
    """
    head, middle, tail = weights
    # Only the 13th non-blank line (a line whose first 200 characters are not
    # blank) and the 12th from the end matter, and whether more than 24 are
    # non-blank: found from both ends, without testing every line.
    lines = latin1.split(b"\n")
    maybe_space = _MAYBE_SPACE
    end = len(text) + 1
    cut = -1  # start of the (_HEAD_LINES + 1)-th non-blank line
    cut_line = 0  # its index
    found = 0
    pos = 0
    for line in lines:
        # (_nonblank, inlined: this runs for many lines.)
        if line and (line[0] not in maybe_space or _nonblank(text, pos, line)):
            found += 1
            if found > _HEAD_LINES:
                cut = pos
                break
        pos += len(line) + 1
        cut_line += 1
    if cut < 0:
        return [(end, head, f"{prefix}letterhead"), (end, tail, f"{prefix}signature")]
    last = -1  # start of the _TAIL_LINES-th non-blank line from the end, after ``cut``
    found = 0
    pos = len(text) + 1
    for line in reversed(lines[cut_line + 1 :]):
        pos -= len(line) + 1
        if line and (line[0] not in maybe_space or _nonblank(text, pos, line)):
            found += 1
            if found == _TAIL_LINES:
                last = pos
                break
    if last < 0:  # at most _HEAD_LINES + _TAIL_LINES non-blank lines
        return [(cut, head, f"{prefix}letterhead"), (end, tail, f"{prefix}signature")]
    return [
        (cut, head, f"{prefix}letterhead"),
        (last, middle, f"{prefix}text"),
        (end, tail, f"{prefix}signature"),
    ]


def detect_agency(
    *,
    from_addr: str = "",
    from_name: str = "",
    subject: str = "",
    text: str = "",
    quoted_text: str = "",
    attachment_texts: Sequence[str] = (),
    forwarded_from: Sequence[tuple[str, str]] = (),
    is_forward: bool = False,
    ids: Sequence[ProcessingId] = (),
    directory: Sequence[Agency] = (),
) -> AgencyMatch | None:
    """Best guess of the sending agency, or None when nothing points to one.

    ``text`` is the sender's new text; ``quoted_text`` the history. In a
    forward the sender is a neighbour, so ``forwarded_from`` ((name, address)
    pairs of the forwarded headers) and the history count like the sender and
    the body.
    """
    senders: list[tuple[str, str, str]] = []  # (name, address, role)
    if from_addr:
        senders.append((from_name, from_addr, "sender"))
    for name, addr in forwarded_from:
        if addr:
            senders.append((name, addr, "forwarded sender"))

    # 1. Directory: exact address or domain.
    for _name, addr, role in senders:
        agency = match_directory(addr, directory)
        if agency is not None:
            exact = any(e.strip().lower() == addr.strip().lower() for e in agency.emails)
            how = "address" if exact else "domain"
            return AgencyMatch(
                agency.kind,
                agency.name,
                agency.id,
                f"{role} {how} {addr} is in the agency directory",
            )

    scores: dict[AgencyKind, _Score] = {}
    content_parts = [subject, text]
    if is_forward or not text.strip():
        content_parts.append(quoted_text)
    content_parts.extend(attachment_texts)
    body = "\n".join(p for p in (text, quoted_text if is_forward or not text.strip() else "") if p)

    # 3. Content: letterhead/signature zones weigh 3, the middle 1, subject 2.
    _score_text(subject, scores, [(len(subject) + 1, 2, "subject")])
    body_latin1 = body.encode("latin-1", "replace")
    _score_text(body, scores, _zones(body, body_latin1, (3, 1, 3)), body_latin1)
    for att in attachment_texts:
        att_latin1 = att.encode("latin-1", "replace")
        _score_text(att, scores, _zones(att, att_latin1, (3, 1, 2), "attachment "), att_latin1)
    for name, _addr, role in senders:
        if name:
            _score_text(name, scores, [(len(name) + 1, 4, f"{role} name")])

    # 4. IDs.
    for pid in ids:
        hint = _ID_HINTS.get(pid.kind)
        if hint is None:
            continue
        kind, weight = hint
        if pid.kind is IdKind.COURT_AZ and _VG_AZ_RE.match(pid.value):
            kind = K.OTHER
        s = scores.setdefault(kind, _Score())
        s.points += weight
        s.why = s.why or f"{pid.kind.value} {pid.raw or pid.value} found"

    # 2. Known domains: strong, or, for shared domains, a strong hint by local part.
    for _name, addr, role in senders:
        known = kind_for_domain(addr)
        if known is not None:
            s = scores.setdefault(known, _Score())
            s.points += 20
            s.why = f"{role} domain {domain_of(addr)}"
            break
        if is_shared_domain(addr):
            local = local_part_kind(addr)
            if local is not None:
                s = scores.setdefault(local, _Score())
                s.points += 12
                s.why = f"{role} address {addr}"
            # A shared domain makes the content decisive but proves "an agency".
            for score in scores.values():
                score.points += 1
            break

    if not scores:
        return None
    # Agentur für Arbeit scores as OTHER; it should not beat a specific kind on a tie.
    order = list(AgencyKind)
    kind, best = max(scores.items(), key=lambda kv: (kv[1].points, -order.index(kv[0])))
    if best.points < _MIN_POINTS:
        return None
    name = best.name or display_name(kind)
    agency_id: int | None = None
    # A directory agency whose name appears in the content.
    hay = "\n".join(content_parts).lower() if directory else ""
    for agency in directory:
        if agency.kind is kind and agency.name and agency.name.lower() in hay:
            agency_id, name = agency.id, agency.name
            break
    return AgencyMatch(kind, name, agency_id, best.why)


def detect_agency_in_mail(
    mail: ParsedMail,
    *,
    attachment_texts: Sequence[str] = (),
    ids: Sequence[ProcessingId] = (),
    directory: Sequence[Agency] = (),
) -> AgencyMatch | None:
    """:func:`detect_agency` over a ``mailparse.ParsedMail``."""
    return detect_agency(
        from_addr=mail.from_addr,
        from_name=mail.from_name,
        subject=mail.subject,
        text=mail.new_text,
        quoted_text=mail.quoted_text,
        attachment_texts=attachment_texts,
        forwarded_from=[(f.from_name, f.from_addr) for f in mail.forwarded_from],
        is_forward=mail.is_forward,
        ids=ids,
        directory=directory,
    )
