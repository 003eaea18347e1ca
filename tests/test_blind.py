"""The BLIND evaluation set (issue 14) through the production path.

``tests/corpus/blind/b2_*`` items were labelled from ``tests/corpus/blind/GUIDE.md``
and German administrative law, without reading the analyser or its rules. Every
item is analysed exactly as ``tests/test_corpus.py`` analyses the main corpus
(mails through ``prepare_mail``, letters rendered to a real PDF and imported as
paper through ``prepare_paper``).

The scores are REPORTED, not asserted: this set measures rules that were written
without it. The test asserts only that the file set is complete (counts per
category, from ``manifest.json``) and that every item loads and serialises.
The report (overall, per category, LATE deadlines, every miss) is printed even
without ``-s`` and written to ``$TMPDIR/helperdesk_blind_report.txt``.
"""

from __future__ import annotations

import email
import json
import tempfile
from collections import defaultdict
from email import policy
from pathlib import Path
from typing import Any

import pytest
from test_corpus import Key, Scored, deadline_keys, expected_deadlines, expected_ids, id_keys

from helperdesk.intake.prepare import Prepared, prepare_mail, prepare_paper
from helperdesk.samples.pdfmake import text_to_pdf

BLIND = Path(__file__).parent / "corpus" / "blind"
MANIFEST: dict[str, dict[str, Any]] = json.loads(
    (BLIND / "manifest.json").read_text(encoding="utf-8")
)
NAMES = sorted(p.name.removesuffix(".json") for p in BLIND.glob("b2_*.json"))
REPORT = Path(tempfile.gettempdir()) / "helperdesk_blind_report.txt"

AGENCY_KINDS = {
    "jobcenter",
    "auslaenderbehoerde",
    "familienkasse",
    "finanzamt",
    "rentenversicherung",
    "krankenkasse",
    "wohngeldstelle",
    "sozialamt",
    "sozialgericht",
    "buergerbuero",
    "other",
}
STATES = {
    "BW",
    "BY",
    "BE",
    "BB",
    "HB",
    "HH",
    "HE",
    "MV",
    "NI",
    "NW",
    "RP",
    "SL",
    "SN",
    "ST",
    "SH",
    "TH",
}
FORWARDS = {"fwd_gmail", "fwd_gmail_en", "fwd_outlook", "fwd_att", "fwd_att_html"}
REPLIES = {"reply_agency", "reply_household"}
MINIMA = {"items": 150, "letter": 15, "html": 10, "en": 10, "de+en": 5, "forward": 10, "reply": 10}


def form_class(form: str) -> str:
    if form in FORWARDS:
        return "forward"
    if form in REPLIES:
        return "reply"
    return form  # letter, plain, html, alt


def load_item(name: str) -> tuple[dict[str, Any], Prepared]:
    labels = json.loads((BLIND / f"{name}.json").read_text(encoding="utf-8"))
    state = labels.get("state")
    eml = BLIND / f"{name}.eml"
    if eml.exists():
        return labels, prepare_mail(eml.read_bytes(), state=state)
    text = (BLIND / f"{name}.letter.txt").read_text(encoding="utf-8")
    return labels, prepare_paper(text_to_pdf(text), filename=f"{name}.pdf", state=state)


def late_deadlines(found: set[Key], want: set[Key]) -> list[tuple[Key, Key]]:
    """Labelled deadlines for which the analyser computed a LATER date of the same kind.

    For every labelled deadline that was not found exactly, the nearest unmatched
    computed deadline of the same kind is taken; if it lies after the labelled one
    (or on the same day at a later time, for appointments) it is late.
    """
    late = []
    extra = found - want
    for lab in sorted(want - found):
        same = [f for f in extra if f[1] == lab[1]]
        if not same:
            continue
        nearest = min(same, key=lambda f: (abs((_d(f) - _d(lab)).days), f[0], f[2]))
        if (nearest[0], nearest[2]) > (lab[0], lab[2]):
            late.append((lab, nearest))
    return late


def _d(k: Key):
    from datetime import date

    return date.fromisoformat(k[0])


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[dict[str, Any], Prepared]]:
    return {name: load_item(name) for name in NAMES}


def test_blind_file_set_complete() -> None:
    stems = {p.name.split(".", 1)[0] for p in BLIND.iterdir() if p.name.startswith("b2_")}
    assert stems == set(NAMES) == set(MANIFEST), stems ^ set(MANIFEST)
    counts: dict[str, int] = defaultdict(int)
    for name in NAMES:
        has_eml = (BLIND / f"{name}.eml").exists()
        has_letter = (BLIND / f"{name}.letter.txt").exists()
        assert has_eml != has_letter, f"{name}: exactly one of .eml / .letter.txt"
        meta = MANIFEST[name]
        labels = json.loads((BLIND / f"{name}.json").read_text(encoding="utf-8"))
        assert set(labels) == {
            "state",
            "agency",
            "letter_type",
            "processing_ids",
            "deadlines",
            "notes",
        }, name
        assert labels["state"] == meta["state"] and labels["agency"] == meta["agency"], name
        cls = form_class(meta["form"])
        assert (cls == "letter") == has_letter, name
        if has_eml:
            msg = email.message_from_bytes(
                (BLIND / f"{name}.eml").read_bytes(), policy=policy.default
            )
            for h in ("Date", "From", "To", "Message-ID", "Subject"):
                assert msg[h], f"{name}: header {h}"
            subject = str(msg["Subject"])
            types = {p.get_content_type() for p in msg.walk()}
            if cls == "html":
                assert "text/html" in types and "text/plain" not in types, name
            if cls == "forward":
                assert subject.startswith(("Fwd:", "WG:", "FW:")), name
            if cls == "reply":
                assert subject.startswith(("AW:", "Re:")), name
        counts["items"] += 1
        counts[cls] += 1
        counts[meta["lang"]] += 1
        counts["agency:" + str(labels["agency"])] += 1
        counts["state:" + labels["state"]] += 1
    for key, minimum in MINIMA.items():
        assert counts[key] >= minimum, f"{key}: {counts[key]} < {minimum}"
    for kind in AGENCY_KINDS:
        assert counts["agency:" + kind] >= 1, kind
    for state in STATES:
        assert counts["state:" + state] >= 1, state


def test_blind_every_item_loads(results: dict[str, tuple[dict[str, Any], Prepared]]) -> None:
    assert len(results) == len(NAMES)
    for _labels, prepared in results.values():
        assert prepared.message.content_hash
        json.dumps(prepared.analysis_json())


def test_blind_report(
    results: dict[str, tuple[dict[str, Any], Prepared]], capsys: pytest.CaptureFixture[str]
) -> None:
    """Prints the scores; asserts nothing about them."""
    groups: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"n": 0, "ids": Scored(), "dl": Scored(), "agency": 0, "type": 0, "late": 0}
    )
    misses: list[str] = []
    lates: list[str] = []
    for name, (labels, prepared) in results.items():
        meta = MANIFEST[name]
        a = prepared.analysis
        found_ids, want_ids = id_keys(prepared), expected_ids(labels)
        found_dl, want_dl = deadline_keys(prepared), expected_deadlines(labels)
        got_agency = a.agency.kind.value if a.agency else None
        want_agency = labels["agency"]
        agency_ok = got_agency == want_agency or (want_agency is None and got_agency == "other")
        type_ok = a.letter_type.value == labels["letter_type"]
        late = late_deadlines(found_dl, want_dl)
        keys = (
            "ALL",
            "form:" + form_class(meta["form"]),
            "lang:" + meta["lang"],
            "agency:" + str(want_agency),
            "state:" + labels["state"],
        )
        for k in keys:
            g = groups[k]
            g["n"] += 1
            g["ids"].add(found_ids, want_ids)
            g["dl"].add(found_dl, want_dl)
            g["agency"] += agency_ok
            g["type"] += type_ok
            g["late"] += len(late)
        if not agency_ok:
            misses.append(f"{name}: agency {got_agency} != {want_agency}")
        if not type_ok:
            misses.append(f"{name}: letter type {a.letter_type.value} != {labels['letter_type']}")
        for what, found, want in (("ID", found_ids, want_ids), ("deadline", found_dl, want_dl)):
            misses.extend(f"{name}: extra {what} {x}" for x in sorted(found - want))
            misses.extend(f"{name}: missed {what} {x}" for x in sorted(want - found))
        for lab, got in late:
            days = (_d(got) - _d(lab)).days
            lates.append(f"{name}: LATE {lab[1]} labelled {lab[0]} {lab[2]}"
                         f" computed {got[0]} {got[2]} (+{days} d)")

    def line(k: str) -> str:
        g = groups[k]
        return (
            f"{k:<28} n={g['n']:>3}  IDs P {g['ids'].precision:.3f} R {g['ids'].recall:.3f}"
            f" (tp {g['ids'].tp}, fp {g['ids'].fp}, fn {g['ids'].fn})"
            f"  deadlines P {g['dl'].precision:.3f}"
            f" R {g['dl'].recall:.3f} (tp {g['dl'].tp}, fp {g['dl'].fp}, fn {g['dl'].fn})"
            f"  agency {g['agency']}/{g['n']}  type {g['type']}/{g['n']}  LATE {g['late']}"
        )

    order = ["ALL"] + [k for prefix in ("form:", "lang:", "agency:", "state:")
                       for k in sorted(k for k in groups if k.startswith(prefix))]
    text = "\n".join(
        [
            "BLIND SET (tests/corpus/blind) — scores reported, not asserted",
            *map(line, order),
            "LATE deadlines (computed later than labelled, same item and kind):"
            f" {groups['ALL']['late']}",
            *("  " + x for x in lates),
            f"Misses ({len(misses)}):",
            *("  " + m for m in misses),
        ]
    )
    REPORT.write_text(text + "\n", encoding="utf-8")
    with capsys.disabled():
        print("\n" + text + f"\n(report written to {REPORT})")
