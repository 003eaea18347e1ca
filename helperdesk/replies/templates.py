"""German texts for the common answers to an agency; the helper edits them freely.

Each template is a function of ``TemplateFacts`` (dates the letter or case
knows); a date nobody knows stays a visible placeholder ("[Datum]") so that a
draft never silently names a wrong date. The texts are written to the agency and
are therefore German whatever the helper's screen language is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

PLACEHOLDER = "[Datum]"


@dataclass(frozen=True)
class TemplateFacts:
    letter_date: dt.date | None = None  # date of the letter answered (e.g. the Bescheid)
    deadline: dt.date | None = None  # the deadline the letter sets
    objection_deadline: dt.date | None = None  # end of the Widerspruch period
    appointment: dt.datetime | None = None  # the appointment the letter names
    documents: tuple[str, ...] = ()  # names of the enclosed files
    new_deadline: dt.date | None = None  # the date asked for in a Fristverlängerung


def german_date(day: dt.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else PLACEHOLDER


def _documents(f: TemplateFacts) -> str:
    listing = "".join(f"\n- {name}" for name in f.documents) or "\n- [Unterlage]"
    return (
        "anbei übersende ich Ihnen die angeforderten Unterlagen"
        + (f" zu Ihrem Schreiben vom {german_date(f.letter_date)}" if f.letter_date else "")
        + ":" + listing + "\n\nBitte bestätigen Sie mir kurz den Eingang."
    )


def _extension(f: TemplateFacts) -> str:
    asked = f" bis zum {german_date(f.new_deadline)}" if f.new_deadline else " um zwei Wochen"
    return (
        f"in Ihrem Schreiben vom {german_date(f.letter_date)} haben Sie mir eine Frist bis zum "
        f"{german_date(f.deadline)} gesetzt. Die Unterlagen kann ich bis dahin leider nicht "
        f"vollständig beibringen, weil [Grund]. Ich bitte daher, die Frist{asked} zu verlängern."
        "\n\nBitte bestätigen Sie mir die Fristverlängerung kurz schriftlich."
    )


def _file_access(f: TemplateFacts) -> str:
    return (
        "hiermit beantrage ich Akteneinsicht (§ 25 SGB X) in die vollständige Akte zu dem oben "
        "genannten Zeichen. Bitte senden Sie mir eine Kopie der Akte zu oder nennen Sie mir "
        "einen Termin, an dem ich die Akte einsehen kann."
    )


def _when(f: TemplateFacts) -> str:
    if f.appointment is None:
        return f"am {PLACEHOLDER} um [Uhrzeit] Uhr"
    return f"am {f.appointment.strftime('%d.%m.%Y')} um {f.appointment.strftime('%H:%M')} Uhr"


def _confirm(f: TemplateFacts) -> str:
    return f"hiermit bestätige ich den Termin {_when(f)}. Ich werde pünktlich erscheinen."


def _move(f: TemplateFacts) -> str:
    return (
        f"den Termin {_when(f)} kann ich leider nicht wahrnehmen, weil [Grund]. "
        "Ich bitte um einen neuen Termin. Gut möglich sind für mich: [Tage und Uhrzeiten]."
    )


def _objection(f: TemplateFacts) -> str:
    return (
        f"gegen Ihren Bescheid vom {german_date(f.letter_date)} lege ich hiermit fristgerecht "
        f"Widerspruch ein (die Widerspruchsfrist endet am {german_date(f.objection_deadline)})."
        "\n\nBegründung: [Begründung; sie kann auch nachgereicht werden]."
        "\n\nBitte bestätigen Sie mir den Eingang dieses Widerspruchs."
    )


TEMPLATES: dict[str, tuple[str, Callable[[TemplateFacts], str]]] = {
    "unterlagen": ("Unterlagen anbei", _documents),
    "fristverlaengerung": ("Fristverlängerung beantragen", _extension),
    "akteneinsicht": ("Akteneinsicht beantragen", _file_access),
    "termin_bestaetigen": ("Termin bestätigen", _confirm),
    "termin_verlegen": ("Termin verlegen", _move),
    "widerspruch": ("Widerspruch (Gerüst)", _objection),
}


def template_names() -> list[str]:
    return list(TEMPLATES)


def render(name: str, facts: TemplateFacts) -> str:
    """The template's text; ``KeyError`` names an unknown template."""
    if name not in TEMPLATES:
        raise KeyError(name)
    return TEMPLATES[name][1](facts)
