"""Pure decisions for reading paper letters: which files are pages, how to turn them, text.

Nothing here touches a file, a process or an image library: the OCR worker
(``helperdesk.app.ocr``) measures, this module decides. Kept pure so the
rules are tested fast and reused by the CLI, the app and the background
reader alike.

* ``page_kind``: whether a file name is a page image, a PDF, a mail or none;
* ``parse_osd``: the turn Tesseract's orientation detection asks for;
* ``profile_sharpness`` / ``choose_skew``: the small rotation that makes the
  text lines horizontal (projection profiles: lines are sharpest when level);
* ``letter_text``: the pages' texts as one letter, in order;
* ``ocr_languages``: the Tesseract languages for a household language.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class Recognised:
    """What OCR made of a letter's pages (or why it could not run), for ``prepare_*``."""

    texts: dict[int, str] = field(default_factory=dict)  # page index -> recognised text
    failed: dict[int, str] = field(default_factory=dict)  # page index -> one-line problem
    engine: str = ""
    languages: str = ""
    unavailable: str = ""  # why OCR could not run at all ("" when it ran)
    attempts: int = 1

    def info(self) -> dict[str, object]:
        """The record kept with the attachment (storage column ``ocr``)."""
        return {
            "pages": sorted(self.texts), "engine": self.engine, "languages": self.languages,
            "attempts": self.attempts if not self.unavailable else self.attempts - 1,
            "problems": self.problems(),
        }

    def problems(self) -> list[str]:
        if self.unavailable:
            return [f"needs OCR: {self.unavailable}"]
        return [f"page {i + 1}: {why}" for i, why in sorted(self.failed.items())]


IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic", ".heif"})
IMAGE_MIME = {
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".tif": "image/tiff",
    ".tiff": "image/tiff", ".heic": "image/heic", ".heif": "image/heif",
}
# Fewer visible characters than this on a page: the page is an image and needs OCR.
MIN_CHARS_PER_PAGE = 20

# Household language (HelperDesk code) -> Tesseract language data name.
_TESSERACT_LANG = {
    "de": "deu", "en": "eng", "ar": "ara", "fa": "fas", "tr": "tur", "uk": "ukr", "ru": "rus",
}
_OSD_ROTATE = re.compile(r"^Rotate:\s*(\d+)\s*$", re.MULTILINE)
_OSD_CONFIDENCE = re.compile(r"^Orientation confidence:\s*([\d.]+)\s*$", re.MULTILINE)
# Lines further apart (top to top) than this many line heights are paragraphs apart:
# lines of a paragraph are 1.1-1.5 heights apart, a blank line between makes 2.3-3.
PARAGRAPH_PITCH = 1.75
# Below this confidence OSD's turn is not trusted (Tesseract's own examples use 2).
MIN_OSD_CONFIDENCE = 2.0


def page_kind(filename: str) -> str:
    """"image", "pdf", "mbox", "mail" or "" (not importable) by the file's suffix."""
    name = filename.lower()
    suffix = name[name.rfind("."):] if "." in name.rsplit("/", 1)[-1] else ""
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".mbox":
        return "mbox"
    if suffix in {".eml", ".msg", ".txt"}:
        return "mail"
    return ""


def image_mime(filename: str) -> str:
    name = filename.lower()
    return IMAGE_MIME.get(name[name.rfind("."):], "application/octet-stream")


def visible_chars(text: str) -> int:
    return len("".join(text.split()))


def empty_pages(page_texts: Sequence[str]) -> list[int]:
    """Indexes of the pages whose text layer is (almost) empty: they need OCR."""
    return [i for i, t in enumerate(page_texts) if visible_chars(t) < MIN_CHARS_PER_PAGE]


def parse_osd(report: str) -> int:
    """Degrees (0, 90, 180, 270, clockwise) to rotate a page by, from ``tesseract --psm 0``.

    A report without a confident answer means: leave the page as it is.
    """
    rotate = _OSD_ROTATE.search(report)
    confidence = _OSD_CONFIDENCE.search(report)
    if rotate is None or confidence is None:
        return 0
    if float(confidence.group(1)) < MIN_OSD_CONFIDENCE:
        return 0
    degrees = int(rotate.group(1)) % 360
    return degrees if degrees in (90, 180, 270) else 0


def profile_sharpness(row_means: Sequence[float]) -> float:
    """How sharply the rows alternate between ink and paper (sum of squared steps).

    Level text lines give rows that are all paper next to rows full of ink;
    a tilted page smears them, so the angle with the largest value is level.
    """
    return float(sum((b - a) ** 2 for a, b in itertools.pairwise(row_means)))


def choose_skew(profiles: Mapping[float, Sequence[float]], *, min_gain: float = 1.05) -> float:
    """The angle whose profile is sharpest; 0 unless it beats level by ``min_gain``.

    Turning a page costs a little sharpness of its own, so a page that is
    already level (or a page without lines, a photo) stays as it is.
    """
    if not profiles:
        return 0.0
    scores = {angle: profile_sharpness(rows) for angle, rows in profiles.items()}
    best = max(scores, key=lambda a: (scores[a], -abs(a)))
    level = scores.get(0.0)
    if level is not None and scores[best] < level * min_gain:
        return 0.0
    return best


def skew_candidates(limit: float = 5.0, step: float = 0.5) -> list[float]:
    """Angles to try, from -limit to +limit, 0 included."""
    count = round(limit / step)
    return [round(i * step, 3) for i in range(-count, count + 1)]


def letter_text(page_texts: Iterable[str]) -> str:
    """The pages of one letter as one text; pages separated by a blank line."""
    return "\n\n".join(t.strip("\n") for t in page_texts if t.strip()).strip()


def merge_pages(digital: Sequence[str], recognised: Mapping[int, str]) -> list[str]:
    """Each page's text: what OCR read where it read, else the PDF's own text layer."""
    return [recognised.get(i, text) for i, text in enumerate(digital)]


def pages_hash(pages: Iterable[bytes]) -> str:
    """Identity of a letter made of page images: the same photos are the same letter."""
    digest = hashlib.sha256(b"helperdesk-pages\n")
    for page in pages:
        digest.update(hashlib.sha256(page).hexdigest().encode() + b"\n")
    return digest.hexdigest()


def ocr_languages(household_language: str | None, installed: Iterable[str]) -> str:
    """Tesseract's ``-l`` value: German always, plus the household's language if installed.

    Agency letters are German; a household's own language helps with the
    notes and translations that come with them. Languages whose data is not
    installed are left out (the caller says so once).
    """
    have = set(installed)
    langs = ["deu"] if "deu" in have else []
    extra = _TESSERACT_LANG.get(household_language or "", "")
    if extra and extra != "deu" and extra in have:
        langs.append(extra)
    return "+".join(langs)


def read_tsv(tsv: str) -> tuple[str, float, int]:
    """Text, mean word confidence (0-100) and word count from Tesseract's TSV output.

    Words of a line are joined by spaces, a line per line, and a blank line
    marks a paragraph where a line starts further below the one before than
    ``PARAGRAPH_PITCH`` line heights (the page's median): about where the
    PDF text layer sees one (``helperdesk.mail.pdftext``), so a photo of a
    letter is laid out like its digital twin (the deadline and agency rules
    read paragraphs).
    """
    lines: list[tuple[tuple[int, int] | None, list[str]]] = []
    boxes: dict[tuple[str, str, str], tuple[int, int]] = {}
    confidences: list[float] = []
    current: tuple[str, str, str] | None = None
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < 12 or not cells[0].isdigit():
            continue
        key = (cells[2], cells[3], cells[4])
        if cells[0] == "4":
            with contextlib.suppress(ValueError):
                boxes[key] = (int(cells[7]), int(cells[9]))  # top, height
            continue
        word = "\t".join(cells[11:]).strip()
        if cells[0] != "5" or not word:
            continue
        if key != current:
            lines.append((boxes.get(key), []))
            current = key
        lines[-1][1].append(word)
        with contextlib.suppress(ValueError):
            confidences.append(max(0.0, float(cells[10])))
    heights = sorted(box[1] for box, _words in lines if box is not None and box[1] > 0)
    line_height = heights[len(heights) // 2] if heights else 0
    out: list[str] = []
    previous: tuple[int, int] | None = None
    for box, words in lines:
        # Top to top: a line's own height varies with its ascenders and
        # descenders, the distance between lines of a paragraph does not.
        if (previous is not None and box is not None and line_height
                and box[0] - previous[0] > PARAGRAPH_PITCH * line_height):
            out.append("")
        out.append(" ".join(words))
        previous = box or previous
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return "\n".join(out), mean, len(confidences)


def sideways(row_sharpness: float, column_sharpness: float) -> bool:
    """Whether a page's text lines run top to bottom (the page lies on its side)."""
    return column_sharpness > row_sharpness * 1.5


# "§" read as "8", "&" or "$" before a section number and a law or "Abs.".
_SECTION = re.compile(
    r"(?<![\w§])[8&$](?= ?\d{1,4}[a-z]? ?(?:Abs\.|Satz|Nr\.|SGB|SGG|BGB|AO\b|VwGO|VwVfG|"
    r"ZPO|[A-Z][A-Za-z]*G\b))")
# "§§" read as "88" (or "&&", "$$") before a list of section numbers.
_LAW = r"(?:Abs\.|Satz|Nr\.|SGB|SGG|BGB|AO\b|VwGO|VwVfG|ZPO|[A-Z][A-Za-z]*G\b)"
_SECTIONS = re.compile(
    r"(?<![\w§])(?:88|&&|\$\$)(?= ?\d{1,4}[a-z]?(?:(?:,| und| bis) ?\d{1,4}[a-z]?)+ ?"
    + _LAW + ")")
# "§" read twice, as a look-alike and itself: "$§ 48".
_SECTION_DOUBLED = re.compile(r"(?<![\w§])[$&]§(?= ?\d)")
# Book numbers of the social code: "SGB |" / "SGB l" for "SGB I".
_SGB_ONE = re.compile(r"\bSGB [|l](?=\W|$)")
# Separator-joined tokens with an upper-case part (Aktenzeichen like KVR-II/21-4711).
_ID_TOKEN = re.compile(r"\b[A-ZÄÖÜ]{2,}(?:[-/.][0-9A-Za-z|]+)+")
_ROMAN_LIKE = re.compile(r"^[Il1|]{1,4}$")
# A BG-Nummer is 5 digits, "BG", 7 digits: OCR reads "BG" as "B5G", "B6G", "8G", "5G".
_BG = re.compile(r"(?<![\dA-Z])(\d{5})[B85][0-9S]?B?G(\d{7})(?!\d)")


def _roman_parts(match: re.Match[str]) -> str:
    parts = re.split(r"([-/.])", match.group(0))
    return "".join(
        "I" * len(p) if _ROMAN_LIKE.match(p) and re.search(r"[Il|]", p) else p for p in parts)


def repair_ocr(text: str) -> str:
    """Undo OCR's usual confusions where they change what a letter means.

    Only narrow, unambiguous cases: the section sign before a section number
    and a law, "SGB I", Roman numerals inside file numbers ("KVR-Il/21" and
    "KVR-I1-2026" are "KVR-II") and the letters of a BG-Nummer ("B5G" between
    its 5 and 7 digits). Digits are never changed.
    """
    text = _SECTIONS.sub("§§", text)
    text = _SECTION_DOUBLED.sub("§", text)
    text = _SECTION.sub("§", text)
    text = _SGB_ONE.sub("SGB I", text)
    text = _BG.sub(r"\1BG\2", text)
    return _ID_TOKEN.sub(_roman_parts, text)
