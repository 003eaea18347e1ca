"""Helpers for the summary tests: compiled catalogs, and reading a PDF back with poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import i18n
from i18n.build import compile_all

from conftest import need

LANGS = ("de", "en", "ar", "fa", "tr", "uk", "ru")
# A letter of each language's script (the German line is Latin in every case).
SCRIPTS = {
    "de": r"[a-zäöüß]", "en": r"[a-z]", "tr": r"[ğışçöü]", "ar": r"[\u0621-\u064a]",
    "fa": r"[\u067e\u0686\u06af\u06cc\u06a9]", "uk": r"[іїєґ]", "ru": r"[ыэъ]",
}
_WORDS = re.compile(r"[^\W\d_]+|\d+")


def compile_catalogs() -> None:
    """The .mo files the app reads (built like ``python -m i18n.build``)."""
    compile_all()
    i18n.translation.cache_clear()


def poppler(tool: str, *args: str, data: bytes | None = None) -> str:
    need(shutil.which(tool) is not None, f"{tool} (Debian poppler-utils) is not installed")
    proc = subprocess.run([tool, *args], input=data, capture_output=True, check=True)
    return proc.stdout.decode()


def normalise(text: str) -> str:
    """pdftotext's text compared fairly: NFKC, no bidi controls, no joiners, no vowel marks."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u202a-\u202e\u200c\u200d\u200e\u200f]", "", text)
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def words(text: str) -> set[str]:
    return set(_WORDS.findall(normalise(text)))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", normalise(text))
