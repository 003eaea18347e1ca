"""Translations: gettext catalogs for everything a person reads, used by every layer.

Catalogs live in ``i18n/locale/<lang>/LC_MESSAGES/<domain>.po`` for the seven
languages (de en ar fa tr uk ru); the ``.mo`` files are compiled at install
and build time (``python -m i18n.build``), never committed. Domains:
``helperdesk`` (app, CLI, analysis texts) and ``summaries`` (printed pages for
households).

- ``translation(lang, domain)``: a gettext translation object for one language
  (a household's, for its printed summary), falling back to the source text;
- ``gettext``/``ngettext``/``pgettext`` (aliased ``_``): the current language
  of the person at the screen, chosen by ``set_language`` or the standard
  variables (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``);
- ``source_text``: German text quoted from a letter, kept left to right in ar/fa;
- ``N_``: marks a string for extraction without translating it yet (stored codes);
- ``format_day``/``format_day_long``/``format_time``/``format_number``: dates and
  numbers written the way the screen language writes them (Babel);
- ``HELPERDESK_PSEUDO=1``: pseudo-translation, every string stretched by 40 %
  with accented letters (placeholders, markup and accelerators kept), to find
  clipped layouts and strings that bypass gettext.

``python -m i18n.build`` compiles the catalogs (see ``i18n/build.py``).
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import locale
import os
import re
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.dates import format_time as _babel_time
from babel.numbers import format_decimal

LANGUAGES: tuple[str, ...] = ("de", "en", "ar", "fa", "tr", "uk", "ru")
RTL_LANGUAGES = frozenset({"ar", "fa"})
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAINS: tuple[str, ...] = ("helperdesk", "summaries")

_chosen: list[str] = []  # the language chosen in the app; empty: the environment's


def _from_environment() -> str:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        for part in value.split(":"):
            code = part.split(".")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
            if code in ("c", "posix"):
                break
    # Windows and macOS keep the user's language outside these variables
    # (Windows names it in English: "German_Germany").
    system = (locale.getlocale(locale.LC_CTYPE)[0] or "").split("_")[0].lower()
    system = _WINDOWS_NAMES.get(system, system)
    return system if system in LANGUAGES else SOURCE_LANGUAGE


_WINDOWS_NAMES = {"german": "de", "english": "en", "arabic": "ar", "persian": "fa",
                  "farsi": "fa", "turkish": "tr", "ukrainian": "uk", "russian": "ru"}


def current_language() -> str:
    """The language of the person at the screen (setting, else environment, else English)."""
    return _chosen[0] if _chosen else _from_environment()


def set_language(code: str | None) -> None:
    """Choose the screen language; ``None`` goes back to the environment's."""
    if code is not None and code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    _chosen[:] = [code] if code else []


@lru_cache(maxsize=32)
def translation(lang: str, domain: str = "helperdesk") -> _gettext.NullTranslations:
    """The catalog of ``domain`` in ``lang``; the untranslated text where none is compiled."""
    return _gettext.translation(domain, LOCALE_DIR, languages=[lang], fallback=True)


def source_text(text: str) -> str:
    """Text quoted from a letter (German, left to right) inside a right-to-left screen.

    Marks both ends left-to-right (U+200E), so the final full stop stays at the
    end of a German sentence shown in an Arabic or Persian layout.
    """
    return f"\u200e{text}\u200e" if text and is_rtl(current_language()) else text


def is_rtl(lang: str) -> bool:
    """Whether ``lang`` is written right to left (ar, fa): the UI mirrors its layout."""
    return lang in RTL_LANGUAGES


def babel_locale(lang: str | None = None) -> str:
    """The Babel/CLDR locale used to write dates and numbers for ``lang``."""
    code = lang or current_language()
    return {"de": "de_DE", "en": "en_GB", "ar": "ar", "fa": "fa_IR", "tr": "tr_TR",
            "uk": "uk_UA", "ru": "ru_RU"}.get(code, "en_GB")


def format_day(day: dt.date, lang: str | None = None) -> str:
    """A short date (``07.04.2025`` in German, ``07/04/2025`` in English …)."""
    return format_date(day, "short" if (lang or current_language()) != "de" else "dd.MM.yyyy",
                       locale=babel_locale(lang))


def format_day_long(day: dt.date, lang: str | None = None) -> str:
    """A date written out with its weekday (``Montag, 7. April 2025``)."""
    return format_date(day, "full", locale=babel_locale(lang))


def format_time(time: dt.time, lang: str | None = None) -> str:
    """A time of day on the 24-hour clock the agencies' letters use (``09:30``)."""
    return _babel_time(time, "HH:mm", locale=babel_locale(lang))


def format_number(value: float, lang: str | None = None) -> str:
    return format_decimal(value, locale=babel_locale(lang))


# Kept verbatim by the pseudo-translation: {placeholders}, %s, <markup>, &entities;.
_PSEUDO_KEEP = re.compile(r"\{[^{}]*\}|%[sd]|<[^>]*>|&[a-z]+;|&&")
_PSEUDO_MAP = str.maketrans("aeiouyAEIOUYcnsz", "áéíóúýÁÉÍÓÚÝçñšž")
PSEUDO_STRETCH = 1.4


def pseudo_enabled() -> bool:
    return os.environ.get("HELPERDESK_PSEUDO", "") not in ("", "0")


def pseudo(message: str) -> str:
    """``message`` with accented letters, stretched by 40 % (``[Šávé ~~~]``)."""
    if not message:
        return message
    out, pos = [], 0
    for m in _PSEUDO_KEEP.finditer(message):
        out.append(message[pos:m.start()].translate(_PSEUDO_MAP))
        out.append(m.group())
        pos = m.end()
    out.append(message[pos:].translate(_PSEUDO_MAP))
    text = "".join(out)
    pad = max(1, round(len(message) * (PSEUDO_STRETCH - 1)) - 2)
    head, tail = "[", f" {'~' * (pad - 1)}]" if pad > 1 else "]"
    if text.startswith("<") and text.endswith(">"):  # rich text: mark inside the markup
        first, last = text.index(">") + 1, text.rindex("</") if "</" in text else len(text)
        if first <= last:
            return text[:first] + head + text[first:last] + tail + text[last:]
    return head + text + tail


def gettext(message: str) -> str:
    text = translation(current_language()).gettext(message)
    return pseudo(text) if pseudo_enabled() else text


def ngettext(singular: str, plural: str, n: int) -> str:
    text = translation(current_language()).ngettext(singular, plural, n)
    return pseudo(text) if pseudo_enabled() else text


def pgettext(context: str, message: str) -> str:
    text = translation(current_language()).pgettext(context, message)
    return pseudo(text) if pseudo_enabled() else text


def N_(message: str) -> str:
    return message


_ = gettext
