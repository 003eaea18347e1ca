"""The encrypted store: creation, error paths, migrations, re-keying, backup, plaintext check."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
import sqlcipher3

from helperdesk.app.ingest import store_prepared
from helperdesk.intake.prepare import prepare_mail, prepare_paper
from helperdesk.model import (
    Agency,
    AgencyKind,
    Case,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Household,
    IdKind,
    ProcessingId,
)
from helperdesk.samples.pdfmake import text_to_pdf
from storage import migrations
from storage.connection import open_connection
from storage.errors import (
    BadPassphrase,
    Conflict,
    StoreCorrupt,
    StoreExists,
    StoreLocked,
    StoreMissing,
    WrongPassphrase,
)
from storage.store import Store

from conftest import PASSPHRASE


def _digest(path: Path) -> dict[str, str]:
    """Hashes of the store file and its WAL/SHM companions that exist."""
    out = {}
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        if p.exists():
            out[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _mail(subject: str, body: str, msgid: str = "<m1@example.org>") -> bytes:
    return (
        f"From: Jobcenter <team@jobcenter.example>\r\nTo: a@example.net\r\n"
        f"Subject: {subject}\r\nMessage-ID: {msgid}\r\nDate: Mon, 03 Mar 2025 09:00:00 +0100\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
    ).encode()


def test_create_then_open(store_path: Path) -> None:
    Store.create(store_path, PASSPHRASE).close()
    with Store.open(store_path, PASSPHRASE) as s:
        assert s.schema_version == migrations.LATEST
        assert len(s.store_id) == 32
    assert store_path.stat().st_mode & 0o777 == 0o600


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    existing = tmp_path / "precious.db"
    existing.write_bytes(b"someone's file")
    with pytest.raises(StoreExists):
        Store.create(existing, PASSPHRASE)
    assert existing.read_bytes() == b"someone's file"


def test_empty_passphrase_refused(store_path: Path) -> None:
    with pytest.raises(BadPassphrase):
        Store.create(store_path, "")
    assert not store_path.exists()


def test_wrong_passphrase_leaves_file_unchanged(store: Store, store_path: Path) -> None:
    store.households.add(Household(name="Familie Test"))
    store.close()
    before = _digest(store_path)
    with pytest.raises(WrongPassphrase) as info:
        Store.open(store_path, "not the passphrase")
    assert str(info.value).startswith("Wrong passphrase")
    assert _digest(store_path) == before


def test_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreMissing):
        Store.open(tmp_path / "nope.db", PASSPHRASE)
    assert not (tmp_path / "nope.db").exists()


@pytest.mark.parametrize("damage", ["truncate", "garbage_page", "plain_sqlite", "empty"])
def test_corrupt_store(store: Store, store_path: Path, damage: str) -> None:
    for i in range(30):  # enough pages that page 5 holds data
        store.households.add(Household(name=f"Haushalt {i}", notes="x" * 500))
    store.close()
    data = bytearray(store_path.read_bytes())
    if damage == "truncate":
        store_path.write_bytes(bytes(data[: len(data) - 1000]))
    elif damage == "garbage_page":
        data[4 * 4096 + 100 : 4 * 4096 + 400] = b"\xff" * 300
        store_path.write_bytes(bytes(data))
    elif damage == "plain_sqlite":
        store_path.unlink()
        plain = sqlcipher3.connect(str(store_path))
        plain.execute("CREATE TABLE t(x)")
        plain.commit()
        plain.close()
    else:
        store_path.write_bytes(b"")
    before = _digest(store_path)
    with pytest.raises(StoreCorrupt) as info:
        s = Store.open(store_path, PASSPHRASE)
        try:  # damage past page 1 shows when the pages are read
            s.households.list_all()
        finally:
            s.close()
    assert "damaged" in str(info.value)
    assert _digest(store_path) == before


def test_locked_store(store: Store, store_path: Path) -> None:
    holder = open_connection(store_path, PASSPHRASE)
    holder.execute("BEGIN IMMEDIATE")
    try:
        other = Store.open(store_path, PASSPHRASE, busy_timeout=0.2)
        try:
            assert other.households.list_all() == []  # reading still works (WAL)
            with pytest.raises(StoreLocked) as info:
                other.households.add(Household(name="Familie Wartend"))
            assert "busy" in str(info.value)
        finally:
            other.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.households.list_all() == []


def test_one_connection_per_thread(store: Store) -> None:
    store.households.add(Household(name="Familie Thread"))
    seen: list[str] = []

    def work() -> None:
        seen.extend(h.name for h in store.households.list_all())
        assert store.conn is not None
        store.close_thread_connection()

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert seen == ["Familie Thread"]


def test_v1_store_migrates(store_path: Path) -> None:
    store_path.touch(mode=0o600)
    conn = open_connection(store_path, PASSPHRASE, create=True)
    assert migrations.migrate(conn, target=1) == 1
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('store_id', 'abc'), ('created', '2025-01-01')"
    )
    conn.execute(
        "INSERT INTO households(name, language, state, created)"
        " VALUES ('Familie Alt', 'tr', 'NW', '2025-01-01')"
    )
    conn.execute(
        "INSERT INTO messages(content_hash, raw, source, direction, subject, imported)"
        " VALUES ('h1', x'00', 'file', 'in', 'Alte Post', '2025-01-01')"
    )
    conn.execute("INSERT INTO provenance(message_ref, source, seen) VALUES (1, 'file', 'now')")
    conn.execute("COMMIT")
    conn.close()
    with Store.open(store_path, PASSPHRASE) as s:
        assert s.schema_version == migrations.LATEST
        assert [h.name for h in s.households.list_all()] == ["Familie Alt"]
        assert s.messages.get(1).subject == "Alte Post"
        assert s.messages.analysis(1) == {}
        assert s.accounts.list_all() == []
        assert s.messages.get(1).provenance[0].deleted_on_server is None


def _index_terms(store: Store) -> set[tuple[str, int, str]]:
    """(word, message, column) of every entry of the full-text index."""
    conn = store.conn
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms"
                 " USING fts5vocab(main, search_index, 'instance')")
    return {(t, d, c) for t, d, c in conn.execute("SELECT term, doc, col FROM temp.terms")}


def test_v4_search_index_is_rebuilt_as_the_code_builds_it(store_path: Path) -> None:
    with Store.create(store_path, PASSPHRASE) as store:
        hh = store.households.add(Household(name="Familie Umbau"))
        agency = store.agencies.add(Agency(name="Jobcenter Nord", kind=AgencyKind.JOBCENTER))
        assert hh.id is not None
        case = store.cases.add(Case(household_id=hh.id, agency_id=agency.id,
                                    title="Weiterbewilligung"))
        filed = store_prepared(store, prepare_mail(_mail("Bescheid Miete", "Unterkunftskosten")),
                               household_id=hh.id)
        store.messages.file(filed.id, hh.id, case.id)
        store_prepared(store, prepare_paper(text_to_pdf("Pergamentrollenschrank 2025"),
                                            filename="brief.pdf"))
        expected = _index_terms(store)
        # Back to the v4 index, filled row by row as the code of that time did.
        conn = store.conn
        conn.execute("DROP TABLE search_index")
        conn.execute("CREATE VIRTUAL TABLE search_index USING fts5(subject, body, attachments,"
                     " names, content='', contentless_delete=1,"
                     " tokenize='unicode61 remove_diacritics 2')")
        from storage.messages import _index

        for (mid,) in conn.execute("SELECT id FROM messages").fetchall():
            _index(conn, mid)
        # Undo what v6 and v8 added, so that the migrations after v4 can run again.
        for statement in ("DROP TABLE calendar_events", "DROP TABLE calendars",
                          "ALTER TABLE deadlines DROP COLUMN title",
                          "ALTER TABLE deadlines DROP COLUMN revision",
                          "ALTER TABLE deadlines DROP COLUMN changed",
                          "ALTER TABLE attachments DROP COLUMN ocr"):
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 4")
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.schema_version == migrations.LATEST
        sql = store.conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'search_index'").fetchone()[0]
        assert "detail=column" in sql
        assert _index_terms(store) == expected
        for word in ("miete", "unterkunftskosten", "pergamentrollenschrank", "umbau",
                     "jobcenter", "weiterbewilligung"):
            assert store.search(word), word


def test_search_words_are_single_index_words(store: Store) -> None:
    # The index splits at "_" and keeps no positions: "a_b" must not become a
    # two-word phrase, which it could not search.
    store_prepared(store, prepare_mail(_mail("Akten zeichen", "Text")))
    assert len(store.search("akten_zeichen")) == 1


def test_newer_schema_refused(store: Store, store_path: Path) -> None:
    store.conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    store.close()
    with pytest.raises(Exception, match="newer HelperDesk"):
        Store.open(store_path, PASSPHRASE)


def test_change_passphrase_rekeys(store: Store, store_path: Path) -> None:
    store.households.add(Household(name="Familie Neu"))
    store.change_passphrase("ein ganz neuer Satz")
    store.close()
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, PASSPHRASE)
    with Store.open(store_path, "ein ganz neuer Satz") as s:
        assert [h.name for h in s.households.list_all()] == ["Familie Neu"]


def test_backup_opens_with_same_passphrase(store: Store, tmp_path: Path) -> None:
    store.households.add(Household(name="Familie Sicher", state="HH"))
    store_prepared(store, prepare_mail(_mail("Bescheid", "Inhalt")))
    dest = store.backup(tmp_path / "backup.db")
    with pytest.raises(StoreExists):
        store.backup(dest)
    with pytest.raises(WrongPassphrase):
        Store.open(dest, "falsch")
    with Store.open(dest, PASSPHRASE) as b:
        assert [h.name for h in b.households.list_all()] == ["Familie Sicher"]
        assert b.messages.count() == 1
        assert b.search("bescheid")[0].subject == "Bescheid"
        assert b.schema_version == migrations.LATEST


def test_household_names_unique(store: Store) -> None:
    store.households.add(Household(name="Familie Yilmaz"))
    with pytest.raises(Conflict):
        store.households.add(Household(name="familie yilmaz"))


def test_same_content_stored_once_with_provenance(store: Store) -> None:
    raw = _mail("Einladung", "Termin am 12.01.2027")
    first = store_prepared(store, prepare_mail(raw))
    second = store_prepared(store, prepare_mail(raw))
    assert first.new and not second.new and first.id == second.id
    # Same Message-ID, different content: two messages (Message-ID is a hint only).
    third = store_prepared(store, prepare_mail(_mail("Einladung", "anderer Inhalt")))
    assert third.new and third.id != first.id
    assert store.messages.get(first.id).raw == raw


def test_unit_is_undone_whole_and_leaves_the_outer_transaction_intact(store: Store) -> None:
    kept = prepare_mail(_mail("Bleibt", "Termin am 12.01.2027", "<keep@example.org>"))
    failing = prepare_mail(_mail("Fällt weg", "Bitte bis zum 15.12.2026 einreichen.",
                                 "<gone@example.org>"))
    assert failing.analysis.deadlines  # so the unit writes a message and a deadline
    with store.transaction():
        store_prepared(store, kept)
        with pytest.raises(RuntimeError), store.unit():
            store_prepared(store, failing)  # its repository calls join the unit
            raise RuntimeError("stop after the writes")
    subjects = {m.subject for m in store.messages.find()}
    assert subjects == {"Bleibt"}
    stored = [v.deadline for v in store.deadlines.matching(status=None)]
    assert len(stored) == len(kept.analysis.deadlines)
    assert all(d.message_id == kept.message.id for d in stored)
    # The unit's depth is back to zero: a later nested transaction is a savepoint again.
    with store.transaction(), pytest.raises(RuntimeError), store.transaction():
        store.households.add(Household(name="Weg"))
        raise RuntimeError
    assert [h.name for h in store.households.list_all()] == []


def test_search_ranks_and_filters(store: Store) -> None:
    hh = store.households.add(Household(name="Familie Suchtest"))
    assert hh.id is not None
    a = store_prepared(store, prepare_mail(_mail("Kindergeld Nachweis", "Schulbescheinigung",
                                                 "<a@x>")), household_id=hh.id)
    store_prepared(store, prepare_mail(_mail("Allgemeine Info", "Auch Kindergeld erwähnt",
                                             "<b@x>")))
    hits = store.search("kindergeld")
    assert hits[0].id == a.id and len(hits) == 2
    assert [h.id for h in store.search("kinder", household_id=hh.id)] == [a.id]
    assert store.search('"; DROP TABLE messages; --') == []
    assert store.search("suchtest")[0].id == a.id  # household names are indexed


def test_filing_updates_search_names(store: Store) -> None:
    hh = store.households.add(Household(name="Familie Umzug"))
    res = store_prepared(store, prepare_mail(_mail("Post", "Text")))
    assert store.search("umzug") == []
    store.messages.file(res.id, hh.id, None)
    assert [m.id for m in store.search("umzug")] == [res.id]


def test_cases_and_deadlines(store: Store) -> None:
    hh = store.households.add(Household(name="Familie Frist", state="BY"))
    ag = store.agencies.add(Agency(name="Jobcenter X", kind=AgencyKind.JOBCENTER,
                                   emails=["Jobcenter.example"]))
    assert ag.emails == ["jobcenter.example"]
    assert hh.id is not None
    case = store.cases.add(Case(household_id=hh.id, agency_id=ag.id, title="Bürgergeld",
                                processing_ids=[ProcessingId("12345BG0012345",
                                                             IdKind.BG_NUMMER)]))
    assert case.id is not None
    assert store.cases.for_household(hh.id)[0].processing_ids[0].value == "12345BG0012345"
    import datetime as dt

    d = store.deadlines.add(Deadline(household_id=hh.id, case_id=case.id,
                                     date=dt.date(2026, 12, 15), kind=DeadlineKind.SUBMIT,
                                     evidence="bis zum 15.12.2026"))
    assert d.id is not None
    views = store.deadlines.matching()
    assert views[0].agency == "Jobcenter X" and views[0].household == "Familie Frist"
    store.deadlines.set_status(d.id, DeadlineStatus.DONE)
    assert store.deadlines.matching() == []
    assert len(store.deadlines.matching(status=None)) == 1


def test_no_plaintext_on_disk(store: Store, store_path: Path) -> None:
    """Nothing personal may be readable in the DB, WAL or journal files."""
    secrets = [
        "Quittengelee-Ahmadinejadova",  # household name
        "Zauberwort Rhabarberschorle",  # subject
        "Flurfunkgeheimnis",  # body
        "Pergamentrollenschrank",  # PDF attachment text
        "Amt für Wunderbares",  # agency name
        "83501BG0047112",  # processing ID
        "Heimlicher Notizzettel",  # setting
    ]
    hh = store.households.add(Household(name=secrets[0], notes="Notiz"))
    store.agencies.add(Agency(name=secrets[4], kind=AgencyKind.OTHER))
    store.settings.set("last_note", secrets[6])
    assert hh.id is not None
    store.cases.add(Case(household_id=hh.id, agency_id=None, title="Fall",
                         processing_ids=[ProcessingId(secrets[5], IdKind.BG_NUMMER)]))
    store_prepared(store, prepare_mail(_mail(secrets[1], f"{secrets[2]} BG {secrets[5]}")),
                   household_id=hh.id)
    pdf = text_to_pdf(f"Brief\n{secrets[3]}")
    store_prepared(store, prepare_paper(pdf, filename="brief.pdf"), household_id=hh.id)
    assert store.search("pergamentrollenschrank")  # it is really in the index

    def check() -> None:
        files = [p for p in store_path.parent.iterdir() if p.name.startswith(store_path.name)]
        assert store_path in files
        for f in files:
            data = f.read_bytes()
            for s in secrets:
                for enc in ("utf-8", "utf-16-le", "utf-16-be"):
                    assert s.encode(enc) not in data, f"{s!r} ({enc}) readable in {f.name}"

    check()  # while open, with the WAL full of fresh pages
    store.close()
    check()


def test_search_ranks_within_the_newest_hits(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Common words rank only the newest RANK_WINDOW hits, so they stay fast."""
    import storage.search

    hh = store.households.add(Household(name="Familie Fenster"))
    ids = [store_prepared(store, prepare_mail(_mail(f"Brief {i}", "Wohngeld Wohngeld" if i == 0
                                                    else "Wohngeld", f"<w{i}@x>")),
                          household_id=hh.id if i % 2 else None).id for i in range(5)]
    assert store.search("wohngeld")[0].id == ids[0]  # best match: the word twice
    monkeypatch.setattr(storage.search, "RANK_WINDOW", 2)
    assert {m.id for m in store.search("wohngeld")} == set(ids[3:])
    assert {m.id for m in store.search("wohngeld", household_id=hh.id)} == {ids[1], ids[3]}
    assert store.search("7") == [] and store.search("wo") == []  # no two-letter prefixes


def test_worker_threads_open_with_the_derived_key(store: Store) -> None:
    """A worker thread's connection uses the key derived once (also after a re-key)."""
    store.households.add(Household(name="Familie Schlüssel"))

    def names_in_thread() -> list[str]:
        out: list[str] = []

        def work() -> None:
            out.extend(h.name for h in store.households.list_all())
            store.close_thread_connection()

        t = threading.Thread(target=work)
        t.start()
        t.join()
        return out

    assert names_in_thread() == ["Familie Schlüssel"]
    store.change_passphrase("ganz neu")
    assert names_in_thread() == ["Familie Schlüssel"]
