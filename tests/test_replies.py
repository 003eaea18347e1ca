"""The pure reply domain: building replies, forwards, recovery, checks and MIME."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from email.message import EmailMessage

import pytest

from helperdesk.mail.parse import parse_message
from helperdesk.model import IdKind, ProcessingId
from helperdesk.replies.checks import CaseFacts, DraftFacts, check_draft, draft_facts
from helperdesk.replies.compose import Letter, ReplyContext, build_reply, is_noreply
from helperdesk.replies.forwards import forward_reasons, parse_loose_date, recover_original
from helperdesk.replies.mime import Outgoing, OutgoingFile, build_mime
from helperdesk.replies.names import strip_prefixes
from helperdesk.replies.templates import TemplateFacts, render, template_names

import reply_samples as rs

BG_ID = ProcessingId(rs.BG, IdKind.BG_NUMMER, raw=rs.BG, label="BG-Nummer")
KD_ID = ProcessingId("123A456789", IdKind.KUNDENNUMMER, raw="123A456789")


def letter_from(raw: bytes, reply_to: str = "") -> Letter:
    mail = parse_message(raw)
    return Letter(message_id=mail.message_id, subject=mail.subject, from_addr=mail.from_addr,
                  from_name=mail.from_name, reply_to=reply_to,
                  references=tuple(mail.references), date=mail.date, text=mail.text,
                  ids=(ProcessingId(rs.BG, IdKind.BG_NUMMER, raw="83501 BG 0047112"),))


CTX = ReplyContext(agency_name="Jobcenter München", agency_addresses=("jobcenter-ge.de",),
                   case_ids=(KD_ID, BG_ID), person="Anna Schmidt", helper_name="Petra Helfer",
                   from_addr=rs.HELPER, from_name="Petra Helfer")


@pytest.mark.parametrize(("subject", "base"), [
    ("AW: Re: WG: Ihr Antrag", "Ihr Antrag"),
    ("[EXTERN] AW[2]: Fwd: Ihr Antrag", "Ihr Antrag"),
    ("İlt: Пересл: TR: Ihr Antrag", "Ihr Antrag"),
    ("Antwort zum Antrag", "Antwort zum Antrag"),
    ("Re:Re:  Termin  am 3.", "Termin am 3."),
])
def test_strip_prefixes(subject: str, base: str) -> None:
    assert strip_prefixes(subject) == base


def test_reply_threads_quotes_and_carries_the_id_in_the_agency_form() -> None:
    raw = rs.agency_letter(message_id=rs.AGENCY_MSGID)
    letter = letter_from(raw, reply_to=rs.AGENCY_TEAM)
    letter = Letter(**{**letter.__dict__, "references": ("<root@jobcenter-ge.de>",),
                       "subject": "AW: WG: Re: Aufforderung zur Mitwirkung"})
    draft = build_reply(letter, CTX, "Die Unterlagen folgen.")
    assert draft.to == rs.AGENCY_TEAM and draft.recipient_source == "reply-to"
    assert draft.in_reply_to == rs.AGENCY_MSGID
    assert draft.references == ["<root@jobcenter-ge.de>", rs.AGENCY_MSGID]
    # Exactly one AW:, the ID in the form the letter writes it (the letter's own ID first).
    assert draft.subject == "AW: Aufforderung zur Mitwirkung – BG-Nummer 83501 BG 0047112"
    body = draft.body
    assert body.startswith("BG-Nummer: 83501 BG 0047112\nKundennummer: 123A456789\n"
                           "Betroffene Person: Anna Schmidt")
    assert "Sehr geehrte Damen und Herren,\n\nDie Unterlagen folgen." in body
    assert "Mit freundlichen Grüßen\n\nPetra Helfer\n(im Auftrag von Anna Schmidt)" in body
    assert "Am 02.03.2027 schrieb Jobcenter München:\n> Sehr geehrte Frau Schmidt," in body
    assert body.index("Petra Helfer") < body.index("Am 02.03.2027")


def test_subject_that_carries_the_id_gets_no_second_one() -> None:
    letter = letter_from(rs.agency_letter(subject=f"Ihr Antrag, BG {rs.BG[:5]} BG {rs.BG[7:]}"))
    draft = build_reply(letter, CTX)
    assert draft.subject == f"AW: Ihr Antrag, BG {rs.BG[:5]} BG {rs.BG[7:]}"


def test_noreply_sender_is_replaced_by_directory_then_signature_then_asks() -> None:
    letter = letter_from(rs.agency_letter())  # From noreply@, no Reply-To
    assert is_noreply(letter.from_addr)
    with_dir = ReplyContext(agency_addresses=("jobcenter-ge.de", "post@jobcenter-ge.de"))
    assert build_reply(letter, with_dir).to == "post@jobcenter-ge.de"
    only_domain = ReplyContext(agency_addresses=("jobcenter-ge.de",))
    draft = build_reply(letter, only_domain)
    assert (draft.to, draft.recipient_source) == (rs.AGENCY_TEAM, "signature")
    silent = letter_from(rs.agency_letter(text="Bitte melden Sie sich.\n"))
    assert (build_reply(silent, ReplyContext()).to,
            build_reply(silent, ReplyContext()).recipient_source) == ("", "ask")
    # An address of another organisation in the text is never taken.
    other = letter_from(rs.agency_letter(text="Schreiben Sie an info@werbung.example.\n"))
    assert build_reply(other, ReplyContext()).recipient_source == "ask"


@pytest.mark.parametrize("name", template_names())
def test_templates_name_their_dates_or_a_visible_placeholder(name: str) -> None:
    facts = TemplateFacts(letter_date=dt.date(2027, 3, 2), deadline=dt.date(2027, 3, 16),
                          objection_deadline=dt.date(2027, 4, 6),
                          appointment=dt.datetime(2027, 3, 20, 9, 30))
    text = render(name, facts)
    assert text and "[Datum]" not in text
    if name == "fristverlaengerung":
        assert "16.03.2027" in text and "02.03.2027" in text
    if name == "widerspruch":
        assert "Bescheid vom 02.03.2027" in text and "06.04.2027" in text
    if name.startswith("termin"):
        assert "20.03.2027 um 09:30 Uhr" in text
    assert "[Datum]" in render("widerspruch", TemplateFacts())
    with pytest.raises(KeyError):
        render("nope", facts)


@pytest.mark.parametrize("client", sorted(rs.INLINE))
def test_inline_forwards_are_recognised_and_the_original_recovered(client: str) -> None:
    raw = rs.INLINE[client]()
    mail = parse_message(raw)
    facts = draft_facts(raw)
    assert forward_reasons(facts.subject, facts.body,
                           forwarded_message_id=facts.forwarded_message_id), client
    original = recover_original(raw)
    assert original is not None and original.inline
    assert original.subject == "Aufforderung zur Mitwirkung"
    assert original.from_addr.endswith("@jobcenter-ge.de")
    assert original.date is not None and original.date.date() == dt.date(2027, 3, 2)
    assert original.date.hour == 9 and original.date.minute == 12
    assert rs.BG in original.text and "Kannst du" not in original.text
    assert original.forwarded_by == rs.HOUSEHOLD
    # The rebuilt mail reads back as the agency's mail.
    again = parse_message(original.raw)
    assert again.from_addr == original.from_addr and rs.BG in again.text
    if client == "thunderbird":  # Thunderbird carries the original's Message-ID
        assert original.message_id == rs.AGENCY_MSGID == again.message_id
        assert mail.in_reply_to == rs.AGENCY_MSGID  # …and threads it like a reply


@pytest.mark.parametrize("client", ["thunderbird", "outlook", "gmail", "apple"])
def test_attached_forwards_give_back_the_agency_mail_itself(client: str) -> None:
    raw = rs.attached(client)
    facts = draft_facts(raw)
    assert facts.attached_message
    assert "attached" in forward_reasons(facts.subject, facts.body,
                                         attached_message=facts.attached_message)
    original = recover_original(raw)
    assert original is not None and not original.inline
    assert original.message_id == rs.AGENCY_MSGID
    assert original.from_addr == "noreply@jobcenter-ge.de"
    inner = email.message_from_bytes(original.raw, policy=email.policy.default)
    assert inner["Reply-To"] == rs.AGENCY_TEAM


@pytest.mark.parametrize("client", ["outlook", "thunderbird"])
def test_replies_are_not_forwards_even_with_an_outlook_block(client: str) -> None:
    facts = draft_facts(rs.reply_by(client))
    assert forward_reasons(facts.subject, facts.body) == []
    assert recover_original(rs.reply_by(client)) is None


@pytest.mark.parametrize(("text", "day", "hm"), [
    ("Tue, 2 Mar 2027 09:12:00 +0100", dt.date(2027, 3, 2), (9, 12)),
    ("Dienstag, 2. März 2027 09:12", dt.date(2027, 3, 2), (9, 12)),
    ("Tuesday, March 2, 2027 9:12 PM", dt.date(2027, 3, 2), (21, 12)),
    ("2 March 2027 at 09:12:00 CET", dt.date(2027, 3, 2), (9, 12)),
    ("02.03.2027 09:12", dt.date(2027, 3, 2), (9, 12)),
])
def test_loose_dates(text: str, day: dt.date, hm: tuple[int, int]) -> None:
    parsed = parse_loose_date(text)
    assert parsed is not None and parsed.date() == day and (parsed.hour, parsed.minute) == hm
    assert parse_loose_date("irgendwann") is None


def case_facts(**kw: object) -> CaseFacts:
    base: dict[str, object] = dict(
        agency_name="Jobcenter München", agency_addresses=("jobcenter-ge.de",),
        case_ids=(BG_ID,), foreign_ids={"123A456789": "Familienkasse (Haushalt Yilmaz)"},
        agency_letters=frozenset({rs.AGENCY_MSGID}), open_letter=True)
    base.update(kw)
    return CaseFacts(**base)  # type: ignore[arg-type]


def codes(draft: DraftFacts, case: CaseFacts) -> list[str]:
    return [p.code for p in check_draft(draft, case)]


def test_a_good_reply_has_no_problems_and_each_fault_one_code() -> None:
    good = DraftFacts(subject=f"AW: Aufforderung – BG-Nummer {rs.BG}", to=(rs.AGENCY_TEAM,),
                      text="Die Kontoauszüge liegen bei.", in_reply_to=rs.AGENCY_MSGID,
                      attachments=1)
    assert codes(good, case_facts()) == []
    bad = DraftFacts(subject="Kontoauszüge", to=("info@gmx.de",),
                     text="Anbei die Auszüge. Kundennummer 123A456789")
    problems = check_draft(bad, case_facts())
    assert [p.code for p in problems] == ["missing_id", "wrong_id", "not_in_thread",
                                          "wrong_recipient", "attachment_missing"]
    assert all(p.message.endswith(".") and len(p.message) < 200 for p in problems)
    assert "83501BG0047112" in problems[0].message
    assert "Familienkasse" in problems[1].message
    # Nothing waits for an answer, no directory addresses: those checks stay quiet.
    assert codes(bad, case_facts(open_letter=False, agency_addresses=())) == [
        "missing_id", "wrong_id", "attachment_missing"]


def test_ids_in_the_quoted_letter_do_not_count() -> None:
    draft = DraftFacts(subject="AW: Aufforderung", to=(rs.AGENCY_TEAM,),
                       text=f"Hier die Antwort.\n> BG-Nummer {rs.BG}",
                       in_reply_to=rs.AGENCY_MSGID)
    assert codes(draft, case_facts()) == ["missing_id"]


@pytest.mark.parametrize("client", sorted(rs.INLINE))
def test_check_flags_every_client_forward(client: str) -> None:
    facts = draft_facts(rs.INLINE[client]())
    assert "forwarded" in codes(facts, case_facts())


def test_check_of_a_real_reply_file() -> None:
    assert codes(draft_facts(rs.reply_by("thunderbird")), case_facts()) == []


def test_mime_is_utf8_with_rfc2231_names_and_thread_headers() -> None:
    out = Outgoing(from_addr=rs.HELPER, from_name="Petra Hëlfer", to=[rs.AGENCY_TEAM],
                   subject="AW: Aufforderung – BG-Nummer 83501BG0047112",
                   body="Grüße, Straße\n> zitiert\n", in_reply_to=rs.AGENCY_MSGID,
                   references=["<a@x>", rs.AGENCY_MSGID],
                   attachments=[OutgoingFile("Kontoauszüge März ÄÖÜ.pdf", "application/pdf",
                                             b"%PDF-1.4 test")])
    date = dt.datetime(2027, 3, 4, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    raw = build_mime(out, message_id="<new.1@posteo.de>", date=date)
    assert b"\r\n" in raw and all(b < 128 for b in raw)  # 7-bit safe on the wire
    assert b"filename*=utf-8''Kontoausz%C3%BCge" in raw
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    assert msg["Message-ID"] == "<new.1@posteo.de>"
    assert msg["In-Reply-To"] == rs.AGENCY_MSGID
    assert msg["References"] == f"<a@x> {rs.AGENCY_MSGID}"
    assert str(msg["Subject"]) == out.subject
    assert msg["Date"].datetime == date
    body = msg.get_body(("plain",))
    assert body is not None and body.get_content().replace("\r\n", "\n") == out.body
    att = next(iter(msg.iter_attachments()))
    assert att.get_filename() == "Kontoauszüge März ÄÖÜ.pdf"
    assert att.get_content() == b"%PDF-1.4 test"
