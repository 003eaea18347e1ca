"""HTML mail made safe and readable.

Sanitised with nh3 for display (no remote content), converted to text for analysis.
"""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser

import nh3

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "tr",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "address",
        "section",
        "article",
        "header",
        "footer",
        "hr",
        "dt",
        "dd",
    }
)
_KEEP_TAGS = _BLOCK_TAGS | {
    "br",
    "td",
    "th",
    "a",
    "span",
    "b",
    "i",
    "strong",
    "em",
    "u",
    "font",
    "img",
    "thead",
    "tbody",
    "tfoot",
    "center",
    "small",
    "sup",
    "sub",
    "dl",
    "code",
    "body",
}


class _TextBuilder(HTMLParser):
    """Collects text from sanitised HTML; block ends become line breaks and
    ``<blockquote>`` content is prefixed with "> " like a plain-text quote."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.quote_depth = 0
        self.line_depth = 0

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        prefix = "> " * self.line_depth
        if text or not self.lines or self.lines[-1] != prefix.rstrip():
            self.lines.append((prefix + text).rstrip())
        self.current = []
        self.line_depth = self.quote_depth

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._flush()
        elif tag in ("td", "th"):
            self.current.append("  ")
        elif tag in _BLOCK_TAGS:
            if "".join(self.current).strip():
                self._flush()
            else:
                self.current = []
            if tag == "blockquote":
                self.quote_depth += 1
            self.line_depth = self.quote_depth

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag == "blockquote" and self.quote_depth:
                self.quote_depth -= 1
                self.line_depth = self.quote_depth

    def handle_data(self, data: str) -> None:
        if not self.current:
            self.line_depth = self.quote_depth
        self.current.append(data)

    def text(self) -> str:
        self._flush()
        out = "\n".join(self.lines)
        return re.sub(r"\n{3,}", "\n\n", out).strip()


def sanitise_html(html: str) -> str:
    """HTML safe to display: no scripts, no remote resources, only mailto links."""
    return nh3.clean(html, url_schemes={"mailto"}, strip_comments=True)


def html_to_text(html: str) -> str:
    """Plain text of HTML after nh3 sanitising; <br>, <p>, <div>, <tr>, <li> end lines."""
    try:
        clean = nh3.clean(
            html,
            tags=set(_KEEP_TAGS),
            clean_content_tags={"script", "style", "title", "head"},
            attributes={},
            url_schemes=set(),
            strip_comments=True,
            link_rel=None,
        )
    except Exception:  # nh3 rejects nothing in practice; never let it break parsing
        clean = html_lib.escape(re.sub(r"<[^>]*>", " ", html))
    builder = _TextBuilder()
    try:
        builder.feed(clean)
        builder.close()
    except Exception:
        return " ".join(html_lib.unescape(re.sub(r"<[^>]*>", " ", clean)).split())
    return builder.text()


# ---------------------------------------------------------------------------
# Quote / forward recognition
# ---------------------------------------------------------------------------

