"""CLI: ``deadlines`` (list) and ``deadline confirm|done|dismiss|move|add``."""

from __future__ import annotations

import argparse

from helperdesk.app import deadlines as uc
from helperdesk.app.followups import FollowUpItem, follow_ups
from helperdesk.cli.common import add_json_flag, emit_json, open_store
from helperdesk.model import DeadlineStatus
from i18n import N_, _

_STATUS = {DeadlineStatus.DONE: N_("done"), DeadlineStatus.DISMISSED: N_("dismissed")}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ls = sub.add_parser("deadlines", help=_("list deadlines (open and confirmed by default)"))
    ls.add_argument("--household", metavar="NAME", help=_("only this household's"))
    ls.add_argument("--status", default="open", choices=uc.STATUS_CHOICES,
                    help=_("open (default), done, dismissed or all"))
    ls.add_argument("--include-suggested", action="store_true",
                    help=_("also deadlines suggested by analysis and not confirmed yet"))
    ls.add_argument("--follow-ups", action="store_true",
                    help=_(
                        "also follow-ups: unanswered letters, expiring authorisations, "
                        "renewals"))
    add_json_flag(ls)
    ls.set_defaults(func=deadlines_list)

    one = sub.add_parser("deadline", help=_("confirm, finish, dismiss, move or add a deadline"))
    osub = one.add_subparsers(dest="action", required=True, metavar="ACTION")
    for action, text in (("confirm", "the suggested date is right"),
                         ("done", "what the deadline asked for has happened"),
                         ("dismiss", "not a real deadline: remove it from the lists")):
        p = osub.add_parser(action, help=text)
        p.add_argument("id", type=int)
        add_json_flag(p)
        p.set_defaults(func=deadline_change, change=action)
    mv = osub.add_parser("move", help=_("give a deadline a new date (and time)"))
    mv.add_argument("id", type=int)
    mv.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    mv.add_argument("--time", metavar="HH:MM")
    add_json_flag(mv)
    mv.set_defaults(func=deadline_move)
    add = osub.add_parser("add", help=_("enter a deadline by hand"))
    add.add_argument("--household", required=True, metavar="NAME")
    add.add_argument("--case", type=int, metavar="ID", help=_("the case it belongs to"))
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--time", metavar="HH:MM")
    add.add_argument("--kind", required=True, choices=uc.KIND_CHOICES)
    add.add_argument("--title", required=True, metavar="TEXT")
    add_json_flag(add)
    add.set_defaults(func=deadline_add)


def _line(it: uc.DeadlineItem) -> str:
    d = it.deadline
    when = d.date.isoformat() + (d.time.strftime(" %H:%M") if d.time else "")
    marks = []
    if not d.confirmed:
        marks.append(_("suggested"))
    if d.status.value != "open":
        marks.append(_(_STATUS.get(d.status, d.status.value)))
    if it.past_when_imported:
        marks.append(_("past (imported)"))
    extra = f"  [{', '.join(marks)}]" if marks else ""
    who = " – ".join(x for x in (it.view.household, it.view.agency) if x)
    return f"{d.id:>5}  {when:<16}  {it.title}" + (f"  ({who})" if who else "") + extra


def deadlines_list(args: argparse.Namespace) -> int:
    status = uc.parse_status(args.status)
    with open_store(args) as store:
        items = uc.list_deadlines(store, household=args.household, status=status,
                                  include_suggested=args.include_suggested)
        extra: list[FollowUpItem] = []
        if args.follow_ups and status in (None, DeadlineStatus.OPEN):
            hid = store.households.by_name(args.household).id if args.household else None
            extra = follow_ups(store, household_id=hid)
    if args.json:
        rows = [it.to_json() for it in items] + [f.to_json() for f in extra]
        rows.sort(key=lambda r: str(r["date"]))
        emit_json(rows)
    elif not items and not extra:
        print(_("No deadlines.") if args.include_suggested else
              _("No deadlines. (Suggested ones are shown with --include-suggested.)"))
    else:
        for it in items:
            print(_line(it))
        for f in extra:
            print(f"    -  {f.follow_up.date.isoformat():<16}  {f.follow_up.title}"
                  f"  ({f.household})  [{_('follow-up')}]")
    return 0


def _report(args: argparse.Namespace, it: uc.DeadlineItem, verb: str) -> int:
    if args.json:
        emit_json(it.to_json())
    else:
        print(_("{verb}: {line}").format(verb=verb, line=_line(it).strip()))
    return 0


def deadline_change(args: argparse.Namespace) -> int:
    actions = {"confirm": (uc.confirm, _("Confirmed")), "done": (uc.mark_done, _("Done")),
               "dismiss": (uc.dismiss, _("Dismissed"))}
    func, verb = actions[args.change]
    with open_store(args) as store:
        it = func(store, args.id)
    return _report(args, it, verb)


def deadline_move(args: argparse.Namespace) -> int:
    date, time = uc.parse_date(args.date), uc.parse_time(args.time)
    with open_store(args) as store:
        it = uc.move(store, args.id, date, time)
    return _report(args, it, _("Moved"))


def deadline_add(args: argparse.Namespace) -> int:
    date, time = uc.parse_date(args.date), uc.parse_time(args.time)
    kind = uc.parse_kind(args.kind)
    with open_store(args) as store:
        it = uc.add(store, household=args.household, case_id=args.case, date=date, time=time,
                    kind=kind, title=args.title)
    return _report(args, it, _("Added"))
