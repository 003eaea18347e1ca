"""CLI: ``sync`` — pull new mail of one or all accounts into the store.

Exit 0 when every folder of every account synced; otherwise 1, with one line
per failed account on stderr. A progress bar goes to stderr on a terminal
(``--progress`` prints plain progress lines elsewhere, e.g. for scripts).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from helperdesk.app.mail_sync import ProgressCallback, sync_account
from helperdesk.app.sync_results import AccountResult
from helperdesk.cli.common import add_json_flag, emit_json, open_store
from i18n import _
from sync.errors import SyncError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sy = sub.add_parser("sync", help=_("fetch new mail from the IMAP accounts"))
    sy.add_argument("--account", metavar="NAME", help=_("only this account (default: all)"))
    sy.add_argument("--progress", action="store_true",
                    help=_("print progress lines on stderr even when it is not a terminal"))
    add_json_flag(sy)
    sy.set_defaults(func=run_sync)


def _progress_printer(force_lines: bool) -> ProgressCallback | None:
    tty = sys.stderr.isatty()
    if not tty and not force_lines:
        return None
    last = [0.0]

    def show(account: str, folder: str, done: int, total: int) -> None:
        if tty:
            now = time.monotonic()
            if done not in (0, total) and now - last[0] < 0.1:
                return  # redraw at most ten times a second
            last[0] = now
            width = 30
            filled = width * done // total if total else width
            bar = "#" * filled + "-" * (width - filled)
            end = "\n" if done == total else ""
            sys.stderr.write(f"\r{account} {folder} [{bar}] {done}/{total}{end}")
        else:
            sys.stderr.write(f"progress {account} {folder} {done}/{total}\n")
        sys.stderr.flush()

    return show


def run_sync(args: argparse.Namespace) -> int:
    progress = _progress_printer(args.progress)
    report: dict[str, Any] = {}
    failures: list[str] = []
    with open_store(args) as store:
        accounts = (
            [store.accounts.by_name(args.account)] if args.account else store.accounts.list_all()
        )
        for account in accounts:
            try:
                result: AccountResult = sync_account(store, account, progress=progress)
            except SyncError as exc:
                failures.append(_("account {name}: {reason}").format(name=account.name, reason=exc))
                report[account.name] = {"ok": False, "error": str(exc), "folders": {}}
                continue
            doc = result.to_json()
            doc["error"] = None
            report[account.name] = doc
            if not result.ok:
                reason = "; ".join(result.errors) or _("sync cancelled")
                failures.append(_("account {name}: {reason}").format(
                    name=account.name, reason=reason))
    if args.json:
        emit_json(report)
    else:
        if not report:
            print(_("No accounts to sync. Add one with 'helperdesk account add'."))
        for name, doc in report.items():
            if doc["error"]:
                continue
            folders = doc["folders"]
            new = sum(f["new"] for f in folders.values())
            upd = sum(f["updated"] for f in folders.values())
            gone = sum(f["deleted_on_server"] for f in folders.values())
            remapped = sum(f["remapped"] for f in folders.values())
            if remapped:
                print(_("{name}: {new} new, {remapped} re-mapped (the server renumbered its "
                        "mail; nothing added), {upd} changed, {gone} deleted on the "
                        "server").format(name=name, new=new, remapped=remapped, upd=upd,
                                         gone=gone))
            else:
                print(_(
                    "{name}: {new} new, {upd} changed, {gone} deleted on the server").format(
                    name=name, new=new, upd=upd, gone=gone))
    for line in failures:
        print(_("helperdesk: {line}").format(line=line), file=sys.stderr)
    return 1 if failures else 0
