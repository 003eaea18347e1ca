"""Integrity checks of a store file: every page's HMAC, SQLite's structure, the search index.

Mechanism only (storage takes no decisions): ``check_pages`` reads the file
and verifies page HMACs within a time budget, ``full_check`` runs SQLCipher's
``cipher_integrity_check``, SQLite's ``integrity_check`` and FTS5's
``integrity-check``. What to do about a finding is decided in
``helperdesk.app.integrity``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storage.connection import PAGE_SIZE, SALT_BYTES, DatabaseError

if TYPE_CHECKING:
    from storage.store import Store

_HMAC_BYTES = 64
_PAGE_RE = re.compile(r"page (\d+)")


@dataclass
class PageCheck:
    checked: int = 0
    total: int = 0
    damaged: list[int] = field(default_factory=list)  # page numbers, 1-based

    @property
    def complete(self) -> bool:
        return self.checked >= self.total


def check_pages(path: Path, key: bytes | bytearray, budget_seconds: float) -> PageCheck:
    """Verify the HMAC of the file's pages from the first, until done or out of time."""
    deadline = time.monotonic() + budget_seconds
    result = PageCheck(total=path.stat().st_size // PAGE_SIZE)
    with path.open("rb") as fh:
        salt = fh.read(SALT_BYTES)
        fh.seek(0)
        hmac_key = hashlib.pbkdf2_hmac("sha512", bytes(key), bytes(b ^ 0x3A for b in salt), 2, 32)
        mac = hmac.new(hmac_key, digestmod="sha512")
        for number in range(1, result.total + 1):
            page = fh.read(PAGE_SIZE)
            if len(page) < PAGE_SIZE:
                break
            start = SALT_BYTES if number == 1 else 0
            check = mac.copy()
            check.update(page[start : PAGE_SIZE - _HMAC_BYTES] + number.to_bytes(4, "little"))
            if not hmac.compare_digest(check.digest(), page[PAGE_SIZE - _HMAC_BYTES :]):
                result.damaged.append(number)
            result.checked = number
            if number % 256 == 0 and time.monotonic() > deadline:
                break
    return result


@dataclass
class FullCheck:
    cipher: list[str] = field(default_factory=list)  # pages whose HMAC fails
    structure: list[str] = field(default_factory=list)  # SQLite integrity_check
    search_index: list[str] = field(default_factory=list)  # FTS5 integrity-check

    @property
    def sound(self) -> bool:
        return not (self.cipher or self.structure or self.search_index)

    def first_damaged_page(self) -> int | None:
        for line in self.cipher + self.structure:
            match = _PAGE_RE.search(line)
            if match:
                return int(match.group(1))
        return None


def full_check(store: Store) -> FullCheck:
    """Every page's HMAC, SQLite's structure and the full-text index (reads only)."""
    result = FullCheck()
    conn = store.conn
    try:
        rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        result.cipher = [str(r[0]) for r in rows]
    except DatabaseError as exc:
        result.cipher = [str(exc)]
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        result.structure = [str(r[0]) for r in rows if str(r[0]) != "ok"]
    except DatabaseError as exc:
        result.structure = [str(exc)]
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
        finally:
            conn.execute("ROLLBACK")
    except DatabaseError as exc:
        result.search_index = [str(exc)]
    return result
