"""Render the main views of the demo store to PNG: ``python -m ui.screenshots OUTDIR``.

Works offscreen or under Xvfb. The demo store is filled through the real
import path (analysis, filing, suggested deadlines); all data is fictional.
``python -m ui.screenshots OUTDIR [FONT_SCALE] [--language CODE] [--high-contrast]``
renders in another language (right to left for ar and fa), with text scaled
(2.0 = 200 %) or with a high-contrast palette; ``HELPERDESK_PSEUDO=1`` gives
the stretched pseudo-translation.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any


def render(outdir: Path, font_scale: float = 1.0, *, language: str | None = None,
           high_contrast: bool = False) -> list[Path]:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from helperdesk.app.demo import demo_store  # noqa: PLC0415
    from i18n import set_language  # noqa: PLC0415
    from storage.accounts import Account  # noqa: PLC0415
    from ui.app import application  # noqa: PLC0415
    from ui.dialogs.accounts.accounts_dialog import AccountsDialog  # noqa: PLC0415
    from ui.dialogs.agencies.agencies_dialog import AgenciesDialog  # noqa: PLC0415
    from ui.dialogs.unlock.first_run import FirstRunWizard  # noqa: PLC0415
    from ui.dialogs.unlock.unlock_dialog import UnlockDialog  # noqa: PLC0415
    from ui.language import apply_language  # noqa: PLC0415
    from ui.main_window import NAV_WAITING, MainWindow  # noqa: PLC0415
    from ui.theme import high_contrast_palette  # noqa: PLC0415

    if language:
        set_language(language)
    app = application()
    if language:
        apply_language(app, language)
    if high_contrast:
        app.setStyle("Fusion")
        app.setPalette(high_contrast_palette())
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
        window = MainWindow(store, demo=True, synchronous_tasks=True)
        window.resize(1400, 860)
        window.show()
        shot(window, "due-soon")
        window.nav.setCurrentRow(1)
        shot(window, "unfiled")
        window.nav.setCurrentRow(NAV_WAITING)
        shot(window, "waiting")
        window.select_household(store.households.by_name("Familie Haddad").id or 0)
        window.household.select_index(window.household.thread_model.index(0, 0))
        shot(window, "household")
        threaded = _case_with_a_thread(store)
        if threaded is not None:
            window.select_household(threaded[0])
            window.household.select_case(threaded[1])
            window.household.select_message(threaded[2])
            shot(window, "conversation")
        window.search_box.setText("Kindergeld")
        window.search.run_now()
        shot(window, "search")
        agencies = AgenciesDialog(store, window)
        agencies.show()
        shot(agencies, "agencies")
        agencies.close()
        # Fictional accounts without passwords: nothing goes to the keyring.
        home = store.households.by_name("Familie Haddad").id
        store.accounts.add(Account(name="haddad.familie@example.net", host="imap.example.net",
                                   port=993, security="ssl",
                                   username="haddad.familie@example.net", household_id=home))
        store.accounts.add(Account(name="beratung", host="imap.example.org", port=143,
                                   security="starttls", username="beratung@example.org"))
        accounts = AccountsDialog(store, window.runner, window)
        accounts.show()
        shot(accounts, "accounts")
        accounts.close()
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


def _case_with_a_thread(store: Any) -> tuple[int, int, int] | None:
    """Household, case and a reply of a demo case where one mail answers another."""
    for household in store.households.list_all():
        for case in store.cases.for_household(household.id):
            rows = store.messages.thread_rows(case_id=case.id)
            ids = {r.summary.message_id for r in rows if r.summary.message_id}
            for r in rows:
                if r.in_reply_to in ids or ids & set(r.references):
                    return household.id, case.id, r.summary.id
    return None


def main(argv: list[str]) -> int:
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="python -m ui.screenshots")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("font_scale", type=float, nargs="?", default=1.0)
    parser.add_argument("--language", help="de en ar fa tr uk ru (default: as the app)")
    parser.add_argument("--high-contrast", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in render(args.outdir, args.font_scale, language=args.language,
                       high_contrast=args.high_contrast):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
