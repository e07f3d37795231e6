"""SQLite backend: WAL journal, versioned schema migrations, one transaction per batch.

Durability choice: WAL with ``synchronous=NORMAL`` survives a killed process
(kill -9) without losing a committed batch; only a power cut can lose the
last batch, which the next run reads again (inputs are idempotent by content key).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from storyline.records import Article, DateMention, Entity, Event, Quote, Reason, Rejected, Story
from storyline.store.base import FileMark

#: Ordered schema migrations; ``PRAGMA user_version`` records how many ran.
#: Never edit a shipped step: append a new one.
MIGRATIONS: tuple[str, ...] = (
    # 1: articles, rejections, files read, full-text index
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        content_key TEXT NOT NULL UNIQUE,
        text_hash TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        original_text TEXT NOT NULL,
        path TEXT NOT NULL,
        locator TEXT NOT NULL DEFAULT '',
        format TEXT NOT NULL,
        lang TEXT,
        lang_score REAL,
        published TEXT,
        published_inferred INTEGER NOT NULL DEFAULT 0,
        published_how TEXT,
        url TEXT,
        source TEXT,
        author TEXT,
        ext_id TEXT,
        residue TEXT NOT NULL DEFAULT '[]',
        duplicate_of TEXT,
        event_id TEXT,
        story_id TEXT,
        ingested_at REAL NOT NULL
    );
    CREATE INDEX articles_text_hash ON articles(text_hash);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE rejected (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        locator TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL,
        message TEXT NOT NULL,
        run TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX rejected_path ON rejected(path);
    CREATE TABLE files_done (
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        at REAL NOT NULL,
        PRIMARY KEY (path, sha256)
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END;
    """,
    # 2: what the analysis stages keep: vectors, their own state, events and stories
    """
    CREATE TABLE article_vectors (
        article_id TEXT PRIMARY KEY,
        model TEXT NOT NULL,
        vector BLOB NOT NULL
    );
    CREATE TABLE analysis_state (
        name TEXT PRIMARY KEY,
        data BLOB NOT NULL,
        at REAL NOT NULL
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL,
        title TEXT NOT NULL,
        date TEXT,
        start TEXT,
        end TEXT,
        article_ids TEXT NOT NULL,
        sources TEXT NOT NULL,
        langs TEXT NOT NULL
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        start TEXT,
        end TEXT,
        event_ids TEXT NOT NULL,
        article_ids TEXT NOT NULL,
        sources TEXT NOT NULL,
        langs TEXT NOT NULL
    );
    CREATE INDEX articles_event ON articles(event_id);
    CREATE INDEX articles_story ON articles(story_id);
    """,
    # 3: what the extract stage finds: canonical entities, mentions, quotes, dates
    """
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        aliases TEXT NOT NULL
    );
    CREATE TABLE mentions (
        article_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
        label TEXT NOT NULL, entity_id TEXT, how TEXT NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_entity ON mentions(entity_id);
    CREATE TABLE quotes (
        article_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
        speaker TEXT, speaker_entity_id TEXT, kind TEXT NOT NULL, cue TEXT
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE TABLE dates (
        article_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
        value TEXT, granularity TEXT NOT NULL, resolved INTEGER NOT NULL, kind TEXT NOT NULL
    );
    CREATE INDEX dates_article ON dates(article_id);
    CREATE TABLE not_analysed (
        article_id TEXT NOT NULL, lang TEXT, reason TEXT NOT NULL, message TEXT NOT NULL
    );
    """,
)

_ARTICLE_COLUMNS = (
    "id", "content_key", "text_hash", "title", "text", "original_text", "path", "locator",
    "format", "lang", "lang_score", "published", "published_inferred", "published_how", "url",
    "source", "author", "ext_id", "residue", "duplicate_of", "event_id", "story_id",
)  # fmt: skip


class StoreError(Exception):
    """The store cannot be opened or written; the message says what to do."""


def _chunks(items: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SQLiteStore:
    """The default store: one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        #: Identifies this process's writes, so that stale rejections can be told apart.
        self.run_id = uuid.uuid4().hex
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {path}: {exc}; is it a storyline database?") from exc
        except OSError as exc:
            raise StoreError(f"cannot create database {path}: {exc.strerror}") from exc

    # -- schema ---------------------------------------------------------------
    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                f"database {self.path} has schema version {version}, newer than this storyline "
                f"({len(MIGRATIONS)}); upgrade storyline"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            # executescript commits on its own; the version bump is inside the script
            # so that a crash mid-migration re-runs the whole step.
            self._db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")

    def own_paths(self) -> set[str]:
        """The database's files, so that `ingest .` in the folder that holds them skips them."""
        base = os.path.abspath(self.path)
        return {base, *(base + suffix for suffix in ("-wal", "-shm", "-journal"))}

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # -- writes ---------------------------------------------------------------
    def add_batch(
        self,
        articles: Sequence[Article],
        rejected: Sequence[Rejected],
        files_done: Sequence[FileMark] = (),
    ) -> tuple[int, int]:
        now = time.time()
        rows = [_article_row(a) for a in articles]
        placeholders = ",".join("?" * (len(_ARTICLE_COLUMNS) + 1))
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            # executemany sums sqlite3_changes() over rows: ignored rows and the
            # FTS trigger's rows do not count, so this is the number really added.
            added_articles = db.executemany(
                f"INSERT OR IGNORE INTO articles ({','.join(_ARTICLE_COLUMNS)}, ingested_at) "
                f"VALUES ({placeholders})",
                [(*row, now) for row in rows],
            ).rowcount
            added_rejections = db.executemany(
                "INSERT INTO rejected (key, path, locator, reason, message, run, at) "
                "VALUES (?,?,?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET "
                "reason=excluded.reason, message=excluded.message, run=excluded.run",
                [(r.key, r.path, r.locator, str(r.reason), r.message, self.run_id, now) for r in rejected],
            ).rowcount
            # A file read again in full (its content changed) drops the rejections an
            # earlier run recorded for it: they described content that is gone.
            db.executemany(
                "DELETE FROM rejected WHERE path=? AND run<>?",
                [(m.path, self.run_id) for m in files_done],
            )
            db.executemany(
                "INSERT OR REPLACE INTO files_done (path, sha256, size, at) VALUES (?,?,?,?)",
                [(m.path, m.sha256, m.size, now) for m in files_done],
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return max(added_articles, 0), max(added_rejections, 0)

    def update_texts(self, articles: Sequence[Article]) -> None:
        """Store new cleaned texts (title, text, hash, residue, inferred date) for existing articles, in one transaction."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(
                "UPDATE articles SET title=?, text=?, text_hash=?, residue=?, published=?, published_inferred=?, "
                "published_how=? WHERE id=?",
                [(a.title, a.text, a.text_hash, json.dumps(list(a.residue_lines), ensure_ascii=False),
                  a.published, int(a.published_inferred), a.published_how, a.id) for a in articles],
            )  # fmt: skip
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def save_analysis(
        self,
        *,
        states: dict[str, bytes],
        vectors: Sequence[tuple[str, str, bytes]],
        assignments: Sequence[tuple[str, str, str]],
        duplicates: Sequence[tuple[str, str]],
        events: Sequence[Event],
        stories: Sequence[Story],
        extraction=None,
    ) -> None:
        """Everything one analysis run decided, in one transaction.

        ``vectors`` are (article id, model, float32 bytes); ``assignments`` (article id,
        event id, story id); ``duplicates`` (article id, original id). Events and stories
        replace the stored ones: merges may have moved earlier articles.
        """
        now = time.time()
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(
                "INSERT OR REPLACE INTO analysis_state (name, data, at) VALUES (?,?,?)",
                [(name, data, now) for name, data in states.items()],
            )
            db.executemany("INSERT OR REPLACE INTO article_vectors VALUES (?,?,?)", vectors)
            db.executemany("UPDATE articles SET event_id=?, story_id=? WHERE id=?", [(e, s, a) for a, e, s in assignments])
            db.executemany("UPDATE articles SET duplicate_of=? WHERE id=?", [(o, a) for a, o in duplicates])
            db.execute("DELETE FROM events")
            db.executemany(
                "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?)",
                [(e.id, e.story_id, e.title, e.date, e.start, e.end, json.dumps(e.article_ids),
                  json.dumps(e.sources, ensure_ascii=False), json.dumps(e.langs)) for e in events],
            )  # fmt: skip
            db.execute("DELETE FROM stories")
            db.executemany(
                "INSERT INTO stories VALUES (?,?,?,?,?,?,?,?)",
                [(s.id, s.title, s.start, s.end, json.dumps(s.event_ids), json.dumps(s.article_ids),
                  json.dumps(s.sources, ensure_ascii=False), json.dumps(s.langs)) for s in stories],
            )  # fmt: skip
            if extraction is not None:
                self._save_extraction(extraction)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _save_extraction(self, found) -> None:
        """Rows of an ExtractionResult (inside the caller's transaction); entities are upserted."""
        db = self._db
        articles = sorted({m.article_id for m in found.mentions} | {q.article_id for q in found.quotes}
                          | {d.article_id for d in found.dates} | {n.article_id for n in found.not_analysed})  # fmt: skip
        for table in ("mentions", "quotes", "dates", "not_analysed"):  # a re-analysed article replaces its rows
            db.executemany(f"DELETE FROM {table} WHERE article_id=?", [(a,) for a in articles])
        db.executemany(
            "INSERT OR REPLACE INTO entities VALUES (?,?,?,?)",
            [(e.id, e.name, e.type, json.dumps(list(e.aliases), ensure_ascii=False)) for e in found.entities],
        )
        db.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?,?)",
                       [(m.article_id, m.start, m.end, m.text, m.label, m.entity_id, m.how) for m in found.mentions])
        db.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?)",
                       [(q.article_id, q.start, q.end, q.text, q.speaker, q.speaker_entity_id, q.kind, q.cue)
                        for q in found.quotes])
        db.executemany("INSERT INTO dates VALUES (?,?,?,?,?,?,?,?)",
                       [(d.article_id, d.start, d.end, d.text, d.value, d.granularity, int(d.resolved), d.kind)
                        for d in found.dates])
        db.executemany("INSERT INTO not_analysed VALUES (?,?,?,?)",
                       [(n.article_id, n.lang, n.reason, n.message) for n in found.not_analysed])  # fmt: skip

    def entities(self) -> list[Entity]:
        """Canonical entities with their aliases and the articles that mention them."""
        mentioned: dict[str, list[str]] = {}
        for entity_id, article_id in self._db.execute(
            "SELECT DISTINCT entity_id, article_id FROM mentions WHERE entity_id IS NOT NULL ORDER BY article_id"
        ):
            mentioned.setdefault(entity_id, []).append(article_id)
        return [
            Entity(id=i, name=n, type=t, aliases=tuple(json.loads(a)), article_ids=tuple(mentioned.get(i, ())))
            for i, n, t, a in self._db.execute("SELECT id, name, type, aliases FROM entities ORDER BY id")
        ]

    def _of_articles(self, table: str, article_ids: Iterable[str] | None) -> Iterable[tuple]:
        if article_ids is None:
            return self._db.execute(f"SELECT * FROM {table} ORDER BY article_id, start")
        return sorted(self._rows_in(f"SELECT * FROM {table} WHERE article_id IN ({{marks}})", article_ids),
                      key=lambda r: (r[0], r[1]))

    def quotes(self, article_ids: Iterable[str] | None = None) -> list[Quote]:
        """Quotes of every article, or of ``article_ids`` only."""
        return [
            Quote(article_id=r[0], start=r[1], end=r[2], text=r[3], speaker=r[4], speaker_entity_id=r[5], kind=r[6],
                  cue=r[7])
            for r in self._of_articles("quotes", article_ids)
        ]  # fmt: skip

    def dates(self, article_ids: Iterable[str] | None = None) -> list[DateMention]:
        """Date mentions of every article, or of ``article_ids`` only."""
        return [
            DateMention(article_id=r[0], start=r[1], end=r[2], text=r[3], value=r[4], granularity=r[5],
                        resolved=bool(r[6]), kind=r[7])
            for r in self._of_articles("dates", article_ids)
        ]  # fmt: skip

    def entity_names(self, lang: str | None = None) -> dict[str, str]:
        """Name of every entity, by id: the canonical one, or as articles in ``lang`` write it
        (see :func:`~storyline.extract.canonical.names_in_language`)."""
        if lang is None:
            return dict(self._db.execute("SELECT id, name FROM entities"))
        from storyline.extract.canonical import names_in_language

        entities = {i: (n, t) for i, n, t in self._db.execute("SELECT id, name, type FROM entities")}
        surfaces = self._db.execute(
            "SELECT m.entity_id, m.text, COUNT(*) FROM mentions m JOIN articles a ON a.id = m.article_id"
            " WHERE a.lang = ? AND m.entity_id IS NOT NULL AND m.how != 'role' GROUP BY m.entity_id, m.text",
            (lang,))
        return names_in_language(entities, surfaces)

    def entity_types(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT id, type FROM entities"))

    def state(self, name: str) -> bytes | None:
        row = self._db.execute("SELECT data FROM analysis_state WHERE name=?", (name,)).fetchone()
        return row[0] if row else None

    def vectors(self, ids: Iterable[str], model: str) -> dict[str, bytes]:
        sql = "SELECT article_id, vector FROM article_vectors WHERE model=? AND article_id IN ({marks})"
        return dict(self._rows_in(sql, ids, model))

    def article_summaries(self) -> list[tuple[str, str, str | None, str | None, str | None, str | None]]:
        """(id, title, published, lang, source, duplicate_of) of every article, in insertion order."""
        return self._db.execute(
            "SELECT id, title, published, lang, source, duplicate_of FROM articles ORDER BY seq"
        ).fetchall()

    def events(self) -> list[Event]:
        return [
            Event(id=r[0], story_id=r[1], title=r[2], date=r[3], start=r[4], end=r[5], article_ids=tuple(json.loads(r[6])),
                  sources=tuple(json.loads(r[7])), langs=tuple(json.loads(r[8])))
            for r in self._db.execute("SELECT * FROM events ORDER BY date, id")
        ]  # fmt: skip

    def stories(self) -> list[Story]:
        return [
            Story(id=r[0], title=r[1], start=r[2], end=r[3], event_ids=tuple(json.loads(r[4])),
                  article_ids=tuple(json.loads(r[5])), sources=tuple(json.loads(r[6])), langs=tuple(json.loads(r[7])))
            for r in self._db.execute("SELECT * FROM stories ORDER BY start, id")
        ]  # fmt: skip

    # -- reads ----------------------------------------------------------------
    def known_content_keys(self, keys: Iterable[str]) -> set[str]:
        return self._present("content_key", list(keys))

    def taken_ids(self, ids: Iterable[str]) -> set[str]:
        return self._present("id", list(ids))

    def _rows_in(self, sql: str, values: Iterable[str], *params) -> Iterator[tuple]:
        """Rows of ``sql`` whose ``IN ({marks})`` takes ``values``, in chunks under SQLite's variable limit."""
        for chunk in _chunks(list(values)):
            yield from self._db.execute(sql.format(marks=",".join("?" * len(chunk))), [*params, *chunk])

    def _present(self, column: str, values: list[str]) -> set[str]:
        return {row[0] for row in self._rows_in(f"SELECT {column} FROM articles WHERE {column} IN ({{marks}})", values)}

    def originals_by_text_hash(self, hashes: Iterable[str]) -> dict[str, str]:
        originals: dict[str, str] = {}
        sql = "SELECT text_hash, id FROM articles WHERE text_hash IN ({marks}) AND duplicate_of IS NULL ORDER BY seq"
        for text_hash, article_id in self._rows_in(sql, hashes):
            originals.setdefault(text_hash, article_id)
        return originals

    def file_is_done(self, path: str, sha256: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM files_done WHERE path=? AND sha256=?", (path, sha256)
        ).fetchone()
        return row is not None

    def articles(self) -> Iterator[Article]:
        cursor = self._db.execute(f"SELECT {','.join(_ARTICLE_COLUMNS)} FROM articles ORDER BY seq")
        for row in cursor:
            yield _row_article(row)

    def articles_by_id(self, ids: Iterable[str]) -> list[Article]:
        """The articles of ``ids`` that exist, in insertion order."""
        sql = f"SELECT seq, {','.join(_ARTICLE_COLUMNS)} FROM articles WHERE id IN ({{marks}})"
        return [_row_article(row[1:]) for row in sorted(self._rows_in(sql, ids))]

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute(
            f"SELECT {','.join(_ARTICLE_COLUMNS)} FROM articles WHERE id=?", (article_id,)
        ).fetchone()
        return _row_article(row) if row else None

    def rejections(self) -> Iterator[Rejected]:
        for path, locator, reason, message in self._db.execute(
            "SELECT path, locator, reason, message FROM rejected ORDER BY seq"
        ):
            yield Rejected(path=path, locator=locator, reason=Reason(reason), message=message)

    def article_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def stats(self) -> dict[str, object]:
        """Counts for ``storyline status``: articles by language and dating, rejections by reason."""
        db = self._db
        one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT COUNT(*) FROM articles"),
            "duplicates": one("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "dated_metadata": one("SELECT COUNT(*) FROM articles WHERE published IS NOT NULL AND NOT published_inferred"),
            "dated_inferred": one("SELECT COUNT(*) FROM articles WHERE published_inferred"),
            "undated": one("SELECT COUNT(*) FROM articles WHERE published IS NULL"),
            "first_date": one("SELECT MIN(published) FROM articles"),
            "last_date": one("SELECT MAX(published) FROM articles"),
            "languages": dict(db.execute(
                "SELECT COALESCE(lang, 'unknown'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
            ).fetchall()),
            "sources": one("SELECT COUNT(DISTINCT source) FROM articles"),
            "rejected": dict(db.execute(
                "SELECT reason, COUNT(*) FROM rejected GROUP BY 1 ORDER BY 2 DESC"
            ).fetchall()),
        }

    def search(self, query: str, limit: int = 20) -> list[tuple[Article, str]]:
        """Full-text search (FTS5 syntax); returns articles with a highlighted snippet."""
        try:
            rows = self._db.execute(
                f"SELECT {','.join('a.' + c for c in _ARTICLE_COLUMNS)}, "
                "snippet(articles_fts, 1, '[', ']', ' … ', 12) "
                "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"bad search query {query!r}: {exc}; quote phrases with \"…\"") from exc
        return [(_row_article(row[:-1]), row[-1]) for row in rows]

    def close(self) -> None:
        self._db.close()


def _article_row(a: Article) -> tuple:
    return (
        a.id, a.content_key, a.text_hash, a.title, a.text, a.original_text, a.path, a.locator,
        a.format, a.lang, a.lang_score, a.published, int(a.published_inferred), a.published_how,
        a.url, a.source, a.author, a.ext_id, json.dumps(list(a.residue_lines), ensure_ascii=False),
        a.duplicate_of, a.event_id, a.story_id,
    )  # fmt: skip


def _row_article(row: Sequence) -> Article:
    values = dict(zip(_ARTICLE_COLUMNS, row, strict=True))
    values["published_inferred"] = bool(values["published_inferred"])
    values["residue_lines"] = tuple(json.loads(values.pop("residue")))
    return Article(**values)
