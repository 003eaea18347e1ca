"""Agency letters and the forwards households make of them, as the clients write them.

The forward layouts follow what each client documents or writes by default:

* Thunderbird: inline under "-------- Weitergeleitete Nachricht --------" with a
  Betreff/Datum/Von/Antwort an/An table (tab-separated), ``X-Forwarded-Message-Id``
  and, like on replies, ``In-Reply-To``/``References``; as attachment a
  ``message/rfc822`` part named after the subject;
* Outlook: "Von:/Gesendet:/An:/Betreff:" block (no marker line, no In-Reply-To),
  classic Outlook with "-----Ursprüngliche Nachricht-----" and "[mailto:…]";
  as attachment a ``message/rfc822`` item;
* Gmail: "---------- Forwarded message ---------" with From/Date/Subject/To
  (German UI: "Von:" and a German date), ``Fwd:`` subject;
* Apple Mail: "Anfang der weitergeleiteten Nachricht:" / "Begin forwarded
  message:" then Von/Betreff/Datum/An with a blank line before the text.
"""

from __future__ import annotations

import email.policy
import email.utils
from email.message import EmailMessage

AGENCY_FROM = "Jobcenter München <noreply@jobcenter-ge.de>"
AGENCY_TEAM = "jobcenter-muenchen.team@jobcenter-ge.de"
AGENCY_MSGID = "<20270302091200.4711@jobcenter-ge.de>"
BG = "83501BG0047112"
HOUSEHOLD = "anna.schmidt@gmx.de"
HELPER = "helfer@posteo.de"

LETTER_TEXT = f"""Sehr geehrte Frau Schmidt,

bitte reichen Sie die Kontoauszüge der letzten drei Monate bis zum 16.03.2027 ein.

BG-Nummer: {BG}

Bei Rückfragen erreichen Sie uns unter {AGENCY_TEAM}.

Mit freundlichen Grüßen
Ihr Jobcenter München
"""


def _msg(**headers: str) -> EmailMessage:
    msg = EmailMessage(policy=email.policy.SMTP)
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    return msg


def agency_letter(*, reply_to: str | None = None, from_: str = AGENCY_FROM,
                  text: str = LETTER_TEXT, message_id: str = AGENCY_MSGID,
                  subject: str = "Aufforderung zur Mitwirkung", to: str = HOUSEHOLD) -> bytes:
    msg = _msg(From=from_, To=to, Subject=subject,
               Date="Tue, 02 Mar 2027 09:12:00 +0100", Message_ID=message_id)
    if reply_to:
        msg["Reply-To"] = reply_to
    msg.set_content(text, charset="utf-8")
    return msg.as_bytes()


def _forward(subject: str, body: str, **extra: str) -> bytes:
    msg = _msg(From=f"Anna Schmidt <{HOUSEHOLD}>", To=HELPER, Subject=subject,
               Date="Wed, 03 Mar 2027 18:00:00 +0100",
               Message_ID="<fwd.0303@gmx.de>", **extra)
    msg.set_content(body, charset="utf-8")
    return msg.as_bytes()


def thunderbird_inline() -> bytes:
    body = (
        "Kannst du das bitte beantworten?\n\n"
        "-------- Weitergeleitete Nachricht --------\n"
        "Betreff: \tAufforderung zur Mitwirkung\n"
        "Datum: \tTue, 2 Mar 2027 09:12:00 +0100\n"
        f"Von: \t{AGENCY_FROM}\n"
        f"Antwort an: \t{AGENCY_TEAM}\n"
        f"An: \t{HOUSEHOLD}\n\n" + LETTER_TEXT
    )
    return _forward("WG: Aufforderung zur Mitwirkung", body, In_Reply_To=AGENCY_MSGID,
                    References=AGENCY_MSGID, X_Forwarded_Message_Id=AGENCY_MSGID)


def outlook_inline() -> bytes:
    body = (
        "Hallo, siehe unten.\n\n"
        "Von: Jobcenter München <jobcenter-muenchen.team@jobcenter-ge.de>\n"
        "Gesendet: Dienstag, 2. März 2027 09:12\n"
        f"An: Anna Schmidt <{HOUSEHOLD}>\n"
        "Betreff: Aufforderung zur Mitwirkung\n\n" + LETTER_TEXT
    )
    return _forward("WG: Aufforderung zur Mitwirkung", body, Thread_Index="AdcPq1234567890==")


def outlook_classic_inline() -> bytes:
    body = (
        "Zur Info\n\n"
        "-----Ursprüngliche Nachricht-----\n"
        "Von: Jobcenter München [mailto:jobcenter-muenchen.team@jobcenter-ge.de]\n"
        "Gesendet: Dienstag, 2. März 2027 09:12\n"
        f"An: {HOUSEHOLD}\n"
        "Betreff: Aufforderung zur Mitwirkung\n\n" + LETTER_TEXT
    )
    return _forward("Aufforderung zur Mitwirkung", body)


def gmail_inline() -> bytes:
    body = (
        "Siehe unten\n\n"
        "---------- Forwarded message ---------\n"
        f"Von: {AGENCY_FROM}\n"
        "Date: Di., 2. März 2027 um 09:12 Uhr\n"
        "Subject: Aufforderung zur Mitwirkung\n"
        f"To: <{HOUSEHOLD}>\n\n\n" + LETTER_TEXT
    )
    return _forward("Fwd: Aufforderung zur Mitwirkung", body)


def apple_inline() -> bytes:
    body = (
        "Anfang der weitergeleiteten Nachricht:\n\n"
        f"Von: {AGENCY_FROM}\n"
        "Betreff: Aufforderung zur Mitwirkung\n"
        "Datum: 2. März 2027 um 09:12:00 MEZ\n"
        f"An: {HOUSEHOLD}\n\n" + LETTER_TEXT
    )
    return _forward("WG: Aufforderung zur Mitwirkung", body)


def attached(client: str, *, reply_to: str | None = AGENCY_TEAM) -> bytes:
    """A forward as attachment: the agency's mail as a ``message/rfc822`` part."""
    inner = email.message_from_bytes(agency_letter(reply_to=reply_to), policy=email.policy.SMTP)
    subject = {"thunderbird": "Fwd: Aufforderung zur Mitwirkung",
               "gmail": "Fwd: Aufforderung zur Mitwirkung",
               "outlook": "WG: Aufforderung zur Mitwirkung",
               "apple": "WG: Aufforderung zur Mitwirkung"}[client]
    extra = {"X_Forwarded_Message_Id": AGENCY_MSGID} if client == "thunderbird" else {}
    msg = _msg(From=f"Anna Schmidt <{HOUSEHOLD}>", To=HELPER, Subject=subject,
               Date="Wed, 03 Mar 2027 18:00:00 +0100", Message_ID=f"<att.{client}@gmx.de>",
               **extra)
    msg.set_content("Bitte beantworten.\n", charset="utf-8")
    msg.add_attachment(inner, filename="Aufforderung zur Mitwirkung.eml")
    return msg.as_bytes()


INLINE = {"thunderbird": thunderbird_inline, "outlook": outlook_inline,
          "outlook_classic": outlook_classic_inline, "gmail": gmail_inline,
          "apple": apple_inline}


def reply_by(client: str) -> bytes:
    """A real reply (not a forward): Outlook quotes the letter with a Von/Gesendet block."""
    quoted = (
        "Von: Jobcenter München <jobcenter-muenchen.team@jobcenter-ge.de>\n"
        "Gesendet: Dienstag, 2. März 2027 09:12\nBetreff: Aufforderung zur Mitwirkung\n\n"
        if client == "outlook" else
        "Am 02.03.2027 um 09:12 schrieb Jobcenter München:\n> "
    ) + LETTER_TEXT.replace("\n", "\n> " if client != "outlook" else "\n")
    msg = _msg(From=f"Helfer <{HELPER}>", To=AGENCY_TEAM,
               Subject=f"AW: Aufforderung zur Mitwirkung – BG-Nummer {BG}",
               Date=email.utils.format_datetime(email.utils.parsedate_to_datetime(
                   "Thu, 04 Mar 2027 10:00:00 +0100")),
               Message_ID="<reply.1@posteo.de>", In_Reply_To=AGENCY_MSGID,
               References=AGENCY_MSGID)
    msg.set_content(f"BG-Nummer: {BG}\n\nSehr geehrte Damen und Herren,\n\nhier die Antwort."
                    f"\n\nMit freundlichen Grüßen\n\n{quoted}", charset="utf-8")
    return msg.as_bytes()
