"""Use case: show a stored mail's HTML and a PDF's pages without parsing them here.

The app's process holds the store key, so the HTML of a mail is sanitised and
a PDF's pages are rendered in the shared sandbox (``helperdesk.app.sandbox``);
what comes back is sanitised HTML text and plain pixel rows. A mail or PDF
that ends its worker simply shows no HTML or no pages.
"""

from __future__ import annotations

from helperdesk.app import sandbox
from helperdesk.app.sandbox import SandboxFailure
from helperdesk.mail.pdfrender import RenderedPage

# Pages at twice 72 dpi: sharp on screen, about 1.6 MB of pixels per A4 page.
VIEW_SCALE = 2.0
MAX_VIEW_PAGES = 50


def display_html(raw: bytes) -> str | None:
    """The mail's HTML, sanitised in the sandbox; None if it has none or cannot be read."""
    try:
        html = sandbox.shared().call("html", raw)
    except SandboxFailure:
        return None
    return html if isinstance(html, str) else None


def pdf_pages(data: bytes, *, scale: float = VIEW_SCALE) -> list[RenderedPage]:
    """The PDF's pages as pixels, rendered in the sandbox; [] if it cannot be shown."""
    try:
        pages = sandbox.shared().call("render", data, scale, MAX_VIEW_PAGES)
    except SandboxFailure:
        return []
    return [p for p in pages if isinstance(p, RenderedPage)
            and len(p.rgb) >= p.stride * p.height and p.stride >= p.width * 3]


def warm_up() -> None:
    """Start the sandbox workers now, so the first mail shown does not wait for them."""
    sandbox.shared().start()
