"""Summaries: the printed page for a household, as content (pure, no I/O beyond catalogs).

Offers ``build_summary`` (open cases, what the latest letter wants, deadlines,
who waits for whom, upcoming appointments, the helper's contact; each line in
the household's language with the German underneath), its input records
(``SummaryInput``, ``CaseFacts``, ``LetterFacts``, ``DueDate``, ``Contact``),
its result (``Summary``, ``Section``, ``Block``, ``Line``), ``summary_html``
(the page as HTML for a text layout engine, normal or large print),
``long_date``/``short_time``/``digits`` (dates written out with the weekday) and
``FONT_DIR``/``FONT_FILES`` (the Noto fonts shipped with the package).
"""

from helperdesk.summaries.build import build_summary
from helperdesk.summaries.dates import digits, long_date, short_time
from helperdesk.summaries.fonts_dir import FONT_DIR, FONT_FAMILIES, FONT_FILES
from helperdesk.summaries.html import summary_html
from helperdesk.summaries.model import (
    Block,
    CaseFacts,
    Contact,
    DueDate,
    LetterFacts,
    Line,
    Section,
    Summary,
    SummaryInput,
)

__all__ = [
    "FONT_DIR", "FONT_FAMILIES", "FONT_FILES", "Block", "CaseFacts", "Contact", "DueDate",
    "LetterFacts", "Line", "Section", "Summary", "SummaryInput", "build_summary", "digits",
    "long_date", "short_time", "summary_html",
]
