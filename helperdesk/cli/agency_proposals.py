"""CLI: ``agency propose`` and ``agency accept`` (use cases in helperdesk.app.agencies)."""

from __future__ import annotations

import argparse

from helperdesk.analysis.agency_kinds import display_name
from helperdesk.app.agencies import accept_proposal, pending_proposals, proposal_for_message
from helperdesk.cli.common import CliError, add_json_flag, emit_json, open_store
from i18n import _


def register_actions(asub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``propose`` and ``accept`` to the ``agency`` command's actions."""
    pr = asub.add_parser("propose", help=_("agencies named in your mail but not in the directory"))
    pr.add_argument("--message", type=int, metavar="ID", help=_("only for this message"))
    add_json_flag(pr)
    pr.set_defaults(func=agency_propose)
    ac = asub.add_parser("accept", help=_("add the agency proposed for a message"))
    ac.add_argument("message_id", type=int, metavar="MESSAGE_ID")
    ac.add_argument("--name", help=_("a different name for the agency"))
    ac.set_defaults(func=agency_accept)


def agency_propose(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        if args.message is not None:
            one = proposal_for_message(store, args.message)
            found = [(args.message, one)] if one is not None else []
        else:
            found = pending_proposals(store)
    if args.json:
        emit_json([{"message_id": mid, **p.to_json()} for mid, p in found])
        return 0
    if not found:
        print(_("No agencies to propose: every agency your mail names is in the directory."))
    for mid, p in found:
        where = ", ".join(p.emails) or "no address"
        state = p.state or "Bundesland unknown"
        print(_(
            "message {mid}: {name} [{value}] {where} ({state})  → helperdesk agency accept "
            "{mid}").format(
            mid=mid, name=p.name, value=display_name(p.kind), where=where, state=state))
    return 0


def agency_accept(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        try:
            done = accept_proposal(store, args.message_id, name=args.name)
        except ValueError as exc:
            raise CliError(str(exc)) from None
    a = done.agency
    verb = _("Added agency") if done.created else _("Agency already there:")
    linked = _("; case {case_id} now has this agency").format(
        case_id=done.case_id) if done.case_id else ""
    print(_(
        "{verb} {name} ({value}, id {id}){linked}.").format(
        verb=verb, name=repr(a.name), value=display_name(a.kind), id=a.id, linked=linked))
    return 0
