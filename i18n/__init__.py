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
- ``N_``: marks a string for extraction without translating it yet (stored codes).
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import lru_cache
from pathlib import Path

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
    return SOURCE_LANGUAGE


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


def is_rtl(lang: str) -> bool:
    return lang in RTL_LANGUAGES


def gettext(message: str) -> str:
    return translation(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translation(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translation(current_language()).pgettext(context, message)


def N_(message: str) -> str:
    return message


_ = gettext
