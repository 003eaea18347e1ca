"""Screen language: environment and setting, Qt's own strings, right to left, pseudo mode."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

import i18n
from i18n import _, format_day, format_day_long, pseudo, set_language


@pytest.fixture
def restore(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    from ui.language import apply_language

    set_language(None)
    apply_language(qapp, "en")
    set_language(None)


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANGUAGE": "uk:ru", "LANG": "de_DE.UTF-8"}, "uk"),
    ({"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "fa_IR.UTF-8"}, "fa"),
    ({"LANGUAGE": "", "LANG": "tr_TR.UTF-8"}, "tr"),
    ({"LANGUAGE": "nl:de", "LANG": "C"}, "de"),
])
def test_language_from_the_standard_variables(monkeypatch: Any, env: dict[str, str],
                                              expected: str) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(var, env.get(var, ""))
    assert i18n.current_language() == expected


def test_cli_speaks_the_language_of_the_environment(monkeypatch: Any, capsys: Any) -> None:
    from helperdesk.cli import main

    monkeypatch.setenv("LANGUAGE", "de")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "Ohne Befehl öffnet sich das Programm" in out


def test_dates_follow_the_locale() -> None:
    day = dt.date(2025, 4, 7)
    assert format_day(day, "de") == "07.04.2025"
    assert format_day_long(day, "de") == "Montag, 7. April 2025"
    assert "Понедельник".casefold() in format_day_long(day, "ru").casefold()
    assert "Pazartesi" in format_day_long(day, "tr")
    assert "الاثنين" in format_day_long(day, "ar")


def test_app_setting_qt_strings_and_locale(restore: QApplication) -> None:
    from ui.language import apply_language, chosen_language, save_language

    save_language("de")
    try:
        assert chosen_language() == "de"
        assert apply_language(restore) == "de"
    finally:
        save_language(None)
    assert _("Language") == "Sprache"
    assert QLocale().language() is QLocale.Language.German
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.buttons()[0].text() == "Abbrechen"  # Qt's own qtbase_de translation
    box.deleteLater()


def test_arabic_mirrors_the_main_window(restore: QApplication, qtbot: Any, filled: Any) -> None:
    from ui.language import apply_language
    from ui.main_window import MainWindow

    def nav_side(lang: str) -> tuple[int, int, Qt.LayoutDirection]:
        apply_language(restore, lang)
        win = MainWindow(filled.store, synchronous_tasks=True)
        qtbot.addWidget(win)
        win.resize(1000, 700)
        win.show()
        qtbot.waitExposed(win)
        nav = win.nav.mapTo(win, QPoint(0, 0)).x()
        centre = win.nav.parentWidget().width() // 2 if win.nav.parentWidget() else 0
        direction = win.layoutDirection()
        win.shutdown()
        win.close()
        return nav, centre, direction

    ltr_x, _w, ltr = nav_side("en")
    rtl_x, _w2, rtl = nav_side("ar")
    assert ltr is Qt.LayoutDirection.LeftToRight
    assert rtl is Qt.LayoutDirection.RightToLeft
    assert ltr_x < 200 < rtl_x  # the navigation moves from the left edge to the right


def test_pseudo_translation_stretches_and_keeps_placeholders(monkeypatch: Any) -> None:
    text = "Added household {name!r} (id {id})."
    stretched = pseudo(text)
    assert len(stretched) >= 1.4 * len(text) - 1
    assert "{name!r}" in stretched and "{id}" in stretched
    assert stretched.format(name="X", id=1)  # still a valid format string
    assert pseudo("<b>Reminder:</b> &amp;").count("<b>") == 1
    monkeypatch.setenv("HELPERDESK_PSEUDO", "1")
    shown = _("Language")
    assert shown.startswith("[") and shown != "Language"


@pytest.mark.parametrize(("system", "expected"), [
    (("German_Germany", "1252"), "de"), (("ru_RU", "UTF-8"), "ru"), ((None, None), "en"),
])
def test_system_locale_when_no_variable_is_set(monkeypatch: Any, system: tuple[Any, Any],
                                               expected: str) -> None:
    import locale

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda *_a: system)
    assert i18n.current_language() == expected


def test_argparse_words_follow_the_language(monkeypatch: Any, capsys: Any) -> None:
    from helperdesk.cli import main

    monkeypatch.setenv("LANGUAGE", "de")
    with pytest.raises(SystemExit) as exit_info:
        main(["household", "add"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Aufruf: helperdesk household add")
    assert "Fehler: diese Angaben fehlen: name" in err
