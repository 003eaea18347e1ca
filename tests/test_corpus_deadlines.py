"""Deadline precision and recall over the labelled corpus (tests/corpus/*.json).

Letters (``*.letter.txt``) are rendered to a real PDF and read back, as a paper
letter scanned with OCR would be; mails (``*.eml``) go through the mail parser.
A suggestion matches a label on date and kind, and on time for appointments.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from helperdesk import mailparse
from helperdesk.agency_kinds import KINDS
from helperdesk.deadlines import extract_deadlines, find_letter_date
from helperdesk.model import AgencyKind, DeadlineKind, DeadlineSuggestion
from helperdesk.pdfmake import text_to_pdf
from helperdesk.pdftext import extract_pdf_text

CORPUS = Path(__file__).parent / "corpus"
LABELS = sorted(CORPUS.glob("*.json"))
THRESHOLD = 0.95


# --------------------------------------------------------------------------------------
# LOCAL ADAPTER – swap for ParsedMail.new_text / ParsedMail.quoted_text once the robust
# mail parser (issue 3, other worktree) is merged. It only separates reply history from
# a mail's own text; forwarded content stays in the new text on purpose.
_REPLY_START = re.compile(
    r"^\s*(?:-{2,}\s*(?:Ursprüngliche Nachricht|Original Message)\s*-{2,}|"
    r"(?:Am|On)\b.{4,160}\b(?:schrieb|wrote)\b.{0,80}:?)\s*$",
    re.IGNORECASE,
)


def split_new_and_quoted(text: str) -> tuple[str, str]:
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if _REPLY_START.match(line):
            return "\n".join(lines[:i]), "\n".join(lines[i:])
    new = [line for line in lines if not line.lstrip().startswith(">")]
    quoted = [line for line in lines if line.lstrip().startswith(">")]
    return "\n".join(new), "\n".join(quoted)


# --------------------------------------------------------------------------------------


@dataclass
class Item:
    name: str
    label: dict[str, object]
    text: str
    quoted: str
    letter_date: dt.date | None


def load_item(path: Path, tmp_path: Path) -> Item:
    name = path.name.removesuffix(".json")
    label = json.loads(path.read_text(encoding="utf-8"))
    letter = CORPUS / f"{name}.letter.txt"
    if letter.exists():
        pdf_file = tmp_path / f"{name}.pdf"
        pdf_file.write_bytes(text_to_pdf(letter.read_text(encoding="utf-8")))
        text = extract_pdf_text(pdf_file.read_bytes()).text
        return Item(name, label, text, "", find_letter_date(text))
    parsed = mailparse.parse_message((CORPUS / f"{name}.eml").read_bytes())
    new, quoted = split_new_and_quoted(parsed.text)
    date = parsed.date.date() if parsed.date else None
    return Item(name, label, new, quoted, date)


def law_for(label: dict[str, object]) -> str:
    agency = label.get("agency")
    if isinstance(agency, str):
        try:
            return KINDS[AgencyKind(agency)].law
        except ValueError:
            pass
    return "sgb"


def run(item: Item) -> list[DeadlineSuggestion]:
    state = item.label.get("state")
    return extract_deadlines(
        item.text,
        quoted_text=item.quoted,
        letter_date=item.letter_date,
        state=state if isinstance(state, str) else None,
        law=law_for(item.label),
    )


Key = tuple[str, str, str | None]


def key_of(s: DeadlineSuggestion) -> Key:
    time = s.time.strftime("%H:%M") if s.kind is DeadlineKind.APPOINTMENT and s.time else None
    return (s.date.isoformat(), s.kind.value, time)


def label_keys(label: dict[str, object]) -> set[Key]:
    result: set[Key] = set()
    deadlines = label.get("deadlines")
    assert isinstance(deadlines, list)
    for d in deadlines:
        time = d["time"] if d["kind"] == "appointment" else None
        result.add((d["date"], d["kind"], time))
    return result


def test_corpus_is_large_enough() -> None:
    assert len([p for p in LABELS if p.name.startswith("b_")]) >= 30


def test_label_files_have_the_agreed_shape() -> None:
    for path in LABELS:
        label = json.loads(path.read_text(encoding="utf-8"))
        assert set(label) == {
            "state",
            "agency",
            "letter_type",
            "processing_ids",
            "deadlines",
            "notes",
        }, path.name
        name = path.name.removesuffix(".json")
        assert (CORPUS / f"{name}.eml").exists() or (CORPUS / f"{name}.letter.txt").exists()


def test_letters_have_a_findable_date(tmp_path: Path) -> None:
    for path in LABELS:
        if (CORPUS / f"{path.name.removesuffix('.json')}.letter.txt").exists():
            assert load_item(path, tmp_path).letter_date is not None, path.name


def test_deadline_precision_and_recall(tmp_path: Path) -> None:
    assert LABELS, "no corpus"
    true_pos = false_pos = false_neg = 0
    report: list[str] = []
    for path in LABELS:
        item = load_item(path, tmp_path)
        found = {key_of(s) for s in run(item)}
        expected = label_keys(item.label)
        true_pos += len(found & expected)
        false_pos += len(found - expected)
        false_neg += len(expected - found)
        if found != expected:
            report.append(
                f"{item.name}: extra {sorted(found - expected)} missing {sorted(expected - found)}"
            )
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    summary = f"deadline precision {precision:.3f}, recall {recall:.3f} over {len(LABELS)} items"
    print(summary)
    print("\n".join(report))
    assert precision >= THRESHOLD, summary + "\n" + "\n".join(report)
    assert recall >= THRESHOLD, summary + "\n" + "\n".join(report)


@pytest.mark.parametrize("path", LABELS, ids=lambda p: p.name.removesuffix(".json"))
def test_suggestions_are_well_formed(path: Path, tmp_path: Path) -> None:
    item = load_item(path, tmp_path)
    for s in run(item):
        assert s.evidence.strip()
        assert len(s.evidence) <= 260
        if s.basis.value == "computed":
            assert s.explanation
        if s.kind is DeadlineKind.APPOINTMENT:
            assert s.explanation == ()
