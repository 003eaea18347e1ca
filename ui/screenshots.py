"""Render the main views of the demo store to PNG: ``python -m ui.screenshots OUTDIR``.

Works offscreen or under Xvfb. The demo store has no analysis results yet
(that work is merged separately), so ``add_demo_findings`` files the demo
mail into cases and adds the IDs and deadlines analysis would suggest, using
two plain patterns. All data is the fictional sample data.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path

from helperdesk.model import Case, Deadline, DeadlineKind, IdKind, ProcessingId
from storage.store import Store

_BG = re.compile(r"BG-Nummer:?\s*(\d{5}BG\d{7})")
_DATE = re.compile(
    r"[^.\n]*?\b(?:bis zum|am)\s+(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[^.\n]|\.(?=\d))*\.?")
_TITLE_NOISE = re.compile(r"^(?:(?:AW|WG|Re|Fwd?):\s*)+|\s*[–-]\s*BG-Nummer.*$", re.I)


def add_demo_findings(store: Store, today: dt.date) -> None:
    """File demo mails into per-agency cases and add suggested IDs and deadlines."""
    from ui.triage_dialog import agency_for  # noqa: PLC0415 (Qt-free helper, imported late)

    cases: dict[tuple[int, int | None], int] = {}
    for summary in store.messages.list():
        if summary.household_id is None:
            continue
        msg = store.messages.get(summary.id)
        agency = agency_for(store, {}, msg.from_addr)
        if agency is None and msg.in_reply_to:
            parent = store.messages.ids_by_message_id([msg.in_reply_to])
            if parent:
                agency = agency_for(store, {}, store.messages.get(
                    next(iter(parent.values()))).from_addr)
        ids = [ProcessingId(value=m, kind=IdKind.BG_NUMMER, raw=m)
               for m in dict.fromkeys(_BG.findall(msg.text))]
        key = (summary.household_id, agency.id if agency else None)
        if key not in cases and agency is not None:
            case = store.cases.add(Case(household_id=summary.household_id, agency_id=agency.id,
                                        title=_TITLE_NOISE.sub("", msg.subject) or agency.name,
                                        processing_ids=ids))
            assert case.id is not None
            cases[key] = case.id
        case_id = cases.get(key)
        if case_id is None:
            continue
        for pid in ids:
            store.cases.add_id(case_id, pid)
        store.messages.file(summary.id, summary.household_id, case_id)
        found: list[dict[str, object]] = []
        for match in _DATE.finditer(msg.text):
            d = dt.date(int(match[3]), int(match[2]), int(match[1]))
            sentence = " ".join(match[0].split())
            kind = DeadlineKind.APPOINTMENT if "Termin" in sentence else DeadlineKind.SUBMIT
            store.deadlines.add(Deadline(
                household_id=summary.household_id, case_id=case_id, message_id=summary.id,
                date=d, kind=kind, evidence=sentence, confirmed=d < today))
            found.append({"date": d.isoformat(), "time": None, "kind": kind.value,
                          "basis": "explicit", "evidence": sentence, "explanation": [],
                          "place": ""})
        analysis = {"agency": {"kind": agency.kind.value, "name": agency.name} if agency
                    else None, "letter_type": "", "is_forward": False, "problems": [],
                    "processing_ids": [{"value": p.value, "raw": p.raw, "kind": p.kind.value,
                                        "label": "BG-Nummer", "found_in": "body"} for p in ids],
                    "deadlines": found}
        with store.transaction() as conn:
            # Test-data shortcut: the analysis column is written by ingest in real use.
            conn.execute("UPDATE messages SET analysis=? WHERE id=?",
                         (__import__("json").dumps(analysis), summary.id))


def render(outdir: Path, font_scale: float = 1.0) -> list[Path]:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from helperdesk.cli.demo import demo_store  # noqa: PLC0415
    from ui.app import application  # noqa: PLC0415
    from ui.first_run import FirstRunWizard  # noqa: PLC0415
    from ui.main_window import MainWindow  # noqa: PLC0415
    from ui.unlock_dialog import UnlockDialog  # noqa: PLC0415

    app = application()
    if font_scale != 1.0:
        # Check layouts at a larger font, as people with "150 %" settings see them.
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * font_scale)
        app.setFont(font)
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shot(widget: object, name: str) -> None:
        for _ in range(3):  # let pending layouts and repaints settle before grabbing
            app.processEvents()
        path = outdir / f"{name}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        written.append(path)

    today = dt.date.today()
    with demo_store(today) as store:
        add_demo_findings(store, today)
        window = MainWindow(store, demo=True, synchronous_tasks=True)
        window.resize(1400, 860)
        window.show()
        shot(window, "due-soon")
        window.nav.setCurrentRow(1)
        shot(window, "unfiled")
        window.select_household(store.households.by_name("Familie Haddad").id or 0)
        window.household.conversation.selectRow(0)
        shot(window, "household")
        window.search_box.setText("Kindergeld")
        window.search.run_now()
        shot(window, "search")
        window.lock()
        shot(window, "locked")
        window.unlock()
        window.close()
        unlock = UnlockDialog(store.path)
        unlock.show()
        shot(unlock, "unlock")
        unlock.close()
        wizard = FirstRunWizard(outdir / "not-created.db", window.runner)
        wizard.show()
        wizard.passphrase_page.first.setText("sonne wolke regen")
        shot(wizard, "first-run")
        wizard.close()
    QApplication.processEvents()
    return written


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print("usage: python -m ui.screenshots OUTDIR [FONT_SCALE]", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in render(Path(argv[0]), float(argv[1]) if len(argv) == 2 else 1.0):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
