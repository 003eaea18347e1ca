"""CLI: ``about``: the version and the parts this installation is made of, each tried once."""

from __future__ import annotations

import argparse

from helperdesk.app.about import parts
from helperdesk.cli.common import add_json_flag, emit_json
from i18n import _


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    about = sub.add_parser(
        "about", help=_("show the version and check the parts (encryption, keyring, PDF …)"))
    add_json_flag(about)
    about.set_defaults(func=show_about)


def show_about(args: argparse.Namespace) -> int:
    found = parts()
    if args.json:
        emit_json([{"name": p.name, "ok": p.ok, "detail": p.detail} for p in found])
    else:
        for p in found:
            print(f"{p.name:<11} {'ok  ' if p.ok else 'FAIL'} {p.detail}")
    return 0 if all(p.ok for p in found) else 1
