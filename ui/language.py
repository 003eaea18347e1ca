"""The app's screen language: the person's choice or the system's, Qt's own strings, RTL.

``apply_language(app)`` runs once at start-up (a change needs a restart): it
sets the gettext language (``i18n.set_language``), the default ``QLocale``
and the C locale for dates, loads Qt's own translations (``qtbase_<lang>.qm``
from PySide6's translations folder, for the buttons of standard dialogs) and
mirrors the layout for right-to-left languages (ar, fa). The choice lives in
QSettings: it is not personal data.
"""

from __future__ import annotations

import contextlib
import locale
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from i18n import LANGUAGES, babel_locale, current_language, is_rtl, set_language

SETTING_KEY = "ui/language"
# Each language in its own name, so a person finds theirs whatever is shown now.
NATIVE_NAMES = {
    "de": "Deutsch", "en": "English", "ar": "العربية", "fa": "فارسی", "tr": "Türkçe",
    "uk": "Українська", "ru": "Русский",
}


def chosen_language() -> str | None:
    """The language chosen in the app's settings; None: follow the system."""
    value = QSettings().value(SETTING_KEY, "")
    return value if isinstance(value, str) and value in LANGUAGES else None


def _system_language() -> str | None:
    """The desktop's language when the environment names none of ours (Windows, macOS)."""
    if any(os.environ.get(v) for v in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")):
        return None  # i18n reads the standard variables itself
    for name in QLocale.system().uiLanguages():
        code = name.split("-")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return None


def save_language(code: str | None) -> None:
    """Remember the choice for the next start (None: the system's language)."""
    if code is not None and code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    QSettings().setValue(SETTING_KEY, code or "")


def apply_language(app: QApplication, code: str | None = None) -> str:
    """Make ``code`` (else the saved choice, else the system's) the screen language."""
    if code is None:
        code = chosen_language() or _system_language()
    if code is not None:
        set_language(code)
    lang = current_language()
    qlocale = QLocale(babel_locale(lang))
    QLocale.setDefault(qlocale)
    with contextlib.suppress(locale.Error):
        locale.setlocale(locale.LC_TIME, babel_locale(lang) + ".UTF-8")
    install_qt_translator(app, lang)
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if is_rtl(lang) else Qt.LayoutDirection.LeftToRight)
    return lang


_installed: list[QTranslator] = []


def install_qt_translator(app: QApplication, lang: str) -> bool:
    """Qt's own strings (standard buttons, dialogs) in ``lang``; False if Qt has none."""
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang == "en" or not translator.load(f"qtbase_{lang}", folder):
        return False
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    return True
