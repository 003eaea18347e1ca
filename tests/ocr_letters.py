"""Letters printed and photographed, made here: the OCR test set (tests and benchmark).

Each corpus letter (``tests/corpus/*.letter.txt``) is rendered to a real PDF
with fpdf2, rasterised with PDFium at a given dpi and then degraded the way a
phone photo is: turned by a few degrees, lit unevenly, saved as JPEG at
quality 70, or upside down / on its side. What the analysis finds in the
letter's own text is the truth the OCR reading is compared with.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from PIL import Image, ImageChops

from helperdesk.intake.prepare import prepare_paper
from helperdesk.model import Agency
from helperdesk.samples.pdfmake import text_to_pdf

CORPUS = Path(__file__).parent / "corpus"
LETTERS = sorted(p.name.removesuffix(".letter.txt") for p in CORPUS.glob("*.letter.txt"))

Degrade = Callable[[Image.Image, random.Random], Image.Image]


def letter_pdf(name: str) -> bytes:
    return text_to_pdf((CORPUS / f"{name}.letter.txt").read_text(encoding="utf-8"))


def render(pdf: bytes, dpi: int, page: int = 0) -> Image.Image:
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return doc[page].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()


def truth(
    pdf: bytes, directory: Sequence[Agency] = ()
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Processing IDs and deadlines the analysis finds in the letter's text layer."""
    return findings(prepare_paper(pdf, filename="letter.pdf", directory=directory)
                    .analysis_json())


def findings(analysis: dict[str, object]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    ids = {(str(p["kind"]), str(p["value"])) for p in analysis["processing_ids"]}  # type: ignore[attr-defined]
    deadlines = {(str(d["date"]), str(d["kind"])) for d in analysis["deadlines"]}  # type: ignore[attr-defined]
    return ids, deadlines


def tilt(image: Image.Image, rng: random.Random) -> Image.Image:
    angle = rng.uniform(1.0, 3.0) * rng.choice((-1, 1))
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def uneven_light(image: Image.Image, rng: random.Random) -> Image.Image:
    """A lamp at one side: brightness falls from 100 % to about 45 % across the page."""
    w, h = image.size
    ramp = Image.linear_gradient("L").point(lambda v: 255 - int(v * 0.55))
    ramp = ramp.rotate(rng.choice((0, 90, 180, 270))).resize((w, h), Image.Resampling.BILINEAR)
    return ImageChops.multiply(image, ramp)


def upside_down(image: Image.Image, rng: random.Random) -> Image.Image:
    return image.rotate(180, expand=True)


def on_its_side(image: Image.Image, rng: random.Random) -> Image.Image:
    return image.rotate(rng.choice((90, 270)), expand=True)


def jpeg(image: Image.Image, quality: int = 70, dpi: int | None = None) -> bytes:
    buffer = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    image.convert("RGB").save(buffer, "JPEG", quality=quality, **extra)
    return buffer.getvalue()


@dataclass(frozen=True)
class Degradation:
    name: str
    steps: tuple[Degrade, ...]
    dpi: int = 200


DEGRADATIONS = (
    Degradation("clean 200 dpi", ()),
    Degradation("tilted 1-3°", (tilt,)),
    Degradation("uneven light", (uneven_light,)),
    Degradation("photo: tilted + uneven light + JPEG 70", (tilt, uneven_light)),
    Degradation("photo upside down", (tilt, uneven_light, upside_down)),
    Degradation("photo on its side", (tilt, uneven_light, on_its_side)),
)


def photographed(name: str, degradation: Degradation, seed: int = 0) -> bytes:
    """The letter ``name`` as a JPEG (quality 70) after the degradation's steps."""
    rng = random.Random(f"{name}/{degradation.name}/{seed}")
    image = render(letter_pdf(name), degradation.dpi)
    for step in degradation.steps:
        image = step(image, rng)
    return jpeg(image, 70)


def scanned_pdf(name: str, dpi: int = 200) -> bytes:
    """The letter as an image-only PDF (a scanner without OCR): pages but no text layer."""
    buffer = io.BytesIO()
    render(letter_pdf(name), dpi).save(buffer, "PDF", resolution=dpi)
    return buffer.getvalue()


def snippet(name: str) -> bytes:
    """The top third of the letter at 150 dpi as PNG: a quick page for worker tests."""
    image = render(letter_pdf(name), 150)
    buffer = io.BytesIO()
    image.crop((0, 0, image.width, image.height // 3)).save(buffer, "PNG")
    return buffer.getvalue()


def heic(name: str, dpi: int = 150) -> bytes:
    """The letter as a HEIC photo (the iPhone's format), written with pillow-heif."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    render(letter_pdf(name), dpi).convert("RGB").save(buffer, "HEIF", quality=80)
    return buffer.getvalue()


def two_page_tiff(name: str, dpi: int = 150) -> bytes:
    """A scanner's multi-page TIFF: the letter, then the same page upside down."""
    image = render(letter_pdf(name), dpi)
    buffer = io.BytesIO()
    image.save(buffer, "TIFF", save_all=True, append_images=[image.rotate(180)],
               compression="tiff_lzw", dpi=(dpi, dpi))
    return buffer.getvalue()
