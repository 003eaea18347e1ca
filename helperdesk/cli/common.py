"""What every CLI command needs: finding and unlocking the store, printing results."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

import platformdirs

from i18n import _
from storage import secrets
from storage.errors import StoreMissing, WrongPassphrase
from storage.store import Store

PASSPHRASE_ENV = "HELPERDESK_PASSPHRASE"  # noqa: S105 (a variable name, not a secret)
NEW_PASSPHRASE_ENV = "HELPERDESK_NEW_PASSPHRASE"  # noqa: S105
STORE_ENV = "HELPERDESK_STORE"


# Secrets given in the environment: taken out of it when a command starts (so
# no child process, parser or library sees them) and read from here only.
_SECRETS: dict[str, str] = {}


def take_secrets_from_environment() -> dict[str, str]:
    """Remove the passphrase variables from ``os.environ``; keep them for this command."""
    taken = {name: os.environ.pop(name) for name in (PASSPHRASE_ENV, NEW_PASSPHRASE_ENV)
             if name in os.environ}
    _SECRETS.clear()
    _SECRETS.update(taken)
    return taken


def put_back_environment(taken: dict[str, str]) -> None:
    """For callers that run several commands in one process (tests): as it was before."""
    _SECRETS.clear()
    for name, value in taken.items():
        os.environ.setdefault(name, value)


def env_secret(name: str) -> str | None:
    """A passphrase given in the environment for this command (taken out of it)."""
    if name in os.environ:  # set after the command started: take it now
        _SECRETS[name] = os.environ.pop(name)
    return _SECRETS.get(name) or None


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 1."""


def default_store_path() -> Path:
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env)
    return platformdirs.user_data_path("HelperDesk", appauthor=False) / "helperdesk.db"


def store_path(args: argparse.Namespace) -> Path:
    path = Path(args.store) if args.store else default_store_path()
    return path.expanduser().absolute()


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def prompt_new_passphrase(what: str | None = None) -> str:
    what = what or _("passphrase")
    if not _interactive():
        raise CliError(
            _(
                "No {what} given: set {PASSPHRASE_ENV} (or {NEW_PASSPHRASE_ENV} for a new one) or"
                " run in a terminal.").format(
                what=what, PASSPHRASE_ENV=PASSPHRASE_ENV, NEW_PASSPHRASE_ENV=NEW_PASSPHRASE_ENV)
        )
    first = getpass.getpass(_("New {what}: ").format(what=what))
    second = getpass.getpass(_("Repeat the new {what}: ").format(what=what))
    if first != second:
        raise CliError(_("The two passphrases differ; nothing was changed."))
    if not first:
        raise CliError(_("The passphrase must not be empty; nothing was changed."))
    return first


def open_store(args: argparse.Namespace) -> Store:
    """Unlock the store: env variable, else keyring, else an unechoed prompt."""
    path = store_path(args)
    env = env_secret(PASSPHRASE_ENV)
    if env:
        return Store.open(path, env)
    if not path.exists():
        raise StoreMissing(path)
    remembered = secrets.get(secrets.STORE_SERVICE, str(path))
    if remembered:
        try:
            return Store.open(path, remembered)
        except WrongPassphrase:
            if not _interactive():
                raise CliError(
                    _(
                        "The passphrase remembered in the keyring no longer opens this store; run"
                        " 'helperdesk passphrase forget' and try again.")
                ) from None
    return Store.open(path, ask_passphrase(path))


def ask_passphrase(path: Path) -> str:
    if not _interactive():
        raise CliError(
            _(
                "No passphrase for {path}: set {PASSPHRASE_ENV}, let the keyring remember it "
                "('helperdesk passphrase remember'), or run in a terminal.").format(
                path=path, PASSPHRASE_ENV=PASSPHRASE_ENV)
        )
    return getpass.getpass(_("Passphrase for {path}: ").format(path=path))


def emit_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print one JSON document"))
