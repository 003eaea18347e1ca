"""Schema versions and the ordered migrations between them.

The version lives in ``PRAGMA user_version``. Each migration runs in its own
transaction together with the version bump, so a store is always at exactly
one known version. Never edit a released migration: add a new one.
"""

from __future__ import annotations

from collections.abc import Callable

from storage.connection import Connection

# v1: households, agencies, cases, messages with attachments, deadlines, settings, search.
_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE households (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    language TEXT NOT NULL DEFAULT 'de',
    state TEXT,
    notes TEXT NOT NULL DEFAULT '',
    authorisation TEXT NOT NULL DEFAULT '',
    authorisation_expires TEXT,
    created TEXT NOT NULL
);
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    birth_date TEXT,
    relation TEXT NOT NULL DEFAULT ''
);
CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind TEXT NOT NULL,
    emails TEXT NOT NULL DEFAULT '[]',
    state TEXT
);
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    agency_id INTEGER REFERENCES agencies(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created TEXT NOT NULL
);
CREATE INDEX cases_household ON cases(household_id);
CREATE TABLE case_ids (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    UNIQUE (case_id, kind, value)
);
CREATE INDEX case_ids_value ON case_ids(value);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    raw BLOB NOT NULL,
    source TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    message_id TEXT,
    in_reply_to TEXT,
    refs TEXT NOT NULL DEFAULT '[]',
    date TEXT,
    subject TEXT NOT NULL DEFAULT '',
    from_addr TEXT NOT NULL DEFAULT '',
    to_addrs TEXT NOT NULL DEFAULT '[]',
    cc_addrs TEXT NOT NULL DEFAULT '[]',
    body TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '[]',
    household_id INTEGER REFERENCES households(id) ON DELETE SET NULL,
    case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL,
    imported TEXT NOT NULL
);
CREATE INDEX messages_msgid ON messages(message_id);
CREATE INDEX messages_household_date ON messages(household_id, date);
CREATE INDEX messages_case_date ON messages(case_id, date);
CREATE TABLE provenance (
    id INTEGER PRIMARY KEY,
    message_ref INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    account TEXT,
    folder TEXT,
    uidvalidity INTEGER,
    uid INTEGER,
    filename TEXT,
    seen TEXT NOT NULL
);
CREATE UNIQUE INDEX provenance_slot ON provenance(account, folder, uidvalidity, uid)
    WHERE source = 'imap';
CREATE INDEX provenance_message ON provenance(message_ref);
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    message_ref INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    needs_ocr INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachments_message ON attachments(message_ref);
CREATE TABLE deadlines (
    id INTEGER PRIMARY KEY,
    household_id INTEGER REFERENCES households(id) ON DELETE CASCADE,
    case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL,
    message_ref INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    date TEXT NOT NULL,
    time TEXT,
    kind TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dismissed')),
    basis TEXT NOT NULL DEFAULT 'explicit',
    evidence TEXT NOT NULL DEFAULT '',
    explanation TEXT NOT NULL DEFAULT '[]',
    note TEXT NOT NULL DEFAULT '',
    confirmed INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE INDEX deadlines_date ON deadlines(status, date);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE search_index USING fts5(
    subject, body, attachments, names,
    content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 2'
);
"""

# v2: mail accounts, per-folder sync state, analysis results, sync locks, and
# "deleted on server" marks on provenance. folder_state.uidnext and
# exists_count are what the folder looked like after the last complete sync:
# together with UIDVALIDITY and HIGHESTMODSEQ they let a no-change sync end
# after one EXAMINE.
_V2 = """
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    host TEXT NOT NULL,
    port INTEGER NOT NULL,
    security TEXT NOT NULL CHECK (security IN ('ssl', 'starttls', 'none')),
    username TEXT NOT NULL,
    folders TEXT NOT NULL DEFAULT '[]',
    household_id INTEGER REFERENCES households(id) ON DELETE SET NULL,
    allow_insecure INTEGER NOT NULL DEFAULT 0,
    pin_fingerprint TEXT,
    password TEXT,
    created TEXT NOT NULL
);
CREATE TABLE folder_state (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    folder TEXT NOT NULL,
    uidvalidity INTEGER,
    highest_uid INTEGER NOT NULL DEFAULT 0,
    highestmodseq INTEGER,
    uidnext INTEGER,
    exists_count INTEGER,
    last_sync TEXT,
    PRIMARY KEY (account_id, folder)
);
CREATE TABLE sync_locks (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    started TEXT NOT NULL
);
ALTER TABLE provenance ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE provenance ADD COLUMN internaldate TEXT;
ALTER TABLE provenance ADD COLUMN deleted_on_server TEXT;
ALTER TABLE messages ADD COLUMN analysis TEXT NOT NULL DEFAULT '{}';
"""


# v3: per-household "not in a case" counts and lists (the desktop app's household
# list and case view) answered from the index alone, without reading message rows.
_V3 = """
CREATE INDEX messages_household_case ON messages(household_id, case_id, date);
"""

# v4: filing asks "has this sender written in this case before?" for every new
# mail; without an index that scans the whole case each time.
_V4 = """
CREATE INDEX messages_sender_case ON messages(from_addr COLLATE NOCASE, case_id);
"""


# v5: a smaller, cheaper full-text index. detail=column keeps which columns
# hold a word but not where, which is all the search uses (words and
# prefixes, never phrases); ranking still weighs subject, body, attachments
# and names, but no longer counts repeats of a word within one column.
# automerge=8 merges index segments less eagerly. Storing a synced mail costs
# about 0.1 ms less (a fifth of writing it). The index is rebuilt from the
# stored messages, in SQL so that this migration never changes with later code.
_V5 = """
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(
    subject, body, attachments, names,
    content='', contentless_delete=1, detail=column,
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO search_index(search_index, rank) VALUES ('automerge', 8);
INSERT INTO search_index(rowid, subject, body, attachments, names)
    SELECT m.id, m.subject, m.body,
        coalesce((SELECT group_concat(filename || ' ' || text, char(10))
                  FROM (SELECT filename, text FROM attachments
                        WHERE message_ref = m.id ORDER BY id)), ''),
        coalesce(h.name, '') || ' ' || coalesce(c.title, '') || ' ' || coalesce(a.name, '')
    FROM messages m
    LEFT JOIN households h ON h.id = m.household_id
    LEFT JOIN cases c ON c.id = m.case_id
    LEFT JOIN agencies a ON a.id = c.agency_id
"""

# v6: deadlines leave the app (calendar export and CalDAV push). Each deadline
# gets a title the helper may write, a revision raised on every change (the
# calendar's SEQUENCE) and the time of that change (a closed deadline is sent
# as cancelled for 90 days). Calendars to push to, and what each was last sent:
# the event's UID, where it lives on the server, its ETag there and a hash of
# what was sent (an unchanged event is not sent again).
_V6 = """
ALTER TABLE deadlines ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE deadlines ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deadlines ADD COLUMN changed TEXT;
UPDATE deadlines SET changed = created;
CREATE TABLE calendars (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    url TEXT NOT NULL,
    username TEXT NOT NULL DEFAULT '',
    redact INTEGER NOT NULL DEFAULT 0,
    allow_insecure INTEGER NOT NULL DEFAULT 0,
    alarms TEXT NOT NULL DEFAULT '',
    password TEXT,
    last_push TEXT,
    created TEXT NOT NULL
);
CREATE TABLE calendar_events (
    calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    uid TEXT NOT NULL,
    href TEXT NOT NULL,
    etag TEXT,
    fingerprint TEXT NOT NULL,
    pushed TEXT NOT NULL,
    PRIMARY KEY (calendar_id, uid)
)
"""


# v7 (replies, issue 12): the Outbox (drafts, mail being sent, sent mail not yet
# filed), documents passed on from one case to another, agency originals
# recovered from households' forwards, cases that wait for a document from
# another agency's case, and each account's SMTP settings
# (NULL: the provider preset or the IMAP host) and whether its provider files
# sent mail into the Sent folder itself (then no IMAP APPEND).
_V7 = """
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('draft', 'queued', 'sending', 'accepted',
                                           'sent', 'failed', 'uncertain')),
    account TEXT,
    message_id TEXT NOT NULL UNIQUE,
    raw BLOB NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    recipients TEXT NOT NULL DEFAULT '[]',
    reply_to_ref INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    household_id INTEGER REFERENCES households(id) ON DELETE SET NULL,
    case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL,
    documents TEXT NOT NULL DEFAULT '[]',
    error TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    accepted TEXT,
    filed TEXT,
    stored_ref INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_status ON outbox(status);
CREATE TABLE IF NOT EXISTS passed_on (
    id INTEGER PRIMARY KEY,
    message_ref INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    from_case INTEGER REFERENCES cases(id) ON DELETE SET NULL,
    to_case INTEGER REFERENCES cases(id) ON DELETE SET NULL,
    sent_ref INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    passed TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passed_on_cases ON passed_on(from_case, to_case);
CREATE TABLE IF NOT EXISTS forward_origins (
    message_ref INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    forward_ref INTEGER REFERENCES messages(id) ON DELETE CASCADE,
    forwarded_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS forward_origins_forward ON forward_origins(forward_ref);
CREATE TABLE IF NOT EXISTS case_waits (
    id INTEGER PRIMARY KEY,
    waiting_case INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    for_case INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    document TEXT NOT NULL,
    letter_ref INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    created TEXT NOT NULL,
    follow_up TEXT NOT NULL,
    after_ref INTEGER NOT NULL DEFAULT 0,
    done TEXT,
    done_ref INTEGER REFERENCES messages(id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS case_waits_cases ON case_waits(waiting_case, for_case)
"""
_V7_ACCOUNT_COLUMNS = (
    ("smtp_host", "TEXT"), ("smtp_port", "INTEGER"), ("smtp_security", "TEXT"),
    ("files_sent", "INTEGER"),
)


def _v7(conn: Connection) -> None:
    """Written to be safe to run again (tests rewind ``user_version`` to replay later steps)."""
    _script(_V7)(conn)
    have = {str(r[1]) for r in conn.execute("PRAGMA table_info(accounts)").fetchall()}
    for name, decl in _V7_ACCOUNT_COLUMNS:
        if name not in have:
            conn.execute(f"ALTER TABLE accounts ADD COLUMN {name} {decl}")

# v8 (OCR of paper letters, issue 16): how an attachment's text was read, as
# JSON: the pages OCR read, engine and languages, the attempts so far and the
# problems of the last one; '{}' for text layers and mail. The background
# reader skips attachments it has tried too often.
_V8 = """
ALTER TABLE attachments ADD COLUMN ocr TEXT NOT NULL DEFAULT '{}'
"""


def _script(sql: str) -> Callable[[Connection], None]:
    statements = [s.strip() for s in sql.split(";") if s.strip()]

    def run(conn: Connection) -> None:
        # executescript() would COMMIT on its own; statements one by one keep
        # the migration and its version bump in one transaction.
        for statement in statements:
            conn.execute(statement)

    return run


MIGRATIONS: list[Callable[[Connection], None]] = [
    _script(_V1), _script(_V2), _script(_V3), _script(_V4), _script(_V5),
    _script(_V6),
    _v7,
    _script(_V8),
]
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, target: int = LATEST) -> int:
    """Bring the schema up to ``target``; return the version reached."""
    version = current_version(conn)
    while version < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another process may have migrated.
            version = current_version(conn)
            if version >= target:
                conn.execute("COMMIT")
                break
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version
