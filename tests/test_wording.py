"""Stored analysis results are worded in the reader's language when shown.

Deadline explanations and problem notes are stored as the canonical sentences
of fixed templates; every sentence the deadline rules can write must match a
template (else it would show in English in every language), and rendering must
follow a change of language, also for rows stored before this layer existed.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest

from helperdesk.analysis.deadlines import periods as P
from helperdesk.analysis.letter_types import LetterType
from helperdesk.analysis.wording import (
    agency_kind_name,
    deadline_kind_name,
    explanation_step,
    id_kind_name,
    legal_terms,
    letter_type_name,
    problem_note,
)
from helperdesk.model import AgencyKind, DeadlineKind, IdKind
from i18n import LANGUAGES, set_language


@pytest.fixture
def lang() -> Iterator[None]:
    yield
    set_language(None)


def all_steps() -> set[str]:
    """Steps of many real computations: every law, several Länder, across holidays."""
    steps: set[str] = set()
    start = dt.date(2024, 12, 16)
    days = [start + dt.timedelta(days=n) for n in range(0, 140, 3)]
    days += [dt.date(2025, 8, 11), dt.date(2025, 1, 27), dt.date(2025, 10, 27)]
    for day, law, state in itertools.product(days, P.LAWS, ("BY", "NW", "SN", None)):
        for comp in (
            P.objection_deadline(day, law=law, state=state),
            P.objection_deadline(day, law=law, state=state, instructed=False),
            P.deadline_after_notification(day, 2, P.Unit.WEEK, law=law, state=state),
            P.deadline_after_date(day, 1, P.Unit.MONTH, law=law, state=state),
            P.period_end(day, 10, P.Unit.DAY, state=state, law=law),
            P.explicit_deadline(day, law=law, state=state),
        ):
            steps.update(comp.steps)
    return steps


def test_every_explanation_step_has_a_template(lang: None) -> None:
    steps = all_steps()
    assert len(steps) > 200
    set_language("de")
    unmatched = [s for s in steps if explanation_step(s) == s]
    assert unmatched == []


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_explanations_follow_the_language(code: str, lang: None) -> None:
    step = P.deemed_notification(dt.date(2025, 4, 14), law="ao", state="NW").steps[-1]
    assert step.startswith("Fri 18.04.2025 is a public holiday (Karfreitag, NW)")
    set_language(code)
    shown = explanation_step(step)
    assert shown != step
    assert "§ 108 Abs. 3 AO" in shown  # citations stay as the law writes them
    assert "Karfreitag" in shown and "Fri " not in shown


def test_german_explanation_reads_german(lang: None) -> None:
    set_language("de")
    comp = P.objection_deadline(dt.date(2025, 3, 28), law="sgb", state="BY")
    shown = [explanation_step(s) for s in comp.steps]
    assert shown[0] == "Schreiben zur Post gegeben/gesendet am Freitag, 28. März 2025."
    assert "Rechtsbehelfsbelehrung vorhanden: 1 Monat nach der Bekanntgabe" in shown[2]
    assert any("Erster Mai" in s and "nächsten Werktag, Freitag, 2. Mai 2025" in s
               for s in shown)
    assert not any(" is " in s or " the " in s for s in shown)


def test_unknown_text_is_shown_as_stored(lang: None) -> None:
    set_language("ar")
    assert explanation_step("Something a newer rule wrote.") == "Something a newer rule wrote."
    assert problem_note("a problem nobody wrote a template for") == \
        "a problem nobody wrote a template for"


def test_problem_notes_render(lang: None) -> None:
    set_language("de")
    assert problem_note("unknown charset 'x-foo'") == "unbekannter Zeichensatz x-foo"
    assert problem_note("mail too large to read (31 MB): stored unread, open or export it "
                        "to see its content").startswith("E-Mail zu groß zum Lesen (31 MB)")


def test_codes_have_names_in_every_language(lang: None) -> None:
    for code in LANGUAGES:
        set_language(code)
        for kind in IdKind:
            assert id_kind_name(kind)
        for lt in LetterType:
            assert "_" not in letter_type_name(lt)
        for ak in AgencyKind:
            assert agency_kind_name(ak)
        for dk in DeadlineKind:
            assert deadline_kind_name(dk)
    set_language("ar")
    assert "BG-Nummer" in id_kind_name(IdKind.BG_NUMMER)  # the word to quote stays German
    set_language("de")
    assert agency_kind_name(AgencyKind.AUSLAENDERBEHOERDE) == "Ausländerbehörde"
    assert letter_type_name("einladung_termin") == "Einladung zu einem Termin"
    assert legal_terms("Widerspruch gegen den Bescheid")[0].startswith("Bescheid:")


def test_due_soon_tooltip_explains_in_the_screen_language(filled: object, lang: None) -> None:
    from PySide6.QtCore import Qt

    from helperdesk.model import Deadline
    from ui.models.deadlines import DueSoonModel

    store = filled.store  # type: ignore[attr-defined]
    sent = dt.date.today() - dt.timedelta(days=3)
    comp = P.objection_deadline(sent, law="sgb", state="BE")
    added = store.deadlines.add(Deadline(  # stored as analysis writes it, before any rendering
        household_id=filled.haddad, date=dt.date.today() + dt.timedelta(days=5),  # type: ignore[attr-defined]
        kind=DeadlineKind.OBJECTION, evidence="Gegen diesen Bescheid ist Widerspruch möglich.",
        explanation=list(comp.steps)))
    set_language("de")
    model = DueSoonModel(store)
    model.reload()
    row = next(r for r in range(model.rowCount()) if model.view_at(r).deadline.id == added.id)
    tip = model.data(model.index(row, DueSoonModel.EVIDENCE), Qt.ItemDataRole.ToolTipRole)
    assert "Schreiben zur Post gegeben/gesendet am" in tip
    assert "Widerspruch: der Einwand gegen einen Bescheid" in tip  # the legal word explained
    assert "Letter posted" not in tip
