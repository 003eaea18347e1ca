"""The passphrase rule: how strong a new store passphrase must be, and why one is refused.

One rule for ``helperdesk init``, ``helperdesk passphrase change`` and the
first-run wizard: the ``zxcvbn`` estimator must score it at least
``MIN_SCORE`` (3 of 4: "safely unguessable", about 10^10 guesses). A refusal
says in plain words what makes it easy to guess ("1234" is a common password).
Passphrases of the demo or of tests never pass through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zxcvbn import zxcvbn

from i18n import _

MIN_SCORE = 3
# zxcvbn's time grows with the length; a passphrase of 100 characters is judged
# on its first 100 (anything that long and not a repeat scores 4 anyway).
_MAX_JUDGED = 100


@dataclass(frozen=True)
class Strength:
    """zxcvbn's score (0–4), whether it is enough, and the reason in plain words."""

    score: int
    acceptable: bool
    reason: str


class WeakPassphrase(ValueError):
    """A new passphrase was refused; the message says why and what to do instead."""


def _weakness(patterns: Sequence[str], dictionary_ranks: Sequence[int]) -> str:
    if "dictionary" in patterns and dictionary_ranks and min(dictionary_ranks) <= 1000:
        return _("it is one of the passwords people use most, and those are tried first")
    if "repeat" in patterns:
        return _("it repeats the same characters, which is easy to guess")
    if "sequence" in patterns:
        return _("it is a simple sequence like 1234 or abcd")
    if "spatial" in patterns:
        return _("it is a row of neighbouring keys like qwertz")
    if "date" in patterns:
        return _("it is mostly a date, and dates are easy to guess")
    if "dictionary" in patterns:
        return _("it is made of a few common words or names")
    return _("it is too short")


def rate(passphrase: str, related: Sequence[str] = ()) -> Strength:
    """Judge a new passphrase; ``related`` are words a guesser would try first (names)."""
    if not passphrase:
        return Strength(0, False, _("Please type a passphrase."))
    result = zxcvbn(passphrase[:_MAX_JUDGED], user_inputs=[w for w in related if w])
    score = int(result["score"])
    if score >= MIN_SCORE:
        return Strength(score, True, "")
    matches = result["sequence"]
    why = _weakness(
        [str(m["pattern"]) for m in matches],
        [int(m["rank"]) for m in matches if m.get("pattern") == "dictionary" and "rank" in m],
    )
    reason = _(
        "Too easy to guess: {why}. Use four or more ordinary words that only you would "
        "put together, e.g. a short sentence."
    ).format(why=why)
    return Strength(score, False, reason)


def require_strong(passphrase: str, related: Sequence[str] = ()) -> None:
    """Raise ``WeakPassphrase`` (a one-line reason) unless ``passphrase`` is strong enough."""
    strength = rate(passphrase, related)
    if not strength.acceptable:
        raise WeakPassphrase(strength.reason)
