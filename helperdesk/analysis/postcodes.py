"""Bundesland from a German postcode (PLZ), by its first two digits – safe where ambiguous.

A postcode region (Leitregion, the first two digits) mostly lies in one Land;
where a region crosses a Land border (01 Sachsen/Brandenburg, 14 Berlin/
Brandenburg, 21 Hamburg/Niedersachsen/Schleswig-Holstein, …) the answer is
None: an unknown Land counts only nationwide holidays, which gives the earlier,
safe deadline. Data table plus a lookup; pure.
"""

from __future__ import annotations

import re

__all__ = ["postcode_state", "postcodes_in"]

# Regions that lie in one Land only. Regions not listed cross a border (or do not exist).
_REGION_STATE: dict[str, str] = {
    "02": "SN", "08": "SN", "09": "SN",
    "10": "BE", "12": "BE", "13": "BE",
    "15": "BB", "16": "BB",
    "18": "MV",
    "20": "HH",
    "24": "SH", "25": "SH",
    "26": "NI", "30": "NI", "31": "NI",
    "32": "NW", "33": "NW", "40": "NW", "41": "NW", "42": "NW", "44": "NW", "45": "NW",
    "46": "NW", "47": "NW", "50": "NW", "51": "NW", "52": "NW", "58": "NW", "59": "NW",
    "35": "HE", "60": "HE", "61": "HE", "64": "HE",
    "39": "ST",
    "54": "RP", "55": "RP", "56": "RP", "67": "RP",
    "70": "BW", "71": "BW", "72": "BW", "73": "BW", "74": "BW", "75": "BW", "77": "BW",
    "78": "BW", "79": "BW",
    "80": "BY", "81": "BY", "82": "BY", "83": "BY", "84": "BY", "85": "BY", "86": "BY",
    "87": "BY", "90": "BY", "91": "BY", "92": "BY", "93": "BY", "94": "BY", "95": "BY",
    "98": "TH", "99": "TH",
}  # fmt: skip

_POSTCODE = re.compile(r"(?<![\d/.,-])(?:D-\s?)?(\d{5})\s+[A-ZÄÖÜ][a-zäöüß]")


def postcode_state(postcode: str) -> str | None:
    """The Land of a five-digit postcode, or None when unknown or on a Land border."""
    digits = postcode.strip().removeprefix("D-").strip()
    if len(digits) != 5 or not digits.isdigit():
        return None
    return _REGION_STATE.get(digits[:2])


def postcodes_in(text: str) -> list[str]:
    """Postcodes written before a place name ("80335 München"), in text order."""
    return [m.group(1) for m in _POSTCODE.finditer(text)]
