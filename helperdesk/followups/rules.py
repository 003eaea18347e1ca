"""Follow-up rules: dates computed from what the store knows, each with its reason.

- Vollmacht: reminders 30 and 7 days before the household's authorisation
  expires.
- No answer: after an application (Antrag) or objection (Widerspruch) went
  out and nothing came back in that case, a gentle nudge after 4 weeks, and
  the day an Untätigkeitsklage becomes admissible: in social law (§ 88 SGG)
  6 months after an application and 3 months after an objection; in general
  administrative law (§ 75 VwGO) 3 months after either. Where the agency's
  branch of law is unknown the earlier day is shown and the explanation
  names the other rule (the safe choice: look at the case sooner).
- Renewal: 8 weeks before a Bewilligungszeitraum ends, prepare the
  Weiterbewilligungsantrag.

A follow-up's ``key`` names it stably (the calendar UID is made from it).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from helperdesk.model import AgencyKind
from i18n import _

AUTHORISATION_DAYS = (30, 7)
NUDGE_AFTER = dt.timedelta(weeks=4)
RENEWAL_LEAD = dt.timedelta(weeks=8)

# Branches of law by agency kind: who hears an Untätigkeitsklage.
_SOCIAL = frozenset({AgencyKind.JOBCENTER, AgencyKind.RENTENVERSICHERUNG,
                     AgencyKind.KRANKENKASSE, AgencyKind.SOZIALAMT})
_ADMINISTRATIVE = frozenset({AgencyKind.AUSLAENDERBEHOERDE, AgencyKind.WOHNGELDSTELLE,
                             AgencyKind.BUERGERBUERO})


class SentKind(StrEnum):
    APPLICATION = "application"  # Antrag
    OBJECTION = "objection"  # Widerspruch


@dataclass(frozen=True)
class FollowUp:
    key: str
    household_id: int
    date: dt.date
    title: str
    explanation: tuple[str, ...]
    case_id: int | None = None
    message_id: int | None = None
    group: str = ""  # follow-ups of one group replace each other as time passes


def _fmt(d: dt.date) -> str:
    return d.strftime("%d.%m.%Y")


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day where it has none (§ 188 BGB)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def authorisation_follow_ups(household_id: int, expires: dt.date) -> list[FollowUp]:
    group = f"vollmacht-{household_id}-{expires.isoformat()}"
    out = []
    for days in AUTHORISATION_DAYS:
        out.append(FollowUp(
            key=f"{group}-{days}", group=group, household_id=household_id,
            date=expires - dt.timedelta(days=days),
            title=_("Authorisation (Vollmacht) expires on {date}").format(date=_fmt(expires)),
            explanation=(
                _("The household's authorisation is valid until {date}.").format(
                    date=_fmt(expires)),
                _("Reminder {n} days before: ask the household to sign a new one, or agencies "
                  "may stop answering you.").format(n=days),
            ),
        ))
    return out


_OBJECTION = re.compile(r"\bwiderspruch\b|\bwidersprech\w*|\beinspruch\b",
                        re.IGNORECASE)
_APPLICATION = re.compile(
    r"\bantrag\b|\bbeantrag\w*|\w+antrag\b|\bantrag auf\b|\bstelle\w* (?:ich|wir) (?:hiermit )?"
    r"(?:einen|den)\b", re.IGNORECASE)


def sent_kind(subject: str, text: str) -> SentKind | None:
    """Whether an outgoing letter is an objection or an application (objection first)."""
    head = f"{subject}\n{text[:3000]}"
    if _OBJECTION.search(head):
        return SentKind.OBJECTION
    if _APPLICATION.search(head):
        return SentKind.APPLICATION
    return None


def _inaction_months(kind: SentKind, agency: AgencyKind | None) -> tuple[int, str]:
    if agency in _SOCIAL:
        return (6, _("§ 88 Abs. 1 SGG: six months after an application")) \
            if kind is SentKind.APPLICATION \
            else (3, _("§ 88 Abs. 2 SGG: three months after an objection"))
    if agency in _ADMINISTRATIVE:
        return (3, _("§ 75 VwGO: three months after an application or objection"))
    return (3, _("§ 75 VwGO: three months (in social-law matters § 88 SGG allows a suit only "
                 "six months after an application)"))


def unanswered_follow_ups(
    household_id: int,
    message_id: int,
    sent: dt.date,
    kind: SentKind,
    *,
    agency: AgencyKind | None = None,
    case_id: int | None = None,
) -> list[FollowUp]:
    group = f"answer-{message_id}"
    what = _("application") if kind is SentKind.APPLICATION else _("objection")
    first = _("The {what} went out on {date} and nothing has come back in this case.").format(
        what=what, date=_fmt(sent))
    nudge = sent + NUDGE_AFTER
    months, rule = _inaction_months(kind, agency)
    suit = add_months(sent, months)
    return [
        FollowUp(
            key=f"{group}-nudge", group=group, household_id=household_id, date=nudge,
            case_id=case_id, message_id=message_id,
            title=_("No answer to the {what} of {date}: ask how it stands").format(
                what=what, date=_fmt(sent)),
            explanation=(first, _("After four weeks ({date}) a friendly inquiry is "
                                  "reasonable.").format(date=_fmt(nudge))),
        ),
        FollowUp(
            key=f"{group}-suit", group=group, household_id=household_id, date=suit,
            case_id=case_id, message_id=message_id,
            title=_("No decision on the {what} of {date}: Untätigkeitsklage possible").format(
                what=what, date=_fmt(sent)),
            explanation=(first, rule, _("{n} months after {sent}: {date}; get advice before "
                                        "going to court.").format(
                n=months, sent=_fmt(sent), date=_fmt(suit))),
        ),
    ]


def renewal_follow_up(
    household_id: int, period_end: dt.date, *, case_id: int | None = None,
    message_id: int | None = None,
) -> FollowUp:
    date = period_end - RENEWAL_LEAD
    group = f"renewal-{household_id}-{period_end.isoformat()}"
    return FollowUp(
        key=group, group=group, household_id=household_id, date=date, case_id=case_id,
        message_id=message_id,
        title=_("Prepare the Weiterbewilligungsantrag (period ends {date})").format(
            date=_fmt(period_end)),
        explanation=(
            _("The Bewilligungszeitraum ends on {date}.").format(date=_fmt(period_end)),
            _("Eight weeks before ({date}) is the time to collect the documents and apply, "
              "so that payments do not stop.").format(date=_fmt(date)),
        ),
    )


def current(follow_ups: Iterable[FollowUp], today: dt.date) -> list[FollowUp]:
    """What to show today: in each group the latest one already due plus those to come."""
    by_group: dict[str, list[FollowUp]] = {}
    for f in follow_ups:
        by_group.setdefault(f.group or f.key, []).append(f)
    out: list[FollowUp] = []
    for items in by_group.values():
        items.sort(key=lambda f: f.date)
        due = [f for f in items if f.date <= today]
        out.extend(([due[-1]] if due else []) + [f for f in items if f.date > today])
    out.sort(key=lambda f: (f.date, f.key))
    return out
