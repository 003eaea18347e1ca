"""The reply in the app: Reply button, compose window with live checks, Needs attention."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helperdesk.app.ingest import ingest_mail
from helperdesk.model import Agency, AgencyKind, Case, Household, IdKind, Member, ProcessingId
from storage.accounts import Account
from storage.store import Store
from ui.dialogs.compose.compose_dialog import ComposeDialog
from ui.models.attention import AttentionModel
from ui.reader.reader import ReaderWidget
from ui.views.attention import AttentionView
from ui.workers.tasks import TaskRunner

import reply_samples as rs
from dovecot_server import free_port


@pytest.fixture
def letter(store: Store) -> int:
    hh = store.households.add(Household(name="Schmidt", members=[Member("Anna Schmidt")]))
    agency = store.agencies.add(Agency(name="Jobcenter München", kind=AgencyKind.JOBCENTER,
                                       emails=["jobcenter-ge.de"]))
    assert hh.id is not None
    store.cases.add(Case(household_id=hh.id, agency_id=agency.id, title="Bürgergeld",
                         processing_ids=[ProcessingId(rs.BG, IdKind.BG_NUMMER)]))
    # Nothing listens on this port: sending fails and the mail stays in the outbox.
    store.accounts.add(Account(name="helfer", host="127.0.0.1", port=free_port(),
                               security="none", username=rs.HELPER, household_id=hh.id,
                               smtp_host="127.0.0.1", smtp_port=free_port(),
                               smtp_security="none"))
    account = store.accounts.by_name("helfer")
    assert account.id is not None
    store.accounts.set_stored_password(account.id, "x")
    return ingest_mail(store, rs.agency_letter(reply_to=rs.AGENCY_TEAM), household_id=hh.id).id


def test_reader_offers_reply_on_incoming_letters(qtbot: Any, store: Store, letter: int) -> None:
    reader = ReaderWidget(store)
    qtbot.addWidget(reader)
    reader.show()
    reader.show_message(letter)
    assert reader.reply_button.isVisible()
    with qtbot.waitSignal(reader.reply_requested) as blocker:
        reader.reply_button.click()
    assert blocker.args == [letter]


def compose(qtbot: Any, store: Store, letter: int) -> ComposeDialog:
    dialog = ComposeDialog.for_message(store, letter, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    return dialog


def test_compose_checks_live_and_asks_before_sending_with_problems(
        qtbot: Any, store: Store, letter: int, tmp_path: Path) -> None:
    dialog = compose(qtbot, store, letter)
    assert dialog.to_edit.text() == rs.AGENCY_TEAM
    assert rs.BG in dialog.subject_edit.text()
    assert dialog.body.toPlainText().startswith(f"BG-Nummer: {rs.BG}")
    assert dialog.problems == []
    # The helper removes the ID and writes "anbei" without a file.
    dialog.subject_edit.setText("AW: Aufforderung zur Mitwirkung")
    dialog.body.setPlainText("Sehr geehrte Damen und Herren,\n\nanbei die Auszüge.")
    assert dialog.problems == []  # checked a moment later, not on every key
    qtbot.waitUntil(lambda: len(dialog.problems) == 2, timeout=2000)
    assert [p.code for p in dialog.problems] == ["missing_id", "attachment_missing"]
    assert dialog.problem_list.count() == 2
    asked: list[int] = []
    dialog.confirm = lambda problems: asked.append(len(problems)) or False  # type: ignore[method-assign]
    dialog.send()
    assert asked == [2] and store.outbox.list_all() == []  # nothing kept, nothing sent
    pdf = tmp_path / "auszug.pdf"
    pdf.write_bytes(b"%PDF-1.4 Auszug")
    dialog.add_files([pdf])
    assert [p.code for p in dialog.problems] == ["missing_id"]
    dialog.confirm = lambda problems: True  # type: ignore[method-assign]
    dialog.send()  # the server is unreachable: kept in the outbox with the reason
    entries = store.outbox.list_all()
    assert [e.status for e in entries] == ["failed"] and entries[0].error
    assert "Not sent" in dialog.status.text()
    assert not dialog.send_button.isEnabled()


def test_compose_template_and_draft(qtbot: Any, store: Store, letter: int) -> None:
    dialog = compose(qtbot, store, letter)
    index = dialog.template.findData("fristverlaengerung")
    dialog.template.setCurrentIndex(index)
    dialog.template.activated.emit(index)
    assert "Frist bis zum 16.03.2027" in dialog.body.toPlainText()
    dialog.keep_draft()
    entries = store.outbox.list_all()
    assert [e.status for e in entries] == ["draft"]
    assert b"Fristverl" in entries[0].raw or b"Fristverl=C3=A4ngerung" in entries[0].raw


def test_needs_attention_lists_forwards_with_reply(qtbot: Any, store: Store, letter: int,
                                                   qtmodeltester: Any) -> None:
    hid = store.messages.get(letter).household_id
    ingest_mail(store, rs.outlook_inline(), household_id=hid)
    view = AttentionView(store, TaskRunner(synchronous=True))
    qtbot.addWidget(view)
    view.reload()
    assert view.count() == 1
    qtmodeltester.check(view.model)
    item = view.model.item_at(0)
    assert item.problems[0].code == "forwarded"
    assert "Jobcenter München" in view.model.index(0, AttentionModel.PROBLEM).data()
    assert view.reply_button.isEnabled()
    with qtbot.waitSignal(view.reply_requested) as blocker:
        view.reply_button.click()
    assert blocker.args == [item.message]
    dialog = compose(qtbot, store, item.message)  # replying on the forward: to the agency
    assert dialog.to_edit.text().endswith("@jobcenter-ge.de")


def test_main_window_reply_and_attention(window: Any, qtbot: Any) -> None:
    from ui.main_window import NAV_ATTENTION

    window.nav.setCurrentRow(NAV_ATTENTION)
    assert window.pages.currentWidget() is window.attention
    thread = window.store.messages.find()
    window.reply_to(thread[-1].id)  # no account, no address the letter came to
    assert window.compose is None and "No reply possible" in window.errors.text.text()
    window.store.accounts.add(Account(name="helfer", host="127.0.0.1", port=143,
                                      security="none", username=rs.HELPER))
    window.reply_to(thread[-1].id)
    assert window.compose is not None and window.compose.isVisible()
    window.lock()
    assert not window.compose.isVisible()


def test_household_view_shows_waits_and_replies_from_the_thread(
        qtbot: Any, store: Store, letter: int) -> None:
    from helperdesk.app.case_waits import link
    from ui.views.household import HouseholdView

    hid = store.messages.get(letter).household_id
    assert hid is not None
    abh = store.agencies.add(Agency(name="Ausländerbehörde", kind=AgencyKind.AUSLAENDERBEHOERDE))
    waiting = store.cases.add(Case(household_id=hid, agency_id=abh.id, title="Aufenthalt"))
    jobcenter_case = store.messages.get(letter).case_id
    assert waiting.id is not None and jobcenter_case is not None
    link(store, waiting.id, jobcenter_case, "Bescheinigung")
    view = HouseholdView(store)
    qtbot.addWidget(view)
    view.show()
    view.show_household(hid, "Schmidt")
    view.select_case(jobcenter_case)
    assert view.waits_label.text() == "Ausländerbehörde waits for: Bescheinigung"
    view.select_case(waiting.id)
    assert view.waits_label.text() == "waits for: Bescheinigung from Jobcenter München"
    view.select_case(jobcenter_case)
    assert view.select_message(letter)
    with qtbot.waitSignal(view.reader.reply_requested) as blocker:
        view.reply_to_current()
    assert blocker.args == [letter]


def test_needs_attention_offers_to_send_the_outbox_again(
        qtbot: Any, store: Store, letter: int) -> None:
    from helperdesk.app import outbox
    from helperdesk.app.replies import make_reply

    outbox.keep(store, make_reply(store, letter, text="Hallo"))
    view = AttentionView(store, TaskRunner(synchronous=True))
    qtbot.addWidget(view)
    view.show()
    view.reload()
    assert view.outbox_label.text() == "1 mails wait in the outbox."
    assert view.retry_button.isVisible()
    view.retry_outbox()  # nothing listens on the account's SMTP port: still waiting
    (entry,) = store.outbox.list_all()
    assert entry.status == "failed" and entry.attempts == 1
    assert view.outbox_label.text().startswith("1 mails wait in the outbox.")
    assert entry.error in view.outbox_label.text()
    store.outbox.update(entry.id or 0, status="uncertain")
    view.reload()
    assert not view.retry_button.isVisible()
    assert "may have gone out already" in view.outbox_label.text()
