"""The cue vocabulary of deadline extraction: the words and patterns that mark
a deadline, an appointment, a payment, a renewal, an objection period, a
relative period, a decision or a hearing in German agency text.

Only patterns and the word lists built from them live here; the rules that use
them are in :mod:`helperdesk.analysis.deadlines.extract`, the pre-scan that looks for the word
lists in :mod:`helperdesk.analysis.deadlines.text`.
"""

from __future__ import annotations

import re

IGNORECASE = re.IGNORECASE

WEEKDAY = (
    r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"
    r"mo|di|mi|do|fr|sa|so)\.?,?\s*(?:den\s+)?"
)
# English letters ("by Monday, 12 April 2027", "your appointment on 20 March 2027").
EN_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s*(?:the\s+)?"
_EN_DEADLINE = (
    r"|\bby(?:\s+the)?|\bno\s+later\s+than(?:\s+the)?|\bat\s+the\s+latest\s+(?:by|on)|"
    r"\bdeadline(?:\s+is)?\s*:?|\bdue\s+(?:by|on)|\bpayable\s+by|\bvalid\s+until|\bexpires\s+on"
)
DEADLINE_CUE = re.compile(
    r"(?:\bbis\s+(?:zum|zur|spätestens(?:\s+(?:zum|am))?|einschließlich|einschl\.|"
    r"längstens|spät\.)?|\bspätestens(?:\s+(?:am|bis(?:\s+zum)?|zum|bis\s+einschließlich))?|"
    r"\bnicht\s+später\s+als(?:\s+am)?|\bfrist\w*\s*(?:endet\s+am|bis(?:\s+zum)?|:|zum|am)?|"
    r"\bfällig\s+(?:am|zum|bis)|\bfälligkeit\w*\s*:?|\bzahlbar\s+(?:bis|am|zum)|"
    r"\bzahlungs(?:termin|ziel|frist)\s*:?|\bgültig\s+bis(?:\s+zum)?|"
    r"\bgilt\s+(?:nur\s+)?(?:noch\s+)?bis(?:\s+zum)?|\bbefristet\s+bis(?:\s+zum)?|"
    r"\bablaufdatum\s*:?|\bläuft\s+(?:am|zum)|\bendet\s+(?:am|zum)|\babgabe\w*\s*(?:bis|:)|"
    r"\beingang\s+bis(?:\s+zum)?" + _EN_DEADLINE + r")\s*,?\s*(?:" + WEEKDAY + "|" + EN_WEEKDAY
    + r")?$",
)
APPOINTMENT_CUE = re.compile(
    r"(?:\btermin\w*|\bvorsprache\w*|\bgespräch\w*|\beinladung\w*)\s*(?::|am|ist\s+am|"
    r"findet\s+am)?\s*(?:" + WEEKDAY + r")?$|"
    r"\b(?:appointment|interview|hearing)\s*(?::|on|is\s+on|is\s+scheduled\s+for|for)?\s*(?:"
    + EN_WEEKDAY + r")?$",
)
# Immediately before a date: it is a start, a reference or a birth date.
NEGATIVE_PRE = re.compile(
    r"(?:\bvom|\bseit(?:\s+dem)?|\bgeb\.?|\bgeboren(?:\s+am)?|\bgeburtsdatum\s*:?|"
    r"\bab(?:\s+dem)?|\bstand\s*:?|\berstellt\s+am|\beingegangen\s+am|\beingang\s*:?|"
    r"\bausgestellt\s+am|\bzugestellt\s+am|\bdatiert\s+auf|\bzum\s+stichtag|\bbeginn\s*:?|"
    r"\bbeginnt\s+am|\baufgenommen\s+am|\bvon)\s*(?:" + WEEKDAY + r")?$",
)
RANGE_PRE = re.compile(
    r"(?:\b(?:vom|von|zeitraum:?|zeit|bewilligungszeitraum:?)\s+\S{6,18}\s*(?:bis|-|–|—)\s*"
    r"(?:zum\s+)?|\d{2,4}\.?\s*(?:bis|-|–|—|/)\s*)$",
)
RANGE_POST = re.compile(r"^\s*(?:bis|-|–|—)\s*(?:zum\s+)?\d")
TIME_POST = re.compile(
    r"^[\s,]*(?:(?:um|ab|von|,)\s*|uhrzeit\s*:?\s*)*(?P<h>[01]?\d|2[0-3])"
    r"(?:[:.](?P<min>[0-5]\d))?\s*(?:uhr\b|h\b)",
)
TIME_POST_COLON = re.compile(
    r"^[\s,]*(?:(?:um|ab|von|at|,)\s*|uhrzeit\s*:?\s*)*(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)\b"
    r"(?:\s*(?P<pm>p\.?\s?m\b))?"
)
TIME_PRE = re.compile(
    r"\bum\s+(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*uhr\s*(?:am\s+)?(?:"
    + WEEKDAY
    + r")?$",
)
APPOINTMENT_WORDS = re.compile(
    r"termin|einladung|lade\b|laden\b|eingeladen|erscheinen|vorsprechen|vorsprache|gespräch|"
    r"beratung|untersuchung|verhandlung|vorstellung|vorstellen|veranstaltung|ladung|geladen|"
    r"maßnahme|kurs\b|lehrgang|"
    r"sprechen sie|kommen sie|persönlich|zimmer|raum\b|saal|anhörungstermin|"
    r"appointment|interview|room\b",
)
PLACE = re.compile(
    r"(?:(?:Zimmer|Zi\.|Raum|Saal|Sitzungssaal|Besprechungsraum)\s*(?:Nr\.?\s*)?"
    r"[A-Z]?\d[\w./-]*(?:\s*(?:,|im|in)?\s*(?:\d+\.\s*(?:OG|Obergeschoss|Etage|Stock)|"
    r"Erdgeschoss|EG|Haus\s+[A-Z0-9]\w*|Gebäude\s+[A-Z0-9]\w*))?)",
)
PLACE_FIELD = re.compile(r"\bOrt\s*:\s*(?P<v>[^.;]{3,80}?)(?=\s+[A-ZÄÖÜ][a-zäöü]+\s*:|$|\.)")

OBJECTION_WORDS = re.compile(
    r"\b(?:widerspruch|einspruch|klage|berufung|rechtsbehelf)"
    r"(?!s?erwiderung|s?begründung|schrift|verfahren|sache)\w*|\b(?:objection|appeal)\b"
)
# A legal remedy itself (a Rechtsbehelfsbelehrung), not a court letter's "Klageerwiderung",
# "Klagebegründung" or "Berufungsschrift" that a household is asked to answer.
REMEDY_WORDS = re.compile(
    r"\b(?:widerspruch|einspruch|klage|berufung|rechtsbehelf|beschwerde|objection|appeal)"
    r"(?:s|es|e)?\b|rechtsbehelfsbelehrung|rechtsmittelbelehrung"
)
# How a Rechtsbehelfsbelehrung says what to do with the remedy.
REMEDY_ACT = re.compile(
    r"\b(?:erhoben|erheben|eingelegt|einlegen|einzulegen|eingereicht|einreichen|eingehen|"
    r"eingegangen|vorliegen|richten|niederschrift|lodged?|filed?)\b|rechtsbehelfsbelehrung|frist"
)
# A payment asked for in the sentence itself ("Bitte zahlen Sie … bis zum").
PAYMENT_REQUEST = re.compile(
    r"\b(?:bitte\s+(?:\w+\s+){0,2}?(?:zahlen|überweisen|begleichen|entrichten)|"
    r"(?:zahlen|überweisen|begleichen|entrichten)\s+sie|please\s+pay|pay\s+the)\b"
)
# A cancelled or moved appointment: the date before these words is no longer valid.
CANCELLED = re.compile(
    r"\b(?:entfällt|entfallen|fällt\s+(?:\w+\s+)?aus|abgesagt|absagen\s+müssen|storniert|"
    r"findet\s+(?:\w+\s+)?nicht\s+statt|aufgehoben|verlegt|verschoben|cancel+ed|"
    r"postponed|rescheduled|moved|will\s+not\s+take\s+place)\b"
)
# The same in an online booking's notice, where "verlegt" may be about the office.
CANCELLED_BOOKING = re.compile(
    r"\b(?:entfällt|abgesagt|storniert|cancel+ed|findet\s+(?:\w+\s+)?nicht\s+statt)\b"
)
# The new date of a moved appointment ("wird verlegt auf den 19.03.", "neuer Termin:").
NEW_DATE = re.compile(
    r"(?:\b(?:verlegt|verschoben)\s+auf|\bneue[rn]?\s+termin\w*|\bersatztermin\w*|"
    r"\bstattdessen|\b(?:moved|postponed|rescheduled)\s+to|\bnew\s+(?:date|appointment))"
    r"[^.;]*$"
)
RENEWAL_WORDS = re.compile(
    r"gültig|\bgilt\s+(?:nur\s+)?(?:noch\s+)?bis|läuft\b|\babläuft|\bablauf\w*|verlänger\w*|"
    r"weiterbewillig\w*|weiterleistung\w*|folgeantrag|bewilligungszeitraum\w*|befristet|"
    r"erneuer\w*",
)
PAYMENT_STRONG = re.compile(
    r"\b(?:zahlen|bezahlen|einzahlen|zahlen sie|zu zahlen|zurückzuzahlen|zurückzahlen|"
    r"überweisen|zu überweisen|begleichen|zu begleichen|entrichten|zu entrichten|"
    r"zu erstatten|erstatten sie|zahlbar|fällig|zahlungsfrist|zahlungstermin|zahlungsziel|"
    r"pay|payable|payment\s+due)\b",
)
PAYMENT_WEAK = re.compile(
    r"\b(?:betrag|gesamtbetrag|forderung|mahnung|mahngebühr\w*|säumniszuschl\w*|zahlung|"
    r"überweisung|erstattungsbetrag|rückstand|offene\w* betrag)\b",
)
RENEWAL_WEAK = re.compile(r"\bbewilligt\b|\bbewillige\b")
DUE_POST = re.compile(r"^\s*(?:zur\s+zahlung\s+)?fällig\b")
SOFT_NEGATIVE = re.compile(r"(?:\bbeginnt\s+am|\bbeginn\s*:?|\bab)\s*$")
SUBMIT_WORDS = re.compile(
    r"einreich\w*|einzureichen|reichen sie|vorleg\w*|vorzulegen|legen sie|nachreich\w*|"
    r"zusenden|zuzusenden|senden sie|schicken sie|übersend\w*|einsend\w*|zurücksend\w*|"
    r"zurückschick\w*|übermitteln|hochladen|nachweis\w*|unterlagen|belege?\b|"
    r"kontoauszüg\w*|mitteil\w*|teilen sie|mitzuteilen|auskunft|auskünfte|stellung|äußern|"
    r"stellungnahme|ausfüllen|ausgefüllt|fragebogen|beantworten|mitwirk\w*|abgeben|"
    r"einzureichen|antrag|eingegangen sein|eingehen|nachzureichen|vorliegen|antwort\w*|"
    r"rückmeldung|reagieren|\bsend\b|\bsubmit\b|\bprovide\b|\bdocuments\b|\breply\b|"
    r"\brespond\b|hand\s+in",
)
OTHER_ACTION = re.compile(
    r"\bspätestens\b|\bfrist\w*|melden sie sich|vereinbaren sie|rufen sie|kontaktieren sie|"
    r"holen sie|beantragen sie|erledigen|kündigen|müssen sie|haben sie\b.{0,60}\bzu\b",
)

# Relative periods: "innerhalb von zwei Wochen", "binnen 14 Tagen", "Frist von einem Monat".
NUM_WORDS = {
    "ein": 1, "eine": 1, "einem": 1, "einer": 1, "eines": 1, "einen": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "vierzehn": 14, "einundzwanzig": 21,
    "dreißig": 30,
    "one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "ten": 10, "fourteen": 14, "thirty": 30,
}  # fmt: skip
_NUM_ALT = "|".join(sorted(NUM_WORDS, key=len, reverse=True))
RELATIVE = re.compile(
    r"\b(?:innerhalb|binnen|frist\s+von|frist\s+beträgt|beträgt|in\s+den\s+nächsten|"
    r"spätestens|within)\s+(?:(?:von|der\s+nächsten|einer\s+frist\s+von|der\s+frist\s+von|"
    r"the\s+next)\s+)?"
    r"(?P<n>\d{1,3}|" + _NUM_ALT + r")\s+(?P<u>kalendertag\w*|werktag\w*|arbeitstag\w*|"
    r"tag\w*|woche\w*|monat\w*|jahr\w*|(?:working|business)\s+days?|days?|weeks?|months?|"
    r"years?)\b|\bbinnen\s+(?P<mf>monatsfrist)",
)
RELATIVE_HINTS = ("innerhalb", "binnen", "frist", "beträgt", "nächsten", "spätestens", "within")


def has_relative_hint(low: str) -> bool:
    # Same as any(w in low for w in RELATIVE_HINTS), without a generator per
    # sentence (this runs twice for every sentence).
    return (
        "innerhalb" in low
        or "binnen" in low
        or "frist" in low
        or "beträgt" in low
        or "nächsten" in low
        or "spätestens" in low
        or "within" in low
    )


ANCHOR_NOTIFICATION = re.compile(
    r"\b(?:nach|ab|seit|mit)\s+(?:dem\s+|der\s+)?(?:erhalt|zugang|bekanntgabe|zustellung|"
    r"eingang|empfang|bekanntwerden)\b|bekannt\s*gegeben|zugegangen|"
    r"\b(?:after|of|from)\s+(?:the\s+)?(?:receipt|receiving|delivery)\b",
)
ANCHOR_LETTER_DATE = re.compile(
    r"\b(?:ab|nach|seit|von)\s+(?:dem\s+)?(?:datum|ausstellungsdatum|absendedatum|briefdatum)"
    r"\s+(?:dieses|des|unseres)\b|\bab\s+heute\b|\bab\s+dem\s+heutigen\s+tag|"
    r"\bnach\s+absendung|\bfrom\s+the\s+date\s+of\s+this\s+(?:letter|e-?mail)",
)
OTHER_ANCHOR = re.compile(r"^\s*(?:nach|ab|seit|vor|after|before|from)\s+(?P<w>\S+)")
# "eine Woche vor dem Termin": a period counted back from the letter's appointment.
BEFORE_APPOINTMENT = re.compile(
    r"^\s*(?:vor\s+(?:dem|ihrem|diesem|unserem|dem\s+\w+)\s+(?:\w+)?(?:termin|gespräch|"
    r"vorsprache)\w*|before\s+(?:the|your)\s+(?:appointment|interview))"
)
GENERAL_RULE = re.compile(
    r"\b(?:falls|sobald|sofern|jede\w*\s+änderung\w*|änderungen|umzug|umziehen)\b"
)

# --------------------------------------------------------------------------- decisions

RBB_WORDS = ("rechtsbehelfsbelehrung", "rechtsmittelbelehrung")
RBB_HEADING = re.compile("|".join(RBB_WORDS))
AGAINST_THIS = re.compile(
    r"gegen\s+(?:diese[nrs]?|den\s+vorstehenden)\s+(?:\w+\s+)?(?:\w*bescheid\w*|entscheidung|"
    r"verwaltungsakt|festsetzung|verfügung|ablehnung)",
)
TITLE_WORDS = ("bescheid", "ablehnung", "festsetzung", "bewilligung")
TITLE_LINE = re.compile(
    r"^\s*(?:betreff\s*:\s*)?(?:[\wäöüß-]*bescheid\b|bescheid\s+(?:über|für|zur|zum|nach)|"
    r"ablehnung\s+ihres\s+antrag|festsetzung\b|bewilligung\b|widerspruchsbescheid)",
)
TITLE_NOT = re.compile(r"^\s*(?:betreff\s*:\s*)?(?:ihr|den|dem|zum|zu|gegen|mit|auf|der|im)\b")
DECISION_VERB = re.compile(
    r"\bhiermit\s+(?:bewillige|lehne|hebe|setze|nehme|entscheide)\b|"
    r"\b(?:wird|werden)\s+(?:ihnen\s+)?(?:hiermit\s+)?(?:\w+\s+){0,3}?"
    r"(?:abgelehnt|aufgehoben|festgesetzt|bewilligt|zurückgenommen|zurückgewiesen)\b(?!\s+werden)",
)
DECISION_HINTS = (
    "hiermit", "abgelehnt", "aufgehoben", "festgesetzt", "bewilligt", "zurückgenommen",
    "zurückgewiesen",
)  # fmt: skip
NOT_DECISION_HINTS = ("anhörung", "beabsichtig", "gelegenheit", "bevor")
NOT_DECISION = re.compile(
    r"\banhörung\b|beabsichtig\w*|gelegenheit,?\s+sich|bevor\s+.{0,40}entscheidung"
)
RENEWAL_RANGE_CONTEXT = re.compile(
    r"bewilligungszeitraum|bewillig\w*|leistungszeitraum|weiterbewillig\w*|weiterleistung"
)
RENEWAL_RANGE_NOT = re.compile(
    r"aufgehoben|aufhebung|zurückgenommen|rücknahme|erstatt\w*|überzahl\w*|beabsichtig\w*|"
    r"kontoausz\w*|nachweis\w*|vorleg\w*|einreich\w*|einzureichen|abgelehnt",
)
KEEP_DAY = re.compile(r"(?:26|31)\s+abs\.\s*3\s+satz\s+2|unabhängig\s+davon,\s+ob")
