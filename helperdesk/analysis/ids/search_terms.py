"""Search terms for processing IDs: the same hits whatever the spacing.

People type "83502 BG 0047113" or "83502BG0047113", and letters print either.
The full-text index splits text into words at spaces and punctuation, so the
two spellings are different words there. ``query_groups`` turns what a person
typed into groups of alternatives: a run of words that together look like an
ID is brought to its canonical form (``checks.canonical``: no spaces, upper
case) and then spelled every way the index can hold it, split or not at each
change between letters and digits. Both spellings of an ID give the same
alternatives, so they find the same mails; the words as typed are always one
of the alternatives, so nothing found before is lost. Pure: text in, words out.
"""

from __future__ import annotations

import itertools
import re

from helperdesk.analysis.ids.checks import canonical

# A word of the index: letters and digits (unicode61 splits at everything else, "_" too).
WORD = re.compile(r"[^\W_]+")
# A chunk (between spaces) that may be part of an ID: letters, digits, - / . only.
_ID_CHUNK = re.compile(r"[^\W_]+(?:[-/.][^\W_]+)*")
_DIGIT = re.compile(r"\d")
# Letters between digits, or digits between letters.
_PIECES = re.compile(r"\d+|[^\W\d_]+")
# An ID spelled with more breaks than this is searched joined and fully split only
# (2**MAX_BREAKS alternatives at most).
MAX_BREAKS = 5
# Words of letters only that may belong to an ID ("BG", "AS", "K"), not ordinary words.
SHORT_LETTERS = 3
MIN_DIGITS = 4

Alternative = tuple[str, ...]  # words that must all be in a mail
Group = list[Alternative]  # one of them must match


def _id_like(chunk: str) -> bool:
    if not _ID_CHUNK.fullmatch(chunk):
        return False
    return bool(_DIGIT.search(chunk)) or len(chunk) <= SHORT_LETTERS


def _spellings(word: str) -> list[Alternative]:
    """``word`` joined, split at each letter/digit change, and every mix of both."""
    pieces = _PIECES.findall(word)
    if len(pieces) <= 1:
        return [(word,)]
    breaks = len(pieces) - 1
    if breaks > MAX_BREAKS:
        return [(word,), tuple(pieces)]
    spellings: list[Alternative] = []
    for cuts in itertools.product((False, True), repeat=breaks):
        words, current = [], pieces[0]
        for cut, piece in zip(cuts, pieces[1:], strict=True):
            if cut:
                words.append(current)
                current = piece
            else:
                current += piece
        words.append(current)
        spellings.append(tuple(words))
    return spellings


def _id_group(chunks: list[str]) -> Group:
    """All spellings of the ID written as ``chunks``, plus the words as typed."""
    words = WORD.findall(canonical("".join(chunks)))
    per_word = [_spellings(w) for w in words]
    if sum(len(s) for s in per_word) > 2 ** MAX_BREAKS:
        per_word = [s[:1] + s[-1:] if len(s) > 1 else s for s in per_word]
    alternatives = {tuple(itertools.chain.from_iterable(combo))
                    for combo in itertools.product(*per_word)}
    alternatives.add(tuple(canonical(w) for c in chunks for w in WORD.findall(c)))
    return sorted(alternatives, key=lambda a: (len(a), a))


def _is_id(chunks: list[str]) -> bool:
    digits = sum(len(_DIGIT.findall(c)) for c in chunks)
    if digits < MIN_DIGITS:
        return False
    if len(chunks) > 1:
        return True
    # One chunk: an ID only if it mixes letters and digits (else nothing to respell).
    return len(_PIECES.findall(chunks[0])) > 1


def query_groups(text: str) -> list[Group]:
    """What a person typed as groups: every group must match, by one of its alternatives.

    An ordinary word is a group of one alternative of one word; a run of words
    that looks like an ID is one group with all its spellings.
    """
    groups: list[Group] = []
    chunks = text.split()
    i = 0
    while i < len(chunks):
        j = i
        while j < len(chunks) and _id_like(chunks[j]):
            j += 1
        run = chunks[i:j]
        if run and _is_id(run):
            groups.append(_id_group(run))
            i = j
            continue
        # Not an ID: the first chunk's words one by one, then look again after it.
        groups += [[(w,)] for w in WORD.findall(chunks[i])]
        i += 1
    return groups
