"""Pages of a PDF as raw RGB pixels, for a viewer that must not parse PDFs itself.

Runs only inside a sandbox worker (``helperdesk.app.sandbox``): the app's
process receives plain pixel rows, which need no parser. Never raises: a PDF
that cannot be rendered gives fewer (or no) pages.
"""

from __future__ import annotations

from dataclasses import dataclass

# A page larger than this many pixels is rendered smaller (a poster-sized
# page at viewing scale would take hundreds of megabytes).
MAX_PIXELS = 4_000_000


@dataclass(frozen=True)
class RenderedPage:
    width: int
    height: int
    stride: int
    rgb: bytes  # 24-bit RGB rows, ``stride`` bytes each


def render_pdf_pages(data: bytes, *, scale: float = 1.5, max_pages: int = 50) -> list[RenderedPage]:
    """Render up to ``max_pages`` pages at ``scale`` (1.0 = 72 dpi)."""
    import pypdfium2 as pdfium  # noqa: PLC0415 (only sandbox workers load the engine)

    pages: list[RenderedPage] = []
    try:
        doc = pdfium.PdfDocument(data)
    except Exception:
        return pages
    try:
        for index in range(min(len(doc), max_pages)):
            try:
                page = doc[index]
                width, height = page.get_size()
                factor = scale
                if width * height * scale * scale > MAX_PIXELS:
                    factor = (MAX_PIXELS / max(width * height, 1.0)) ** 0.5
                bitmap = page.render(scale=factor, rev_byteorder=True)
                try:
                    pil_free = bytes(bitmap.buffer)
                    pages.append(RenderedPage(bitmap.width, bitmap.height, bitmap.stride,
                                              pil_free))
                finally:
                    bitmap.close()
                    page.close()
            except Exception:  # noqa: S112 (one broken page must not hide the others)
                continue
    finally:
        doc.close()
    return pages
