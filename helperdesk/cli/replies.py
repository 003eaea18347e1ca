"""CLI: ``reply``, ``check``, ``audit`` and ``outbox`` — answering agencies the right way.

``reply`` writes the draft to ``--out`` (else keeps it in the store's Outbox as
a draft) or sends it with ``--send``; ``check`` runs the draft checks on any
.eml (exit 0 whether or not it finds problems); ``audit`` lists outgoing mail
that needs attention; ``outbox`` lists and retries what did not go out;
``waits`` links a case to another agency's case it waits for a document from.
"""

from __future__ import annotations

import argparse
import mimetypes
import sys
from pathlib import Path

from helperdesk.app import audit as audit_uc
from helperdesk.app import case_waits
from helperdesk.app import outbox as outbox_uc
from helperdesk.app.replies import ReplyError, check_mail, make_reply, resolve_message
from helperdesk.cli.common import CliError, add_json_flag, emit_json, open_store
from helperdesk.replies.mime import OutgoingFile
from helperdesk.replies.templates import template_names
from i18n import _

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rep = sub.add_parser("reply", help=_("answer a stored agency letter (draft or --send)"))
    rep.add_argument("message", metavar="MESSAGE_ID",
                     help=_("stored id or Message-ID of the letter (or of a household's forward)"))
    text = rep.add_mutually_exclusive_group()
    text.add_argument("--text", default="", help=_("your text"))
    text.add_argument("--text-file", metavar="F", help=_("read your text from this UTF-8 file"))
    rep.add_argument("--template", choices=template_names(), help=_("start from a German template"))
    rep.add_argument("--attach", action="append", default=[], metavar="FILE")
    rep.add_argument("--attach-message", action="append", default=[], type=int, metavar="ID",
                     help=_("attach a stored letter (its files) from any case"))
    rep.add_argument("--account", help=_("send from this account"))
    rep.add_argument("--out", metavar="FILE.eml", help=_("write the draft here"))
    rep.add_argument("--send", action="store_true", help=_("send it now"))
    add_json_flag(rep)
    rep.set_defaults(func=reply)

    chk = sub.add_parser("check", help=_("check a draft before sending (forward, ID, thread …)"))
    chk.add_argument("file", metavar="FILE.eml")
    add_json_flag(chk)
    chk.set_defaults(func=check)

    aud = sub.add_parser("audit", help=_("outgoing mail that needs attention"))
    aud.add_argument("--household", help=_("only this household"))
    add_json_flag(aud)
    aud.set_defaults(func=audit)

    out = sub.add_parser("outbox", help=_("mail waiting to go out; 'outbox retry' sends again"))
    out.add_argument("action", nargs="?", choices=["retry"])
    add_json_flag(out)
    out.set_defaults(func=outbox)

    wait = sub.add_parser("waits", help=_("cases that wait for a document from another agency"))
    wsub = wait.add_subparsers(dest="action", required=True, metavar="ACTION")
    wadd = wsub.add_parser("add", help=_("this case waits for a document from another case"))
    wadd.add_argument("--case", type=int, required=True, help=_("the case that waits"))
    wadd.add_argument("--for-case", type=int, required=True, help=_("the case that must deliver"))
    wadd.add_argument("--document", required=True, help=_("e.g. 'Bescheinigung'"))
    wadd.add_argument("--letter", type=int, help=_("the stored letter that asks for it"))
    wadd.add_argument("--days", type=int, help=_("follow up after this many days (default 14)"))
    add_json_flag(wadd)
    wadd.set_defaults(func=waits_add)
    wls = wsub.add_parser("list", help=_("open links (with --all also the done ones)"))
    wls.add_argument("--household")
    wls.add_argument("--case", type=int)
    wls.add_argument("--all", action="store_true")
    add_json_flag(wls)
    wls.set_defaults(func=waits_list)
    wdone = wsub.add_parser("done", help=_("the document arrived or is no longer needed"))
    wdone.add_argument("id", type=int)
    wdone.set_defaults(func=waits_done)


def _files(paths: list[str]) -> list[OutgoingFile]:
    files = []
    for name in paths:
        path = Path(name)
        if not path.is_file():
            raise CliError(_(
                "{path}: no such file.").format(
                path=path))
        if path.stat().st_size > MAX_ATTACHMENT_BYTES:
            raise CliError(_(
                "{path}: larger than {value} MB.").format(
                path=path, value=MAX_ATTACHMENT_BYTES // 2**20))
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        files.append(OutgoingFile(path.name, mime, path.read_bytes()))
    return files


def _text(args: argparse.Namespace) -> str:
    if args.text_file:
        try:
            return Path(args.text_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(_(
                "{text_file}: cannot read it as UTF-8 text ({exc}).").format(
                text_file=args.text_file, exc=exc)) from None
    return str(args.text)


def reply(args: argparse.Namespace) -> int:
    text, files = _text(args), _files(args.attach)
    with open_store(args) as store:
        try:
            result = make_reply(store, resolve_message(store, args.message), text=text,
                                template=args.template, files=files,
                                attach_messages=args.attach_message,
                                account_name=args.account)
        except ReplyError as exc:
            raise CliError(str(exc)) from None
        sent: bool | str = False
        if args.out:
            Path(args.out).write_bytes(result.raw)
        if args.send:
            if not result.recipients:
                raise CliError(_("No recipient known for this agency; nothing was sent."))
            entry = outbox_uc.keep(store, result, status="queued")
            assert entry.id is not None
            try:
                outcome = outbox_uc.send(store, entry.id)
            except outbox_uc.OutboxError as exc:
                raise CliError(str(exc)) from None
            sent = outcome.status in ("sent", "accepted")
            if not sent:
                print(_(
                    "helperdesk: not sent, kept in the outbox: {error}").format(
                    error=outcome.error),
                      file=sys.stderr)
        elif not args.out:
            outbox_uc.keep(store, result, status="draft")
    if args.json:
        emit_json(result.to_json(sent))
    else:
        print(_(
            "To: {value}").format(
            value=result.draft.to or _("(unknown: ask the agency for its address)")))
        print(_(
            "Subject: {subject}").format(
            subject=result.draft.subject))
        where = "sent" if sent else (args.out or "kept as a draft in the outbox")
        print(_(
            "Message-ID: {message_id} ({where})").format(
            message_id=result.message_id, where=where))
        for p in result.problems:
            print(f"! {p.code}: {p.message}")
    return 0 if sent or not args.send else 1


def check(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CliError(_(
            "{path}: no such file.").format(
            path=path))
    raw = path.read_bytes()
    if not raw.strip():
        raise CliError(_(
            "{path}: the file is empty.").format(
            path=path))
    with open_store(args) as store:
        result = check_mail(store, raw)
    if args.json:
        emit_json(result.to_json())
        return 0
    print(_(
        "Household: {household}; case: {case}").format(
        household=result.household or "-", case=result.case or "-"))
    if not result.problems:
        print(_("No problems found."))
    for p in result.problems:
        print(f"! {p.code}: {p.message}")
    return 0


def audit(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        household = store.households.by_name(args.household) if args.household else None
        result = audit_uc.audit(store, household.id if household else None)
    if args.json:
        emit_json(result.to_json())
        return 0
    print(_(
        "Checked {checked} mail(s); {n} need attention.").format(
        checked=result.checked, n=len(result.items)))
    for item in result.items:
        day = (item.date or "")[:10]
        print(f"#{item.message} {day} {item.household or _('unfiled')}: {item.subject}")
        for p in item.problems:
            print(f"   ! {p.code}: {p.message}")
    return 0


def outbox(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        if args.action == "retry":
            outcomes = outbox_uc.retry(store)
            if args.json:
                emit_json([o.to_json() for o in outcomes])
            else:
                for o in outcomes:
                    print(f"#{o.entry_id}: {o.status}{' — ' + o.error if o.error else ''}")
            return 0 if all(o.status == "sent" for o in outcomes) else 1
        entries = store.outbox.list_all()
    if args.json:
        emit_json([e.to_json() for e in entries])
        return 0
    if not entries:
        print(_("The outbox is empty."))
    for e in entries:
        print(f"#{e.id} [{e.status}] {e.subject} → {', '.join(e.recipients) or '-'}"
              f"{' — ' + e.error if e.error else ''}")
    return 0


def waits_add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        try:
            view = case_waits.link(store, args.case, args.for_case, args.document,
                                   letter_ref=args.letter, days=args.days)
        except case_waits.WaitError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        emit_json(view.to_json())
    else:
        print(_(
            "#{id}: {text}; follow up on {follow_up:%d.%m.%Y}.").format(
            id=view.id, text=view.text, follow_up=view.follow_up))
    return 0


def waits_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        household = store.households.by_name(args.household) if args.household else None
        views = case_waits.waits(store, case_id=args.case,
                                 household_id=household.id if household else None,
                                 include_done=args.all)
    if args.json:
        emit_json([v.to_json() for v in views])
        return 0
    if not views:
        print(_("No case waits for another."))
    for v in views:
        state = "done" if v.done else ("follow up now" if v.due else
                                       f"follow up on {v.follow_up:%d.%m.%Y}")
        print(_(
            "#{id} case {waiting_case} {text} ({state})").format(
            id=v.id, waiting_case=v.waiting_case, text=v.text, state=state))
    return 0


def waits_done(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        case_waits.mark_done(store, args.id)
    print(_(
        "Link #{id} is done.").format(
        id=args.id))
    return 0
