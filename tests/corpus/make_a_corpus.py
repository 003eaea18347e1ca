# ruff: noqa: E501, PLR0917 - corpus data: long German sentences, mail-building helpers
"""Build the ``a_*`` corpus items (mails, letters and their labels).

Run from the repository root: ``python tests/corpus/make_a_corpus.py``. The
generated files are committed; this script documents how the tricky ones
(encodings, broken parts, PDF attachments) were made and can rebuild them.
All people, numbers and addresses are fictional; check digits of Steuer-ID,
RV-Nummer and KVNR are valid where a label calls them IDs.
"""

from __future__ import annotations

import json
import quopri
import sys
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from helperdesk.samples.pdfmake import text_to_pdf  # noqa: E402


def labels(
    name: str,
    *,
    state: str,
    agency: str | None,
    letter_type: str,
    ids: list[tuple[str, str]],
    deadlines: list[tuple[str, str | None, str]],
    notes: str,
) -> None:
    data = {
        "state": state,
        "agency": agency,
        "letter_type": letter_type,
        "processing_ids": [{"kind": k, "value": v} for k, v in ids],
        "deadlines": [{"date": d, "time": t, "kind": k} for d, t, k in deadlines],
        "notes": notes,
    }
    (HERE / f"a_{name}.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def write_eml(name: str, raw: bytes) -> None:
    (HERE / f"a_{name}.eml").write_bytes(raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def write_letter(name: str, text: str) -> None:
    (HERE / f"a_{name}.letter.txt").write_text(text.strip() + "\n", encoding="utf-8")


def simple_mail(
    frm: str,
    to: str,
    subject: str,
    date: str,
    body: str,
    *,
    msgid: str,
    extra: list[tuple[str, str]] = (),
) -> bytes:
    msg = EmailMessage()
    msg["From"] = frm
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = date
    msg["Message-ID"] = msgid
    for k, v in extra:
        msg[k] = v
    msg.set_content(body, cte="quoted-printable")
    return bytes(msg)


def mail_with_pdf(
    frm: str,
    to: str,
    subject: str,
    date: str,
    body: str,
    pdf_text: str,
    filename: str,
    *,
    msgid: str,
) -> bytes:
    outer = MIMEMultipart("mixed")
    outer["From"] = frm
    outer["To"] = to
    outer["Subject"] = subject
    outer["Date"] = date
    outer["Message-ID"] = msgid
    outer.attach(MIMEText(body, "plain", "utf-8"))
    part = MIMEApplication(text_to_pdf(pdf_text), "pdf")
    part.add_header("Content-Disposition", "attachment", filename=filename)
    outer.attach(part)
    return outer.as_bytes()


HELPER = "Helferkreis Asyl Giesing <helfer@example.org>"

# ---------------------------------------------------------------------------
# 1. Jobcenter Bescheid only in a PDF attachment, BG-Nummer split over a line
# ---------------------------------------------------------------------------
JC_BESCHEID_PDF = """
Jobcenter München
Standort Giesing, Werinherstraße 91, 81541 München

Jobcenter München, Postfach 12 34 56, 80001 München
Frau Amina Haddad
Tegernseer Landstraße 140
81539 München

Datum: 10.03.2025
Nummer der Bedarfsgemeinschaft: 12345 BG
0012345
Kundennummer: 123D456789
Telefon: 089 99998-1000

Bescheid über Leistungen zur Sicherung des Lebensunterhalts nach dem
Zweiten Buch Sozialgesetzbuch (SGB II) - Bürgergeld

Sehr geehrte Frau Haddad,
für Sie und die mit Ihnen in der Bedarfsgemeinschaft lebenden Personen
werden Leistungen für die Zeit vom 01.04.2025 bis 31.03.2026 in folgender
Höhe bewilligt: monatlich 1.482,00 EUR.
Die Zahlung erfolgt auf das Konto IBAN DE71 7005 0000 0012 3456 78.

Rechtsbehelfsbelehrung
Gegen diesen Bescheid kann jeder Betroffene innerhalb eines Monats nach
Bekanntgabe Widerspruch erheben. Der Widerspruch ist schriftlich oder zur
Niederschrift beim Jobcenter München einzulegen.

Mit freundlichen Grüßen
Ihr Jobcenter München
"""


def build() -> None:
    write_eml(
        "jc_bescheid_pdf_attachment",
        mail_with_pdf(
            "Jobcenter München <Jobcenter-Muenchen.Giesing@jobcenter-ge.de>",
            HELPER,
            "Ihr Bescheid",
            "Mon, 10 Mar 2025 09:12:44 +0100",
            "Sehr geehrte Damen und Herren,\n\nim Anhang erhalten Sie das Schreiben zu Ihrem Anliegen.\n\n"
            "Mit freundlichen Grüßen\nIhr Jobcenter München\n",
            JC_BESCHEID_PDF,
            "Bescheid_2025-03-10.pdf",
            msgid="<jc-0310-1@jobcenter-ge.de>",
        ),
    )
    labels(
        "jc_bescheid_pdf_attachment",
        state="BY",
        agency="jobcenter",
        letter_type="bescheid",
        ids=[("bg_nummer", "12345BG0012345"), ("kundennummer", "123D456789")],
        deadlines=[("2025-04-14", None, "objection"), ("2026-03-31", None, "renewal")],
        notes="IDs only in the PDF attachment, BG-Nummer split by a line break; IBAN and phone "
        "next to ID labels; mail body is a generic cover text. Objection: mail sent Mon "
        "10.03.2025, deemed known 14.03.2025 (4th day), one month -> Mon 14.04.2025. "
        "Renewal at the end of the Bewilligungszeitraum.",
    )

    # 2. Einladung in ISO-8859-1 quoted-printable, phone right after the Kundennummer.
    body = (
        "Jobcenter München - Standort Pasing\n\n"
        "Kundennummer: 962A123456   Tel.: 089 99998-2200\n"
        "BG-Nummer: 96203BG0004711\n\n"
        "Einladung\n\n"
        "Sehr geehrter Herr Yilmaz,\n\n"
        "bitte kommen Sie am Dienstag, 15.04.2025 um 09:30 Uhr in das Jobcenter München,\n"
        "Standort Pasing, Landsberger Straße 486, Zimmer 2.17.\n"
        "Ich möchte mit Ihnen über Ihre berufliche Situation sprechen.\n\n"
        "Dies ist eine Einladung nach § 59 Zweites Buch Sozialgesetzbuch (SGB II) in Verbindung mit "
        "§ 309 Drittes Buch Sozialgesetzbuch (SGB III).\n\n"
        "Rechtsfolgenbelehrung: Wenn Sie ohne wichtigen Grund nicht erscheinen, wird Ihr Bürgergeld "
        "um 10 Prozent gemindert.\n\n"
        "Mit freundlichen Grüßen\nIhr Jobcenter München\n"
    )
    raw = (
        b"From: =?ISO-8859-1?Q?Jobcenter_M=FCnchen?= <Jobcenter-Muenchen.Pasing@jobcenter-ge.de>\n"
        b"To: helfer@example.org\n"
        b"Subject: =?ISO-8859-1?Q?Einladung_zum_Gespr=E4ch?=\n"
        b"Date: Wed, 02 Apr 2025 14:03:10 +0200\n"
        b"Message-ID: <jc-0402-77@jobcenter-ge.de>\n"
        b"MIME-Version: 1.0\n"
        b"Content-Type: text/plain; charset=ISO-8859-1\n"
        b"Content-Transfer-Encoding: quoted-printable\n\n"
        + quopri.encodestring(body.encode("latin-1"))
    )
    write_eml("jc_einladung_latin1_qp", raw)
    labels(
        "jc_einladung_latin1_qp",
        state="BY",
        agency="jobcenter",
        letter_type="einladung_termin",
        ids=[("kundennummer", "962A123456"), ("bg_nummer", "96203BG0004711")],
        deadlines=[("2025-04-15", "09:30", "appointment")],
        notes="Latin-1 quoted-printable body and RFC 2047 Latin-1 headers; phone number on the "
        "same line as the Kundennummer; Rechtsfolgenbelehrung is not a Rechtsbehelfsbelehrung.",
    )

    # 3. HTML-only Aufforderung zur Mitwirkung with an IBAN in the table next to the BG-Nummer.
    html = (
        "<html><head><style>td{padding:2px}</style><title>Jobcenter</title></head><body>"
        "<p><b>Jobcenter Berlin Neukölln</b><br>Mainzer Straße 27<br>12053 Berlin</p>"
        "<table><tr><td>BG-Nummer:</td><td>91104BG0000123</td></tr>"
        "<tr><td>IBAN für Rückzahlungen:</td><td>DE02 1203 0000 0000 2020 51</td></tr>"
        "<tr><td>Servicetelefon:</td><td>030 5555 1234 0</td></tr></table>"
        "<p>Sehr geehrte Frau Kovalenko,</p>"
        "<p>zur Prüfung Ihres Weiterbewilligungsantrags fehlen noch folgende Unterlagen:</p>"
        "<ul><li>Kontoauszüge der letzten drei Monate</li><li>Mietbescheinigung</li>"
        "<li>Nachweis über Kindergeld</li></ul>"
        "<p>Bitte reichen Sie die Unterlagen bis zum 30.05.2025 ein. Wenn Sie Ihrer Pflicht zur "
        "Mitwirkung (§ 60 SGB I) nicht nachkommen, können die Leistungen nach § 66 SGB I versagt "
        "werden.</p><p>Mit freundlichen Grüßen<br>Ihr Jobcenter Berlin Neukölln</p>"
        "<script>track()</script></body></html>"
    )
    msg = EmailMessage()
    msg["From"] = "Jobcenter Berlin Neukoelln <Jobcenter-Berlin-Neukoelln@jobcenter-ge.de>"
    msg["To"] = "olena.kovalenko@example.net"
    msg["Subject"] = "Fehlende Unterlagen zu Ihrem Weiterbewilligungsantrag"
    msg["Date"] = "Thu, 15 May 2025 11:20:00 +0200"
    msg["Message-ID"] = "<jc-neukoelln-5512@jobcenter-ge.de>"
    msg.set_content(html, subtype="html", cte="base64")
    write_eml("jc_mitwirkung_html_only", bytes(msg))
    labels(
        "jc_mitwirkung_html_only",
        state="BE",
        agency="jobcenter",
        letter_type="aufforderung_mitwirkung",
        ids=[("bg_nummer", "91104BG0000123")],
        deadlines=[("2025-05-30", None, "submit")],
        notes="HTML-only, base64; IBAN and service phone in the same table as the BG-Nummer; "
        "script and style must not leak into the text.",
    )

    # 4. Portal notification without any ID.
    write_eml(
        "jc_portal_notification",
        simple_mail(
            "jobcenter.digital <noreply@jobcenter.digital>",
            "olena.kovalenko@example.net",
            "Neues Dokument in Ihrem Postfach",
            "Tue, 20 May 2025 06:01:12 +0200",
            "Guten Tag,\n\nin Ihrem Postfach auf jobcenter.digital ist ein neues Dokument für Sie "
            "bereitgestellt worden.\nBitte melden Sie sich an, um das Dokument abzurufen:\n"
            "https://www.jobcenter.digital\n\nDiese E-Mail wurde automatisch erstellt. Bitte antworten "
            "Sie nicht auf diese E-Mail.\n\nIhr Jobcenter\n",
            msgid="<notify-8f2a1@jobcenter.digital>",
        ),
    )
    labels(
        "jc_portal_notification",
        state="BE",
        agency="jobcenter",
        letter_type="portal_benachrichtigung",
        ids=[],
        deadlines=[],
        notes="Portal notice: no ID, no deadline; the document itself is only in the portal.",
    )

    # 5. Familienkasse Bescheid as paper letter (AO: deemed day moves off a Sunday).
    write_letter(
        "fk_bescheid",
        """
Familienkasse Bayern Süd
Bundesagentur für Arbeit
Familienkasse Bayern Süd, 80323 München

Herrn
Goran Petrović
Schleißheimer Straße 300
80809 München

Kindergeldnummer: 515FK123456
Datum: 05.02.2025
Telefon: 0800 4 5555 30

Bescheid über die Festsetzung von Kindergeld

Sehr geehrter Herr Petrović,
das Kindergeld für Ihr Kind Luka Petrović, geboren am 14.09.2012,
Identifikationsnummer des Kindes: 57549285017,
wird ab Januar 2025 in Höhe von monatlich 255,00 Euro festgesetzt.

Rechtsbehelfsbelehrung
Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Einspruch
eingelegt werden. Der Einspruch ist bei der Familienkasse Bayern Süd
schriftlich einzureichen oder zur Niederschrift zu erklären.

Mit freundlichen Grüßen
Ihre Familienkasse
""",
    )
    labels(
        "fk_bescheid",
        state="BY",
        agency="familienkasse",
        letter_type="bescheid",
        ids=[("kindergeldnummer", "515FK123456"), ("steuer_id", "57549285017")],
        deadlines=[("2025-03-10", None, "objection")],
        notes="Paper letter dated Wed 05.02.2025; AO: 4th day is Sun 09.02.2025, moves to Mon "
        "10.02.2025; one month -> Mon 10.03.2025. Birth date is not a deadline; child's "
        "Steuer-ID with label; 0800 service number.",
    )

    # 6. Forward of a forward of a Familienkasse mail.
    inner = (
        "---------- Forwarded message ---------\n"
        "Von: Familienkasse Bayern Süd <Familienkasse-Bayern-Sued@arbeitsagentur.de>\n"
        "Date: Mo., 30. Juni 2025 um 08:14 Uhr\n"
        "Subject: Ihr Kindergeld - Kindergeldnummer 515 FK 654321\n"
        "To: <dragana.petrovic@example.com>\n\n"
        "Sehr geehrte Frau Petrović,\n\n"
        "für die weitere Zahlung des Kindergeldes für Ihre Tochter Mila benötigen wir eine "
        "aktuelle Schulbescheinigung.\n"
        "Bitte reichen Sie die Schulbescheinigung bis zum 14.07.2025 ein.\n\n"
        "Mit freundlichen Grüßen\nIhre Familienkasse Bayern Süd\n"
    )
    middle = (
        "Hallo Jana, kannst du das an die Helferin schicken?\n\n"
        "---------- Forwarded message ---------\n"
        "Von: Dragana Petrović <dragana.petrovic@example.com>\n"
        "Date: Mo., 30. Juni 2025 um 19:02 Uhr\n"
        "Subject: Fwd: Ihr Kindergeld - Kindergeldnummer 515 FK 654321\n"
        "To: Jana Nachbarin <jana@example.com>\n\n"
        "Ich verstehe das nicht, was muss ich machen?\n\n" + inner
    )
    write_eml(
        "fk_forward_of_forward",
        simple_mail(
            "Jana Nachbarin <jana@example.com>",
            HELPER,
            "Fwd: Fwd: Ihr Kindergeld - Kindergeldnummer 515 FK 654321",
            "Tue, 01 Jul 2025 07:45:00 +0200",
            "Liebe Frau Helferin,\nanbei die Nachricht der Familienkasse für Familie Petrović.\n"
            "Viele Grüße\nJana\n\n" + middle,
            msgid="<CAF0wd2x@mail.example.com>",
        ),
    )
    labels(
        "fk_forward_of_forward",
        state="BY",
        agency="familienkasse",
        letter_type="aufforderung_mitwirkung",
        ids=[("kindergeldnummer", "515FK654321")],
        deadlines=[("2025-07-14", None, "submit")],
        notes="Forward of a forward (Gmail style); the ID is in the subject with spaces; the "
        "sender is a neighbour, the agency is in the forwarded header (arbeitsagentur.de: "
        "Familienkasse by local part/content).",
    )

    # 7. Finanzamt Einkommensteuerbescheid (paper) with payment date, IBAN and BIC of the Finanzamt.
    write_letter(
        "fa_steuerbescheid",
        """
Finanzamt München
Abteilung Veranlagung
Deroystraße 18, 80335 München

Finanzamt München, 80284 München
Herrn und Frau
Mehmet und Ayşe Yilmaz
Hansastraße 12
81373 München

Steuernummer: 143/123/45678
Identifikationsnummer: 65 929 970 489
Datum: 12.06.2025

Bescheid für 2023 über Einkommensteuer

Die Einkommensteuer wird festgesetzt auf 2.318,00 EUR.
Abzüglich der Steuerabzugsbeträge verbleiben zu zahlen: 412,00 EUR.
Bitte zahlen Sie den Betrag bis zum 17.07.2025 auf das Konto des Finanzamts
IBAN: DE46 1005 0000 1234 5678 90  BIC: BYLADEMMXXX
unter Angabe der Steuernummer.

Rechtsbehelfsbelehrung
Der Bescheid kann mit dem Einspruch angefochten werden. Der Einspruch ist beim
Finanzamt München schriftlich einzureichen. Die Frist für die Einlegung des
Einspruchs beträgt einen Monat. Sie beginnt mit Ablauf des Tages, an dem Ihnen
dieser Bescheid bekannt geworden ist.

Servicezeiten: Mo-Fr 7:30-12:00, Tel. 089 1252-0
""",
    )
    labels(
        "fa_steuerbescheid",
        state="BY",
        agency="finanzamt",
        letter_type="bescheid",
        ids=[("steuernummer", "143/123/45678"), ("steuer_id", "65929970489")],
        deadlines=[("2025-07-16", None, "objection"), ("2025-07-17", None, "payment")],
        notes="Letter dated Thu 12.06.2025; deemed known Mon 16.06.2025; Einspruch until Wed "
        "16.07.2025. Explicit payment date. IBAN, BIC and phone must not be IDs.",
    )

    # 8. DRV Kontenklärung (letter), RV-Nummer written with spaces.
    write_letter(
        "drv_kontenklaerung",
        """
Deutsche Rentenversicherung Bayern Süd
Am Alten Viehmarkt 2, 84028 Landshut

Frau
Svetlana Morozova
Rosenheimer Straße 55
81667 München

Versicherungsnummer: 12 150780 M 04 6
Ihr Zeichen:
Unser Zeichen: 6711
Datum: 08.10.2025

Klärung Ihres Versicherungskontos - Aufforderung zur Mitwirkung

Sehr geehrte Frau Morozova,
in Ihrem Versicherungsverlauf fehlen Angaben für die Zeit vom 01.09.1996 bis
31.08.1999 (Schulausbildung). Bitte senden Sie uns den beigefügten Vordruck
V0410 mit den Nachweisen bis zum 31.10.2025 zurück.
Ihre Mitwirkung ist nach § 60 SGB I erforderlich.

Bei Fragen erreichen Sie uns unter 0800 1000 4800 (kostenlos).

Mit freundlichen Grüßen
Deutsche Rentenversicherung Bayern Süd
""",
    )
    labels(
        "drv_kontenklaerung",
        state="BY",
        agency="rentenversicherung",
        letter_type="aufforderung_mitwirkung",
        ids=[("rv_nummer", "12150780M046"), ("aktenzeichen", "6711")],
        deadlines=[("2025-10-31", None, "submit")],
        notes="RV-Nummer with spaces and valid check digit; empty 'Ihr Zeichen:' must not grab "
        "the next line; a past period is not a deadline; free 0800 number.",
    )

    # 9. AOK Eingangsbestätigung with KVNR label.
    write_eml(
        "aok_eingang_kvnr",
        simple_mail(
            "AOK Bayern - Die Gesundheitskasse <service@by.aok.de>",
            "svetlana.m@example.net",
            "Eingangsbestätigung Ihres Antrags auf Familienversicherung",
            "Fri, 11 Jul 2025 10:30:00 +0200",
            "Sehr geehrte Frau Morozova,\n\nvielen Dank, wir haben Ihren Antrag auf "
            "Familienversicherung für Ihren Sohn am 09.07.2025 erhalten. Er wird derzeit bearbeitet.\n\n"
            "Ihre Versichertennummer: B047110812\n\n"
            "Sie müssen nichts weiter tun. Wir melden uns, sobald die Prüfung abgeschlossen ist.\n\n"
            "Freundliche Grüße\nIhre AOK Bayern\nKundencenter München, Tel. 089 54444-0\n",
            msgid="<aok-by-20250711-1@aok.de>",
        ),
    )
    labels(
        "aok_eingang_kvnr",
        state="BY",
        agency="krankenkasse",
        letter_type="eingangsbestaetigung",
        ids=[("kvnr", "B047110812")],
        deadlines=[],
        notes="KVNR with label, valid check digit; a past receipt date is not a deadline.",
    )

    # 10. TK Mahnung, KVNR without a label but in health context.
    write_eml(
        "tk_mahnung",
        simple_mail(
            "Techniker Krankenkasse <beitraege@tk.de>",
            "r.nowak@example.org",
            "Zahlungserinnerung Beiträge T987654328",
            "Mon, 01 Sep 2025 08:00:00 +0200",
            "Sehr geehrter Herr Nowak,\n\nfür Ihre freiwillige Krankenversicherung bei der TK sind "
            "die Beiträge für Juli und August 2025 in Höhe von 462,38 EUR noch nicht eingegangen.\n"
            "Bitte überweisen Sie den offenen Betrag bis zum 15.09.2025 auf unser Konto\n"
            "IBAN DE89 3704 0044 0532 0130 00.\n\n"
            "Werden die Beiträge nicht gezahlt, müssen wir Säumniszuschläge erheben.\n\n"
            "Mit freundlichen Grüßen\nTK Techniker Krankenkasse\nBeitragsservice\n",
            msgid="<tk-mahn-77123@tk.de>",
        ),
    )
    labels(
        "tk_mahnung",
        state="BY",
        agency="krankenkasse",
        letter_type="mahnung",
        ids=[("kvnr", "T987654328")],
        deadlines=[("2025-09-15", None, "payment")],
        notes="KVNR only in the subject without a label; validated by check digit and health "
        "context. IBAN in the text.",
    )

    # 11. Ausländerbehörde München: appointment + Aufenthaltstitel expiry.
    write_letter(
        "abh_kvr_vorsprache",
        """
Landeshauptstadt München
Kreisverwaltungsreferat
Hauptabteilung II Einwohnerwesen
Ausländerbehörde
Ruppertstraße 19, 80337 München

Herrn
Yusuf Hassan
Plinganserstraße 40
81369 München

Geschäftszeichen: KVR-II/21-4711
Datum: 12.05.2025

Verlängerung Ihrer Aufenthaltserlaubnis

Sehr geehrter Herr Hassan,
Ihre Aufenthaltserlaubnis ist gültig bis 30.06.2025.
Für die Bearbeitung Ihres Verlängerungsantrags laden wir Sie zu einer persönlichen
Vorsprache ein:
Montag, 02.06.2025, 10:15 Uhr, Ruppertstraße 19, Raum 3.027

Bitte bringen Sie Ihren Pass, ein aktuelles biometrisches Foto und Ihren
Arbeitsvertrag mit.

Mit freundlichen Grüßen
Kreisverwaltungsreferat - Ausländerbehörde
""",
    )
    labels(
        "abh_kvr_vorsprache",
        state="BY",
        agency="auslaenderbehoerde",
        letter_type="einladung_termin",
        ids=[("aktenzeichen", "KVR-II/21-4711")],
        deadlines=[("2025-06-02", "10:15", "appointment"), ("2025-06-30", None, "renewal")],
        notes="Appointment with time and room number; Aufenthaltserlaubnis 'gültig bis' is a "
        "renewal deadline; letterhead is 'Landeshauptstadt München Kreisverwaltungsreferat'.",
    )

    # 12. Berlin LEA Eingangsbestätigung, Geschäftszeichen with spaces.
    write_eml(
        "lea_berlin_eingang",
        simple_mail(
            "Landesamt für Einwanderung <noreply-eingang@lea.berlin.de>",
            HELPER,
            "Eingangsbestätigung - Geschäftszeichen IV B 12-4711/25",
            "Wed, 07 May 2025 16:40:00 +0200",
            "Landesamt für Einwanderung\nFriedrich-Krause-Ufer 24, 13353 Berlin\n\n"
            "Sehr geehrte Damen und Herren,\n\n"
            "hiermit bestätigen wir den Eingang Ihres Antrags auf Verlängerung des Aufenthaltstitels "
            "vom 02.05.2025.\nIhr Antrag wird bearbeitet. Bitte sehen Sie von Nachfragen ab.\n\n"
            "Geschäftszeichen: IV B 12-4711/25 (bitte bei allen Schreiben angeben)\n\n"
            "Mit freundlichen Grüßen\nLandesamt für Einwanderung\n",
            msgid="<lea-eingang-4711@lea.berlin.de>",
        ),
    )
    labels(
        "lea_berlin_eingang",
        state="BE",
        agency="auslaenderbehoerde",
        letter_type="eingangsbestaetigung",
        ids=[("aktenzeichen", "IVB12-4711/25")],
        deadlines=[],
        notes="Geschäftszeichen with internal spaces, in subject and body; "
        "past application date is not a deadline.",
    )

    # 13. Shop invoice: none of its numbers are processing IDs.
    write_eml(
        "shop_invoice",
        simple_mail(
            "Kinderland Online-Shop <rechnung@kinderland-shop.example>",
            "dragana.petrovic@example.com",
            "Ihre Rechnung RE-2025-004711 zur Bestellung 302-1234567-7654321",
            "Sat, 08 Mar 2025 12:00:00 +0100",
            "Hallo Dragana Petrović,\n\nvielen Dank für Ihre Bestellung!\n\n"
            "Rechnungsnummer: RE-2025-004711\nKundennummer: 4711-0815\n"
            "Bestellnummer: 302-1234567-7654321\nAuftragsnummer: A123456780\n\n"
            "1 x Schulranzen Modell Sterne   89,99 EUR\n1 x Federmappe   14,50 EUR\n"
            "Summe: 104,49 EUR (bereits per PayPal bezahlt)\n\n"
            "Kinderland GmbH, Musterweg 1, 10115 Berlin\nUSt-IdNr. DE123456789\n"
            "Tel. +49 30 1234567, IBAN DE89 3704 0044 0532 0130 00\n",
            msgid="<inv-2025-004711@kinderland-shop.example>",
        ),
    )
    labels(
        "shop_invoice",
        state="BY",
        agency=None,
        letter_type="other",
        ids=[],
        deadlines=[],
        notes="Private invoice: invoice/customer/order numbers, a KVNR-shaped order number with "
        "a valid check digit but no health context, USt-IdNr, phone and IBAN.",
    )

    # 14. Landlord letter that mentions the Jobcenter in the middle.
    write_letter(
        "landlord_nebenkosten",
        """
Hausverwaltung Brandl & Söhne GmbH
Lindwurmstraße 77, 80337 München

Frau
Amina Haddad
Tegernseer Landstraße 140
81539 München

Unser Zeichen: MV-2024-117
Mietvertragsnummer: 4711/08
Datum: 30.06.2025

Betriebskostenabrechnung für das Jahr 2024

Sehr geehrte Frau Haddad,
anbei erhalten Sie die Betriebskostenabrechnung für den Zeitraum 01.01.2024 bis
31.12.2024. Es ergibt sich eine Nachzahlung von 243,17 EUR.
Wenn Sie Leistungen beziehen, legen Sie diese Abrechnung bitte Ihrem Jobcenter
vor, das die Nachzahlung in der Regel übernimmt.
Bitte überweisen Sie den Betrag bis zum 31.07.2025 auf das Konto
IBAN DE71 7005 0000 0012 3456 78.

Mit freundlichen Grüßen
Brandl & Söhne Hausverwaltung
Tel. 089 7654321
""",
    )
    labels(
        "landlord_nebenkosten",
        state="BY",
        agency=None,
        letter_type="other",
        ids=[],
        deadlines=[("2025-07-31", None, "payment")],
        notes="Landlord's 'Unser Zeichen' and contract number are not agency IDs; the letter "
        "mentions the Jobcenter in the middle, which must not make it an agency letter.",
    )

    # 15. Sozialgericht: Ladung, with a cited BSG judgment.
    write_letter(
        "sg_ladung",
        """
Sozialgericht München
Richelstraße 11, 80634 München

Az.: S 12 AS 345/24 ER

In dem Rechtsstreit
Haddad, Amina ./. Jobcenter München

Ladung zum Erörterungstermin

Sehr geehrte Frau Haddad,
in dem oben genannten Verfahren werden Sie zu einem Erörterungstermin geladen am
Montag, 12.05.2025, 10:00 Uhr, Sitzungssaal E.14.
Das Gericht weist auf die Rechtsprechung hin (vgl. BSG, Urteil vom 12.05.2009 -
B 14 AS 12/09 R; LSG Bayern, Beschluss vom 03.02.2020 - L 11 AS 123/19 B ER).
Ihr persönliches Erscheinen ist angeordnet (§ 111 Abs. 1 SGG).

Mit freundlichen Grüßen
Auf Anordnung
Urkundsbeamtin der Geschäftsstelle
Datum: 14.04.2025
""",
    )
    labels(
        "sg_ladung",
        state="BY",
        agency="sozialgericht",
        letter_type="einladung_termin",
        ids=[("court_az", "S12AS345/24ER")],
        deadlines=[("2025-05-12", "10:00", "appointment")],
        notes="Own court Az after 'Az.:'; cited BSG and LSG decisions (one wrapped over a line "
        "break) are not the household's case IDs; § 111 Abs. 1 SGG is a citation.",
    )

    # 16. Bavarian Verwaltungsgericht Eingangsbestätigung.
    write_letter(
        "vg_muenchen_eingang",
        """
Bayerisches Verwaltungsgericht München
Bayerstraße 30, 80335 München

Aktenzeichen: M 10 K 25.1234
Datum: 12.02.2025

In der Verwaltungsstreitsache
Hassan, Yusuf
gegen
Freistaat Bayern (Landeshauptstadt München, Ausländerbehörde)

Eingangsbestätigung

Ihre Klage vom 03.02.2025 ist am 05.02.2025 bei Gericht eingegangen und wird unter
dem oben genannten Aktenzeichen geführt. Bitte geben Sie dieses bei allen
Schreiben an.
Sie erhalten Gelegenheit, die Klage bis zum 31.03.2025 zu begründen.

Die Geschäftsstelle
""",
    )
    labels(
        "vg_muenchen_eingang",
        state="BY",
        agency="other",
        letter_type="eingangsbestaetigung",
        ids=[("court_az", "M10K25.1234")],
        deadlines=[("2025-03-31", None, "submit")],
        notes="Bavarian VG Aktenzeichen form; court is not a Sozialgericht; past dates of the "
        "Klage are not deadlines.",
    )

    # 17. Jobcenter reply with quoted history containing an old deadline and the BG-Nummer.
    write_eml(
        "jc_reply_quoted_history",
        simple_mail(
            "Jobcenter München <Jobcenter-Muenchen.Giesing@jobcenter-ge.de>",
            HELPER,
            "AW: Unterlagen Familie Haddad",
            "Tue, 04 Mar 2025 13:22:00 +0100",
            "Sehr geehrte Frau Weber,\n\nIhre Unterlagen haben wir erhalten, vielen Dank. "
            "Sie werden derzeit bearbeitet.\n\nMit freundlichen Grüßen\nIm Auftrag\nS. Hofmann\n"
            "Jobcenter München\n\n"
            "Am 27.02.2025 um 18:05 schrieb Helferkreis Asyl Giesing <helfer@example.org>:\n"
            "> Sehr geehrte Damen und Herren,\n"
            "> anbei die angeforderten Unterlagen für Familie Haddad,\n"
            "> BG-Nummer 12345BG0055555. Sie hatten uns eine Frist bis zum 01.03.2025 gesetzt.\n"
            "> Mit freundlichen Grüßen\n> Petra Weber\n",
            msgid="<jc-reply-0304@jobcenter-ge.de>",
            extra=[
                ("In-Reply-To", "<helfer-0227@example.org>"),
                ("References", "<helfer-0227@example.org>"),
            ],
        ),
    )
    labels(
        "jc_reply_quoted_history",
        state="BY",
        agency="jobcenter",
        letter_type="eingangsbestaetigung",
        ids=[("bg_nummer", "12345BG0055555")],
        deadlines=[],
        notes="The ID is only in the quoted history (found_in quoted); the old "
        "deadline in the quote is already answered, not a deadline.",
    )

    # 18. Outlook forward (WG:) of an Änderungsbescheid mail.
    write_eml(
        "jc_outlook_forward_aenderung",
        simple_mail(
            "Nachbar Klaus <klaus.b@example.de>",
            HELPER,
            "WG: Änderungsbescheid",
            "Wed, 05 Mar 2025 20:11:00 +0100",
            "Hallo, das kam für Familie Nowak, bitte kümmern Sie sich.\nKlaus\n\n"
            "Von: Jobcenter Nürnberg-Stadt <Jobcenter-Nuernberg-Stadt@jobcenter-ge.de>\n"
            "Gesendet: Montag, 3. März 2025 10:12\n"
            "An: r.nowak@example.org\n"
            "Betreff: Änderungsbescheid\n\n"
            "Jobcenter Nürnberg-Stadt\n"
            "Nummer der Bedarfsgemeinschaft: 74201BG0123456\n\n"
            "Änderungsbescheid\n\n"
            "Sehr geehrter Herr Nowak,\nder Bescheid vom 12.11.2024 wird wie folgt geändert: "
            "Ab 01.03.2025 werden die Kosten der Unterkunft in Höhe von 780,00 EUR berücksichtigt.\n\n"
            "Rechtsbehelfsbelehrung\nGegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe "
            "Widerspruch erhoben werden.\n\nMit freundlichen Grüßen\nJobcenter Nürnberg-Stadt\n",
            msgid="<fwd-klaus-0305@example.de>",
        ),
    )
    labels(
        "jc_outlook_forward_aenderung",
        state="BY",
        agency="jobcenter",
        letter_type="aenderungsbescheid",
        ids=[("bg_nummer", "74201BG0123456")],
        deadlines=[("2025-04-07", None, "objection")],
        notes="Outlook forward block without marker line; posting date is the agency mail's "
        "date Mon 03.03.2025 -> deemed known Fri 07.03.2025 -> Mon 07.04.2025.",
    )

    # 19. Unknown charset, broken base64 attachment, ID in the subject.
    raw = (
        b"From: Jobcenter Landkreis Rosenheim <Jobcenter-Landkreis-Rosenheim@jobcenter-ge.de>\n"
        b"To: helfer@example.org\n"
        b"Subject: Ihre Unterlagen - BG-Nummer 55555BG0012121\n"
        b"Date: Thu, 17 Apr 2025 09:00:00 +0200\n"
        b"Message-ID: <jc-ro-0417@jobcenter-ge.de>\n"
        b"MIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="XYZ"\n\n'
        b"--XYZ\n"
        b"Content-Type: text/plain; charset=x-unknown-8bit\n"
        b"Content-Transfer-Encoding: 8bit\n\n"
        b"Sehr geehrte Damen und Herren,\n\nIhre Unterlagen haben wir erhalten. Die \xdcberpr\xfcfung "
        b"l\xe4uft.\nMit freundlichen Gr\xfc\xdfen\nJobcenter Landkreis Rosenheim\n\n"
        b"--XYZ\n"
        b'Content-Type: application/pdf; name="Scan.pdf"\n'
        b'Content-Disposition: attachment; filename="Scan.pdf"\n'
        b"Content-Transfer-Encoding: base64\n\n"
        b"JVBERi0xLjQKJ\xe4\xe4!!!broken***base64\n"
        b"--XYZ--\n"
    )
    write_eml("jc_broken_charset_base64", raw)
    labels(
        "jc_broken_charset_base64",
        state="BY",
        agency="jobcenter",
        letter_type="eingangsbestaetigung",
        ids=[("bg_nummer", "55555BG0012121")],
        deadlines=[],
        notes="Unknown charset with Latin-1 bytes, damaged base64 attachment; "
        "parsing must report problems, not fail.",
    )

    # 20. Wohngeld Bescheid with a broken RFC 2047 subject; social law: deemed Saturday stays.
    raw = (
        b"From: Wohngeldstelle <wohngeld.soz@muenchen.de>\n"
        b"To: helfer@example.org\n"
        b"Subject: =?utf-8?q?Bescheid_=C3=BCber_Wohngeld?= =?utf-8?B?IC0gQWt0ZW56ZWljaGVu?=\n"
        b" =?utf-8?q?_WG-2025-08154?= =?utf-8?q?kaputt\n"
        b"Date: Tue, 06 May 2025 15:30:00 +0200\n"
        b"Message-ID: <wg-0506@muenchen.de>\n"
        b"MIME-Version: 1.0\n"
        b"Content-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: 8bit\n\n"
        + (
            "Landeshauptstadt München\nSozialreferat - Wohngeldstelle\n\n"
            "Aktenzeichen: WG-2025-08154\n\n"
            "Bescheid über Wohngeld\n\n"
            "Sehr geehrte Frau Kovač,\n"
            "Ihnen wird für den Bewilligungszeitraum vom 01.05.2025 bis 30.04.2026 Wohngeld in Höhe "
            "von monatlich 212,00 EUR bewilligt.\n"
            "Bitte stellen Sie rechtzeitig einen Weiterleistungsantrag.\n\n"
            "Rechtsbehelfsbelehrung\nGegen diesen Bescheid kann innerhalb eines Monats nach "
            "Bekanntgabe Widerspruch erhoben werden.\n\n"
            "Mit freundlichen Grüßen\nIhre Wohngeldstelle\n"
        ).encode()
    )
    write_eml("wohngeld_bescheid_broken_subject", raw)
    labels(
        "wohngeld_bescheid_broken_subject",
        state="BY",
        agency="wohngeldstelle",
        letter_type="bescheid",
        ids=[("aktenzeichen", "WG-2025-08154")],
        deadlines=[("2025-06-10", None, "objection"), ("2026-04-30", None, "renewal")],
        notes="Subject has adjacent encoded words and a broken one; sent Tue 06.05.2025 -> deemed "
        "Sat 10.05.2025 (social law: stays) -> Tue 10.06.2025. muenchen.de is shared: "
        "department from content.",
    )

    # 21. Sozialamt Anhörung (paper): mentions Aufhebung and Erstattung but is an Anhörung.
    write_letter(
        "sozialamt_anhoerung",
        """
Landratsamt Ebersberg
Amt für Soziale Sicherung
Eichthalstraße 5, 85560 Ebersberg

Herrn
Ali Rahimi
Bahnhofstraße 3
85567 Grafing

Aktenzeichen: SO-12/345-2025
Datum: 02.06.2025

Anhörung nach § 24 SGB X

Sehr geehrter Herr Rahimi,
nach unseren Unterlagen haben Sie im Zeitraum 01.01.2025 bis 31.03.2025 Einkommen
erzielt, das bei der Grundsicherung nicht berücksichtigt wurde. Wir beabsichtigen,
die Bewilligung für diesen Zeitraum teilweise aufzuheben und 634,50 EUR
zurückzufordern.
Sie haben Gelegenheit, sich bis zum 16.06.2025 zu den für die Entscheidung
erheblichen Tatsachen zu äußern.

Mit freundlichen Grüßen
Amt für Soziale Sicherung
""",
    )
    labels(
        "sozialamt_anhoerung",
        state="BY",
        agency="sozialamt",
        letter_type="anhoerung",
        ids=[("aktenzeichen", "SO-12/345-2025")],
        deadlines=[("2025-06-16", None, "submit")],
        notes="Anhörung that talks about Aufhebung/Rückforderung; past period is not a deadline.",
    )

    # 22. Aufhebungs- und Erstattungsbescheid with the old BG-Nummer form, sent in 2024 (3 days).
    write_letter(
        "jc_aufhebung_erstattung_2024",
        """
Jobcenter Landkreis Dachau
Landkreis Dachau, Weiherweg 16, 85221 Dachau

Frau
Fatima Al-Sayed
Schleißheimer Straße 8
85221 Dachau

BG-Nummer: 61402//00000705
Kundennummer: 614D123456
Datum: 20.12.2024

Aufhebungs- und Erstattungsbescheid

Sehr geehrte Frau Al-Sayed,
die Entscheidung über die Bewilligung von Bürgergeld vom 15.08.2024 wird für die
Zeit vom 01.10.2024 bis 30.11.2024 teilweise aufgehoben (§ 48 SGB X).
Die überzahlten Leistungen in Höhe von 508,00 EUR sind nach § 50 SGB X zu erstatten.

Rechtsbehelfsbelehrung
Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch
erhoben werden.

Mit freundlichen Grüßen
Jobcenter Landkreis Dachau
""",
    )
    labels(
        "jc_aufhebung_erstattung_2024",
        state="BY",
        agency="jobcenter",
        letter_type="aufhebung_erstattung",
        ids=[("bg_nummer", "61402//00000705"), ("kundennummer", "614D123456")],
        deadlines=[("2025-01-23", None, "objection")],
        notes="Old BG-Nummer form; posted Fri 20.12.2024 (3-day rule until 2024) -> Mon "
        "23.12.2024 -> Thu 23.01.2025.",
    )

    # 23. ELSTER portal notification.
    write_eml(
        "elster_portal",
        simple_mail(
            "Mein ELSTER <noreply@elster.de>",
            "m.yilmaz@example.com",
            "Neue Nachricht in Ihrem ELSTER-Postfach",
            "Fri, 13 Jun 2025 03:12:00 +0200",
            "Sehr geehrte Nutzerin, sehr geehrter Nutzer,\n\nin Ihrem Mein ELSTER-Postfach liegt eine "
            "neue Nachricht für Sie zum Abruf bereit. Bitte melden Sie sich mit Ihrem Zertifikat an.\n\n"
            "Diese Nachricht wurde automatisch erstellt.\nIhr ELSTER-Team\n",
            msgid="<elster-notify-4412@elster.de>",
        ),
    )
    labels(
        "elster_portal",
        state="BY",
        agency="finanzamt",
        letter_type="portal_benachrichtigung",
        ids=[],
        deadlines=[],
        notes="Portal notice without ID or deadline.",
    )

    # 24. Familienkasse HTML table with Kindergeldnummer and child's Steuer-ID.
    html = (
        "<html><body><div>Familienkasse Nord</div><div>Bundesagentur für Arbeit</div><br>"
        "<table border=1><tr><td>Kindergeldnummer</td><td>123FK998877</td></tr>"
        "<tr><td>Steuer-ID des Kindes</td><td>47 036 892 816</td></tr>"
        "<tr><td>Datum</td><td>28.07.2025</td></tr></table>"
        "<p>Sehr geehrte Frau Ahmadi,</p><p>Ihr Kind Sara vollendet demnächst das 18. Lebensjahr. "
        "Für die weitere Prüfung des Anspruchs benötigen wir folgende Unterlagen:</p>"
        "<ul><li>Ausbildungsvertrag oder Schulbescheinigung</li></ul>"
        "<p>Bitte senden Sie uns die Unterlagen bis zum 18.08.2025 zu.</p>"
        "<p>Mit freundlichen Grüßen<br>Ihre Familienkasse Nord</p></body></html>"
    )
    msg = EmailMessage()
    msg["From"] = "Familienkasse Nord <Familienkasse-Nord@arbeitsagentur.de>"
    msg["To"] = HELPER
    msg["Subject"] = "Ihr Kindergeld"
    msg["Date"] = "Mon, 28 Jul 2025 10:00:00 +0200"
    msg["Message-ID"] = "<fk-nord-0728@arbeitsagentur.de>"
    msg.set_content(html, subtype="html", cte="quoted-printable")
    write_eml("fk_html_table", bytes(msg))
    labels(
        "fk_html_table",
        state="HH",
        agency="familienkasse",
        letter_type="aufforderung_mitwirkung",
        ids=[("kindergeldnummer", "123FK998877"), ("steuer_id", "47036892816")],
        deadlines=[("2025-08-18", None, "submit")],
        notes="HTML table cells: label and value become one line; arbeitsagentur.de shared with "
        "the Agentur für Arbeit.",
    )

    # 25. Jobcenter information with IBAN and phone next to labels; BG only in the subject.
    write_eml(
        "jc_info_iban_phone",
        simple_mail(
            "Jobcenter Augsburg-Stadt <Jobcenter-Augsburg-Stadt@jobcenter-ge.de>",
            HELPER,
            "Information zu Ihrer Anfrage (BG 70901BG0031415)",
            "Mon, 23 Jun 2025 12:00:00 +0200",
            "Sehr geehrte Damen und Herren,\n\nwir informieren Sie, dass der Standort Mitte vom "
            "28.07. bis 01.08.2025 geschlossen ist. In dringenden Fällen wenden Sie sich an den "
            "Standort Süd.\n\n"
            "Kundennummer: bitte bei Anrufen angeben\nTelefon: 0821 4097-0\nFax: 0821 4097-199\n"
            "Bankverbindung: IBAN DE02 1203 0000 0000 2020 51\nPostleitzahl 86150 Augsburg\n\n"
            "Mit freundlichen Grüßen\nJobcenter Augsburg-Stadt\n",
            msgid="<jc-a-0623@jobcenter-ge.de>",
        ),
    )
    labels(
        "jc_info_iban_phone",
        state="BY",
        agency="jobcenter",
        letter_type="information",
        ids=[("bg_nummer", "70901BG0031415")],
        deadlines=[],
        notes="BG-Nummer only in the subject; 'Kundennummer:' without a value followed by phone "
        "and fax; IBAN; postcode; a closure period is not a deadline.",
    )

    # 26. DRV Renteninformation by mail, RV-Nummer without spaces in subject.
    write_eml(
        "drv_renteninformation",
        simple_mail(
            "Deutsche Rentenversicherung Bund <noreply@drv-bund.de>",
            "p.weber@example.org",
            "Ihre Renteninformation 2025 - 65170839J003",
            "Wed, 09 Jul 2025 09:00:00 +0200",
            "Sehr geehrte Frau Weber,\n\nIhre jährliche Renteninformation steht Ihnen zur Verfügung. "
            "Sie informiert Sie über Ihre bisher erworbenen Anwartschaften.\n"
            "Diese Information ist kein Bescheid.\n\n"
            "Mit freundlichen Grüßen\nDeutsche Rentenversicherung Bund\n",
            msgid="<drv-ri-2025-1@drv-bund.de>",
        ),
    )
    labels(
        "drv_renteninformation",
        state="BY",
        agency="rentenversicherung",
        letter_type="information",
        ids=[("rv_nummer", "65170839J003")],
        deadlines=[],
        notes="RV-Nummer without label in the subject; 'kein Bescheid' must not make it a Bescheid.",
    )

    # 27. Krankenkasse mail with a bare KVNR in health context.
    write_eml(
        "barmer_familienversicherung",
        simple_mail(
            "BARMER <service@barmer.de>",
            "a.ahmadi@example.com",
            "Familienversicherung - Einkommensnachweis",
            "Mon, 15 Sep 2025 11:00:00 +0200",
            "Sehr geehrte Frau Ahmadi,\n\nfür die Prüfung der Familienversicherung Ihrer Tochter "
            "(Z123456783) benötigen wir einen Nachweis über ihr Einkommen.\n"
            "Bitte reichen Sie den Nachweis bis zum 30.09.2025 ein.\n\n"
            "Ihre BARMER Krankenkasse\nTelefon 0800 333 1010\n",
            msgid="<barmer-0915-1@barmer.de>",
        ),
    )
    labels(
        "barmer_familienversicherung",
        state="BY",
        agency="krankenkasse",
        letter_type="aufforderung_mitwirkung",
        ids=[("kvnr", "Z123456783")],
        deadlines=[("2025-09-30", None, "submit")],
        notes="Bare KVNR in brackets, valid check digit, health context.",
    )

    # 28. Bürgerbüro appointment confirmation.
    write_eml(
        "buergerbuero_termin",
        simple_mail(
            "Terminvereinbarung KVR <terminvereinbarung@muenchen.de>",
            "y.hassan@example.net",
            "Terminbestätigung Bürgerbüro",
            "Mon, 30 Jun 2025 18:00:00 +0200",
            "Guten Tag,\n\nhiermit bestätigen wir Ihren Termin:\n\n"
            "Dienstleistung: Wohnsitz anmelden\nDatum: Donnerstag, 10.07.2025\nUhrzeit: 08:45 Uhr\n"
            "Ort: Bürgerbüro Ruppertstraße, Ruppertstraße 19, 80337 München\n"
            "Vorgangsnummer: 8F3K2\n\nBitte bringen Sie Ihren Ausweis und die Wohnungsgeberbestätigung "
            "mit.\n\nIhr Bürgerbüro\nLandeshauptstadt München\n",
            msgid="<termin-8F3K2@muenchen.de>",
        ),
    )
    labels(
        "buergerbuero_termin",
        state="BY",
        agency="buergerbuero",
        letter_type="einladung_termin",
        ids=[],
        deadlines=[("2025-07-10", "08:45", "appointment")],
        notes="Appointment with date and time on separate lines; short booking code is not an ID.",
    )

    # 29. multipart/alternative Einladung in Berlin, spaced BG-Nummer.
    alt = MIMEMultipart("alternative")
    alt["From"] = "Jobcenter Berlin Mitte <Jobcenter-Berlin-Mitte@jobcenter-ge.de>"
    alt["To"] = HELPER
    alt["Subject"] = "Meldeaufforderung"
    alt["Date"] = "Tue, 13 May 2025 09:00:00 +0200"
    alt["Message-ID"] = "<jc-mitte-0513@jobcenter-ge.de>"
    text = (
        "Jobcenter Berlin Mitte\nBG-Nummer: 96302 BG 0012345\nKundennummer: 963A654321\n\n"
        "Einladung\n\nSehr geehrter Herr Karimi,\nbitte kommen Sie am Donnerstag, 22.05.2025 "
        "um 13:00 Uhr zu einem Gespräch über Ihre Bewerbungssituation.\nOrt: Seydelstraße 2-5, "
        "10117 Berlin, Raum 314\n\nMit freundlichen Grüßen\nIhr Jobcenter Berlin Mitte\n"
    )
    alt.attach(MIMEText(text, "plain", "utf-8"))
    alt.attach(MIMEText("<p>" + text.replace("\n", "<br>") + "</p>", "html", "utf-8"))
    write_eml("jc_alternative_einladung", alt.as_bytes())
    labels(
        "jc_alternative_einladung",
        state="BE",
        agency="jobcenter",
        letter_type="einladung_termin",
        ids=[("bg_nummer", "96302BG0012345"), ("kundennummer", "963A654321")],
        deadlines=[("2025-05-22", "13:00", "appointment")],
        notes="multipart/alternative: text/plain preferred; BG-Nummer spaced.",
    )

    # 30. Finanzamt mail with a TNEF winmail.dat attachment.
    outer = MIMEMultipart("mixed")
    outer["From"] = "Finanzamt Berlin-Neukölln <poststelle@fa-neukoelln.berlin.de>"
    outer["To"] = HELPER
    outer["Subject"] = "Anforderung von Unterlagen - St.-Nr. 21/815/08150"
    outer["Date"] = "Mon, 10 Feb 2025 10:00:00 +0100"
    outer["Message-ID"] = "<fa-nk-0210@berlin.de>"
    outer.attach(
        MIMEText(
            "Finanzamt Neukölln\nThiemannstraße 1, 12059 Berlin\n\nSehr geehrter Herr Karimi,\n\n"
            "zur Bearbeitung Ihrer Einkommensteuererklärung 2023 (Steuernummer 21/815/08150) benötige "
            "ich noch folgende Belege: Nachweise über Fahrtkosten und Arbeitsmittel.\n"
            "Bitte reichen Sie diese bis zum 28.02.2025 ein (§ 93 AO).\n\n"
            "Mit freundlichen Grüßen\nIm Auftrag\nFinanzamt Neukölln\n",
            "plain",
            "utf-8",
        )
    )
    tnef = MIMEApplication(b"\x78\x9f\x3e\x22" + b"\x00" * 64, "ms-tnef")
    tnef.add_header("Content-Disposition", "attachment", filename="winmail.dat")
    outer.attach(tnef)
    write_eml("fa_tnef_winmail", outer.as_bytes())
    labels(
        "fa_tnef_winmail",
        state="BE",
        agency="finanzamt",
        letter_type="aufforderung_mitwirkung",
        ids=[("steuernummer", "21/815/08150")],
        deadlines=[("2025-02-28", None, "submit")],
        notes="winmail.dat kept as opaque attachment; 'St.-Nr.' label in the subject.",
    )

    # 31. Krankenkasse newsletter.
    write_eml(
        "tk_newsletter",
        simple_mail(
            "TK-Newsletter <newsletter@tk.de>",
            "r.nowak@example.org",
            "Ihr TK-Newsletter: Gesund durch den Herbst",
            "Thu, 02 Oct 2025 07:00:00 +0200",
            "Liebe Leserin, lieber Leser,\n\nin diesem Newsletter informieren wir Sie über Impfungen, "
            "Bewegung und gesunde Ernährung im Herbst.\nBestellnummer Ihres Gesundheitskurses: "
            "K-2025-4471\nHotline: 0800 285 8585\n\nIhre TK\nNewsletter abbestellen: "
            "https://www.tk.de/newsletter\n",
            msgid="<nl-2025-10@tk.de>",
        ),
    )
    labels(
        "tk_newsletter",
        state="BY",
        agency="krankenkasse",
        letter_type="information",
        ids=[],
        deadlines=[],
        notes="Newsletter: no IDs, no deadlines.",
    )

    # 32. Private mail from a family member.
    write_eml(
        "private_family_mail",
        simple_mail(
            "Ayşe Yilmaz <ayse.y@example.com>",
            HELPER,
            "Frage wegen Termin",
            "Sun, 16 Mar 2025 21:30:00 +0100",
            "Hallo Petra,\n\nich habe nächste Woche einen Termin beim Jobcenter, weiß aber nicht mehr "
            "genau wann. Kannst du mich anrufen? Meine Nummer ist 0176 12345678.\n\nDanke und liebe "
            "Grüße\nAyşe\n",
            msgid="<CAB-ayse-0316@mail.example.com>",
        ),
    )
    labels(
        "private_family_mail",
        state="BY",
        agency=None,
        letter_type="other",
        ids=[],
        deadlines=[],
        notes="Private mail mentioning the Jobcenter; mobile number is not an ID.",
    )

    # 33. Craftsman's invoice with KVNR-shaped invoice number.
    write_eml(
        "handwerker_rechnung",
        simple_mail(
            "Malerbetrieb Huber <info@maler-huber.example>",
            "a.haddad@example.com",
            "Rechnung R123456780",
            "Fri, 21 Mar 2025 10:00:00 +0100",
            "Sehr geehrte Frau Haddad,\n\nanbei unsere Rechnung Nr. R123456780 über die "
            "Malerarbeiten in Ihrer Wohnung.\nAuftragsnummer: 2025-0042\nBetrag: 1.190,00 EUR\n"
            "Zahlbar bis 04.04.2025 ohne Abzug.\n\nMalerbetrieb Huber, Steuernummer 143/999/11111\n"
            "Tel. 089 1111222\n",
            msgid="<re-r123456780@maler-huber.example>",
        ),
    )
    labels(
        "handwerker_rechnung",
        state="BY",
        agency=None,
        letter_type="other",
        ids=[("steuernummer", "143/999/11111")],
        deadlines=[("2025-04-04", None, "payment")],
        notes="Invoice number shaped like a valid KVNR (no health context); the company's own "
        "Steuernummer is labelled and is technically a Steuernummer.",
    )

    # 34. Einladung only in the PDF attachment with BG split by line break.
    write_eml(
        "jc_einladung_pdf_only",
        mail_with_pdf(
            "Jobcenter München <Jobcenter-Muenchen.Sendling@jobcenter-ge.de>",
            HELPER,
            "Schreiben des Jobcenters",
            "Mon, 25 Aug 2025 08:30:00 +0200",
            "Guten Tag,\nbitte beachten Sie das angehängte Schreiben.\nIhr Jobcenter München\n",
            "Jobcenter München\nStandort Sendling\n\nNummer der Bedarfsgemeinschaft:\n"
            "83512BG\n0007531\n\nEinladung\n\nSehr geehrte Frau Haddad,\nich lade Sie ein, am Mittwoch, "
            "03.09.2025 um 10:00 Uhr in das Jobcenter München, Standort Sendling, zu kommen.\n"
            "Dies ist eine Einladung nach § 59 SGB II.\n\nMit freundlichen Grüßen\nJobcenter München\n",
            "Einladung.pdf",
            msgid="<jc-send-0825@jobcenter-ge.de>",
        ),
    )
    labels(
        "jc_einladung_pdf_only",
        state="BY",
        agency="jobcenter",
        letter_type="einladung_termin",
        ids=[("bg_nummer", "83512BG0007531")],
        deadlines=[("2025-09-03", "10:00", "appointment")],
        notes="Everything is in the PDF; BG-Nummer wrapped across a line break after 'BG'.",
    )

    # 35. Familienkasse Änderungsbescheid (AO), deadline across the year end.
    write_letter(
        "fk_aenderungsbescheid",
        """
Familienkasse Nordrhein-Westfalen Nord
48136 Münster

Frau
Leyla Ahmadi
Kanalstraße 9
48147 Münster

Kindergeld-Nr.: 123 FK 998877
Datum: 28.11.2025

Änderungsbescheid

Sehr geehrte Frau Ahmadi,
die Festsetzung des Kindergeldes für Ihr Kind Sara wird ab September 2025
aufgehoben, weil die Ausbildung beendet wurde. Für die Zeit ab Oktober 2025 wird
neu festgesetzt: monatlich 0,00 Euro.

Rechtsbehelfsbelehrung
Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Einspruch
eingelegt werden.

Ihre Familienkasse
""",
    )
    labels(
        "fk_aenderungsbescheid",
        state="NW",
        agency="familienkasse",
        letter_type="aenderungsbescheid",
        ids=[("kindergeldnummer", "123FK998877")],
        deadlines=[("2026-01-02", None, "objection")],
        notes="Letter dated Fri 28.11.2025 -> deemed Tue 02.12.2025 -> Fri 02.01.2026.",
    )

    # 36. Familienkasse via arbeitsagentur.de: Eingangsbestätigung, Kindergeldnummer in subject.
    write_eml(
        "fk_eingang_subject_id",
        simple_mail(
            "Familienkasse Bayern Nord <Familienkasse-Bayern-Nord@arbeitsagentur.de>",
            HELPER,
            "Eingangsbestätigung - 515FK123456",
            "Thu, 27 Feb 2025 14:00:00 +0100",
            "Sehr geehrte Damen und Herren,\n\nwir bestätigen den Eingang Ihres Schreibens vom "
            "20.02.2025. Es wird bearbeitet.\n\nMit freundlichen Grüßen\nBundesagentur für Arbeit\n",
            msgid="<fk-bn-0227@arbeitsagentur.de>",
        ),
    )
    labels(
        "fk_eingang_subject_id",
        state="BY",
        agency="familienkasse",
        letter_type="eingangsbestaetigung",
        ids=[("kindergeldnummer", "515FK123456")],
        deadlines=[],
        notes="Signature says only 'Bundesagentur für Arbeit'; the local part of "
        "the address and the ID decide Familienkasse.",
    )

    # 37. Agentur für Arbeit (not Jobcenter) Einladung.
    write_eml(
        "agentur_fuer_arbeit_einladung",
        simple_mail(
            "Agentur für Arbeit München <Muenchen.Eingangszone@arbeitsagentur.de>",
            HELPER,
            "Einladung zur Beratung",
            "Mon, 06 Oct 2025 09:00:00 +0200",
            "Agentur für Arbeit München\nKapuzinerstraße 26, 80337 München\n\n"
            "Kundennummer: 123A456780\n\nEinladung\n\nSehr geehrter Herr Karimi,\nbitte kommen Sie am "
            "Dienstag, 14.10.2025 um 11:30 Uhr zur Beratung über Ihr Arbeitslosengeld.\n\n"
            "Mit freundlichen Grüßen\nIhre Agentur für Arbeit München\n",
            msgid="<aa-m-1006@arbeitsagentur.de>",
        ),
    )
    labels(
        "agentur_fuer_arbeit_einladung",
        state="BY",
        agency="other",
        letter_type="einladung_termin",
        ids=[("kundennummer", "123A456780")],
        deadlines=[("2025-10-14", "11:30", "appointment")],
        notes="arbeitsagentur.de but neither Jobcenter nor Familienkasse: kind other.",
    )

    # 38. Sozialamt Bescheid with raw 8-bit UTF-8 headers and a weak 'Unser Zeichen' label.
    raw = (
        "From: Sozialbürgerhaus Giesing <sbh-giesing.soz@muenchen.de>\n"
        "To: helfer@example.org\n"
        "Subject: Bewilligung Grundsicherung – Unser Zeichen S-II-3/2025-0815\n"
        "Date: Wed, 25 Jun 2025 11:00:00 +0200\n"
        "Message-ID: <sbh-0625@muenchen.de>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain\n\n"
        "Landeshauptstadt München\nSozialreferat\nSozialbürgerhaus Giesing\n\n"
        "Unser Zeichen: S-II-3/2025-0815\n\n"
        "Bescheid über Grundsicherung im Alter und bei Erwerbsminderung (SGB XII)\n\n"
        "Sehr geehrter Herr Rahimi,\nfür den Zeitraum vom 01.07.2025 bis 30.06.2026 werden Ihnen "
        "Leistungen in Höhe von monatlich 987,45 EUR bewilligt.\n\n"
        "Rechtsbehelfsbelehrung\nGegen diesen Bescheid kann innerhalb eines Monats nach "
        "Bekanntgabe Widerspruch erhoben werden.\n\nMit freundlichen Grüßen\n"
        "Sozialbürgerhaus Giesing\n"
    ).encode()
    write_eml("sozialamt_bescheid_8bit_headers", raw)
    labels(
        "sozialamt_bescheid_8bit_headers",
        state="BY",
        agency="sozialamt",
        letter_type="bescheid",
        ids=[("aktenzeichen", "S-II-3/2025-0815")],
        deadlines=[("2025-07-29", None, "objection"), ("2026-06-30", None, "renewal")],
        notes="Undeclared 8-bit UTF-8 in headers and body (no charset); sent Wed 25.06.2025 -> "
        "deemed Sun 29.06.2025 (social law: stays) -> Tue 29.07.2025.",
    )

    # 39. Helper's outgoing mail quoted in an agency reply, with 'Ihr Zeichen' = agency's Az.
    write_eml(
        "abh_reply_ihr_zeichen",
        simple_mail(
            "Ausländerbehörde Landkreis Freising <auslaenderamt@kreis-fs.de>",
            HELPER,
            "AW: Fiktionsbescheinigung Herr Hassan",
            "Fri, 14 Nov 2025 10:05:00 +0100",
            "Sehr geehrte Frau Weber,\n\nbitte kommen Sie mit Herrn Hassan am Dienstag, 25.11.2025 um "
            "14:00 Uhr zur Abholung der Fiktionsbescheinigung in die Ausländerbehörde, Zimmer 104. "
            "Bitte bringen Sie den Pass mit.\n\n"
            "Mit freundlichen Grüßen\nLandratsamt Freising\nAusländerbehörde\n\n"
            "-----Ursprüngliche Nachricht-----\n"
            "Von: Helferkreis Asyl Giesing <helfer@example.org>\n"
            "Gesendet: Mittwoch, 12. November 2025 17:00\n"
            "An: auslaenderamt@kreis-fs.de\n"
            "Betreff: Fiktionsbescheinigung Herr Hassan\n\n"
            "Ihr Zeichen: 32-1/AB-2025-117\n"
            "Sehr geehrte Damen und Herren, wann kann Herr Hassan die Fiktionsbescheinigung "
            "abholen?\nMit freundlichen Grüßen\nPetra Weber\n",
            msgid="<lra-fs-1114@kreis-fs.de>",
            extra=[("In-Reply-To", "<helfer-1112@example.org>")],
        ),
    )
    labels(
        "abh_reply_ihr_zeichen",
        state="BY",
        agency="auslaenderbehoerde",
        letter_type="einladung_termin",
        ids=[("aktenzeichen", "32-1/AB-2025-117")],
        deadlines=[("2025-11-25", "14:00", "appointment")],
        notes="The agency's Az appears only as 'Ihr Zeichen' in the helper's quoted mail "
        "(found_in quoted); pick-up appointment.",
    )


if __name__ == "__main__":
    build()
