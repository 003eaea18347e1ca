"""Hits of the ID scan and the file numbers found by shape: Aktenzeichen and court file numbers.

An Aktenzeichen is taken after its label (or on an agency's reference line)
when its value has the shapes agencies write; court file numbers (S 12 AS 345/26)
are recognised by their register letters, never when a text cites a decision.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from helperdesk.analysis.ids.candidates import (
    Excluded,
    Text,
    free,
    matches,
    overlaps,
)
from helperdesk.analysis.ids.checks import (
    canonical,
    is_valid_iban,
)
from helperdesk.analysis.ids.patterns import (
    AMOUNT_RE,
    AZ_GAP_RE,
    AZ_JOIN_RE,
    AZ_LABEL_NEAR_RE,
    AZ_LABEL_RE,
    AZ_SPACE_CHUNK_RE,
    AZ_VALUE_RE,
    CITATION_RE,
    CONTINUED_LINE_RE,
    COURT_ADM_RE,
    COURT_BY_RE,
    COURT_CONTEXT_RE,
    COURT_PREFIX_RE,
    COURT_SOC_RE,
    DATE_ONLY_RE,
    NOT_VALUE_WORDS,
    PHONE_SHAPE_RE,
    YOUR_LABEL_RE,
)
from helperdesk.model import Found, IdKind, ProcessingId


class Lazy:
    """A yes/no answer computed on first use (most texts never need it)."""

    __slots__ = ("_compute", "_value")

    def __init__(self, compute: Callable[[], object]) -> None:
        self._compute = compute
        self._value: bool | None = None

    def __call__(self) -> bool:
        if self._value is None:
            self._value = bool(self._compute())
        return self._value


@dataclass
class Hit:
    start: int
    end: int
    pid: ProcessingId
    priority: int  # lower wins when spans overlap


def make_pid(value: str, kind: IdKind, raw: str, label: str, found_in: Found) -> ProcessingId:
    return ProcessingId(
        value=canonical(value), kind=kind, raw=" ".join(raw.split()), label=label, found_in=found_in
    )


def label_before(text: str, start: int, rx: re.Pattern[str], window: int) -> str:
    """The last label matched by ``rx`` within ``window`` characters before ``start``."""
    lo = max(0, start - window)
    found = ""
    for m in rx.finditer(text, lo, start):
        found = m.group(0)
    return found


def _is_citation(text: str, start: int) -> bool:
    before = text[max(0, start - 70) : start]
    # Only the current clause matters: cut at a sentence end or a line break,
    # unless the line obviously continues ("Urteil vom 12.05.2009 -⏎B 14 …").
    cuts = [before.rfind("\n\n"), before.rfind(". "), before.rfind(";")]
    nl = before.rfind("\n")
    if nl >= 0 and not CONTINUED_LINE_RE.search(before[:nl]):
        cuts.append(nl)
    cut = max(cuts)
    if cut >= 0:
        before = before[cut:]
    return bool(CITATION_RE.search(before))


def court_hits(
    text: str, found_in: Found, excluded: Excluded, starts: Sequence[list[int]]
) -> list[Hit]:
    """Court Aktenzeichen; ``starts``: where each of the three patterns can match."""
    hits: list[Hit] = []
    soc, by, adm = starts
    for m in matches(COURT_SOC_RE, text, soc):
        if not free(text, m.start(), "/.§") or overlaps(m.span(), excluded):
            continue
        labelled = bool(AZ_LABEL_NEAR_RE.search(text[max(0, m.start() - 60) : m.start()]))
        if _is_citation(text, m.start()) and not labelled:
            continue
        # BSG numbers are nearly always cited case law; take them only after a label.
        if m.group("court") == "B" and not labelled:
            continue
        label = "Aktenzeichen" if labelled else ""
        hits.append(
            Hit(*m.span(), make_pid(m.group(0), IdKind.COURT_AZ, m.group(0), label, found_in), 1)
        )
    for rx, rx_starts in ((COURT_BY_RE, by), (COURT_ADM_RE, adm)):
        for m in matches(rx, text, rx_starts):
            start = m.start()
            # "VG 9 L 199/24": the court's prefix belongs to the Aktenzeichen.
            prefix = COURT_PREFIX_RE.search(text, max(0, start - 4), start)
            if rx is COURT_ADM_RE and prefix:
                start = prefix.start()
            if not free(text, start, "/.§") or overlaps((start, m.end()), excluded):
                continue
            before = text[max(0, start - 80) : start]
            labelled = bool(AZ_LABEL_NEAR_RE.search(before))
            if not (labelled or prefix or COURT_CONTEXT_RE.search(before)):
                continue
            if _is_citation(text, start) and not labelled:
                continue
            label = "Aktenzeichen" if labelled else ""
            raw = text[start : m.end()]
            found = make_pid(raw, IdKind.COURT_AZ, raw, label, found_in)
            hits.append(Hit(start, m.end(), found, 1))
    return hits


def _valid_az_value(value: str) -> bool:
    v = value.strip()
    if len(v) < 4 or len(v) > 40 or not any(c.isdigit() for c in v):
        return False
    if DATE_ONLY_RE.fullmatch(v) or AMOUNT_RE.fullmatch(v):
        return False
    if PHONE_SHAPE_RE.fullmatch(v) and sum(c.isdigit() for c in v) >= 7:
        return False
    if is_valid_iban(v):
        return False
    digits = sum(c.isdigit() for c in v)
    # Pure numbers must be long enough to identify something (not "Zimmer 12").
    return not (v.isdigit() and digits < 4)


def _az_value_at(text: str, pos: int) -> str:
    """The Aktenzeichen starting at ``pos``: chunks joined by "/", "-" or single
    spaces, as long as a space-joined chunk looks like part of a reference
    (capitals or digits, e.g. "IV B 12-4711/25") and is not a stop word or date."""
    vm = AZ_VALUE_RE.match(text, pos)
    if not vm:
        return ""
    end = vm.end()
    spaced = False
    while True:
        nxt = AZ_SPACE_CHUNK_RE.match(text, end)
        if not nxt:
            joined = AZ_JOIN_RE.match(text, end) if spaced else None
            if joined is None:
                break
            end, spaced = joined.end(), False
            continue
        chunk = nxt.group("chunk")
        if chunk.upper() in NOT_VALUE_WORDS or DATE_ONLY_RE.fullmatch(chunk):
            break
        end, spaced = nxt.end(), True
    value = text[pos:end]
    # Drop a trailing piece that is really the next field ("1234/25 - vom").
    parts = re.split(r"([ \u00a0]?[/\-\u2013][ \u00a0]?)", value)
    while len(parts) > 1 and parts[-1].upper() in NOT_VALUE_WORDS:
        parts = parts[:-2]
    return "".join(parts).rstrip(".:-/ ")


def _az_anchors(t: Text) -> Iterator[tuple[int, int, bool]]:
    """The spans of ``re.finditer("zeichen|az|gz|gesch", low)`` (the earliest
    occurrence at or after the previous one's end; no two words start alike),
    each with whether no other occurrence starts in its label window."""
    found = sorted((i, i + len(w)) for w, starts in t.anchors.items() for i in starts)
    pos = 0
    for k, (a, b) in enumerate(found):
        if a >= pos:
            alone = (k == 0 or found[k - 1][0] < a - 20) and (
                k + 1 == len(found) or found[k + 1][0] >= b + 8
            )
            yield a, b, alone
            pos = b


def az_hits(
    t: Text,
    found_in: Found,
    excluded: Excluded,
    weak_labels: Callable[[], bool],
    agency_text: Callable[[], bool] = lambda: False,
) -> list[Hit]:
    text = t.text
    hits: list[Hit] = []
    seen: set[int] = set()
    lowb = t.lowb
    for a_start, a_end, alone in _az_anchors(t):
        # Every label holds an anchor, and the only ones holding "az" or "gz" start
        # with it and go on with "." or a non-word character, or have a space
        # before it ("Ihr Az"). So "az"/"gz" inside a word ("dazu", "Platzes"),
        # with no other anchor in the window, has no label around it.
        if (
            alone
            and a_end - a_start == 2
            and lowb[a_start - 1 : a_start].isalnum()
            and lowb[a_end : a_end + 1].isalnum()
        ):
            continue
        # The label containing this anchor (not an earlier one in the window). The
        # label pattern looks neither before its start nor past the window's end,
        # so searching the lower-cased window is searching ``low`` within it.
        w_start = max(0, a_start - 20)
        window = t.lower(w_start, a_end + 8)
        lo, lm = 0, None
        while True:
            lm = AZ_LABEL_RE.search(window, lo)
            if lm is None or lm.end() + w_start > a_start:
                break
            lo = lm.end()
        if lm is None:
            continue
        l_start, l_end = lm.start() + w_start, lm.end() + w_start
        if l_start in seen:
            continue
        seen.add(l_start)
        if lm.group("weak") and not weak_labels():
            continue
        if YOUR_LABEL_RE.match(window, lm.start()) and agency_text():
            continue  # "Ihr Zeichen" in a letter an agency wrote: the household's own
        if l_start and not free(t.lower(l_start - 1, l_start), 1):
            continue
        if window[lm.start() : lm.start() + 2] in ("az", "gz") and text[l_start] not in "AG":
            continue  # the short labels are written with a capital: "Az.", "AZ", "GZ"
        label = " ".join(
            text[
                l_start : (lm.end("strong") if lm.group("strong") else lm.end("weak")) + w_start
            ].split()
        )
        # The gap takes at most one line break: the piece up to the second one
        # (kept, so the pattern sees where the text goes on) matches as ``low`` does.
        nl = text.find("\n", l_end)
        nl = text.find("\n", nl + 1) if nl >= 0 else -1
        gap = AZ_GAP_RE.match(t.lower(l_end, len(text) if nl < 0 else nl + 1))
        pos = l_end + gap.end() if gap else l_end
        # A court Az after the label is a court_az (handled by court_hits).
        head = text[pos : pos + 40]
        if COURT_SOC_RE.match(head) or COURT_BY_RE.match(head) or COURT_ADM_RE.match(head):
            continue
        value = _az_value_at(text, pos)
        if not value:
            continue
        if value.upper() in NOT_VALUE_WORDS:
            continue
        # A value directly followed by ":" is the next label, not a value.
        after = text[pos + len(value) : pos + len(value) + 2]
        if after.startswith(":") and not after[1:2].isdigit():
            continue
        if after[:1] in ",." and after[1:2].isdigit():
            continue  # cut off inside a number such as an amount "1.234,56"
        if not _valid_az_value(value):
            continue
        span = (pos, pos + len(value))
        if overlaps(span, excluded):
            continue
        hits.append(Hit(*span, make_pid(value, IdKind.AKTENZEICHEN, value, label, found_in), 5))
    return hits
