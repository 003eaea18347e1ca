"""The case's conversation as threads: placement rule, tree model, lazy pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from helperdesk.model import Direction, Household, Source
from storage.messages import MessageSummary, ThreadRow
from storage.store import Store
from ui.models.conversation import ConversationModel
from ui.widgets.thread_tree import place

from ui_fixtures import make_message

T0 = dt.datetime(2025, 1, 1, 9, tzinfo=dt.UTC)


def row(i: int, subject: str = "Brief", *, msgid: str | None = None,
        irt: str | None = None, refs: tuple[str, ...] = ()) -> ThreadRow:
    return ThreadRow(MessageSummary(
        id=i, message_id=msgid or f"<{i}@x>", subject=subject, date=T0 + dt.timedelta(hours=i),
        from_addr="a@b", direction=Direction.IN, source=Source.FILE, household_id=1,
        household="H", case_id=1, case="C"), irt, refs)


def test_place_by_headers_and_subject() -> None:
    batch = [row(1, "Antrag"), row(2, "AW: Antrag", irt="<1@x>"),
             row(3, "AW: AW: Antrag", refs=("<1@x>", "<2@x>")),
             row(4, "WG: Antrag", refs=("<missing@x>", "<1@x>")),  # closest shown one
             row(5, "AW: Bescheid"), row(6, "Bescheid"),  # the "reply" is the older one
             row(7, "AW: Antrag")]  # no headers: joined by subject
    parents = place(batch, {})
    assert parents[1] is None and parents[2] == 1 and parents[3] == 2 and parents[4] == 1
    assert parents[7] == 1
    assert parents[5] is None  # "AW: Bescheid" came before "Bescheid": stays a root
    assert parents[6] is None
    # Already shown mails are parents too.
    assert place([row(9, "AW: Antrag", irt="<1@x>")], {"<1@x>": 1}) == {9: 1}
    assert place([row(8, "Selbst", irt="<8@x>")], {}) == {8: None}


def _add_case(store: Store) -> tuple[int, int]:
    from helperdesk.model import Case

    home = store.households.add(Household(name="Familie Test"))
    assert home.id
    case = store.cases.add(Case(household_id=home.id, agency_id=None, title="Fall"))
    assert case.id
    return home.id, case.id


def _store_mail(store: Store, hid: int, cid: int, i: int, subject: str, *,
                irt: str | None = None, refs: tuple[str, ...] = (),
                out: bool = False) -> int:
    msg = make_message(subject, household_id=hid, case_id=cid, message_id=f"<{i}@t>",
                       in_reply_to=irt, body=f"Brief {i}", when=T0 + dt.timedelta(hours=i))
    msg = dataclasses.replace(msg, references=list(refs),
                              direction=Direction.OUT if out else Direction.IN)
    return store.messages.add(msg).id


def _model(store: Store, cid: int, page: int) -> ConversationModel:
    model = ConversationModel(page_size=page)
    model.set_query(
        lambda limit, offset: store.messages.thread_rows(case_id=cid, limit=limit,
                                                         offset=offset),
        lambda ids: store.messages.thread_rows(case_id=cid, message_ids=ids),
        store.messages.count(case_id=cid))
    return model


def test_model_threads_and_passes_modeltester(qtmodeltester: Any, store: Store) -> None:
    hid, cid = _add_case(store)
    root = _store_mail(store, hid, cid, 1, "Antrag auf Wohngeld")
    reply = _store_mail(store, hid, cid, 2, "AW: Antrag auf Wohngeld", irt="<1@t>", out=True)
    deeper = _store_mail(store, hid, cid, 3, "AW: AW: Antrag auf Wohngeld", irt="<2@t>",
                         refs=("<1@t>", "<2@t>"))
    other = _store_mail(store, hid, cid, 4, "Bescheid")
    model = _model(store, cid, 200)
    qtmodeltester.check(model)
    tops = [model.summary(model.index(r, 0)).id for r in range(model.rowCount())]
    assert tops == [other, root]  # threads by their newest mail; "Antrag" ends at hour 3
    first = model.index(1, 0)
    child = model.index(0, 0, first)
    assert model.summary(child).id == reply
    assert model.summary(model.index(0, 0, child)).id == deeper
    assert model.parent(child) == first
    assert model.data(model.index(0, ConversationModel.FROM, first)) == "→ sent by you"
    assert model.headerData(ConversationModel.SUBJECT, Qt.Orientation.Horizontal) == "Subject"
    model.clear()
    assert model.rowCount() == 0


def test_lazy_pages_pull_the_letters_replies_answer(qtmodeltester: Any, store: Store) -> None:
    hid, cid = _add_case(store)
    # An old letter, 120 unrelated mails, then a reply to the old letter (newest of all).
    old = _store_mail(store, hid, cid, 0, "Einladung zum Termin")
    for i in range(1, 121):
        _store_mail(store, hid, cid, i, f"Mitteilung {i}")
    reply = _store_mail(store, hid, cid, 121, "AW: Einladung zum Termin", irt="<0@t>")
    late_sibling = _store_mail(store, hid, cid, 122, "WG: Einladung zum Termin", irt="<0@t>")
    model = _model(store, cid, 20)
    # The first page (20 newest) came with the old letter the replies answer.
    assert model.loaded() == 21
    first = model.index(0, 0)
    assert model.summary(first).id == old
    assert [model.summary(model.index(r, 0, first)).id for r in range(2)] == \
        [reply, late_sibling]
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    inserted: list[tuple[bool, int]] = []
    model.rowsInserted.connect(lambda parent, a, _b: inserted.append((parent.isValid(), a)))
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.loaded() == 41 and not resets
    assert inserted and all(not is_child for is_child, _ in inserted)
    # Asking for the oldest mail fetches pages until it is there; nothing is listed twice.
    target = old + 1  # "Mitteilung 1", on the last page
    index = model.index_of(target)
    assert index.isValid() and model.summary(index).id == target
    assert model.loaded() == 123 and not model.canFetchMore(QModelIndex())
    assert model.rowCount() == 121  # 120 single mails + one thread
    qtmodeltester.check(model)


def test_a_later_page_adds_children_under_shown_mails(store: Store) -> None:
    hid, cid = _add_case(store)
    root = _store_mail(store, hid, cid, 0, "Anhörung")
    for i in range(1, 30):
        _store_mail(store, hid, cid, i, f"Post {i}")
    _store_mail(store, hid, cid, 30, "AW: Anhörung", irt="<0@t>")  # pulls the root in
    # An early reply to the root lies beyond the first page.
    early_reply = store.messages.add(
        make_message("AW: Anhörung", household_id=hid, case_id=cid, message_id="<e@t>",
                     in_reply_to="<0@t>", body="früh", when=T0 + dt.timedelta(minutes=30)),
    ).id
    model = _model(store, cid, 10)
    first = model.index(0, 0)
    assert model.summary(first).id == root and model.rowCount(first) == 1
    added: list[tuple[int, int]] = []
    model.rowsInserted.connect(
        lambda parent, a, _b: added.append((model.summary(parent).id, a)) if parent.isValid()
        else None)
    model.index_of(early_reply)
    assert added == [(root, 0)]  # inserted before the later reply, under the root
    assert model.summary(model.index(0, 0, model.index(0, 0))).id == early_reply
