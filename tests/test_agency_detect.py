"""Agency recognition from the directory, known domains, letterheads and IDs."""

from __future__ import annotations

import random

import pytest

from helperdesk.analysis import agencies as agency_detect
from helperdesk.analysis import agency_senders
from helperdesk.analysis.agencies import detect_agency, detect_agency_in_mail
from helperdesk.analysis.agency_senders import kind_for_domain, match_directory
from helperdesk.mail.parse import parse_message
from helperdesk.model import Agency, AgencyKind, Found, IdKind, ProcessingId

DIRECTORY = [
    Agency("Jobcenter München", AgencyKind.JOBCENTER, ["jobcenter-ge.de"], "BY", id=1),
    Agency(
        "Jobcenter Giesing (Team 412)",
        AgencyKind.JOBCENTER,
        ["team412.giesing@jobcenter-ge.de"],
        "BY",
        id=2,
    ),
    Agency("KVR Ausländerbehörde", AgencyKind.AUSLAENDERBEHOERDE, ["kvr.muenchen.de"], "BY", id=3),
    Agency("Familienkasse Bayern Süd", AgencyKind.FAMILIENKASSE, [], "BY", id=4),
]


def test_exact_address_beats_domain() -> None:
    agency = match_directory("Team412.Giesing@jobcenter-ge.de", DIRECTORY)
    assert agency is not None and agency.id == 2
    agency = match_directory("someone@jobcenter-ge.de", DIRECTORY)
    assert agency is not None and agency.id == 1


def test_subdomain_matches_its_domain() -> None:
    agency = match_directory("abh@service.kvr.muenchen.de", DIRECTORY)
    assert agency is not None and agency.id == 3
    assert match_directory("x@muenchen.de", DIRECTORY) is None  # parent does not match child
    assert match_directory("x@notjobcenter-ge.de", DIRECTORY) is None


def test_directory_match_result() -> None:
    match = detect_agency(from_addr="team412.giesing@jobcenter-ge.de", directory=DIRECTORY)
    assert match is not None
    assert (match.kind, match.agency_id, match.name) == (
        AgencyKind.JOBCENTER,
        2,
        "Jobcenter Giesing (Team 412)",
    )
    assert "address" in match.reason


@pytest.mark.parametrize(
    ("addr", "kind"),
    [
        ("noreply@jobcenter.digital", AgencyKind.JOBCENTER),
        ("x@drv-bund.de", AgencyKind.RENTENVERSICHERUNG),
        ("x@deutsche-rentenversicherung.de", AgencyKind.RENTENVERSICHERUNG),
        ("noreply@elster.de", AgencyKind.FINANZAMT),
        ("service@by.aok.de", AgencyKind.KRANKENKASSE),
        ("x@tk.de", AgencyKind.KRANKENKASSE),
        ("x@jobcenter-landkreis-muster.de", AgencyKind.JOBCENTER),
        ("x@example.org", None),
        ("x@arbeitsagentur.de", None),  # shared: decided by content
    ],
)
def test_known_domains(addr: str, kind: AgencyKind | None) -> None:
    assert kind_for_domain(addr) == kind


def test_arbeitsagentur_familienkasse_vs_agentur() -> None:
    fk = detect_agency(from_addr="Familienkasse-Bayern-Sued@arbeitsagentur.de", text="Guten Tag")
    assert fk is not None and fk.kind is AgencyKind.FAMILIENKASSE
    aa = detect_agency(
        from_addr="Muenchen@arbeitsagentur.de",
        text="Agentur für Arbeit München\n\nSehr geehrter Herr X,\nbitte kommen Sie.",
    )
    assert aa is not None and aa.kind is AgencyKind.OTHER
    by_content = detect_agency(
        from_addr="service@arbeitsagentur.de",
        text="Familienkasse Bayern Süd\n\nIhr Kindergeld wird festgesetzt.",
    )
    assert by_content is not None and by_content.kind is AgencyKind.FAMILIENKASSE
    assert by_content.name == "Familienkasse Bayern Süd"


def test_city_domain_department_by_content() -> None:
    text = (
        "Landeshauptstadt München\nKreisverwaltungsreferat\nAusländerbehörde\n\n"
        "Ihre Aufenthaltserlaubnis läuft ab."
    )
    match = detect_agency(from_addr="abh@muenchen.de", text=text)
    assert match is not None and match.kind is AgencyKind.AUSLAENDERBEHOERDE
    wohngeld = detect_agency(
        from_addr="wg@muenchen.de", text="Sozialreferat\nWohngeldstelle\n\nBescheid über Wohngeld"
    )
    assert wohngeld is not None and wohngeld.kind is AgencyKind.WOHNGELDSTELLE


@pytest.mark.parametrize(
    ("letterhead", "kind", "name"),
    [
        ("Jobcenter München\nStandort Giesing", AgencyKind.JOBCENTER, "Jobcenter München"),
        ("Familienkasse Bayern Süd\n", AgencyKind.FAMILIENKASSE, "Familienkasse Bayern Süd"),
        ("Finanzamt Neukölln\n", AgencyKind.FINANZAMT, "Finanzamt Neukölln"),
        (
            "Deutsche Rentenversicherung Bund\n",
            AgencyKind.RENTENVERSICHERUNG,
            "Deutsche Rentenversicherung Bund",
        ),
        ("AOK Bayern\nDie Gesundheitskasse", AgencyKind.KRANKENKASSE, "AOK Bayern"),
        ("TK Techniker Krankenkasse\n", AgencyKind.KRANKENKASSE, None),
        ("Wohngeldstelle der Stadt Nürnberg\n", AgencyKind.WOHNGELDSTELLE, None),
        ("Landratsamt Ebersberg\nAmt für Soziale Sicherung\n", AgencyKind.SOZIALAMT, None),
        ("Sozialgericht München\n", AgencyKind.SOZIALGERICHT, "Sozialgericht München"),
        ("Stadt Musterstadt\nBürgerbüro\n", AgencyKind.BUERGERBUERO, None),
    ],
)
def test_letterheads(letterhead: str, kind: AgencyKind, name: str | None) -> None:
    text = letterhead + "\n\nSehr geehrte Frau Muster,\nwir schreiben Ihnen wegen Ihres Antrags.\n"
    match = detect_agency(text=text)
    assert match is not None and match.kind is kind
    if name:
        assert match.name == name


def test_mention_in_passing_is_not_a_sender() -> None:
    text = "Hallo Petra,\nich habe nächste Woche einen Termin beim Jobcenter.\nLiebe Grüße\nAyşe"
    assert detect_agency(from_addr="ayse@example.com", text=text) is None


def test_other_agency_mentioned_in_the_middle_does_not_win() -> None:
    body = "\n".join(["Zeile"] * 15)
    text = (
        f"Jobcenter Augsburg-Stadt\n{body}\nBitte legen Sie den Bescheid der Familienkasse "
        f"vor.\n{body}\nIhr Jobcenter Augsburg-Stadt"
    )
    match = detect_agency(text=text)
    assert match is not None and match.kind is AgencyKind.JOBCENTER


def test_ids_as_evidence() -> None:
    ids = [ProcessingId("515FK123456", IdKind.KINDERGELDNUMMER)]
    match = detect_agency(text="Guten Tag", ids=ids)
    assert match is not None and match.kind is AgencyKind.FAMILIENKASSE
    court = [ProcessingId("S12AS345/24", IdKind.COURT_AZ)]
    match = detect_agency(text="x", ids=court)
    assert match is not None and match.kind is AgencyKind.SOZIALGERICHT
    vg = [ProcessingId("VG9L199/24", IdKind.COURT_AZ)]
    match = detect_agency(text="x", ids=vg)
    assert match is not None and match.kind is AgencyKind.OTHER


def test_forward_uses_the_forwarded_sender() -> None:
    raw = (
        b"From: Nachbar <n@example.com>\nSubject: WG: Bescheid\n\nBitte ansehen\n\n"
        b"-------- Weitergeleitete Nachricht --------\n"
        b"Von: Deutsche Rentenversicherung <x@drv-bund.de>\nBetreff: Bescheid\n\nText\n"
    )
    mail = parse_message(raw)
    match = detect_agency_in_mail(mail)
    assert match is not None and match.kind is AgencyKind.RENTENVERSICHERUNG
    assert "forwarded" in match.reason


def test_directory_name_in_content_gives_the_id() -> None:
    match = detect_agency(text="Familienkasse Bayern Süd\n\nKindergeld", directory=DIRECTORY)
    assert match is not None and match.agency_id == 4


def test_private_sender_without_evidence() -> None:
    assert detect_agency(from_addr="info@shop.example", text="Ihre Bestellung") is None
    assert detect_agency() is None
    pid = ProcessingId("143/999/11111", IdKind.STEUERNUMMER, found_in=Found.BODY)
    assert detect_agency(from_addr="info@maler.example", text="Rechnung", ids=[pid]) is None


def _zones_by_every_line(text: str, weights: tuple[int, int, int]) -> list[tuple[int, int, str]]:
    """The letterhead/text/signature zones as defined: from every non-blank line."""
    head, middle, tail = weights
    starts, pos = [], 0
    for line in text.split("\n"):
        if line[:200].strip():
            starts.append(pos)
        pos += len(line) + 1
    end = len(text) + 1
    if len(starts) <= 24:
        cut = starts[12] if len(starts) > 12 else end
        return [(cut, head, "letterhead"), (end, tail, "signature")]
    return [
        (starts[12], head, "letterhead"),
        (starts[-12], middle, "text"),
        (end, tail, "signature"),
    ]


@pytest.mark.parametrize("seed", range(4))
def test_zones_from_both_ends_equal_every_line(seed: int) -> None:
    # Lines of whitespace only (also beyond Latin-1, or past the first 200
    # characters) are blank; the Latin-1 form only decides where it can.
    rng = random.Random(seed)
    lines = ["", " ", "Jobcenter", "  x", "\t", "\u00a0", "\u2003", "\u2003x", "?", "\x1c", "ä",
             " " * 199 + "z", " " * 200 + "z", "\u00a0" * 250 + "q", "😀", "\r"]
    for _ in range(400):
        text = "\n".join(rng.choice(lines) for _ in range(rng.randint(0, 70)))
        latin1 = text.encode("latin-1", "replace")
        expected = _zones_by_every_line(text, (3, 1, 3))
        assert agency_detect._zones(text, latin1, (3, 1, 3)) == expected


def test_known_domain_lookup_equals_testing_every_entry() -> None:
    # kind_for_domain looks up the domain and its parents instead of testing
    # each known domain in turn; the first matching entry must still win.
    def by_every_entry(addr: str) -> AgencyKind | None:
        domain = agency_senders.domain_of(addr)
        for entry, kind in agency_senders._KNOWN_DOMAINS.items():
            if domain == entry or domain.endswith("." + entry):
                return kind
        for rx, kind in agency_senders._DOMAIN_PATTERNS:
            if rx.search(domain):
                return kind
        return None

    rng = random.Random(1)
    parts = [*agency_senders._KNOWN_DOMAINS, "x", "mail", "de", "bund", "", "jobcenter-x", "fa-1"]
    for _ in range(3000):
        domain = ".".join(rng.choice(parts) for _ in range(rng.randint(1, 4)))
        addr = rng.choice(["", "x@", "Name <a@"]) + domain + rng.choice(["", ">"])
        assert kind_for_domain(addr) == by_every_entry(addr), addr
