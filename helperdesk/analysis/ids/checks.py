"""Canonical form and check digits of processing IDs.

``canonical`` gives the form IDs are compared in (upper case, no whitespace,
plain dashes); the check-digit functions validate a Steuer-ID (ISO 7064
MOD 11,10), a Rentenversicherungsnummer, a KVNR and an IBAN (ISO 13616 mod 97).
"""

from __future__ import annotations

import re

_WS_RE = re.compile(r"\s+")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-"})


def canonical(value: str) -> str:
    """Canonical form of any processing ID: upper case, no whitespace, plain dashes."""
    return _WS_RE.sub("", value.translate(_DASHES)).upper()


def steuer_id_check_digit(first10: str) -> int:
    """Check digit of a Steuer-ID (ISO 7064 MOD 11,10) for its first ten digits."""
    product = 10
    for ch in first10:
        s = (int(ch) + product) % 10
        if s == 0:
            s = 10
        product = (s * 2) % 11
    check = 11 - product
    return 0 if check == 10 else check


def is_valid_steuer_id(value: str) -> bool:
    """Validate an 11-digit steuerliche Identifikationsnummer (IdNr).

    Rules of the BZSt: first digit not 0; among the first ten digits exactly one
    digit occurs twice or three times and the others at most once (so at least
    one digit is missing); a digit occurring three times must not do so in
    three adjacent positions; the last digit is the MOD 11,10 check digit.
    """
    digits = canonical(value)
    if len(digits) != 11 or not digits.isdigit() or digits[0] == "0":
        return False
    head = digits[:10]
    counts = [head.count(d) for d in "0123456789"]
    repeated = [c for c in counts if c > 1]
    if len(repeated) != 1 or repeated[0] > 3:
        return False
    if repeated[0] == 3:
        for i in range(8):
            if head[i] == head[i + 1] == head[i + 2]:
                return False
    return steuer_id_check_digit(head) == int(digits[10])


def _cross_sum(n: int) -> int:
    return sum(int(c) for c in str(n))


_RV_WEIGHTS = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)


def rv_check_digit(first11: str) -> int:
    """DRV check digit for the first 11 characters (area, DDMMYY, letter, serial)."""
    s = canonical(first11)
    letter = ord(s[8]) - ord("A") + 1
    digits = s[:8] + f"{letter:02d}" + s[9:11]
    return sum(_cross_sum(int(d) * w) for d, w in zip(digits, _RV_WEIGHTS, strict=True)) % 10


def is_valid_rv_nummer(value: str) -> bool:
    """Validate a Rentenversicherungsnummer such as ``12 150780 M 04 3``."""
    s = canonical(value)
    if not re.fullmatch(r"\d{8}[A-Z]\d{3}", s):
        return False
    day, month = int(s[2:4]), int(s[4:6])
    # The day may be raised by 30/60 when a birth date is shared too often is not
    # used in practice any more; accept real calendar days only.
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    return rv_check_digit(s[:11]) == int(s[11])


def kvnr_check_digit(first9: str) -> int:
    """Check digit of a Krankenversichertennummer (letter + 8 digits given)."""
    s = canonical(first9)
    letter = ord(s[0]) - ord("A") + 1
    digits = f"{letter:02d}" + s[1:9]
    total = 0
    for i, d in enumerate(digits):
        total += _cross_sum(int(d) * (1 if i % 2 == 0 else 2))
    return total % 10


def is_valid_kvnr(value: str) -> bool:
    """Validate a 10-character KVNR such as ``A123456780``."""
    s = canonical(value)
    if not re.fullmatch(r"[A-Z]\d{9}", s):
        return False
    return kvnr_check_digit(s[:9]) == int(s[9])


def is_valid_iban(value: str) -> bool:
    """ISO 13616 mod-97 check."""
    s = canonical(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", s):
        return False
    moved = s[4:] + s[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1
