"""Analysis results of a fixed, varied input set: proof that a speed-up changed nothing.

Run by hand, before and after optimising a module of the analysis::

    python benchmarks/analysis_snapshot.py --write /tmp/before.json   # on the old code
    python benchmarks/analysis_snapshot.py --compare /tmp/before.json # on the new code

Inputs: every labelled corpus item (mails through ``prepare_mail``, letters as
real PDFs through ``prepare_paper``), the demo households' mails and letters,
generated bulk mails, and each corpus text in re-wrapped, one-paragraph and
upper-case variants run through every stage on its own (IDs, agency, letter
type, deadlines under each procedural law and with decision cues detected
from the text, letter date). ``--compare`` prints each differing key and
exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from helperdesk.analysis.agencies import detect_agency_in_mail
from helperdesk.analysis.deadlines.extract import extract_deadlines, find_letter_date
from helperdesk.analysis.ids.extract import scan_mail
from helperdesk.analysis.letter_types import classify_mail
from helperdesk.intake.prepare import Prepared, prepare_mail, prepare_paper
from helperdesk.mail.parse import letter_as_mail, parse_message
from helperdesk.model import processing_id_to_json
from helperdesk.samples.pdfmake import text_to_pdf
from helperdesk.samples.sample_data import bulk_mails, demo_households

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"


def _prepared_json(p: Prepared) -> dict[str, Any]:
    m = p.message
    return {
        "analysis": p.analysis.to_json(),
        "subject": m.subject, "from": m.from_addr, "text": m.text,
        # Not the Message-ID: the generated samples make theirs from clock and pid.
        "date": m.date.isoformat() if m.date else None, "in_reply_to": bool(m.in_reply_to),
        "attachments": [(a.filename, a.mime_type, a.text, a.needs_ocr) for a in m.attachments],
        "problems": m.problems,
    }


def _texts() -> Iterator[tuple[str, str, str | None]]:
    """(name, text, state) of every corpus item: a mail's new text, a letter's text."""
    for label in sorted(CORPUS.glob("*.json")):
        name = label.name.removesuffix(".json")
        state = json.loads(label.read_text(encoding="utf-8")).get("state")
        eml = CORPUS / f"{name}.eml"
        if eml.exists():
            parsed = parse_message(eml.read_bytes())
            yield name, "\n\n".join(t for t in (parsed.new_text, parsed.forwarded_text) if t), state
        else:
            yield name, (CORPUS / f"{name}.letter.txt").read_text(encoding="utf-8"), state


def _variants(text: str) -> dict[str, str]:
    paragraphs = text.split("\n\n")
    return {
        "as-is": text,
        "wrapped": "\n\n".join(textwrap.fill(p, 50) for p in paragraphs),
        "one-paragraph": " ".join(text.split()),
        "upper": text.upper(),
    }


def _stages(text: str, state: str | None) -> dict[str, Any]:
    mail = letter_as_mail(text, subject=text.split("\n", 1)[0][:80])
    letter_date = find_letter_date(text) or dt.date(2025, 3, 3)
    agency = detect_agency_in_mail(mail)
    out: dict[str, Any] = {
        "ids": [processing_id_to_json(p) for p in scan_mail(mail)],
        "agency": (agency.kind.value, agency.name) if agency else None,
        "letter_type": classify_mail(mail).type.value,
        "letter_date": str(find_letter_date(text)),
    }
    for law in ("sgb", "vwvfg", "ao"):
        found = extract_deadlines(text, letter_date=letter_date, state=state, law=law)
        out[f"deadlines/{law}"] = [d.to_json() for d in found]
    out["deadlines/no-date"] = [d.to_json() for d in extract_deadlines(text, state=state)]
    return out


def snapshot() -> dict[str, Any]:
    result: dict[str, Any] = {}
    for label in sorted(CORPUS.glob("*.json")):
        name = label.name.removesuffix(".json")
        state = json.loads(label.read_text(encoding="utf-8")).get("state")
        eml = CORPUS / f"{name}.eml"
        if eml.exists():
            p = prepare_mail(eml.read_bytes(), state=state)
        else:
            letter = (CORPUS / f"{name}.letter.txt").read_text(encoding="utf-8")
            p = prepare_paper(text_to_pdf(letter), filename=f"{name}.pdf", state=state)
        result[f"corpus/{name}"] = _prepared_json(p)
    for household in demo_households(dt.date(2025, 6, 2)):
        for i, item in enumerate(household.items):
            state = household.household.state
            if item.kind == "mail":
                p = prepare_mail(item.data, state=state)
            else:
                p = prepare_paper(item.data, filename=item.filename, state=state)
            result[f"demo/{household.household.name}/{i}"] = _prepared_json(p)
    for seed in (1, 2):
        for i, raw in enumerate(bulk_mails(120, seed=seed)):
            result[f"bulk/{seed}/{i}"] = _prepared_json(prepare_mail(raw, state="BY"))
    for name, text, state in _texts():
        for variant, changed in _variants(text).items():
            result[f"stages/{name}/{variant}"] = _stages(changed, state)
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--compare", type=Path)
    args = parser.parse_args()
    now = json.loads(json.dumps(snapshot(), default=str))
    if args.write:
        args.write.write_text(json.dumps(now, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{len(now)} results written to {args.write}")
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    differing = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for key in differing[:30]:
        print(f"differs: {key}")
        old, new = before.get(key), now.get(key)
        if isinstance(old, dict) and isinstance(new, dict):
            for sub in sorted(old.keys() | new.keys()):
                if old.get(sub) != new.get(sub):
                    print(f"  {sub}:\n    before {old.get(sub)!r:.400}\n"
                          f"    after  {new.get(sub)!r:.400}")
    print(f"{len(now)} results, {len(differing)} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
