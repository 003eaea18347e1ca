"""Linear-time limits checked before HTML reaches the sanitiser (nh3) and mail the MIME parser.

html5ever, the parser under nh3, takes time that grows with the square of
the nesting depth (100,000 nested ``<div>``: about 80 s). One pass over the
text here, with a regular expression that cannot backtrack, measures the
size and the deepest nesting; beyond the limits the HTML is not sanitised
at all: its text is taken by stripping the tags (also one pass) and shown
as plain text. The same idea for MIME: a mail declaring more multipart
boundaries than any real mail has is read by its header only (the standard
library's parser checks every open boundary on every line), and a subject is
cut before analysis reads it.
"""

from __future__ import annotations

import html as html_lib
import re

# Real mail stays far below these.
MAX_BOUNDARIES = 64
MAX_SUBJECT_CHARS = 2000
_BOUNDARY = re.compile(rb"boundary\s*=", re.I)
MAX_HTML_CHARS = 1024 * 1024
MAX_DEPTH = 128

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,15})[^<>]{0,4096}?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "p", "li", "td", "th", "tr", "option"})
# Any tag; [^<>] stops at the next "<", so each character is looked at a bounded
# number of times whatever the input (no backtracking blow-up).
_ANY_TAG = re.compile(r"<[^<>]{0,4096}>")
_DROP = frozenset({"script", "style", "head", "title"})


def too_many_boundaries(raw: bytes) -> bool:
    """Whether ``raw`` declares more multipart boundaries than MAX_BOUNDARIES."""
    if raw.count(b"oundary") <= MAX_BOUNDARIES and raw.count(b"OUNDARY") == 0:
        return False  # the common case, found by a fast byte count
    return any(count >= MAX_BOUNDARIES for count, _ in enumerate(_BOUNDARY.finditer(raw)))


def header_block(raw: bytes, limit: int = 64 * 1024) -> bytes:
    """The header block of a mail (at most ``limit`` bytes), with the blank line after it."""
    window = raw[:limit]
    end = window.find(b"\r\n\r\n")
    end = window.find(b"\n\n") if end < 0 else end
    return window[: end if end >= 0 else len(window)] + b"\r\n\r\n"


def nesting_depth(html: str, stop_at: int = MAX_DEPTH) -> int:
    """The deepest nesting of elements (unclosed ones count), up to ``stop_at`` + 1."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _VOID:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop_at:
                    break
    return deepest


def too_complex(html: str) -> bool:
    """Whether ``html`` is too large or too deeply nested to sanitise safely."""
    return len(html) > MAX_HTML_CHARS or nesting_depth(html) > MAX_DEPTH


def rough_text(html: str) -> str:
    """The text of any HTML in one pass: tags become spaces, lines are kept."""
    html = html[: MAX_HTML_CHARS * 2]
    for name in _DROP:
        html = _without_blocks(html, name)
    text = _ANY_TAG.sub(" ", html)
    lines = (" ".join(line.split()) for line in html_lib.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def _without_blocks(html: str, name: str) -> str:
    """``html`` without <name …> … </name> blocks; str.find only moves forward: linear."""
    lower = html.lower()
    if "<" + name not in lower:
        return html
    out: list[str] = []
    pos = 0
    while (start := lower.find("<" + name, pos)) >= 0:
        out.append(html[pos:start])
        end = lower.find("</" + name, start)
        if end < 0:
            return "".join(out)
        close = lower.find(">", end)
        pos = len(html) if close < 0 else close + 1
    out.append(html[pos:])
    return "".join(out)


def as_plain_html(text: str) -> str:
    """Text shown where sanitised HTML would be: escaped, in one preformatted block."""
    return "<pre>" + html_lib.escape(text) + "</pre>"
