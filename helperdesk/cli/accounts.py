"""CLI: ``account add|edit|list|remove|test`` — the mail accounts HelperDesk syncs and sends from.

Passwords go to the OS keyring, or inside the encrypted store when no keyring
is usable; they are read from stdin (``--password-stdin``) or an unechoed
prompt, never from the command line where other users could see them.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from helperdesk.cli.common import CliError, add_json_flag, emit_json, open_store
from i18n import _
from storage.accounts import Account
from storage.store import Store
from sync.connection import (
    SECURITY_CHOICES,
    check_account,
    check_login,
    normalise_fingerprint,
)
from sync.credentials import forget_password, load_password, save_password
from sync.errors import NoPassword, SyncError
from sync.providers import DEFAULT_PORTS
from sync.smtp import check_smtp, settings_for


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    acc = sub.add_parser("account", help=_("add, list, edit, test and remove mail accounts"))
    asub = acc.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = asub.add_parser("add", help=_("add an IMAP account"))
    add.add_argument("name", help=_("a short name for the account, e.g. 'familie-yilmaz'"))
    add.add_argument("--host", required=True, help=_("IMAP server, e.g. imap.gmx.net"))
    add.add_argument("--port", type=int, help=_("default 993 for ssl, 143 for starttls/none"))
    add.add_argument("--user", required=True, help=_("login name, usually the e-mail address"))
    add.add_argument("--security", choices=SECURITY_CHOICES, default="ssl",
                     help=_("ssl (implicit TLS, default), starttls, or none (loopback only)"))
    add.add_argument("--allow-insecure", action="store_true",
                     help=_("allow --security none to a host that is not this computer"))
    add.add_argument("--password-stdin", action="store_true",
                     help=_("read the password from the first line of standard input"))
    add.add_argument("--household", help=_("file this account's mail to this household"))
    add.add_argument("--folder", action="append", default=[], metavar="FOLDER",
                     help=_("folder to sync (repeatable; default: INBOX and the Sent folder)"))
    add.add_argument("--pin-fingerprint", metavar="SHA256",
                     help=_("trust exactly the server certificate with this SHA-256 fingerprint"))
    _smtp_options(add)
    add.set_defaults(func=account_add)

    edit = asub.add_parser("edit", help=_("change an account's server settings"))
    edit.add_argument("name")
    edit.add_argument("--host")
    edit.add_argument("--port", type=int)
    edit.add_argument("--user")
    edit.add_argument("--security", choices=SECURITY_CHOICES)
    edit.add_argument("--pin-fingerprint", metavar="SHA256",
                      help=_("trust exactly the server certificate with this SHA-256 "
                             "fingerprint (check it with your provider first; asks to confirm)"))
    edit.add_argument("--yes", action="store_true",
                      help=_("confirm a new pin without a question (scripts); you checked it"))
    _smtp_options(edit)
    edit.set_defaults(func=account_edit)

    ls = asub.add_parser("list", help=_("list accounts (never passwords)"))
    add_json_flag(ls)
    ls.set_defaults(func=account_list)

    rm = asub.add_parser("remove", help=_("remove an account and its stored password"))
    rm.add_argument("name")
    rm.set_defaults(func=account_remove)

    test = asub.add_parser("test", help=_("connect, log in and list the account's folders"))
    test.add_argument("name")
    add_json_flag(test)
    test.set_defaults(func=account_test)


def _smtp_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--smtp-host", help=_("SMTP server for sending (default: the provider's, "
                                                "else the IMAP host)"))
    parser.add_argument("--smtp-port", type=int, help=_("default 465 for ssl, 587 for starttls"))
    parser.add_argument("--smtp-security", choices=SECURITY_CHOICES,
                        help=_("ssl (implicit TLS), starttls, or none (loopback only)"))
    parser.add_argument("--files-sent", choices=["yes", "no"],
                        help=_("the provider files sent mail in Sent itself (no copy is added)"))


def _apply_smtp(account: Account, args: argparse.Namespace) -> None:
    if args.smtp_host is not None:
        account.smtp_host = args.smtp_host.strip() or None
    if args.smtp_port is not None:
        account.smtp_port = args.smtp_port
    if args.smtp_security is not None:
        account.smtp_security = args.smtp_security
    if args.files_sent is not None:
        account.files_sent = args.files_sent == "yes"
    try:
        check_smtp(account, settings_for(account))
    except SyncError as exc:
        raise CliError(str(exc)) from None


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        password = password.removesuffix("\r")
    elif sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(_(
            "Password for {user} on {host}: ").format(
            user=args.user, host=args.host))
    else:
        raise CliError(
            _("No password given: pipe it in with --password-stdin or run in a terminal.")
        )
    if not password:
        raise CliError(_("The password must not be empty; no account was added."))
    return password


def account_add(args: argparse.Namespace) -> int:
    if not args.name.strip():
        raise CliError(_("The account name must not be empty."))
    try:
        pin = normalise_fingerprint(args.pin_fingerprint) if args.pin_fingerprint else None
        account = Account(
            name=args.name.strip(), host=args.host.strip(),
            port=args.port or DEFAULT_PORTS[args.security], security=args.security,
            username=args.user, folders=list(dict.fromkeys(args.folder)),
            allow_insecure=args.allow_insecure, pin_fingerprint=pin,
        )
        check_account(account)
    except SyncError as exc:
        raise CliError(str(exc)) from None
    _apply_smtp(account, args)
    password = _read_password(args)
    with open_store(args) as store:
        if args.household:
            account.household_id = store.households.by_name(args.household).id
        store.accounts.add(account)
        try:
            where = save_password(store, account, password)
        except BaseException:
            assert account.id is not None
            store.accounts.remove(account.id)
            raise
    place = (_("the keyring") if where == "keyring"
             else _("the encrypted store (no usable keyring on this computer)"))
    print(_(
        "Added account {name!r}; its password is kept in {place}.").format(
        name=account.name, place=place))
    return 0


def account_edit(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        account = store.accounts.by_name(args.name)
        for attr, value in (("host", args.host), ("port", args.port), ("username", args.user),
                            ("security", args.security)):
            if value is not None:
                setattr(account, attr, value)
        try:
            if args.pin_fingerprint is not None:
                pin = normalise_fingerprint(args.pin_fingerprint) if args.pin_fingerprint \
                    else None
                if pin != account.pin_fingerprint:
                    _confirm_new_pin(account, pin, args.yes)
                account.pin_fingerprint = pin
            check_account(account)
        except SyncError as exc:
            raise CliError(str(exc)) from None
        _apply_smtp(account, args)
        store.accounts.update(account)
    print(_("Saved account {name}.").format(name=repr(account.name)))
    if args.pin_fingerprint and account.pin_fingerprint:
        print(_("It now trusts exactly the certificate SHA256:{fingerprint}.").format(
            fingerprint=account.pin_fingerprint.upper()))
    return 0


def _confirm_new_pin(account: Account, pin: str | None, yes: bool) -> None:
    """Re-pinning is what an attacker would ask for: only with an explicit confirmation."""
    old = ("SHA256:" + account.pin_fingerprint.upper()) if account.pin_fingerprint else "none"
    new = ("SHA256:" + pin.upper()) if pin else "none (certificate checked by the system)"
    if yes:
        return
    if not (sys.stdin is not None and sys.stdin.isatty()):
        raise CliError(_("Re-pinning needs a confirmation: run in a terminal or add --yes."))
    print(_(
        "Account {name} on {host}:\n  pinned now: {old}\n  new pin:    {new}\nOnly continue "
        "if your provider confirmed this fingerprint. A changed certificate can mean an "
        "attack.").format(
        name=repr(account.name), host=account.host, old=old, new=new))
    if input("Type 'yes' to pin the new fingerprint: ").strip().lower() != "yes":
        raise CliError(_("Nothing changed."))


def _account_json(store: Store, a: Account, households: dict[int, str]) -> dict[str, Any]:
    smtp = settings_for(a)
    return {
        "name": a.name,
        "host": a.host,
        "port": a.port,
        "security": a.security,
        "user": a.username,
        "folders": a.folders,
        "household": households.get(a.household_id) if a.household_id else None,
        "allow_insecure": a.allow_insecure,
        "pin_fingerprint": ("SHA256:" + a.pin_fingerprint.upper()) if a.pin_fingerprint
        else None,
        "has_password": load_password(store, a) is not None,
        "smtp": {"host": smtp.host, "port": smtp.port, "security": smtp.security,
                 "files_sent": smtp.files_sent},
    }


def account_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        households = {h.id: h.name for h in store.households.list_all() if h.id is not None}
        items = [_account_json(store, a, households) for a in store.accounts.list_all()]
    if args.json:
        emit_json(items)
        return 0
    if not items:
        print(_("No accounts. Add one with 'helperdesk account add'."))
    for item in items:
        folders = ", ".join(item["folders"]) or "INBOX + Sent"
        extra = "" if item["has_password"] else "  " + _("(no password stored)")
        household = (", " + _("household: {name}").format(name=item["household"])
                     if item["household"] else "")
        print(_("{name}: {user} @ {host}:{port} ({security}), folders: {folders}").format(
            name=item["name"], user=item["user"], host=item["host"], port=item["port"],
            security=item["security"], folders=folders) + household + extra)
    return 0


def account_remove(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        account = store.accounts.by_name(args.name)
        assert account.id is not None
        forget_password(store, account)
        store.accounts.remove(account.id)
    print(_(
        "Removed account {name!r} and its stored password; its mails stay in the store.").format(
        name=account.name))
    return 0


def account_test(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        account = store.accounts.by_name(args.name)
        password = load_password(store, account)
    try:
        if not password:
            raise NoPassword(account.name)
        listed = check_login(account, password)
    except SyncError as exc:
        raise CliError(_("account {name}: {exc}").format(name=account.name, exc=exc)) from None
    folders = [{"name": name, "flags": flags} for name, flags in listed]
    if args.json:
        emit_json({"account": account.name, "ok": True, "folders": folders})
        return 0
    print(_("Account {name!r}: connected and logged in. Folders:").format(name=account.name))
    for f in folders:
        special = " (sent)" if "\\Sent" in f["flags"] else ""
        print(f"  {f['name']}{special}")
    return 0
