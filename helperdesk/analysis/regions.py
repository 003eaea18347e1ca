"""German federal states (Bundesländer) and the household languages HelperDesk supports."""

from __future__ import annotations

STATES: dict[str, str] = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}

# Languages summaries are printed in; right-to-left ones need mirrored layout.
LANGUAGES: dict[str, str] = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "tr": "Türkçe",
    "uk": "Українська",
    "ru": "Русский",
}
RTL_LANGUAGES = frozenset({"ar", "fa"})


def parse_state(code: str) -> str:
    value = code.strip().upper()
    if value not in STATES:
        raise ValueError(
            f"unknown Bundesland code {code!r}; use one of: {', '.join(STATES)}"
        )
    return value


def parse_language(code: str) -> str:
    value = code.strip().lower()
    if value not in LANGUAGES:
        raise ValueError(f"unsupported language {code!r}; use one of: {', '.join(LANGUAGES)}")
    return value
