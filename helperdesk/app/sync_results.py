"""What a sync reports per folder and per account: new, updated, deleted on server, errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FolderResult:
    folder: str
    new: int = 0  # server mails picked up in this folder (new slots)
    updated: int = 0  # slots whose flags changed on the server
    deleted_on_server: int = 0  # slots newly noticed as deleted on the server
    errors: list[str] = field(default_factory=list)
    stored: int = 0  # of ``new``: mails whose content was not in the store before

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "updated": self.updated,
            "deleted_on_server": self.deleted_on_server,
            "errors": list(self.errors),
        }


@dataclass
class AccountResult:
    account: str
    folders: list[FolderResult] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.cancelled and all(f.ok for f in self.folders)

    @property
    def errors(self) -> list[str]:
        return [f"{f.folder}: {e}" for f in self.folders for e in f.errors]

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "folders": {f.folder: f.to_json() for f in self.folders},
        }
