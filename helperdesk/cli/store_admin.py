"""CLI: ``init``, ``verify``, ``backup``, ``restore`` and ``passphrase``: the store as a whole."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helperdesk.app import integrity
from helperdesk.app.passphrase import require_strong
from helperdesk.app.restore import restore_backup
from helperdesk.cli.common import (
    NEW_PASSPHRASE_ENV,
    PASSPHRASE_ENV,
    CliError,
    add_json_flag,
    ask_passphrase,
    emit_json,
    env_secret,
    open_store,
    prompt_new_passphrase,
    store_path,
)
from i18n import _
from storage import secrets
from storage.store import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = sub.add_parser("init", help=_("create a new encrypted store"))
    init.add_argument("--remember", action="store_true",
                      help=_("remember the passphrase in this computer's keyring"))
    init.set_defaults(func=init_store)

    verify = sub.add_parser("verify", help=_("check every page, the structure and the search "
                                             "index of the store (exit 1 when damaged)"))
    add_json_flag(verify)
    verify.set_defaults(func=verify_store)

    backup = sub.add_parser("backup", help=_("write an encrypted copy of the store "
                                             "(after checking it)"))
    backup.add_argument("outfile")
    backup.set_defaults(func=backup_store)

    restore = sub.add_parser(
        "restore", help=_("put a store back from a backup file (never over an existing store)"))
    restore.add_argument("backup", help=_("the backup file ('helperdesk backup' wrote it)"))
    restore.set_defaults(func=restore_store)

    pp = sub.add_parser("passphrase", help=_("change, remember or forget the store passphrase"))
    psub = pp.add_subparsers(dest="action", required=True, metavar="ACTION")
    psub.add_parser("change", help=_("re-encrypt the store with a new passphrase")).set_defaults(
        func=passphrase_change)
    psub.add_parser("remember", help=_("keep the passphrase in the OS keyring")).set_defaults(
        func=passphrase_remember)
    psub.add_parser("forget", help=_("remove the passphrase from the OS keyring")).set_defaults(
        func=passphrase_forget)


def _remember(path: Path, passphrase: str) -> str:
    try:
        secrets.put(secrets.STORE_SERVICE, str(path), passphrase)
    except secrets.KeyringUnavailable as exc:
        return _("The passphrase was not remembered: {error}.").format(error=exc)
    return _("The passphrase is remembered in this computer's keyring.")


def init_store(args: argparse.Namespace) -> int:
    path = store_path(args)
    passphrase = env_secret(PASSPHRASE_ENV) or prompt_new_passphrase()
    require_strong(passphrase)  # refused with the reason, before anything is written
    Store.create(path, passphrase).close()
    print(_("Created an encrypted store at {path}.").format(path=path))
    if args.remember:
        print(_remember(path, passphrase))
    return 0


def verify_store(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        verdict = integrity.verify(store)
    if args.json:
        emit_json(verdict.to_json())
    elif verdict.sound:
        print(_("The store is sound: every page, its structure and the search index check out."))
    if not verdict.sound:
        print(_("helperdesk: {exc}").format(exc=verdict.advice), file=sys.stderr)
        return 1
    return 0


def backup_store(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        dest = integrity.backup(store, Path(args.outfile))
    print(_(
        "Wrote an encrypted backup to {dest}; it opens with the same passphrase.").format(
        dest=dest))
    return 0


def restore_store(args: argparse.Namespace) -> int:
    path = store_path(args)
    backup = Path(args.backup)
    passphrase = env_secret(PASSPHRASE_ENV) or ask_passphrase(backup)
    restore_backup(backup, path, passphrase).close()
    print(_("Restored the backup to {path}; it opens with the backup's passphrase.").format(
        path=path))
    return 0


def passphrase_change(args: argparse.Namespace) -> int:
    new = env_secret(NEW_PASSPHRASE_ENV) or prompt_new_passphrase(_("store passphrase"))
    require_strong(new)
    with open_store(args) as store:
        store.change_passphrase(new)
        path = store.path
    note = ""
    if secrets.get(secrets.STORE_SERVICE, str(path)) is not None:
        note = " " + _remember(path, new)
    print(_("The store is now encrypted with the new passphrase.{note}").format(note=note))
    return 0


def passphrase_remember(args: argparse.Namespace) -> int:
    path = store_path(args)
    passphrase = env_secret(PASSPHRASE_ENV) or ask_passphrase(path)
    Store.open(path, passphrase).close()  # only a passphrase that opens the store is kept
    try:
        secrets.put(secrets.STORE_SERVICE, str(path), passphrase)
    except secrets.KeyringUnavailable as exc:
        raise CliError(_("The passphrase was not remembered: {exc}.").format(exc=exc)) from None
    print(_("The passphrase is remembered in this computer's keyring."))
    return 0


def passphrase_forget(args: argparse.Namespace) -> int:
    path = store_path(args)
    if secrets.delete(secrets.STORE_SERVICE, str(path)):
        print(_("The passphrase is no longer remembered on this computer."))
    else:
        print(_("No passphrase was remembered for this store."))
    return 0
