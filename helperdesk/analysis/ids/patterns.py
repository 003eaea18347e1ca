"""The patterns and vocabulary of processing-ID recognition.

One regex per ID kind (BG-Nummer, Kindergeldnummer, RV-Nummer, Kundennummer,
Steuernummer, Steuer-ID, KVNR, court and generic Aktenzeichen), the labels and
context words that make a weak candidate count, and the shapes (``*_MARKS``)
every match of a pattern starts with, which the candidate search in
:mod:`helperdesk.analysis.ids.candidates` looks for. The rules that use them are in
:mod:`helperdesk.analysis.ids.extract`.
"""

from __future__ import annotations

import re

from helperdesk.analysis.multiscan import MultiScanner
from helperdesk.model import IdKind

# Between a label and its value: punctuation, an optional "(bitte angeben)", a verb,
# and at most one line break (tables put the value under or after the label).
_GAP = (
    r"[ \t\u00a0]*(?:\([^()\n]{0,40}\)[ \t\u00a0]*)?[:#.]?[ \t\u00a0]*"
    r"(?:(?:lautet|lauten|ist|is|lautend\s+auf)[ \t\u00a0]+)?(?:\n[ \t\u00a0]*)?[:]?[ \t\u00a0]*"
)

# The IDs that start with digits, in one pass (each extra pass over the text costs
# as much as the whole match work): BG-Nummer (new and old form), Kindergeldnummer,
# Rentenversicherungsnummer.
# A single leading "[0-9]" lets the engine skip non-digits quickly.
DIGIT_IDS_RE = re.compile(
    r"[0-9](?:(?P<bg>\d{4}\s?(?:BG|bg)\s?\d{7}(?!\w))"
    r"|(?P<bgold>\d{4}[ \t]?//[ \t]?\d{7,8}(?![\w/]))"
    r"|(?P<fk>\d{2}\s?(?:FK|fk)\s?\d{6}(?!\w))"
    r"|(?P<rv>\d[ \u00a0]?\d{6}[ \u00a0]?[A-Z][ \u00a0]?\d{2}[ \u00a0]?\d(?![\w/])))"
)
# Each of them starts with one of these shapes (see ``_MARKS``).
DIGIT_IDS_MARKS = (b"000", b"00 000000")
DIGIT_KINDS = {
    "bg": IdKind.BG_NUMMER,
    "bgold": IdKind.BG_NUMMER,
    "fk": IdKind.KINDERGELDNUMMER,
    "rv": IdKind.RV_NUMMER,
}

KUNDEN_RE = re.compile(
    r"(?P<label>kundennummer|kunden-?nr\.?|kd\.?-?nr\.?|kunden-nummer)"
    + _GAP
    + r"(?P<value>\d{3}[ \t\u00a0]?[a-z][ \t\u00a0]?\d{6})(?![\w/])"
)
# Each label starts with one of these; every value has one of these shapes
# (``[a-z]`` of the lower-cased text: A-Z, a-z or the Kelvin sign "?").
KUNDEN_STARTS = (b"kunden", b"kd")
KUNDEN_MARKS = tuple(
    b"000" + gap + letter + gap2 + b"000000"
    for gap in (b"", b" ", b"\t")
    for letter in (b"A", b"a", b"?")
    for gap2 in (b"", b" ", b"\t")
)

_STNR_LABEL = r"(?P<label>steuernummer|steuer-nr\.?|steuer-nummer|st\.?-?nr\.?|stnr\.?)"
STNR_RE = re.compile(
    _STNR_LABEL + _GAP + r"(?P<value>\d{13}|\d{2,5}(?:[/ ]\d{3,5}){1,2}(?:/\d)?)(?![\w/])"
)
# A label starts with "steuer" or has its "nr" two to four characters after the start.
STNR_MARKS = (b"0" * 13, b"00/000", b"00 000")

STID_NUM_RE = re.compile(r"[1-9](?:[ \u00a0]?\d){10}(?!\w|[ \u00a0]\d|[.,]\d)")
# Its first three digits have one of these shapes.
STID_MARKS = (b"000", b"0 00", b"00 0", b"0 0 0")
STID_LABEL_RE = re.compile(
    r"(?i:Identifikationsnummer|Steuer-?\s?ID\b|Steuer-?Id(?:entifikations)?-?N(?:r|ummer)\b"
    r"|(?<![-\w])IdNr\b|(?<![-\w])Id\.?-Nr\.?|\bTIN\b|\bTax\s?ID\b)"
)

RV_LABEL_RE = re.compile(
    r"(?i:Versicherungsnummer|Rentenversicherungs-?nummer|RV-?Nr|RV-Nummer|VSNR|"
    r"Sozialversicherungsnummer|SV-?Nummer|SV-Nr)"
)

KVNR_RE = re.compile(
    r"([A-Z])[ \u00a0]?(\d{3}[ \u00a0]?\d{3}[ \u00a0]?\d{3})(?![\w/]|[ \u00a0]\d)"
)
KVNR_MARKS = (b"A000", b"A 000")
# Cheap substring tests (on lower-cased text) that decide whether a pass is needed.
_KVNR_WORDS = ("versicherten", "kvnr", "kv-nr", "krankenversicherungsnummer")
_HEALTH_WORDS = (
    "krankenkasse",
    "krankenversicherung",
    "gesundheitskarte",
    "egk",
    "versichertenkarte",
    "aok",
    "tk",
    "techniker",
    "barmer",
    "dak",
    "ikk",
    "bkk",
    "kkh",
    "hkk",
    "knappschaft",
    "pflegekasse",
    "familienversicherung",
)
_STID_WORDS = (
    "identifikationsnummer",
    "steuer-id",
    "steuerid",
    "steuer id",
    "idnr",
    "id-nr",
    "id.-nr",
    "tin",
    "tax id",
    "taxid",
    "steuer-identifikation",
)
_COURT_WORDS = (
    "gericht",
    "rechtsstreit",
    "verfahren",
    "klage",
    "streitsache",
    "kammer",
    "zeichen",
    "az",
    "vg ",
    "fg ",
    "sg ",
    "lsg",
    "bsg",
)
# The same as bytes, for ``Text.lowb``.
KVNR_WORDS_B = tuple(w.encode() for w in _KVNR_WORDS)
HEALTH_WORDS_B = tuple(w.encode() for w in _HEALTH_WORDS)
STID_WORDS_B = tuple(w.encode() for w in _STID_WORDS)
COURT_WORDS_B = tuple(w.encode() for w in _COURT_WORDS)
KVNR_LABEL_RE = re.compile(
    r"(?i:Versichertennummer|Krankenversichertennummer|Versicherten-Nr|KVNR|KV-Nr|"
    r"Krankenversicherungsnummer)"
)
HEALTH_CONTEXT_RE = re.compile(
    r"(?i:Krankenkasse|Krankenversicherung|Gesundheitskarte|\beGK\b|Versichertenkarte|"
    r"\bAOK\b|Techniker|\bTK\b|\bBARMER\b|\bDAK\b|\bIKK\b|\bBKK\b|\bKKH\b|\bhkk\b|Knappschaft|"
    r"Pflegekasse|Familienversicherung)"
)
# The same on lower-cased text (fast whole-message test).
_HEALTH_CONTEXT_LOW_RE = re.compile(
    r"krankenkasse|krankenversicherung|gesundheitskarte|\begk\b|versichertenkarte|"
    r"\baok\b|techniker krankenkasse|\btk\b|\bbarmer\b|\bdak\b|\bikk\b|\bbkk\b|\bkkh\b|"
    r"\bhkk\b|knappschaft|pflegekasse|familienversicherung"
)
# Its words are looked for in one automaton pass; "tk" needs words of two characters.
HEALTH_CONTEXT_LOW_SCAN = MultiScanner([_HEALTH_CONTEXT_LOW_RE], min_word=2)
# Labels of other, private numbers: a KVNR-shaped value after these is not a KVNR.
PRIVATE_LABEL_RE = re.compile(
    r"(?i:Rechnung|Bestell|Auftrag|Vertrag|Kunden|Artikel|Sendung|Tracking|Order|Invoice|"
    r"Zimmer|Raum|Mitglieds|Policen|Versicherungsschein|Mandat|Referenz)"
)

# Court Aktenzeichen. Social courts: S (SG), L (LSG), B (BSG) + chamber + register + no/yy.
COURT_SOC_RE = re.compile(
    r"(?P<court>[SLB])[ \u00a0](?P<ch>\d{1,3})[ \u00a0](?P<reg>[A-Z]{1,3})"
    r"[ \u00a0](?P<no>\d{1,6})/(?P<yy>\d{2})"
    r"(?P<suffix>(?:[ \u00a0](?:B[ \u00a0]ER|ER|B|R|KO|WA|NZB|RG|KL))?)(?![\w/])"
)
# Administrative / fiscal courts: optional "VG", chamber + register + no/yy.
COURT_ADM_RE = re.compile(
    r"(?P<ch>\d{1,3})[ \u00a0](?P<reg>[A-Z]{1,2})"
    r"[ \u00a0](?P<no>\d{1,6})/(?P<yy>\d{2})(?:\.[A-Z]{1,3})?(?![\w/])"
)
# Bavarian administrative courts: seat + chamber + register + yy.number ("M 10 K 24.1234").
COURT_BY_RE = re.compile(
    r"(?P<seat>M|AN|AU|B|RN|RO|W)[ \u00a0](?P<ch>\d{1,2})[ \u00a0](?P<reg>[A-Z]{1,2})"
    r"[ \u00a0](?P<yy>\d{2})\.(?P<no>\d{1,6})(?![\w/]|\.\d)"
)
# Their shapes (see ``Text``), tried when the "0/00" or "A 00.0" they need occurs.
COURT_SOC_SHAPE = re.compile(rb"A(?= 0{1,3} A{1,3} 0{1,6}/00)")
COURT_ADM_SHAPE = re.compile(rb"0(?=0{0,2} A{1,2} 0{1,6}/00)")
COURT_BY_SHAPE = re.compile(rb"A(?=A? 0{1,2} A{1,2} 00\.0)")
COURT_CONTEXT_RE = re.compile(
    r"(?i:Verwaltungsgericht|Finanzgericht|Sozialgericht|Gericht|Rechtsstreit|Verfahren|"
    r"Klage|Kammer|Streitsache|\bVG\b|\bFG\b|\bSG\b)"
)
# Case-law citation markers: a court Az right after these is a cited decision.
CITATION_RE = re.compile(
    r"(?:\b(?:BSG|BFH|BVerwG|BVerfG|BGH|BAG|EuGH|OVG|VGH|LSG(?:[ \u00a0]+[A-ZÄÖÜ][\w-]*)*)\b"
    r"|\b(?:Urteil|Urt\.|Beschluss|Beschl\.)\s+(?:vom|v\.)\s|\bvgl\.|\bsiehe\b|\bjuris\b|\bRn\.)"
)
COURT_PREFIX_RE = re.compile(r"(?:VG|FG|OVG)[ \u00a0]$")
CONTINUED_LINE_RE = re.compile(r"(?:[-\u2013,]|\bvom|\bv\.|\d{4})[ \t]*$")
AZ_LABEL_NEAR_RE = re.compile(
    r"(?i:Aktenzeichen|Az\.?|Geschäftszeichen|Gesch\.-?Z|Zeichen|Rechtsstreit|Verfahren|"
    r"Streitsache|Klageverfahren|Eilverfahren)\W{0,40}$"
)

# Generic Aktenzeichen / Geschäftszeichen after a label (matched on lower-cased text;
# the short "Az"/"GZ" forms are checked for their capital in code).
_STRONG_AZ_LABELS = (
    r"aktenzeichen|akten-?zeichen|geschäftszeichen|geschaeftszeichen|gesch\.-?\s?z(?:eichen|\.)|"
    r"bearbeitungszeichen|unser\s+aktenzeichen|ihr\s+aktenzeichen|"
    r"az\.|az\b(?=[ \t]*:|[ \t]+\w)|gz\b|gz\."
)
_WEAK_AZ_LABELS = r"unser\s+zeichen|mein\s+zeichen|ihr\s+zeichen|unser\s+az\.?|ihr\s+az\.?"
AZ_LABEL_RE = re.compile(
    r"(?:(?P<strong>" + _STRONG_AZ_LABELS + r")|(?P<weak>" + _WEAK_AZ_LABELS + r"))"
)
AZ_GAP_RE = re.compile(
    r"(?:[ \t\u00a0]*\((?:bitte[^()\n]{0,30})\))?[ \t\u00a0]*"
    r"(?:[:.]?[ \t\u00a0]*)(?:\n[ \t\u00a0]*)?"
)
KUNDEN_MARK_SET = frozenset(KUNDEN_MARKS)
STNR_MARK_SET = frozenset(STNR_MARKS)
_AZ_PART = r"[A-Za-zÄÖÜäöüß0-9]+(?:[./\-_:][A-Za-zÄÖÜäöüß0-9]+)*"
AZ_VALUE_RE = re.compile(_AZ_PART + r"(?:[ \u00a0]?[/\-\u2013][ \u00a0]?" + _AZ_PART + r")*")
# A further space-separated chunk of a reference: capitals (≤ 4) or something with a digit.
AZ_SPACE_CHUNK_RE = re.compile(
    r"[ \u00a0](?P<chunk>(?:[A-ZÄÖÜ]{1,4}|[A-Za-z]{0,4}\d[\w./\-]*))(?![\w])"
)
# After space-separated chunks, a further part joined by " - " or "/" that holds a digit:
# "IV A 3 - 12345/2025" (Landesamt), "Soz 2 - 4711/2025" (Bezirksamt), "LEA A 2.1 - 0815/24".
AZ_JOIN_RE = re.compile(
    r"[ \u00a0]?[/\-\u2013][ \u00a0]?(?=[A-Za-zÄÖÜäöüß]{0,6}\d)" + _AZ_PART
    + r"(?:[ \u00a0]?[/\-\u2013][ \u00a0]?" + _AZ_PART + r")*"
)
# "Ihr Zeichen" / "Ihr Az." / "Ihr Aktenzeichen": in a text an agency wrote, the
# recipient's (the household's) own reference.
YOUR_LABEL_RE = re.compile(r"ihr(?:e)?\s", re.IGNORECASE)  # used with match(), at the label
DATE_ONLY_RE = re.compile(r"\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})")
PHONE_SHAPE_RE = re.compile(r"(?:\+\d{2}|0)\d{2,5}[ /\-]?\d[\d \-/]{3,}")
AMOUNT_RE = re.compile(r"\d{1,3}(?:\.\d{3})*,\d{2}")
# Words that begin the next field rather than continue a value.
NOT_VALUE_WORDS = frozenset(
    {
        "VOM",
        "DATUM",
        "TEL",
        "TELEFON",
        "FAX",
        "BEI",
        "BITTE",
        "UND",
        "IHR",
        "IHRE",
        "UNSER",
        "MEIN",
        "NAME",
        "ZIMMER",
        "DURCHWAHL",
        "E-MAIL",
        "EMAIL",
    }
)
