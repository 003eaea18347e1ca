"""CLI: ``case list|rename|set-agency|close|reopen`` (use cases in helperdesk.app.cases)."""

from __future__ import annotations

import argparse

from helperdesk.app.cases import (
    close_case,
    list_cases,
    rename_case,
    reopen_case,
    set_case_agency,
)
from helperdesk.cli.common import CliError, add_json_flag, emit_json, open_store
from helperdesk.model import Case
from i18n import _


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    case = sub.add_parser("case", help=_("list, rename, close and reopen cases"))
    csub = case.add_subparsers(dest="action", required=True, metavar="ACTION")
    ls = csub.add_parser("list", help=_("list cases (all households or one)"))
    ls.add_argument("--household", metavar="NAME", help=_("only this household's cases"))
    add_json_flag(ls)
    ls.set_defaults(func=case_list)
    rn = csub.add_parser("rename", help=_("give a case a new title"))
    rn.add_argument("case_id", type=int, metavar="ID")
    rn.add_argument("title")
    rn.set_defaults(func=case_rename)
    sa = csub.add_parser("set-agency", help=_("give a case an agency of the directory"))
    sa.add_argument("case_id", type=int, metavar="ID")
    sa.add_argument("agency", nargs="?", help=_("the agency's name; leave out to clear it"))
    sa.set_defaults(func=case_set_agency)
    for name, func, text in (("close", case_close, "close a settled case"),
                             ("reopen", case_reopen, "reopen a closed case")):
        p = csub.add_parser(name, help=text)
        p.add_argument("case_id", type=int, metavar="ID")
        p.set_defaults(func=func)


def case_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        household_id = store.households.by_name(args.household).id if args.household else None
        rows = list_cases(store, household_id=household_id)
    if args.json:
        emit_json([r.to_json() for r in rows])
        return 0
    if not rows:
        print(_("No cases yet. Cases start when you file a mail (helperdesk messages, the app)."))
    for r in rows:
        ids = ", ".join(r.ids) or _("no IDs")
        print(f"{r.id:>4}  {r.household}: {r.title}  [{r.agency or _('no agency')}, {r.status}]"
              f"  {ids}")
    return 0


def _done(what: str, case: Case) -> int:
    print(_(
        "Case {id} {what}: {title} ({value}).").format(
        id=case.id, what=what, title=case.title, value=case.status.value))
    return 0


def case_rename(args: argparse.Namespace) -> int:
    if not args.title.strip():
        raise CliError(_("The case title must not be empty."))
    with open_store(args) as store:
        return _done("renamed", rename_case(store, args.case_id, args.title))


def case_set_agency(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        case = set_case_agency(store, args.case_id, args.agency)
    return _done("now has " + (f"agency {args.agency!r}" if args.agency else "no agency"), case)


def case_close(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        return _done("closed", close_case(store, args.case_id))


def case_reopen(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        return _done("reopened", reopen_case(store, args.case_id))
