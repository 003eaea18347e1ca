"""Recognise, validate and canonicalise processing IDs in letter and mail text.

An agency wants its processing ID (BG-Nummer, Kundennummer, Kindergeldnummer,
Aktenzeichen, Steuernummer, Steuer-ID, Rentenversicherungsnummer, KVNR, court
Aktenzeichen) quoted back. This module finds them in plain text and returns
``model.ProcessingId`` records with a canonical value (upper case, internal
whitespace removed) so that IDs written in different ways compare equal.

Precision first: a wrong ID files a letter into the wrong case, so

* free-form IDs (Aktenzeichen, Kundennummer, Steuernummer) are taken only right
  after their label;
* numeric IDs with a check digit (Steuer-ID, RV-Nummer, KVNR) must validate,
  and the weak ones (Steuer-ID, KVNR) also need a label or context nearby;
* IBANs, BICs, USt-IdNr and phone/fax numbers are found first and their spans
  are excluded, so an ID pattern never matches inside them;
* a court Aktenzeichen cited as case law ("BSG, Urteil vom … B 14 AS 12/09 R")
  is not the household's case ID.

Decision on "Ihr Zeichen": in a letter *from* an agency it names the
recipient's own reference, in a letter *to* an agency (and in quoted replies)
it names the agency's Aktenzeichen. Because the reference is part of the
correspondence either way and the helper often quotes the agency's Az back as
"Ihr Zeichen", it is reported as an ``aktenzeichen`` whose ``label`` says
"Ihr Zeichen", so callers can tell it apart. The weak "… Zeichen" labels are
only honoured when the text looks like correspondence with a public body
(landlords and shops also print "Unser Zeichen").

This module holds the recognisers and the public API; the canonical form and
check digits are in :mod:`helperdesk.analysis.ids.checks`, the patterns in
:mod:`helperdesk.analysis.ids.patterns`, the fast candidate search and the spans to
exclude in :mod:`helperdesk.analysis.ids.candidates`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from helperdesk.analysis.ids.candidates import (
    Excluded,
    Spans,
    Text,
    free,
    matches,
    overlaps,
)
from helperdesk.analysis.ids.checks import (
    canonical,
    is_valid_iban,
    is_valid_kvnr,
    is_valid_rv_nummer,
    is_valid_steuer_id,
    kvnr_check_digit,
    rv_check_digit,
    steuer_id_check_digit,
)
from helperdesk.analysis.ids.file_numbers import (
    Hit,
    Lazy,
    az_hits,
    court_hits,
    label_before,
    make_pid,
)
from helperdesk.analysis.ids.patterns import (
    COURT_ADM_SHAPE,
    COURT_BY_SHAPE,
    COURT_SOC_SHAPE,
    COURT_WORDS_B,
    DIGIT_IDS_MARKS,
    DIGIT_IDS_RE,
    DIGIT_KINDS,
    HEALTH_CONTEXT_LOW_SCAN,
    HEALTH_CONTEXT_RE,
    HEALTH_WORDS_B,
    KUNDEN_MARK_SET,
    KUNDEN_RE,
    KUNDEN_STARTS,
    KVNR_LABEL_RE,
    KVNR_MARKS,
    KVNR_RE,
    KVNR_WORDS_B,
    PRIVATE_LABEL_RE,
    RV_LABEL_RE,
    STID_LABEL_RE,
    STID_MARKS,
    STID_NUM_RE,
    STID_WORDS_B,
    STNR_MARK_SET,
    STNR_RE,
)
from helperdesk.model import Found, IdKind, ProcessingId

__all__ = [
    "MailLike",
    "canonical",
    "find_ids",
    "is_valid_iban",
    "is_valid_kvnr",
    "is_valid_rv_nummer",
    "is_valid_steuer_id",
    "kvnr_check_digit",
    "looks_official",
    "merge_ids",
    "rv_check_digit",
    "scan_groups",
    "scan_mail",
    "scan_texts",
    "steuer_id_check_digit",
]

# Correspondence with a public body: a letterhead or signature line that starts
# with an agency's name honours the weak "Zeichen" labels.
_PUBLIC_BODY_RE = re.compile(
    r"^[ \t]*(?:Ihr(?:e)?[ \t]+)?"
    r"(?:Deutsche[ \t]+|Bayerisches[ \t]+|Landeshauptstadt[ \t]+\S+[ \t]*)?"
    r"(?i:Jobcenter|Agentur\s+für\s+Arbeit|Bundesagentur|Familienkasse|Finanzamt|"
    r"Rentenversicherung|\w*Krankenkasse|AOK|Landratsamt|Landesamt|Stadtverwaltung|"
    r"Landeshauptstadt|Bezirksamt|Landkreis|Kreisverwaltung|Stadt\s|Gemeinde|Markt\s|"
    r"\w*referat|\w*gericht|\w*amt\b|\w*behörde|Bürgerbüro|Wohngeld|Sozialbürgerhaus|"
    r"Bundeszentralamt|Bundesamt)",
    re.MULTILINE,
)


def looks_official(text: str) -> bool:
    """True when the letterhead or signature (first/last lines) names a public body.

    Only the edges count: a landlord's letter that mentions "Ihr Jobcenter" in
    the middle is still a landlord's letter.
    """
    lines = [ln for ln in text.split("\n") if ln.strip()]
    edges = "\n".join(lines[:10] + lines[-10:])
    return bool(_PUBLIC_BODY_RE.search(edges))



def find_ids(
    text: str,
    found_in: Found = Found.BODY,
    *,
    weak_labels: bool | None = None,
    health_context: bool | None = None,
) -> list[ProcessingId]:
    """All processing IDs in ``text``, in order of appearance, one per (kind, value).

    ``weak_labels`` controls whether "Unser/Mein/Ihr Zeichen" count as
    Aktenzeichen labels; ``None`` decides by whether the text's letterhead or
    signature names a public body. ``health_context`` says whether the whole
    message is about health insurance (an unlabelled KVNR needs it); ``None``
    looks near the candidate only.
    """
    weak = Lazy(lambda: looks_official(text) if weak_labels is None else weak_labels)
    return _find_ids(Text(text), found_in, weak, Lazy(lambda: health_context))


def _find_ids(
    t: Text,
    found_in: Found,
    weak_labels: Callable[[], bool],
    health_context: Callable[[], bool],
) -> list[ProcessingId]:
    """:func:`find_ids` of a prepared text; the two answers are asked only when needed."""
    if not t.text:
        return []
    # Spans to exclude (IBAN, phone …) are computed only where a candidate needs them.
    excluded = Excluded(t)
    # Every ID but a labelled Aktenzeichen begins with a mark (most subjects have none).
    hits = _marked_hits(t, found_in, excluded, health_context) if t.has_marks() else []
    if t.anchors:  # "zeichen", "az", "gz" or "gesch" occurs
        agency_text = Lazy(lambda: looks_official(t.text))
        hits.extend(az_hits(t, found_in, excluded, weak_labels, agency_text))
    return _resolved(hits)


def _marked_hits(
    t: Text, found_in: Found, excluded: Excluded, health_context: Callable[[], bool]
) -> list[Hit]:
    """The hits of every kind but the labelled Aktenzeichen (in this order of kinds,
    which ``_resolved`` keeps for hits of equal priority and start)."""
    text = t.text
    hits: list[Hit] = []

    def add(m: re.Match[str], kind: IdKind, label: str, prio: int) -> None:
        if free(text, m.start(), "/") and not overlaps(m.span(), excluded):
            found = make_pid(m.group(0), kind, m.group(0), label, found_in)
            hits.append(Hit(*m.span(), found, prio))

    for m in t.matches(DIGIT_IDS_RE, DIGIT_IDS_MARKS):
        group = m.lastgroup or ""
        if group == "rv":
            if is_valid_rv_nummer(m.group(0)):
                add(m, IdKind.RV_NUMMER, label_before(text, m.start(), RV_LABEL_RE, 80), 1)
        else:
            add(m, DIGIT_KINDS[group], "", 0)
    has = t.has  # a word in the lower-cased text
    # The shape of a value first: rarer than the words, and the words cost a pass.
    if t.has_mark(KUNDEN_MARK_SET) and (has(b"kunden") or has(b"kd")):
        low = t.low
        for m in matches(KUNDEN_RE, low, t.occurrences(KUNDEN_STARTS)):
            vs, ve = m.span("value")
            if free(low, m.start()) and not overlaps((vs, ve), excluded):
                raw = text[vs:ve]
                label = text[m.start("label") : m.end("label")]
                found = make_pid(raw, IdKind.KUNDENNUMMER, raw, label, found_in)
                hits.append(Hit(vs, ve, found, 1))
    if t.has_mark(STNR_MARK_SET) and (has(b"steuer") or (b"st" in t.lowb and has(b"nr"))):
        low = t.low
        nrs = t.words.get(b"nr", [])
        starts = sorted({*t.words.get(b"steuer", ()), *(i - k for i in nrs for k in (2, 3, 4))})
        for m in matches(STNR_RE, low, (s for s in starts if s >= 0)):
            vs, ve = m.span("value")
            raw = text[vs:ve]
            digits = re.sub(r"\D", "", raw)
            if not free(low, m.start()) or overlaps((vs, ve), excluded):
                continue
            if len(digits) == 11 and is_valid_steuer_id(digits) and "/" not in raw:
                kind = IdKind.STEUER_ID  # people call the IdNr "Steuernummer" too
            elif len(digits) in (10, 11, 13):
                kind = IdKind.STEUERNUMMER
            else:
                continue
            label = text[m.start("label") : m.end("label")]
            hits.append(Hit(vs, ve, make_pid(raw, kind, raw, label, found_in), 1))
    # Candidates first: deciding whether a KVNR is possible may need the whole
    # message. Not in a dense text, where the candidates cost more.
    kvnr_possible = Lazy(
        lambda: any(map(has, KVNR_WORDS_B)) or any(map(has, HEALTH_WORDS_B)) or health_context()
    )
    kvnrs = []
    if not t.dense or kvnr_possible():
        kvnrs = [m for m in t.matches(KVNR_RE, KVNR_MARKS) if is_valid_kvnr(m.group(0))]
    for m in kvnrs if kvnrs and kvnr_possible() else ():
        label = label_before(text, m.start(), KVNR_LABEL_RE, 60)
        if not label:
            before = text[max(0, m.start() - 40) : m.start()]
            if PRIVATE_LABEL_RE.search(before):
                continue
            window = text[max(0, m.start() - 300) : m.end() + 300]
            if not (HEALTH_CONTEXT_RE.search(window) or health_context()):
                continue
        add(m, IdKind.KVNR, label, 2)
    # Candidates first here too: a text of letters has none, and the words cost a pass.
    stid_possible = Lazy(lambda: any(map(has, STID_WORDS_B)))
    stids = list(t.matches(STID_NUM_RE, STID_MARKS)) if not t.dense or stid_possible() else []
    for m in stids if stids and stid_possible() else ():
        st = m.start()
        if not free(text, st, ".,/") or (
            st >= 2 and text[st - 1] in " \u00a0" and text[st - 2].isdigit()
        ):
            continue
        if not is_valid_steuer_id(m.group(0)):
            continue
        label = label_before(text, m.start(), STID_LABEL_RE, 80)
        if label:
            add(m, IdKind.STEUER_ID, label, 2)
    # Court Aktenzeichen always contain "/" or "." and come with court words.
    slash, dot = t.has_shape(b"0/00"), t.has_shape(b"A 00.0")
    courts = [
        t.starts(COURT_SOC_SHAPE) if slash else [],
        t.starts(COURT_BY_SHAPE) if dot else [],
        t.starts(COURT_ADM_SHAPE) if slash else [],
    ]
    if any(courts) and ("/" in text or "." in text) and any(map(has, COURT_WORDS_B)):
        hits.extend(court_hits(text, found_in, excluded, courts))
    return hits


def _resolved(hits: list[Hit]) -> list[ProcessingId]:
    """The IDs of ``hits`` in order of appearance, one per (kind, value); where hits
    overlap, the more specific pattern (lower priority number) wins."""
    hits.sort(key=lambda h: (h.priority, h.start))
    taken = Spans()
    kept: list[Hit] = []
    for h in hits:
        if taken.overlaps(h.start, h.end):
            continue
        taken.add(h.start, h.end)
        kept.append(h)
    kept.sort(key=lambda h: h.start)
    out: list[ProcessingId] = []
    seen: set[tuple[IdKind, str]] = set()
    for h in kept:
        key = (h.pid.kind, h.pid.value)
        if key not in seen:
            seen.add(key)
            out.append(h.pid)
    return out


# Most authoritative first: what the sender put in the subject, then what they
# wrote, then their attachments, then history they quoted.
_AUTHORITY = {Found.SUBJECT: 0, Found.BODY: 1, Found.ATTACHMENT: 2, Found.QUOTED: 3}


def merge_ids(groups: Iterable[Sequence[ProcessingId]]) -> list[ProcessingId]:
    """De-duplicate by (kind, value), keeping the most authoritative location."""
    best: dict[tuple[IdKind, str], ProcessingId] = {}
    order: list[tuple[IdKind, str]] = []
    for group in groups:
        for pid in group:
            key = (pid.kind, pid.value)
            old = best.get(key)
            if old is None:
                order.append(key)
                best[key] = pid
            elif _AUTHORITY[pid.found_in] < _AUTHORITY[old.found_in]:
                best[key] = pid
    return sorted((best[k] for k in order), key=lambda p: _AUTHORITY[p.found_in])


def scan_groups(
    *,
    subject: str = "",
    body: str = "",
    quoted: str = "",
    attachments: Sequence[str] = (),
) -> list[list[ProcessingId]]:
    """IDs per part of one message: subject, body, each attachment, quoted (not merged)."""
    # The weak "Zeichen" labels depend on the whole message looking official.
    parts = (subject, body, quoted, *attachments)
    weak = Lazy(lambda: any(looks_official(t) for t in parts))
    # The subject is too short to carry context of its own; the message's body does.
    # Both are asked only for a weak label or a KVNR candidate (on a 10 KB text
    # with "–" or "€", lower() alone costs as much as a dozen regex scans).
    texts = [Text(t) for t in parts]
    health = Lazy(lambda: any(HEALTH_CONTEXT_LOW_SCAN.scan(t.low).search(0) for t in texts))
    return [
        _find_ids(texts[0], Found.SUBJECT, weak, health),
        _find_ids(texts[1], Found.BODY, weak, health),
        *(_find_ids(t, Found.ATTACHMENT, weak, health) for t in texts[3:]),
        _find_ids(texts[2], Found.QUOTED, weak, health),
    ]


def scan_texts(
    *,
    subject: str = "",
    body: str = "",
    quoted: str = "",
    attachments: Sequence[str] = (),
) -> list[ProcessingId]:
    """IDs over the parts of one message, de-duplicated (subject > body > attachment > quoted)."""
    return merge_ids(
        scan_groups(subject=subject, body=body, quoted=quoted, attachments=attachments)
    )


class MailLike(Protocol):
    """What :func:`scan_mail` reads from a ``mailparse.ParsedMail``."""

    @property
    def subject(self) -> str: ...

    @property
    def new_text(self) -> str: ...

    @property
    def quoted_text(self) -> str: ...


def scan_mail(mail: MailLike, attachment_texts: Sequence[str] = ()) -> list[ProcessingId]:
    """IDs of a parsed mail: subject, new text, quoted text and attachment texts."""
    return scan_texts(
        subject=mail.subject,
        body=mail.new_text,
        quoted=mail.quoted_text,
        attachments=attachment_texts,
    )
