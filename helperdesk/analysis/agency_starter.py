"""Starter directory: public mail domains of German agencies (a data table).

What a new store knows before the helper has added any agency: which domain
belongs to which kind of agency, the name to propose and the Bundesland where
the domain is a Land's or a city's. ``shared`` marks domains that many offices
use (every Jobcenter writes from jobcenter-ge.de, every Berlin office from
berlin.de): an agency proposed from such a mail is keyed by the sender's full
address, never by the domain, so one office's entry does not capture another's
mail. Data only, plus a lookup; pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from helperdesk.model import AgencyKind

__all__ = ["STARTER", "StarterDomain", "starter_for"]

K = AgencyKind


@dataclass(frozen=True)
class StarterDomain:
    domain: str
    kind: AgencyKind  # OTHER where the domain serves several kinds (a city, a Land)
    name: str
    state: str | None = None
    shared: bool = True


STARTER: tuple[StarterDomain, ...] = (
    # Federal agencies and social insurance.
    StarterDomain("jobcenter-ge.de", K.JOBCENTER, "Jobcenter"),
    StarterDomain("jobcenter.digital", K.JOBCENTER, "Jobcenter"),
    StarterDomain("arbeitsagentur.de", K.OTHER, "Bundesagentur für Arbeit"),  # also Familienkasse
    StarterDomain("drv-bund.de", K.RENTENVERSICHERUNG, "Deutsche Rentenversicherung Bund",
                  shared=False),
    StarterDomain("deutsche-rentenversicherung.de", K.RENTENVERSICHERUNG,
                  "Deutsche Rentenversicherung"),
    StarterDomain("drv.de", K.RENTENVERSICHERUNG, "Deutsche Rentenversicherung"),
    StarterDomain("elster.de", K.FINANZAMT, "ELSTER (Finanzverwaltung)"),
    StarterDomain("bzst.bund.de", K.FINANZAMT, "Bundeszentralamt für Steuern", shared=False),
    StarterDomain("bzst.de", K.FINANZAMT, "Bundeszentralamt für Steuern", shared=False),
    StarterDomain("bamf.bund.de", K.OTHER, "Bundesamt für Migration und Flüchtlinge",
                  shared=False),
    # Krankenkassen (one fund per domain; AOK's regional funds share aok.de).
    StarterDomain("aok.de", K.KRANKENKASSE, "AOK"),
    StarterDomain("tk.de", K.KRANKENKASSE, "Techniker Krankenkasse", shared=False),
    StarterDomain("barmer.de", K.KRANKENKASSE, "BARMER", shared=False),
    StarterDomain("dak.de", K.KRANKENKASSE, "DAK-Gesundheit", shared=False),
    StarterDomain("kkh.de", K.KRANKENKASSE, "KKH Kaufmännische Krankenkasse", shared=False),
    StarterDomain("hkk.de", K.KRANKENKASSE, "hkk Krankenkasse", shared=False),
    StarterDomain("ikk-classic.de", K.KRANKENKASSE, "IKK classic", shared=False),
    StarterDomain("knappschaft.de", K.KRANKENKASSE, "Knappschaft", shared=False),
    StarterDomain("hek.de", K.KRANKENKASSE, "HEK – Hanseatische Krankenkasse", shared=False),
    StarterDomain("sbk.org", K.KRANKENKASSE, "SBK Siemens-Betriebskrankenkasse", shared=False),
    StarterDomain("mobil-krankenkasse.de", K.KRANKENKASSE, "BKK mobil", shared=False),
    # Courts.
    StarterDomain("sozialgerichtsbarkeit.de", K.SOZIALGERICHT, "Sozialgericht"),
    StarterDomain("justiz.bayern.de", K.OTHER, "Justiz Bayern", "BY"),
    StarterDomain("justiz.nrw.de", K.OTHER, "Justiz NRW", "NW"),
    StarterDomain("justiz.niedersachsen.de", K.OTHER, "Justiz Niedersachsen", "NI"),
    StarterDomain("justiz.sachsen.de", K.OTHER, "Justiz Sachsen", "SN"),
    StarterDomain("justiz.hessen.de", K.OTHER, "Justiz Hessen", "HE"),
    StarterDomain("justiz.bwl.de", K.OTHER, "Justiz Baden-Württemberg", "BW"),
    StarterDomain("justiz.hamburg.de", K.OTHER, "Justiz Hamburg", "HH"),
    StarterDomain("justiz.berlin.de", K.OTHER, "Justiz Berlin", "BE"),
    StarterDomain("justiz.brandenburg.de", K.OTHER, "Justiz Brandenburg", "BB"),
    StarterDomain("justiz.thueringen.de", K.OTHER, "Justiz Thüringen", "TH"),
    StarterDomain("justiz.rlp.de", K.OTHER, "Justiz Rheinland-Pfalz", "RP"),
    StarterDomain("justiz.saarland.de", K.OTHER, "Justiz Saarland", "SL"),
    StarterDomain("justiz.sachsen-anhalt.de", K.OTHER, "Justiz Sachsen-Anhalt", "ST"),
    StarterDomain("justiz.bremen.de", K.OTHER, "Justiz Bremen", "HB"),
    StarterDomain("justiz-mv.de", K.OTHER, "Justiz Mecklenburg-Vorpommern", "MV"),
    StarterDomain("jumi.landsh.de", K.OTHER, "Justiz Schleswig-Holstein", "SH"),
    # Finanzämter: each Land's tax administration writes from its own domain.
    StarterDomain("finanzamt.bayern.de", K.FINANZAMT, "Finanzamt", "BY"),
    StarterDomain("finanzamt.nrw.de", K.FINANZAMT, "Finanzamt", "NW"),
    StarterDomain("fin-nrw.de", K.FINANZAMT, "Finanzamt", "NW"),
    StarterDomain("finanzamt.niedersachsen.de", K.FINANZAMT, "Finanzamt", "NI"),
    StarterDomain("finanzamt.hessen.de", K.FINANZAMT, "Finanzamt", "HE"),
    StarterDomain("finanzamt.bwl.de", K.FINANZAMT, "Finanzamt", "BW"),
    StarterDomain("finanzamt.hamburg.de", K.FINANZAMT, "Finanzamt", "HH"),
    StarterDomain("finanzamt.bremen.de", K.FINANZAMT, "Finanzamt", "HB"),
    StarterDomain("finanzamt.berlin.de", K.FINANZAMT, "Finanzamt", "BE"),
    StarterDomain("finanzamt.brandenburg.de", K.FINANZAMT, "Finanzamt", "BB"),
    StarterDomain("finanzamt.thueringen.de", K.FINANZAMT, "Finanzamt", "TH"),
    StarterDomain("finanzamt.sachsen.de", K.FINANZAMT, "Finanzamt", "SN"),
    StarterDomain("finanzamt.sachsen-anhalt.de", K.FINANZAMT, "Finanzamt", "ST"),
    StarterDomain("finanzamt.landsh.de", K.FINANZAMT, "Finanzamt", "SH"),
    StarterDomain("finanzamt-mv.de", K.FINANZAMT, "Finanzamt", "MV"),
    StarterDomain("finanzamt.saarland.de", K.FINANZAMT, "Finanzamt", "SL"),
    StarterDomain("fin-rlp.de", K.FINANZAMT, "Finanzamt", "RP"),
    # Länder and cities: many offices (Ausländerbehörde, Bürgeramt, Sozialamt …) share them.
    StarterDomain("berlin.de", K.OTHER, "Land Berlin", "BE"),
    StarterDomain("hamburg.de", K.OTHER, "Freie und Hansestadt Hamburg", "HH"),
    StarterDomain("bremen.de", K.OTHER, "Freie Hansestadt Bremen", "HB"),
    StarterDomain("muenchen.de", K.OTHER, "Landeshauptstadt München", "BY"),
    StarterDomain("nuernberg.de", K.OTHER, "Stadt Nürnberg", "BY"),
    StarterDomain("augsburg.de", K.OTHER, "Stadt Augsburg", "BY"),
    StarterDomain("bayern.de", K.OTHER, "Freistaat Bayern", "BY"),
    StarterDomain("stadt-koeln.de", K.OTHER, "Stadt Köln", "NW"),
    StarterDomain("duesseldorf.de", K.OTHER, "Landeshauptstadt Düsseldorf", "NW"),
    StarterDomain("dortmund.de", K.OTHER, "Stadt Dortmund", "NW"),
    StarterDomain("essen.de", K.OTHER, "Stadt Essen", "NW"),
    StarterDomain("nrw.de", K.OTHER, "Land Nordrhein-Westfalen", "NW"),
    StarterDomain("frankfurt.de", K.OTHER, "Stadt Frankfurt am Main", "HE"),
    StarterDomain("stadt-frankfurt.de", K.OTHER, "Stadt Frankfurt am Main", "HE"),
    StarterDomain("hessen.de", K.OTHER, "Land Hessen", "HE"),
    StarterDomain("stuttgart.de", K.OTHER, "Landeshauptstadt Stuttgart", "BW"),
    StarterDomain("bwl.de", K.OTHER, "Land Baden-Württemberg", "BW"),
    StarterDomain("leipzig.de", K.OTHER, "Stadt Leipzig", "SN"),
    StarterDomain("dresden.de", K.OTHER, "Landeshauptstadt Dresden", "SN"),
    StarterDomain("sachsen.de", K.OTHER, "Freistaat Sachsen", "SN"),
    StarterDomain("hannover-stadt.de", K.OTHER, "Landeshauptstadt Hannover", "NI"),
    StarterDomain("niedersachsen.de", K.OTHER, "Land Niedersachsen", "NI"),
    StarterDomain("thueringen.de", K.OTHER, "Freistaat Thüringen", "TH"),
    StarterDomain("brandenburg.de", K.OTHER, "Land Brandenburg", "BB"),
    StarterDomain("sachsen-anhalt.de", K.OTHER, "Land Sachsen-Anhalt", "ST"),
    StarterDomain("rlp.de", K.OTHER, "Land Rheinland-Pfalz", "RP"),
    StarterDomain("saarland.de", K.OTHER, "Saarland", "SL"),
    StarterDomain("schleswig-holstein.de", K.OTHER, "Land Schleswig-Holstein", "SH"),
    StarterDomain("landsh.de", K.OTHER, "Land Schleswig-Holstein", "SH"),
    StarterDomain("mv-regierung.de", K.OTHER, "Land Mecklenburg-Vorpommern", "MV"),
)

_BY_DOMAIN = {entry.domain: entry for entry in STARTER}


def starter_for(addr_or_domain: str) -> StarterDomain | None:
    """The starter entry of an address's domain (the longest matching one), if any."""
    domain = addr_or_domain.rsplit("@", 1)[-1].strip().strip(">").lower()
    parts = domain.split(".")
    for i in range(len(parts) - 1):  # longest first: lea.berlin.de → berlin.de
        found = _BY_DOMAIN.get(".".join(parts[i:]))
        if found is not None:
            return found
    return None
