"""Full-text search over messages (FTS5 inside the encrypted file), best matches first."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storage.messages import SUMMARY_SELECT, MessageSummary, summary_from_row

if TYPE_CHECKING:
    from storage.store import Store

_WORD = re.compile(r"\w+", re.UNICODE)
# Column weights for bm25: subject, body, attachment text, household/agency names.
_WEIGHTS = "10.0, 1.0, 1.0, 5.0"


def to_fts_query(text: str) -> str:
    """Turn what a person types into a safe FTS5 query: all words, each as a prefix.

    User text never reaches FTS5 syntax directly, so quotes, colons or a stray
    "NOT" cannot cause a syntax error or change the query's meaning.
    """
    words = _WORD.findall(text)
    return " ".join(f'"{w}"*' for w in words)


class Search:
    def __init__(self, store: Store) -> None:
        self._store = store

    def __call__(
        self, text: str, *, household_id: int | None = None, limit: int = 50
    ) -> list[MessageSummary]:
        query = to_fts_query(text)
        if not query:
            return []
        rank = f"SELECT rowid AS id, bm25(search_index, {_WEIGHTS}) AS score FROM search_index"
        args: list[object] = [query]
        if household_id is None:
            # Rank inside FTS first, then join only the rows that will be shown.
            sql = (
                f"WITH hits AS ({rank} WHERE search_index MATCH ? ORDER BY score LIMIT ?)"
                f" {SUMMARY_SELECT} JOIN hits ON hits.id = m.id ORDER BY hits.score"
            )
            args.append(limit)
        else:
            sql = (
                f"WITH hits AS ({rank} WHERE search_index MATCH ?)"
                f" {SUMMARY_SELECT} JOIN hits ON hits.id = m.id WHERE m.household_id = ?"
                " ORDER BY hits.score LIMIT ?"
            )
            args += [household_id, limit]
        with self._store.reading() as conn:
            return [summary_from_row(r) for r in conn.execute(sql, args)]
