"""The app side of issue 14: the case list's actions and the reader's agency offer."""

from __future__ import annotations

from typing import Any

from helperdesk.app.ingest import ingest_mail
from helperdesk.model import CaseStatus
from ui.reader.agency_offer import AgencyOffer
from ui.reader.reader import ReaderWidget

from ui_fixtures import Filled

LETTER = (
    "Ausländerbehörde Leipzig\nTechnisches Rathaus\nPrager Straße 136\n04317 Leipzig\n\n"
    "Sehr geehrter Herr Haddad,\nbitte legen Sie Ihren Pass bis zum 14.04.2025 vor.\n\n"
    "Mit freundlichen Grüßen\nAusländerbehörde Leipzig\n"
)


def test_case_menu_renames_sets_agency_closes_and_reopens(window: Any, filled: Filled) -> None:
    window.select_household(filled.haddad)
    view = window.household
    view.select_case(filled.case)
    actions = view.case_actions
    menu = actions.menu()
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    assert texts == ["&Rename…", "Set &agency…", "&Close case"]
    store = filled.store
    assert actions.rename(filled.case, "Jobcenter Test – Bürgergeld")
    assert store.cases.get(filled.case).title == "Jobcenter Test – Bürgergeld"
    assert view.current_case_id() == filled.case  # still selected after the reload
    assert "Jobcenter Test – Jobcenter Test" not in view.case_title.text()
    assert actions.set_agency(filled.case, None)
    assert store.cases.get(filled.case).agency_id is None
    assert not actions.set_agency(filled.case, "Nirgendwo")  # unknown: refused, nothing changed
    assert actions.close(filled.case)
    assert store.cases.get(filled.case).status is CaseStatus.CLOSED
    reopened = actions.menu()
    assert reopened is not None and reopened.actions()[-1].text() == "Re&open case"
    assert actions.reopen(filled.case)
    assert store.cases.get(filled.case).status is CaseStatus.OPEN
    assert not actions.rename(filled.case, "   ")


def test_reader_offers_an_unknown_agency_and_adds_it_with_one_click(
    qtbot: Any, filled: Filled
) -> None:
    store = filled.store
    raw = (
        "From: auslaenderbehoerde@leipzig.de\r\nTo: f@example.net\r\nSubject: Pass\r\n"
        "Message-ID: <abh1@x>\r\nDate: Mon, 03 Mar 2025 09:00:00 +0100\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + LETTER.replace("\n", "\r\n")
    ).encode()
    mid = ingest_mail(store, raw, household_id=filled.haddad).id
    reader = ReaderWidget(store)
    qtbot.addWidget(reader)
    reader.show()
    reader.show_message(mid)
    offer: AgencyOffer = reader.agency_offer
    assert offer.isVisible() and "Ausländerbehörde Leipzig" in offer.label.text()
    assert "SN" in offer.label.text()  # from the Land of leipzig.de
    with qtbot.waitSignal(offer.agency_added):
        offer.button.click()
    assert not offer.isVisible()
    added = store.agencies.by_name("Ausländerbehörde Leipzig")
    assert added.emails == ["auslaenderbehoerde@leipzig.de"] and added.state == "SN"
    reader.show_message(mid)
    assert not offer.isVisible()  # known now
    reader.show_message(filled.thread[0])
    assert not offer.isVisible()


def test_reader_warns_about_a_subject_id_the_letter_contradicts(
    qtbot: Any, filled: Filled
) -> None:
    store = filled.store
    raw = (
        b"From: helfer@example.org\r\nTo: jc@jobcenter-ge.de\r\n"
        b"Subject: AW: Unterlagen 11111BG1111111\r\nMessage-ID: <r9@x>\r\n"
        b"Date: Mon, 03 Mar 2025 09:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Anbei die Unterlagen.\r\n\r\n> Jobcenter Berlin Mitte\r\n> BG-Nummer: 22222BG2222222\r\n"
    )
    mid = ingest_mail(store, raw, household_id=filled.haddad).id
    reader = ReaderWidget(store)
    qtbot.addWidget(reader)
    reader.show()
    reader.show_message(mid)
    note = reader.id_conflicts
    assert note.isVisible()
    assert "11111BG1111111" in note.text() and "22222BG2222222" in note.text()
    reader.show_message(filled.thread[0])
    assert not note.isVisible()
