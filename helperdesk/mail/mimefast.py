"""A faster parse of ordinary mails that gives exactly what the stdlib parser gives.

``email.message_from_bytes`` feeds every body line through Python code, and
for each multipart it compiles a regular expression from that part's boundary
(~0.15 ms, never cached: boundaries are unique). For an ordinary mail most of
that work only copies text. Here only header blocks go through the stdlib
parser (same headers, same defects); bodies are attached as they are, and
multipart bodies are cut at their delimiter lines following the stdlib's own
rules (RFC 2046: the line break before a delimiter belongs to it; preamble and
epilogue kept). Whatever is not plainly ordinary returns None and the caller
takes the full parser: bare CR line ends, a header block with a stray line,
message/* parts, multipart/digest, a missing or doubled delimiter, an unusual
transfer encoding on a multipart, deep nesting.

Tests compare every header, payload, preamble, epilogue and defect with the
stdlib's result on the corpus and on generated mails.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import re
from email.message import Message

_HEADERS = email.parser.Parser(policy=email.policy.compat32)

# The end of a header block: the first empty line, LF or CRLF style.
_HEADER_END_RE = re.compile(r"\r?\n\r?\n")
# What may follow "--boundary" on a delimiter line (the stdlib's pattern, less the boundary).
_DELIMITER_TAIL_RE = re.compile(r"(?P<end>--)?[ \t]*(?:\r\n|\n)?")
# One line ending at the end of a text.
_EOL_END_RE = re.compile(r"(?:\r\n|\n)\Z")
_MAX_DEPTH = 8


def parse_fast(raw: bytes) -> Message | None:
    """``raw`` parsed like ``message_from_bytes(raw, policy=compat32)``, or None."""
    if raw.count(b"\r") != raw.count(b"\r\n"):
        return None  # old Mac line ends: the parser splits lines differently
    # The stdlib parser reads bytes as ASCII with surrogate escapes too.
    return _entity(raw.decode("ascii", "surrogateescape"), 0, in_multipart=False)


def _entity(text: str, depth: int, *, in_multipart: bool) -> Message | None:
    """One entity (a mail or a part); inside a multipart the line break that
    ends ``text`` belongs to the next delimiter, not to the entity."""
    if text.startswith("\n") or text.startswith("\r\n"):
        head, body = "", text[text.index("\n") + 1 :]
    else:
        end = _HEADER_END_RE.search(text)
        if end is None:
            return None
        head, body = text[: end.end()], text[end.end() :]
    # Headers only: a multipart's body is cut here, not by the parser.
    msg = _HEADERS.parsestr(head, headersonly=True)
    if msg.get_payload() != "":
        return None  # a non-header line inside the block began the body early
    maintype = msg.get_content_maintype()
    if maintype == "message":
        return None
    if maintype != "multipart":
        msg.set_payload(_strip_end_eol(body) if in_multipart else body)
        return msg
    if depth >= _MAX_DEPTH or msg.get_content_type() == "multipart/digest":
        return None
    boundary = msg.get_boundary()
    if not boundary or str(msg.get("content-transfer-encoding", "8bit")).lower() not in (
        "7bit", "8bit", "binary"
    ):
        return None
    if not _fill_multipart(msg, body, "--" + boundary, depth):
        return None
    if in_multipart:
        if msg.epilogue == "":
            msg.epilogue = None
        elif msg.epilogue is not None:
            msg.epilogue = _strip_end_eol(msg.epilogue)
    return msg


def _delimiters(body: str, separator: str) -> list[tuple[int, int, bool]]:
    """(line start, line end, is the close delimiter) of each delimiter line."""
    found = []
    pos = body.find(separator)
    while pos >= 0:
        if pos == 0 or body[pos - 1] == "\n":
            eol = body.find("\n", pos)
            line_end = len(body) if eol < 0 else eol + 1
            tail = _DELIMITER_TAIL_RE.fullmatch(body, pos + len(separator), line_end)
            if tail is not None:
                found.append((pos, line_end, tail.group("end") is not None))
                if tail.group("end"):
                    break  # the rest is epilogue, whatever it holds
        pos = body.find(separator, pos + 1)
    return found


def _fill_multipart(msg: Message, body: str, separator: str, depth: int) -> bool:
    delimiters = _delimiters(body, separator)
    if len(delimiters) < 2 or not delimiters[-1][2]:
        return False  # no parts, or no close delimiter: the parser notes a defect
    msg.set_payload([])  # the parts go here
    first = delimiters[0][0]
    if first:
        # The line break before a delimiter belongs to it (RFC 2046).
        msg.preamble = _strip_end_eol(body[:first])
    for (_, start, _), (end, _, _) in itertools.pairwise(delimiters):
        if start == end:
            return False  # two delimiter lines in a row: the parser skips one
        part = _entity(body[start:end], depth + 1, in_multipart=True)
        if part is None:
            return False
        msg.attach(part)
    # Everything after the close delimiter line is epilogue ("" if nothing).
    msg.epilogue = body[delimiters[-1][1] :]
    return True


def _strip_end_eol(text: str) -> str:
    end = _EOL_END_RE.search(text)
    return text[: end.start()] if end else text
