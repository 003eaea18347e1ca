"""Load corpus items (``tests/corpus/*.json`` with an .eml or .letter.txt) for tests.

A letter's text is rendered to a real PDF (helperdesk.pdfmake) in a temporary
directory and read back with helperdesk.pdftext, like a scanned letter would be.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helperdesk.mailparse import ParsedMail, letter_as_mail, parse_message
from helperdesk.pdfmake import text_to_pdf
from helperdesk.pdftext import extract_pdf_text

CORPUS = Path(__file__).parent / "corpus"


@dataclass
class Item:
    name: str
    labels: dict[str, Any]
    mail: ParsedMail
    attachment_texts: list[str] = field(default_factory=list)


def item_names() -> list[str]:
    return sorted(p.name[: -len(".json")] for p in CORPUS.glob("*.json"))


def load_item(name: str, tmp_dir: Path) -> Item:
    labels = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    eml = CORPUS / f"{name}.eml"
    letter = CORPUS / f"{name}.letter.txt"
    if eml.exists():
        mail = parse_message(eml.read_bytes())
        texts = []
        for att in mail.attachments:
            if att.mime_type == "application/pdf" or att.filename.lower().endswith(".pdf"):
                texts.append(extract_pdf_text(att.data).text)
        return Item(name, labels, mail, [t for t in texts if t])
    if letter.exists():
        pdf_path = tmp_dir / f"{name}.pdf"
        pdf_path.write_bytes(text_to_pdf(letter.read_text(encoding="utf-8")))
        text = extract_pdf_text(pdf_path.read_bytes()).text
        return Item(name, labels, letter_as_mail(text))
    raise FileNotFoundError(f"corpus item {name} has neither .eml nor .letter.txt")
