"""Who sent a mail, by its address: agencies' known mail domains, the directory, city domains.

A domain with one meaning names the kind (a subdomain matches too); shared
domains (arbeitsagentur.de) are decided by the local part and the content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from helperdesk.model import Agency, AgencyKind

K = AgencyKind

# Domains with one meaning. A subdomain matches too (mail.aok.de → aok.de).
_KNOWN_DOMAINS: dict[str, AgencyKind] = {
    "jobcenter-ge.de": K.JOBCENTER,
    "jobcenter.digital": K.JOBCENTER,
    "drv-bund.de": K.RENTENVERSICHERUNG,
    "deutsche-rentenversicherung.de": K.RENTENVERSICHERUNG,
    "drv.de": K.RENTENVERSICHERUNG,
    "elster.de": K.FINANZAMT,
    "bzst.de": K.FINANZAMT,
    "bzst.bund.de": K.FINANZAMT,
    "aok.de": K.KRANKENKASSE,
    "tk.de": K.KRANKENKASSE,
    "barmer.de": K.KRANKENKASSE,
    "dak.de": K.KRANKENKASSE,
    "kkh.de": K.KRANKENKASSE,
    "hkk.de": K.KRANKENKASSE,
    "ikk-classic.de": K.KRANKENKASSE,
    "mobil-krankenkasse.de": K.KRANKENKASSE,
    "vivida-bkk.de": K.KRANKENKASSE,
    "audibkk.de": K.KRANKENKASSE,
    "sbk.org": K.KRANKENKASSE,
    "hek.de": K.KRANKENKASSE,
    "knappschaft.de": K.KRANKENKASSE,
}
_KNOWN_ORDER = {entry: i for i, entry in enumerate(_KNOWN_DOMAINS)}
_KNOWN_KINDS = list(_KNOWN_DOMAINS.values())
# Domain shapes: any "jobcenter-*.de", "finanzamt*.…", "drv-*.de", "bkk-*.de", …
_DOMAIN_PATTERNS: tuple[tuple[re.Pattern[str], AgencyKind], ...] = (
    (re.compile(r"(?:^|[.-])jobcenter[\w-]*\.[a-z]+$"), K.JOBCENTER),
    # "fa-…" only with its hyphen: "familienkasse…", "facebookmail.com" are no Finanzamt.
    (re.compile(r"(?:^|\.)(?:finanzamt[\w-]*|fa-[\w-]+)\.[\w.]+$|finanzverwaltung|\.fin-"),
     K.FINANZAMT),
    (re.compile(r"(?:^|\.)drv-[\w-]+\.de$"), K.RENTENVERSICHERUNG),
    (re.compile(r"(?:^|\.)(?:bkk|ikk)[\w-]*\.de$|krankenkasse"), K.KRANKENKASSE),
    (re.compile(r"(?:^|\.)(?:sg|lsg)-[\w-]+\.|sozialgericht"), K.SOZIALGERICHT),
)
# Domains shared by several kinds: decide by local part and content.
_SHARED_DOMAINS = frozenset({"arbeitsagentur.de"})
_CITY_DOMAIN_RE = re.compile(
    r"(?:^|\.)(?:muenchen|berlin|hamburg|koeln|stadt-[\w-]+|[\w-]+-stadt|frankfurt|stuttgart|"
    r"duesseldorf|dortmund|essen|leipzig|bremen|dresden|hannover|nuernberg|augsburg|"
    r"landkreis-[\w-]+|lra-[\w-]+|kreis-[\w-]+|[\w-]+\.bayern|[\w-]+\.nrw)\.de$"
)

def domain_of(addr: str) -> str:
    return addr.rsplit("@", 1)[-1].strip().strip(">").lower() if "@" in addr else addr.lower()


def _domain_matches(domain: str, entry: str) -> bool:
    return domain == entry or domain.endswith("." + entry)


def match_directory(addr: str, directory: Sequence[Agency]) -> Agency | None:
    """The directory agency for a sender address: exact address, else longest domain."""
    a = addr.strip().lower()
    if not a:
        return None
    for agency in directory:
        if any(e.strip().lower() == a for e in agency.emails if "@" in e):
            return agency
    domain = domain_of(a)
    best: tuple[int, Agency] | None = None
    for agency in directory:
        for entry in agency.emails:
            e = entry.strip().lower().lstrip("@")
            if "@" in e or not e:
                continue
            if _domain_matches(domain, e) and (best is None or len(e) > best[0]):
                best = (len(e), agency)
    return best[1] if best else None


def kind_for_domain(addr: str) -> AgencyKind | None:
    """Kind of a well-known single-purpose agency domain, else None."""
    domain = domain_of(addr)
    # The entries it matches are itself and the parts after each ".": looked
    # up instead of testing every entry; the first entry in order wins.
    matched: int | None = None
    dot = -1
    while True:
        order = _KNOWN_ORDER.get(domain[dot + 1 :])
        if order is not None and (matched is None or order < matched):
            matched = order
        dot = domain.find(".", dot + 1)
        if dot < 0:
            break
    if matched is not None:
        return _KNOWN_KINDS[matched]
    for rx, kind in _DOMAIN_PATTERNS:
        if rx.search(domain):
            return kind
    return None


def is_shared_domain(addr: str) -> bool:
    domain = domain_of(addr)
    return any(_domain_matches(domain, d) for d in _SHARED_DOMAINS) or bool(
        _CITY_DOMAIN_RE.search(domain)
    )


def local_part_kind(addr: str) -> AgencyKind | None:
    local = addr.split("@", 1)[0].lower()
    if "familienkasse" in local or local.startswith("fk-") or "kindergeld" in local:
        return K.FAMILIENKASSE
    if "jobcenter" in local:
        return K.JOBCENTER
    if (
        "auslaender" in local
        or "ausländer" in local
        or "abh" in local.split(".")
        or "migration" in local
    ):
        return K.AUSLAENDERBEHOERDE
    if "wohngeld" in local:
        return K.WOHNGELDSTELLE
    if "sozial" in local or "ssh" in local.split("."):
        return K.SOZIALAMT
    if "buergerbuero" in local or "buergeramt" in local:
        return K.BUERGERBUERO
    return None
