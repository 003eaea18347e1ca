"""Where the fonts shipped with the package are (Noto Sans, Noto Sans Arabic; OFL-1.1)."""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES: tuple[str, ...] = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
)
# Latin and Cyrillic first, Arabic script second: a family list, so that Latin
# punctuation and digits in Arabic text come from a font that has them.
FONT_FAMILIES: tuple[str, ...] = ("Noto Sans", "Noto Sans Arabic")
