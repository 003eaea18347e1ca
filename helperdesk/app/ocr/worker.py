"""The OCR worker process: untrusted page images in, recognised text out.

Started by ``helperdesk.app.ocr.engine`` with a clean environment (no
HelperDesk variables, no store key, no store connection), resource limits
and a process group of its own, so the native decoders (libjpeg, libtiff,
libheif, PDFium) and Tesseract never run in the process that holds the key.

Protocol: one JSON line on stdin (the job: kind, sizes of the parts,
languages, page indexes, limits), then the parts' bytes back to back. The
answers are JSON lines on stdout: ``{"event": "total"}``, one ``"page"`` per
page read, and ``"done"`` or ``"error"``. Images reach Tesseract on its stdin
as PGM bytes (``tesseract stdin stdout``), so no page is ever written to a
file; pytesseract would write each page to a temporary file, which is why
it is not used.
"""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from typing import IO, Any

from helperdesk.intake.scan import (
    choose_skew,
    parse_osd,
    profile_sharpness,
    read_tsv,
    sideways,
    skew_candidates,
)

# Longest side of a page given to Tesseract: A4 at 300 dpi. Larger phone
# photos are scaled down (more pixels only cost time), smaller ones kept.
MAX_SIDE = 3508
# Pages smaller than this (long side) are enlarged towards MAX_SIDE.
MIN_SIDE = 3000
# Decompression bombs: refuse images larger than this many pixels.
MAX_PIXELS = 80_000_000
RENDER_DPI = 300
# Skew is measured on a small copy of the page: fast, and precise enough.
SKEW_WIDTH = 700
# Mean word confidence below which a page may be upside down: OSD is asked.
LOW_CONFIDENCE = 60.0


class PageError(Exception):
    """A page that cannot be read; its message is one sentence, no content."""


def _emit(out: IO[str], **event: Any) -> None:
    out.write(json.dumps(event) + "\n")
    out.flush()


def _read_job(stdin: IO[bytes]) -> tuple[dict[str, Any], list[bytes]]:
    header = json.loads(stdin.readline())
    parts = [stdin.read(int(size)) for size in header["sizes"]]
    return header, parts


def _open_images(data: bytes) -> Iterator[Any]:
    """Every frame of an image file (multi-page TIFF), oriented by its EXIF tag."""
    from PIL import Image, ImageOps, ImageSequence  # noqa: PLC0415

    try:
        import pillow_heif  # noqa: PLC0415

        pillow_heif.register_heif_opener()
    except ImportError:  # HEIC then fails below with a clear message
        pass
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        for frame in ImageSequence.Iterator(image):
            yield ImageOps.exif_transpose(frame.copy())
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise PageError(f"image unreadable ({type(exc).__name__})") from exc


def _render_pdf_pages(data: bytes, indexes: list[int]) -> Iterator[Any]:
    import pypdfium2  # noqa: PLC0415

    try:
        doc = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise PageError("PDF unreadable") from exc
    try:
        for index in indexes:
            page = doc[index]
            try:
                bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
                yield bitmap.to_pil()
            finally:
                page.close()
    finally:
        doc.close()


def _grey(image: Any) -> Any:
    from PIL import Image  # noqa: PLC0415

    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        white = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(white, image)
    image = image.convert("L")
    longest = max(image.size)
    if longest < MIN_SIDE:
        # Tesseract reads best with letters about 20-30 pixels high: a page
        # photographed or scanned at 150-200 dpi is enlarged to about 300.
        factor = min(2.0, MAX_SIDE / longest)
        image = image.resize((round(image.width * factor), round(image.height * factor)),
                             Image.Resampling.BICUBIC)
    elif longest > MAX_SIDE:
        factor = MAX_SIDE / longest
        image = image.resize((round(image.width * factor), round(image.height * factor)),
                             Image.Resampling.LANCZOS)
    return image


def _even_light(image: Any) -> Any:
    """Flatten uneven light (a shadow, a lamp at one side), then stretch the contrast.

    The paper's brightness is estimated on a coarse grid (text vanishes at
    that scale) and lifted to white; autocontrast then makes ink black.
    """
    from PIL import Image, ImageChops, ImageFilter, ImageOps  # noqa: PLC0415

    small = image.resize((max(1, image.width // 32), max(1, image.height // 32)),
                         Image.Resampling.BOX)
    # The paper is the brightest thing around: a max filter removes the ink.
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.BoxBlur(2))
    paper = paper.resize(image.size, Image.Resampling.BILINEAR)
    lifted = ImageChops.add(image, ImageOps.invert(paper))
    return ImageOps.autocontrast(lifted, cutoff=(1, 0))


def _row_means(image: Any, angle: float) -> list[float]:
    from PIL import Image  # noqa: PLC0415

    turned = image.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=255)
    column = turned.resize((1, turned.height), Image.Resampling.BOX)
    return [float(v) for v in column.getdata()]


def _small_binary(image: Any) -> Any:
    from PIL import Image  # noqa: PLC0415

    scale = SKEW_WIDTH / image.width
    return image.resize((SKEW_WIDTH, max(1, round(image.height * scale))),
                        Image.Resampling.BOX).point(lambda v: 0 if v < 160 else 255)


def _deskew(image: Any) -> tuple[Any, float]:
    from PIL import Image  # noqa: PLC0415

    small = _small_binary(image)
    coarse = choose_skew({a: _row_means(small, a) for a in skew_candidates(5.0, 0.5)})
    fine = choose_skew({round(coarse + a, 2): _row_means(small, coarse + a)
                        for a in skew_candidates(0.5, 0.1)}, min_gain=1.0)
    angle = fine if coarse or fine else 0.0
    if abs(angle) < 0.1:
        return image, 0.0
    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return turned, angle


def _pgm(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")  # mode L is written as binary PGM (P5)
    return buffer.getvalue()


def _tesseract(args: list[str], image: bytes, timeout: float) -> str:
    try:
        done = subprocess.run(["tesseract", "stdin", "stdout", *args], input=image,
                              capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise PageError(f"page took longer than {timeout:.0f} s") from exc
    if done.returncode != 0:
        raise PageError(f"Tesseract failed (exit {done.returncode})")
    return done.stdout.decode("utf-8", "replace")


def _osd(image: Any, timeout: float) -> int:
    """Degrees to turn the page by clockwise, by Tesseract's orientation detection.

    OSD costs about as much as reading the page, so it runs only when a page
    lies on its side or reads badly (upside down).
    """
    try:
        report = _tesseract(["--psm", "0", "-l", "osd"], _pgm(image), timeout)
    except PageError:
        return 0  # too little text to tell: read the page as it is
    return parse_osd(report)


def _recognise(image: Any, langs: str, timeout: float) -> tuple[str, float, int]:
    tsv = _tesseract(["-l", langs, "--psm", "3", "tsv"], _pgm(image), timeout)
    return read_tsv(tsv)


def _turned(image: Any, clockwise: int) -> Any:
    # PIL turns counter-clockwise.
    return image.rotate(-clockwise, expand=True) if clockwise else image


def _lies_sideways(image: Any) -> bool:
    small = _small_binary(image)
    rows = profile_sharpness(_row_means(small, 0.0))
    columns = profile_sharpness(_row_means(small.rotate(90, expand=True), 0.0))
    return sideways(rows, columns)


def read_page(image: Any, job: dict[str, Any]) -> dict[str, Any]:
    """Prepare one page (grey, orientation, skew, light) and read it with Tesseract.

    A page on its side is turned by OSD before reading. A page that reads
    with low confidence is shown to OSD; if OSD says it is upside down (or
    turned), the turned page is read too and the better reading is kept.
    """
    timeout = float(job.get("page_timeout", 60))
    langs = str(job["langs"])
    image = _even_light(_grey(image))
    turn = 0
    if job.get("osd", True) and _lies_sideways(image):
        turn = _osd(image, timeout) or 90
        image = _turned(image, turn)
    image, skew = _deskew(image) if job.get("deskew", True) else (image, 0.0)
    text, confidence, words = _recognise(image, langs, timeout)
    if job.get("osd", True) and (confidence < LOW_CONFIDENCE or words < 5):
        again = _osd(image, timeout)
        if again:
            other = _recognise(_turned(image, again), langs, timeout)
            if other[1] > confidence:
                text, confidence, words = other
                turn = (turn + again) % 360
    return {"text": text, "turned": turn, "skew": round(skew, 2),
            "confidence": round(confidence, 1)}


def _preview(data: bytes, side: int) -> bytes:
    """A PNG of the first page, at most ``side`` pixels long, upright by its EXIF tag."""
    image = next(_open_images(data))
    if image.mode not in ("L", "RGB"):
        image = _grey(image) if image.mode in ("1", "I", "I;16", "F") else image.convert("RGB")
    image.thumbnail((side, side))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def run(stdin: IO[bytes], out: IO[str]) -> int:
    header, parts = _read_job(stdin)
    if header["kind"] == "preview":
        try:
            png = _preview(parts[0], int(header.get("side", 1600)))
        except (PageError, StopIteration) as exc:
            _emit(out, event="error", message=str(exc) or "no page")
            return 0
        _emit(out, event="preview", png=base64.b64encode(png).decode())
        return 0
    if header["kind"] == "pdf":
        indexes = [int(i) for i in header["pages"]]
        sources: list[tuple[int, Iterator[Any]]] = [(0, _render_pdf_pages(parts[0], indexes))]
        total = len(indexes)
    else:
        sources = [(n, _open_images(part)) for n, part in enumerate(parts)]
        indexes = []
        total = len(parts)
    _emit(out, event="total", total=total)
    page_no = 0
    for part, images in sources:
        try:
            for image in images:
                index = indexes[page_no] if indexes else page_no
                try:
                    result = read_page(image, header)
                except PageError as exc:
                    _emit(out, event="page", index=index, part=part, error=str(exc))
                else:
                    _emit(out, event="page", index=index, part=part, **result)
                page_no += 1
        except PageError as exc:
            _emit(out, event="page", index=page_no, part=part, error=str(exc))
            page_no += 1
    _emit(out, event="done")
    return 0


def main() -> None:
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8")
    try:
        code = run(sys.stdin.buffer, out)
    except MemoryError:
        _emit(out, event="error", message="out of memory")
        code = 3
    sys.exit(code)


if __name__ == "__main__":
    main()
