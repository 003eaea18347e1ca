"""Dates and times written out for a household: weekday, day, month name, year.

Babel formats in the household's locale. Babel keeps Latin digits in every
locale; Persian readers expect Persian digits, so the numbering system is
chosen explicitly per language (``NUMBERING``) and the digits are mapped.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_time

# The numbering system each language is printed with (CLDR names).
NUMBERING: dict[str, str] = {"fa": "arabext"}
# Patterns where the locale's full format abbreviates ("2026 р.", "2026 г."): written out
# without the abbreviation, the year alone is clear.
_FULL_DATE: dict[str, str] = {"uk": "EEEE, d MMMM y", "ru": "EEEE, d MMMM y"}
_DIGITS: dict[str, str] = {
    "latn": "0123456789",
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
}


def digits(text: str, lang: str) -> str:
    """``text`` with its Latin digits in the numbering system of ``lang``."""
    system = NUMBERING.get(lang, "latn")
    if system == "latn":
        return text
    return text.translate(str.maketrans(_DIGITS["latn"], _DIGITS[system]))


def long_date(day: dt.date, lang: str) -> str:
    """E.g. "Dienstag, 8. Dezember 2026" / "سه‌شنبه ۸ دسامبر ۲۰۲۶"."""
    return digits(format_date(day, format=_FULL_DATE.get(lang, "full"), locale=lang), lang)


def short_time(moment: dt.time, lang: str) -> str:
    """E.g. "09:30" in every language: the 24-hour clock needs no "AM"/"ص" abbreviation."""
    return digits(format_time(moment, format="HH:mm", locale=lang), lang)
