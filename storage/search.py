"""Full-text search over messages (FTS5 inside the encrypted file), best matches first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helperdesk.analysis.ids.search_terms import query_groups
from storage.messages import SUMMARY_SELECT, MessageSummary, summary_from_row

if TYPE_CHECKING:
    from storage.connection import Connection
    from storage.store import Store

# Column weights for bm25: subject, body, attachment text, household/agency names.
_WEIGHTS = "10.0, 1.0, 1.0, 5.0"
# How many of the newest hits are ranked by relevance (see Search._recent_floor).
RANK_WINDOW = 2000


def _term(word: str) -> str:
    # Prefix matching for words of three letters or more only: a one- or
    # two-character prefix ("7"*) expands to thousands of terms and is slow.
    return f'"{word}"*' if len(word) >= 3 else f'"{word}"'


def to_fts_query(text: str) -> str:
    """Turn what a person types into a safe FTS5 query: all words, longer ones as prefixes.

    Words are letters and digits (the index, unicode61, splits at "_" as at
    any punctuation; it keeps no positions, so a phrase cannot be searched).
    A processing ID is searched in every spacing the index can hold
    ("83502 BG 0047113" and "83502BG0047113" give the same query; see
    ``helperdesk.analysis.ids.search_terms``). User text never reaches FTS5
    syntax directly, so quotes, colons or a stray "NOT" cannot cause a syntax
    error or change the query's meaning.
    """
    parts = []
    respelled = False
    for group in query_groups(text):
        alternatives = [" ".join(_term(w) for w in alt) for alt in group]
        if len(alternatives) == 1:
            parts.append(alternatives[0])
        else:
            respelled = True
            parts.append("(" + " OR ".join(f"({a})" for a in alternatives) + ")")
    # FTS5 takes "a b" as a AND b between phrases only; before a parenthesis it needs AND.
    return (" AND " if respelled else " ").join(parts)


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
        # MATERIALIZED: without it SQLite may flatten the CTE and run the FTS
        # scan once per joined row, which is many times slower.
        if household_id is None:
            sql = (
                f"WITH hits AS MATERIALIZED ({rank} WHERE search_index MATCH ? AND rowid >= ?"
                f" ORDER BY score LIMIT ?) {SUMMARY_SELECT} JOIN hits ON hits.id = m.id"
                " ORDER BY hits.score"
            )
        else:
            sql = (
                f"WITH hits AS MATERIALIZED ({rank} WHERE search_index MATCH ? AND rowid >= ?)"
                f" {SUMMARY_SELECT} JOIN hits ON hits.id = m.id WHERE m.household_id = ?"
                " ORDER BY hits.score LIMIT ?"
            )
        with self._store.reading() as conn:
            floor = self._recent_floor(conn, query, household_id)
            args: list[object] = [query, floor]
            if household_id is not None:
                args.append(household_id)
            args.append(limit)
            return [summary_from_row(r) for r in conn.execute(sql, args)]

    @staticmethod
    def _recent_floor(conn: Connection, query: str, household_id: int | None) -> int:
        """Lowest rowid among the newest RANK_WINDOW hits (0 when there are fewer).

        Ranking costs time for every hit, so a word found in 40,000 mails would
        take far longer than a person waits. Walking the hits newest first is
        cheap in FTS5; only that window is ranked, so common words stay fast and
        the best matches among recent mail come first.
        """
        if household_id is None:
            sql = ("SELECT rowid FROM search_index WHERE search_index MATCH ?"
                   " ORDER BY rowid DESC LIMIT 1 OFFSET ?")
            row = conn.execute(sql, (query, RANK_WINDOW - 1)).fetchone()
        else:
            sql = ("SELECT s.rowid FROM search_index s JOIN messages m ON m.id = s.rowid"
                   " WHERE search_index MATCH ? AND m.household_id = ?"
                   " ORDER BY s.rowid DESC LIMIT 1 OFFSET ?")
            row = conn.execute(sql, (query, household_id, RANK_WINDOW - 1)).fetchone()
        return 0 if row is None else int(row[0])
