"""CLI: ``household`` and ``agency`` commands."""

from __future__ import annotations

import argparse
from typing import Any

from helperdesk.analysis.agency_kinds import display_name, parse_kind
from helperdesk.analysis.regions import STATES, parse_language, parse_state
from helperdesk.analysis.wording import agency_kind_name
from helperdesk.cli import agency_proposals
from helperdesk.cli.common import CliError, add_json_flag, emit_json, open_store
from helperdesk.model import Agency, Household
from i18n import _
from storage.store import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    hh = sub.add_parser("household", help=_("add, list and show households"))
    hsub = hh.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = hsub.add_parser("add", help=_("add a household"))
    add.add_argument("name")
    add.add_argument("--language", default="de", help=_("language code for summaries (default de)"))
    add.add_argument("--state", help=_("Bundesland code: {value}").format(value=', '.join(STATES)))
    add.set_defaults(func=household_add)
    ls = hsub.add_parser("list", help=_("list households"))
    add_json_flag(ls)
    ls.set_defaults(func=household_list)
    show = hsub.add_parser("show", help=_("show one household with its cases"))
    show.add_argument("name")
    add_json_flag(show)
    show.set_defaults(func=household_show)

    ag = sub.add_parser("agency", help=_("list and add agencies"))
    asub = ag.add_subparsers(dest="action", required=True, metavar="ACTION")
    als = asub.add_parser("list", help=_("list agencies"))
    add_json_flag(als)
    als.set_defaults(func=agency_list)
    aadd = asub.add_parser("add", help=_("add an agency"))
    aadd.add_argument("name")
    aadd.add_argument("--kind", required=True, help=_("jobcenter, auslaenderbehoerde, …"))
    aadd.add_argument("--email", action="append", default=[], metavar="ADDR_OR_DOMAIN")
    aadd.add_argument("--state", help=_("Bundesland code of the agency's seat"))
    aadd.set_defaults(func=agency_add)
    agency_proposals.register_actions(asub)


def _household_json(h: Household) -> dict[str, Any]:
    return {"id": h.id, "name": h.name, "language": h.language, "state": h.state}


def household_add(args: argparse.Namespace) -> int:
    try:
        language = parse_language(args.language)
        state = parse_state(args.state) if args.state else None
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if not args.name.strip():
        raise CliError(_("The household name must not be empty."))
    with open_store(args) as store:
        h = store.households.add(Household(name=args.name, language=language, state=state))
    print(_("Added household {name!r} (id {id}).").format(name=h.name, id=h.id))
    return 0


def household_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        households = store.households.list_all()
    if args.json:
        emit_json([_household_json(h) for h in households])
    elif not households:
        print(_("No households yet. Add one with: helperdesk household add NAME"))
    else:
        for h in households:
            print(f"{h.id:>4}  {h.name}  [{h.language}{', ' + h.state if h.state else ''}]")
    return 0


def _show_json(store: Store, h: Household) -> dict[str, Any]:
    assert h.id is not None
    agencies = {a.id: a for a in store.agencies.list_all()}
    cases = []
    for c in store.cases.for_household(h.id):
        agency = agencies.get(c.agency_id) if c.agency_id else None
        cases.append(
            {
                "id": c.id,
                "title": c.title,
                "status": c.status.value,
                "agency": agency.name if agency else None,
                "processing_ids": [{"kind": p.kind.value, "value": p.value}
                                   for p in c.processing_ids],
            }
        )
    doc = _household_json(h)
    doc.update(
        members=[{"name": m.name, "relation": m.relation,
                  "birth_date": m.birth_date.isoformat() if m.birth_date else None}
                 for m in h.members],
        notes=h.notes,
        authorisation=h.authorisation,
        authorisation_expires=h.authorisation_expires.isoformat()
        if h.authorisation_expires else None,
        cases=cases,
        messages=store.messages.count(household_id=h.id),
        open_deadlines=len(store.deadlines.matching(household_id=h.id)),
    )
    return doc


def household_show(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        doc = _show_json(store, store.households.by_name(args.name))
    if args.json:
        emit_json(doc)
        return 0
    print(_(
        "{name}  (id {id}, language {language}, state {value})").format(
        name=doc['name'], id=doc['id'], language=doc['language'], value=doc['state'] or '-'))
    if doc["authorisation"] or doc["authorisation_expires"]:
        print(_(
            "  Authorisation: {value} (expires {value2})").format(
            value=doc['authorisation'] or '-', value2=doc['authorisation_expires'] or _('never')))
    for m in doc["members"]:
        print(_("  Member: {name} {relation}").format(
            name=m["name"], relation=m["relation"]).rstrip())
    print(_(
        "  Messages: {messages}, open deadlines: {open_deadlines}").format(
        messages=doc['messages'], open_deadlines=doc['open_deadlines']))
    for c in doc["cases"]:
        ids = ", ".join(f"{p['kind']} {p['value']}" for p in c["processing_ids"]) or _("no IDs")
        print(_(
            "  Case {id}: {title} ({value}, {status}) — {ids}").format(
            id=c['id'],
            title=c['title'],
            value=c['agency'] or _('no agency'),
            status=c['status'],
            ids=ids))
    return 0


def agency_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        agencies = store.agencies.list_all()
    if args.json:
        emit_json([{"id": a.id, "name": a.name, "kind": a.kind.value,
                    "kind_name": display_name(a.kind), "emails": a.emails, "state": a.state}
                   for a in agencies])
    elif not agencies:
        print(_("No agencies yet. Add one with: helperdesk agency add NAME --kind KIND"))
    else:
        for a in agencies:
            mails = ", ".join(a.emails) or "no addresses"
            print(f"{a.id:>4}  {a.name}  [{agency_kind_name(a.kind)}]  {mails}")
    return 0


def agency_add(args: argparse.Namespace) -> int:
    try:
        kind = parse_kind(args.kind)
        state = parse_state(args.state) if args.state else None
    except ValueError as exc:
        raise CliError(str(exc)) from None
    for e in args.email:
        if " " in e.strip() or not e.strip() or "." not in e:
            raise CliError(_("{e!r} is not a mail address or domain.").format(e=e))
    with open_store(args) as store:
        a = store.agencies.add(Agency(name=args.name, kind=kind, emails=args.email, state=state))
    print(_(
        "Added agency {name!r} ({value}, id {id}).").format(
        name=a.name, value=agency_kind_name(a.kind), id=a.id))
    return 0
