"""Where the new text of a mail ends and its history begins: quotes, forwards, attributions.

Recognises ``>`` lines, "Am … schrieb …:" attributions, forward markers of the
common mail programs, Outlook's "Von:/Gesendet:" blocks and forward subjects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helperdesk.analysis.multiscan import LineScanner
from helperdesk.mail.headers import addresses

_FORWARD_MARKER_RE = re.compile(
    r"^[ \t>]*(?:-{2,}[ \t]*(?:Weitergeleitete Nachricht|Forwarded message|Weitergeleitete E-Mail|"
    r"Weitergeleitete Mail)[ \t]*-{2,}"
    r"|(?:Begin forwarded message|Anfang der weitergeleiteten (?:Nachricht|E-Mail))[ \t]*:?)"
    r"[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_ORIGINAL_MARKER_RE = re.compile(
    r"^[ \t>]*-{2,}[ \t]*(?:Original-?Nachricht|Original Message|Ursprüngliche Nachricht|"
    r"Ursprüngliche Mail|Originalnachricht)[ \t]*-{2,}[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# "Am 03.03.2025 um 10:00 schrieb X:" / "On Mon, 3 Mar 2025 at 10:00, X wrote:";
# clients wrap these, so allow one line break inside.
_ATTRIBUTION_RE = re.compile(
    r"^[ \t]*(?:Am|On)[ \t]+[^\n]{3,100}(?:\n[^\n]{0,100})?(?:schrieb|wrote|a écrit)"
    r"[^\n]{0,100}(?:\n[^\n]{0,80})?:[ \t]*$"
    r"|^[ \t]*[^\n>]{2,100}[ \t]schrieb(?:[ \t]am[ \t][^\n]{3,60})?:[ \t]*$",
    re.MULTILINE,
)
# Outlook header block: "Von: …" then, within a few lines, "Gesendet:/Datum:" and "Betreff:".
_OUTLOOK_FROM_RE = re.compile(r"^[ \t>*]*(?:Von|From)[ \t]*:[ \t]*\S[^\n]*$", re.MULTILINE)
_OUTLOOK_SENT_RE = re.compile(r"^[ \t>*]*(?:Gesendet|Sent|Datum|Date)[ \t]*:", re.MULTILINE)
_OUTLOOK_SUBJ_RE = re.compile(r"^[ \t>*]*(?:Betreff|Subject)[ \t]*:", re.MULTILINE)
_HEADER_FROM_ADDR_RE = re.compile(
    r"^[ \t>*]*(?:Von|From)[ \t]*:[ \t]*(?P<value>[^\n]+)$", re.MULTILINE
)
_FORWARD_SUBJECT_RE = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)*(?:(?:AW|Re|Antw|Aw)\s*:\s*)*(?:WG|Fwd?|Wtr|Weiterl\.?|TR|VS)\s*:",
    re.IGNORECASE,
)


# The history markers only match at line starts; LineScanner jumps from line
# break to line break instead of letting re try every offset (same matches).
_FORWARD_MARKER_SCAN = LineScanner(_FORWARD_MARKER_RE)
_ORIGINAL_MARKER_SCAN = LineScanner(_ORIGINAL_MARKER_RE)
_ATTRIBUTION_SCAN = LineScanner(_ATTRIBUTION_RE)
_OUTLOOK_FROM_SCAN = LineScanner(_OUTLOOK_FROM_RE)
_HEADER_FROM_ADDR_SCAN = LineScanner(_HEADER_FROM_ADDR_RE)


def _outlook_block_start(text: str) -> int | None:
    for m in _OUTLOOK_FROM_SCAN.finditer(text):
        window = text[m.end() : m.end() + 600]
        lines = window.split("\n")[:7]
        head = "\n".join(lines)
        if _OUTLOOK_SENT_RE.search(head) and _OUTLOOK_SUBJ_RE.search(head):
            return m.start()
    return None


@dataclass(frozen=True)
class QuoteSplit:
    new_text: str
    quoted_text: str
    forwarded_text: str
    forward_marker: bool


def split_quoted(text: str, *, forward_subject: bool = False) -> QuoteSplit:
    """Split plain text into the new part and the quoted/forwarded history.

    Everything from the first history marker on is history; ``>`` lines above
    it (interleaved quoting) are history too. History introduced by a forward
    marker, or by an Outlook header block in a mail whose subject marks a
    forward, is also returned as ``forwarded_text``.
    """
    starts: list[tuple[int, str]] = []
    m = _FORWARD_MARKER_SCAN.search(text)
    if m:
        starts.append((m.start(), "forward"))
    m = _ORIGINAL_MARKER_SCAN.search(text)
    if m:
        starts.append((m.start(), "original"))
    m = _ATTRIBUTION_SCAN.search(text)
    if m:
        starts.append((m.start(), "reply"))
    pos = _outlook_block_start(text)
    if pos is not None:
        starts.append((pos, "outlook"))
    marker_pos, marker_kind = min(starts) if starts else (len(text), "")
    head, history = text[:marker_pos], text[marker_pos:]
    new_lines: list[str] = []
    quoted_lines: list[str] = []
    # Without any ">" the per-line loops would give the text back unchanged.
    for line in head.split("\n") if ">" in head else ():
        stripped = line.lstrip()
        if stripped.startswith(">"):
            quoted_lines.append(re.sub(r"^(?:[ \t]*>)+[ \t]?", "", line))
        else:
            new_lines.append(line)
    if ">" not in head:
        new_lines.append(head)
    history_clean = (
        "\n".join(re.sub(r"^(?:[ \t]*>)+[ \t]?", "", line) for line in history.split("\n"))
        if ">" in history
        else history
    )
    quoted = (
        "\n".join([*quoted_lines, history_clean]).strip() if quoted_lines else history_clean.strip()
    )
    is_fwd_marker = marker_kind == "forward"
    forwarded = ""
    if is_fwd_marker or (forward_subject and marker_kind in ("outlook", "original", "reply")):
        forwarded = history_clean.strip()
    return QuoteSplit("\n".join(new_lines).strip(), quoted, forwarded, is_fwd_marker)


def is_forward_subject(subject: str) -> bool:
    """True when the subject marks a forward (WG:, Fwd:, Fw:, Wtr:), also after AW:/[tags]."""
    return bool(_FORWARD_SUBJECT_RE.match(subject))


def history_senders(text: str) -> list[tuple[str, str]]:
    """(name, address) of "Von:/From:" lines in quoted or forwarded header blocks."""
    out: list[tuple[str, str]] = []
    for m in _HEADER_FROM_ADDR_SCAN.finditer(text):
        value = m.group("value").strip().strip("*").strip()
        # Outlook writes "Name [mailto:addr]"; normalise to "Name <addr>".
        value = re.sub(r"\[mailto:([^\]]+)\]", r"<\1>", value)
        pairs = addresses(value)
        if pairs:
            out.extend(pairs)
        else:
            out.append((value, ""))
    return out
