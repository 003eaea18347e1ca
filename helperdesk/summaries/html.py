"""The summary as HTML for a text layout engine (Qt's rich text subset), normal or large print.

Every sentence in the household's language, in its direction, with the German
underneath (always left to right); headings with the agencies' German names.
Only the subset Qt's ``QTextDocument`` understands: block elements with
``dir`` and ``align``, inline ``style`` font sizes and weights, no CSS classes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from helperdesk.summaries.model import Block, Line, Section, Summary


@dataclass(frozen=True)
class Sizes:
    """Font sizes in points."""

    body: float
    german: float
    heading: float
    title: float
    gap: int  # pixels between blocks


NORMAL = Sizes(body=10, german=9, heading=11.5, title=14, gap=6)
LARGE = Sizes(body=16, german=14.5, heading=18, title=22, gap=12)


_NOWRAP = re.compile(r"\S*[-/.@]\S*")


def _unbroken(text: str) -> str:
    """Escaped ``text`` where IDs, addresses and dates with hyphens or slashes never break."""
    parts, last = [], 0
    for m in _NOWRAP.finditer(text):
        parts.append(escape(text[last:m.start()], quote=False))
        parts.append(f'<span style="white-space:nowrap;">{escape(m.group(0), quote=False)}</span>')
        last = m.end()
    parts.append(escape(text[last:], quote=False))
    return "".join(parts)


def _p(text: str, *, rtl: bool, size: float, bold: bool = False, color: str = "#000000",
       top: int = 0, right: bool | None = None) -> str:
    direction = "rtl" if rtl else "ltr"
    align = "right" if (rtl if right is None else right) else "left"
    # Arabic-script fonts have tall line boxes; 80% keeps marks clear and pairs together.
    height = " line-height:80%;" if rtl else ""
    weight = "bold" if bold else "normal"
    return (f'<p dir="{direction}" align="{align}" style="margin-top:{top}px; margin-bottom:0px;'
            f' font-size:{size}pt; font-weight:{weight}; color:{color};{height}">'
            f'{_unbroken(text)}</p>')


class _Page:
    def __init__(self, summary: Summary, sizes: Sizes) -> None:
        self.s = summary
        self.z = sizes
        self.parts: list[str] = []

    def line(self, line: Line, *, size: float | None = None, bold: bool = False,
             top: int = 0) -> None:
        size = size or self.z.body
        bold = bold or line.strong
        self.parts.append(_p(line.local, rtl=self.s.rtl, size=size, bold=bold, top=top))
        if line.german != line.local:
            # The German version, for the counter: left to right, a little smaller.
            # On a right-to-left page it stays on the same side as the line above.
            self.parts.append(_p(line.german, rtl=False, size=size * self.z.german / self.z.body,
                                 bold=bold, color="#333333", right=self.s.rtl))

    def block(self, block: Block) -> None:
        if block.heading:
            # The agency's name as on its letters: German, left to right, in both versions.
            self.parts.append(_p(block.heading, rtl=False, size=self.z.body * 1.05, bold=True,
                                 top=self.z.gap * 2, right=self.s.rtl))
        for i, line in enumerate(block.lines):
            self.line(line, top=self.z.gap if i or not block.heading else 2)

    def section(self, section: Section) -> None:
        self.line(section.title, size=self.z.heading, bold=True, top=self.z.gap * 3)
        for block in section.blocks:
            self.block(block)

    def render(self) -> str:
        self.line(self.s.title, size=self.z.title, bold=True)
        for line in self.s.intro:
            self.line(line, top=self.z.gap)
        for section in self.s.sections:
            self.section(section)
        body = "\n".join(self.parts)
        lang = escape(self.s.language)
        return f'<html lang="{lang}"><body>\n{body}\n</body></html>'


def summary_html(summary: Summary, *, large: bool = False) -> str:
    """The page as HTML; ``large`` for the large-print variant."""
    return _Page(summary, LARGE if large else NORMAL).render()
