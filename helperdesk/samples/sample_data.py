"""Realistic, entirely fictional sample data: demo households and agency mail.

Used by ``helperdesk demo`` and by the benchmarks. Pure and deterministic for
a given seed and reference day, so the demo always tells the same story
relative to today: some deadlines overdue, some due this week, some unfiled
mail. No real person, address or number appears here.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from helperdesk.model import AgencyKind, Household, IdKind, Member
from helperdesk.samples.pdfmake import text_to_pdf

HELPER_ADDR = "helferin.sommer@example.org"
HELPER_NAME = "Anna Sommer"
HELPER_PHONE = "+49 89 0000 1234"


@dataclass(frozen=True)
class SampleAgency:
    name: str
    kind: AgencyKind
    emails: tuple[str, ...]
    state: str
    signature: str


@dataclass(frozen=True)
class SampleCase:
    """A case the helper set up: which agency, a title, the IDs to quote."""

    agency: str  # a SampleAgency name
    title: str
    ids: tuple[tuple[IdKind, str], ...]


@dataclass
class SampleHousehold:
    household: Household
    mailbox: str  # the household's own address (for replies and forwards)
    items: list[SampleItem] = field(default_factory=list)
    cases: list[SampleCase] = field(default_factory=list)


@dataclass(frozen=True)
class SampleItem:
    """One mail (raw RFC 5322 bytes) or one paper letter (PDF bytes)."""

    kind: str  # "mail" or "letter"
    data: bytes
    filename: str = ""
    unfiled: bool = False  # arrives without a household (to triage)


AGENCIES = (
    SampleAgency("Jobcenter München", AgencyKind.JOBCENTER,
                 ("jobcenter-muenchen.example",), "BY",
                 "Jobcenter München\nTeam 621 – Leistung\nBeispielstraße 10, 80331 München"),
    SampleAgency("Ausländerbehörde München", AgencyKind.AUSLAENDERBEHOERDE,
                 ("auslaenderbehoerde.muenchen.example",), "BY",
                 "Landeshauptstadt München\nKreisverwaltungsreferat – Ausländerbehörde\n"
                 "Musterweg 3, 80335 München"),
    SampleAgency("Familienkasse Bayern Süd", AgencyKind.FAMILIENKASSE,
                 ("familienkasse.example",), "BY",
                 "Familienkasse Bayern Süd\n93024 Regensburg"),
    SampleAgency("Jobcenter Berlin Mitte", AgencyKind.JOBCENTER,
                 ("jobcenter-berlin.example",), "BE",
                 "Jobcenter Berlin Mitte\nTeam 412\nMusterallee 5, 10115 Berlin"),
    SampleAgency("Wohngeldstelle Köln", AgencyKind.WOHNGELDSTELLE,
                 ("wohngeld.koeln.example",), "NW",
                 "Stadt Köln – Amt für Wohnungswesen\nWohngeldstelle"),
    SampleAgency("AOK Sachsen", AgencyKind.KRANKENKASSE,
                 ("aok-sachsen.example",), "SN",
                 "AOK Sachsen\nKundencenter Leipzig"),
)

_FILLER = (
    "Bitte beachten Sie, dass Sie verpflichtet sind, alle Änderungen in Ihren persönlichen "
    "und wirtschaftlichen Verhältnissen unverzüglich mitzuteilen (§ 60 Erstes Buch "
    "Sozialgesetzbuch). Dazu gehören insbesondere die Aufnahme einer Beschäftigung, "
    "Änderungen des Einkommens, ein Umzug oder Änderungen in der Zusammensetzung Ihres "
    "Haushalts.",
    "Wenn Sie die angeforderten Unterlagen nicht vorlegen, kann die Leistung ganz oder "
    "teilweise versagt werden, bis die Mitwirkung nachgeholt wird (§ 66 SGB I). Sollten Sie "
    "Fragen haben, erreichen Sie uns zu den bekannten Servicezeiten.",
    "Ihre Daten werden nach den Vorschriften der Datenschutz-Grundverordnung verarbeitet. "
    "Weitere Informationen zum Datenschutz erhalten Sie auf unserer Internetseite oder bei "
    "Ihrer persönlichen Ansprechperson.",
    "Bitte geben Sie bei jeder Nachricht Ihre Nummer an, damit wir Ihr Anliegen ohne "
    "Verzögerung bearbeiten können. Nachrichten ohne diese Angabe können nicht zugeordnet "
    "werden und verzögern die Bearbeitung.",
    "Sie können Unterlagen auch bequem online über das Portal übermitteln. Nutzen Sie dafür "
    "die Funktion »Dokumente hochladen« und wählen Sie den passenden Anlass aus.",
)

_RBB_SGB = (
    "Rechtsbehelfsbelehrung:\nGegen diesen Bescheid kann innerhalb eines Monats nach "
    "Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich, in "
    "elektronischer Form oder zur Niederschrift bei der im Briefkopf genannten Stelle "
    "einzulegen."
)
_RBB_AO = (
    "Rechtsbehelfsbelehrung:\nGegen diesen Bescheid ist der Einspruch zulässig. Der Einspruch "
    "ist innerhalb eines Monats nach Bekanntgabe dieses Bescheides bei der oben genannten "
    "Familienkasse schriftlich einzureichen oder zur Niederschrift zu erklären."
)


def _de(d: dt.date) -> str:
    return d.strftime("%d.%m.%Y")


def _mail(
    *,
    sender: str,
    sender_name: str,
    to: str,
    subject: str,
    body: str,
    when: dt.datetime,
    rng: random.Random,
    in_reply_to: str | None = None,
    attachment: tuple[str, bytes] | None = None,
) -> tuple[bytes, str]:
    msg = EmailMessage()
    msg["From"] = f"{sender_name} <{sender}>"
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    domain = sender.split("@", 1)[1]
    msg_id = make_msgid(idstring=f"{rng.getrandbits(40):x}", domain=domain)
    msg["Message-ID"] = msg_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg.set_content(body)
    if attachment:
        name, data = attachment
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return bytes(msg), msg_id


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)


def _pad(body: str, rng: random.Random, target: int) -> str:
    """Append standard paragraphs (each at most once per round) up to ``target`` chars."""
    parts = [body]
    pool: list[str] = []
    while sum(len(p) for p in parts) < target:
        if not pool:
            pool = rng.sample(_FILLER, len(_FILLER))
        parts.append(pool.pop())
    return "\n\n".join(parts)


def demo_households(today: dt.date, seed: int = 7) -> list[SampleHousehold]:
    """Four households in four states and languages, each with a little history."""
    rng = random.Random(seed)
    jc_m, abh, fk, jc_b, wg, aok = AGENCIES
    result: list[SampleHousehold] = []

    # 1) Family in Munich, Arabic: Jobcenter thread with BG-Nummer, overdue documents,
    #    an appointment next week, a Bescheid with objection period running.
    h1 = SampleHousehold(
        Household(name="Familie Haddad", language="ar", state="BY",
                  members=[Member("Samir Haddad", relation="Antragsteller"),
                           Member("Lina Haddad", relation="Ehefrau")],
                  authorisation="Vollmacht Jobcenter und Ausländerbehörde",
                  authorisation_expires=today + dt.timedelta(days=40)),
        mailbox="haddad.familie@example.net",
    )
    bg = "83501BG0047112"
    h1.cases.append(SampleCase(jc_m.name, "Bürgergeld", ((IdKind.BG_NUMMER, bg),)))
    d0 = today - dt.timedelta(days=24)
    raw, first_id = _mail(
        sender="team621@jobcenter-muenchen.example", sender_name=jc_m.name,
        to=h1.mailbox, when=_at(d0, 9, 12), rng=rng,
        subject=f"Aufforderung zur Mitwirkung – BG-Nummer {bg}",
        body=_pad(
            f"Sehr geehrter Herr Haddad,\n\nfür die Bearbeitung Ihres Weiterbewilligungsantrags "
            f"benötigen wir noch folgende Unterlagen:\n- Kontoauszüge der letzten drei Monate\n"
            f"- aktuelle Mietbescheinigung\n\nBitte reichen Sie die Unterlagen bis zum "
            f"{_de(today - dt.timedelta(days=3))} ein.\n\nBG-Nummer: {bg}\n\n"
            f"Mit freundlichen Grüßen\nIm Auftrag\nM. Beispiel\n\n{jc_m.signature}",
            rng, 2500),
    )
    h1.items.append(SampleItem("mail", raw))
    reply, _ = _mail(
        sender=h1.mailbox, sender_name="Samir Haddad", to="team621@jobcenter-muenchen.example",
        when=_at(d0 + dt.timedelta(days=2), 18, 40), rng=rng, in_reply_to=first_id,
        subject=f"AW: Aufforderung zur Mitwirkung – BG-Nummer {bg}",
        body="Sehr geehrte Damen und Herren,\n\nanbei die Mietbescheinigung. Die Kontoauszüge "
        "reiche ich nach.\n\nMit freundlichen Grüßen\nSamir Haddad",
    )
    h1.items.append(SampleItem("mail", reply))
    appt = today + dt.timedelta(days=6)
    raw, _ = _mail(
        sender="team621@jobcenter-muenchen.example", sender_name=jc_m.name,
        to=h1.mailbox, when=_at(today - dt.timedelta(days=2), 10, 5), rng=rng,
        subject="Einladung zu einem Gespräch",
        body=_pad(
            f"Sehr geehrter Herr Haddad,\n\nich lade Sie zu einem Gespräch über Ihre berufliche "
            f"Situation ein. Termin am {_de(appt)} um 09:30 Uhr, Zimmer 2.14. Bitte erscheinen "
            f"Sie persönlich.\n\nBG-Nummer: {bg}\n\n{jc_m.signature}",
            rng, 2000),
    )
    h1.items.append(SampleItem("mail", raw))
    posted = today - dt.timedelta(days=10)
    letter = (
        f"{jc_m.signature}\n\nMünchen, {_de(posted)}\n\nHerrn Samir Haddad\n\n"
        f"BG-Nummer: {bg}\n\nBescheid über die Bewilligung von Leistungen zur Sicherung des "
        f"Lebensunterhalts (Bürgergeld)\n\nSehr geehrter Herr Haddad,\n\nfür die Zeit vom "
        f"{_de(today.replace(day=1))} bis {_de(_month_end(today, 5))} werden Ihnen Leistungen "
        f"in Höhe von monatlich 1.214,50 EUR bewilligt.\n\n{_RBB_SGB}\n\nMit freundlichen "
        f"Grüßen\nIhr Jobcenter München"
    )
    h1.items.append(SampleItem("letter", text_to_pdf(letter, title="Bescheid"),
                               filename="Bescheid_Buergergeld.pdf"))
    result.append(h1)

    # 2) Single person in Berlin, Ukrainian: Ausländerbehörde renewal, Familienkasse.
    h2 = SampleHousehold(
        Household(name="Olena Kovalenko", language="uk", state="BE",
                  members=[Member("Olena Kovalenko"),
                           Member("Daryna Kovalenko", relation="Tochter")]),
        mailbox="olena.k@example.net",
        cases=[
            SampleCase(abh.name, "Aufenthaltserlaubnis",
                       ((IdKind.AKTENZEICHEN, "KVR-II/21-4711"),)),
            SampleCase(fk.name, "Kindergeld", ((IdKind.KINDERGELDNUMMER, "515FK204711"),)),
        ],
    )
    valid_until = today + dt.timedelta(days=12)
    raw, _ = _mail(
        sender="service@auslaenderbehoerde.muenchen.example", sender_name=abh.name,
        to=h2.mailbox, when=_at(today - dt.timedelta(days=5), 8, 0), rng=rng,
        subject="Ihr Aufenthaltstitel – Verlängerung",
        body=_pad(
            f"Sehr geehrte Frau Kovalenko,\n\nIhre Aufenthaltserlaubnis ist gültig bis "
            f"{_de(valid_until)}. Bitte beantragen Sie die Verlängerung rechtzeitig vor Ablauf."
            f"\n\nGeschäftszeichen: KVR-II/21-4711\n\n{abh.signature}",
            rng, 1800),
    )
    h2.items.append(SampleItem("mail", raw))
    raw, _ = _mail(
        sender="bayern-sued@familienkasse.example", sender_name=fk.name,
        to=h2.mailbox, when=_at(today - dt.timedelta(days=8), 11, 30), rng=rng,
        subject="Kindergeld – fehlende Schulbescheinigung",
        body=_pad(
            f"Sehr geehrte Frau Kovalenko,\n\nKindergeldnummer: 515FK204711\n\nfür die weitere "
            f"Zahlung des Kindergeldes für Daryna benötigen wir eine aktuelle "
            f"Schulbescheinigung. Bitte senden Sie diese bis zum "
            f"{_de(today + dt.timedelta(days=3))} zu.\n\n{fk.signature}",
            rng, 1500),
    )
    h2.items.append(SampleItem("mail", raw))
    result.append(h2)

    # 3) Couple in Cologne, Persian: Wohngeld Bescheid (PDF) and a forward without ID.
    h3 = SampleHousehold(
        Household(name="Familie Rahimi", language="fa", state="NW",
                  members=[Member("Reza Rahimi"), Member("Maryam Rahimi")]),
        mailbox="rahimi@example.com",
        cases=[SampleCase(wg.name, "Wohngeld", ((IdKind.AKTENZEICHEN, "56/3-WG-2291/25"),))],
    )
    posted = today - dt.timedelta(days=20)
    letter = (
        f"{wg.signature}\n\nKöln, {_de(posted)}\nAktenzeichen: 56/3-WG-2291/25\n\n"
        f"Wohngeldbescheid\n\nSehr geehrte Eheleute Rahimi,\n\nauf Ihren Antrag wird Ihnen "
        f"Wohngeld in Höhe von 312,00 EUR monatlich bewilligt.\n\n{_RBB_SGB}"
    )
    h3.items.append(SampleItem("letter", text_to_pdf(letter, title="Wohngeldbescheid"),
                               filename="Wohngeldbescheid.pdf"))
    raw, _ = _mail(
        sender=h3.mailbox, sender_name="Reza Rahimi", to=HELPER_ADDR,
        when=_at(today - dt.timedelta(days=1), 20, 15), rng=rng,
        subject="WG: Nachricht",
        body="Hallo, das kam heute. Was muss ich tun?\n\n-------- Weitergeleitete Nachricht "
        "--------\nBetreff: Nachricht\nVon: Wohngeldstelle\n\nBitte reichen Sie die "
        f"Lohnabrechnung für Oktober bis zum {_de(today + dt.timedelta(days=9))} nach.",
    )
    h3.items.append(SampleItem("mail", raw, unfiled=True))
    result.append(h3)

    # 4) Family organising its own post in Leipzig, German: health insurance, Jobcenter Berlin.
    h4 = SampleHousehold(
        Household(name="Familie Wagner", language="de", state="SN",
                  members=[Member("Jana Wagner"), Member("Tom Wagner")]),
        mailbox="wagner.leipzig@example.de",
        cases=[SampleCase(aok.name, "Krankenversicherung", ((IdKind.KVNR, "W123456786"),))],
    )
    raw, _ = _mail(
        sender="kundencenter@aok-sachsen.example", sender_name=aok.name,
        to=h4.mailbox, when=_at(today - dt.timedelta(days=4), 13, 0), rng=rng,
        subject="Beitragsrückstand – Zahlungserinnerung",
        body=_pad(
            "Sehr geehrte Frau Wagner,\n\nleider konnten wir für Oktober keinen Zahlungseingang "
            "feststellen. Versichertennummer: W123456786\n\nBitte überweisen Sie den "
            "offenen Betrag von 96,40 EUR bis zum "
            f"{_de(today + dt.timedelta(days=1))}.\n\nIBAN DE02 1203 0000 0000 2020 51\n\n"
            f"{aok.signature}",
            rng, 1200),
    )
    h4.items.append(SampleItem("mail", raw))
    raw, _ = _mail(
        sender="team412@jobcenter-berlin.example", sender_name=jc_b.name,
        to="unbekannt@example.org", when=_at(today - dt.timedelta(days=3), 9, 45), rng=rng,
        subject="Neues Dokument in Ihrem Postfach",
        body="Guten Tag,\n\nin Ihrem Postfach auf jobcenter.digital liegt ein neues Dokument "
        "für Sie bereit. Bitte melden Sie sich an, um es zu lesen.\n\nIhr Jobcenter",
    )
    h4.items.append(SampleItem("mail", raw, unfiled=True))
    result.append(h4)
    return result


def _month_end(day: dt.date, months_ahead: int) -> dt.date:
    month = day.month - 1 + months_ahead
    year, month = day.year + month // 12, month % 12 + 1
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def bulk_mails(count: int, *, seed: int = 1, size: int = 10_000,
               start: dt.date = dt.date(2025, 1, 6)) -> list[bytes]:
    """``count`` realistic agency mails of about ``size`` bytes each, for benchmarks."""
    rng = random.Random(seed)
    subjects = ("Aufforderung zur Mitwirkung", "Einladung zu einem Gespräch",
                "Änderungsbescheid", "Eingangsbestätigung Ihres Antrags",
                "Kindergeld – Nachweis erforderlich", "Ihr Aufenthaltstitel")
    out: list[bytes] = []
    for i in range(count):
        agency = AGENCIES[i % len(AGENCIES)]
        day = start + dt.timedelta(days=i % 700)
        bg = f"{rng.randint(10000, 99999)}BG{rng.randint(0, 9999999):07d}"
        due = day + dt.timedelta(days=14 + i % 20)
        body = _pad(
            f"Sehr geehrte Damen und Herren,\n\nBG-Nummer: {bg}\n\nbitte reichen Sie die "
            f"angeforderten Unterlagen bis zum {_de(due)} ein. Vorgang {i}.\n\n{agency.signature}",
            rng, size - 700)
        raw, _ = _mail(
            sender=f"post{i % 97}@{agency.emails[0]}", sender_name=agency.name,
            to=f"haushalt{i % 30}@example.net", when=_at(day, 8 + i % 9, i % 60), rng=rng,
            subject=f"{subjects[i % len(subjects)]} ({i})", body=body,
        )
        out.append(raw)
    return out
