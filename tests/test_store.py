"""The SQLite store: migrations, idempotent batches, file marks, search, stats."""

from __future__ import annotations

import sqlite3

import pytest

from storyline.records import Article, Reason, Rejected
from storyline.store import FileMark, StoreError, open_store
from storyline.store.sqlite import MIGRATIONS


def make_article(n: int, text: str | None = None, **kw) -> Article:
    text = text or f"Le ministre a annoncé la mesure numéro {n} lors d'une conférence de presse à Kastel."
    return Article(
        id=kw.pop("id", f"a{n}"), content_key=f"key{n}", text_hash=kw.pop("text_hash", f"hash{n}"),
        title=f"Titre {n}", text=text, original_text=text, path=f"/in/{n}.txt", **kw,
    )  # fmt: skip


def test_new_store_is_migrated_and_in_wal_mode(tmp_path):
    store = open_store(tmp_path / "s.db")
    assert store.schema_version == len(MIGRATIONS)
    mode = sqlite3.connect(tmp_path / "s.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    store.close()


def test_batch_is_idempotent(store):
    articles = [make_article(i) for i in range(3)]
    rejected = [Rejected(path="/in/bad.txt", reason=Reason.EMPTY, message="empty")]
    assert store.add_batch(articles, rejected) == (3, 1)
    assert store.add_batch(articles, rejected) == (0, 1)  # the rejection is refreshed, not duplicated
    assert store.article_count() == 3
    assert len(list(store.rejections())) == 1


def test_round_trip_keeps_every_field(store):
    article = make_article(
        1, lang="fr", lang_score=0.98, published="2025-11-07", published_inferred=True,
        published_how="weekday", url="https://x.example/1", source="x.example",
        residue_lines=("Partager.", "A lire aussi :"), duplicate_of=None,
    )  # fmt: skip
    store.add_batch([article], [])
    assert list(store.articles()) == [article]


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    open_store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(StoreError, match="upgrade storyline"):
        open_store(path)


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="is it a storyline database"):
        open_store(path)


def test_file_marks_and_stale_rejections(tmp_path):
    path = tmp_path / "s.db"
    first = open_store(path)
    first.add_batch([], [Rejected(path="/in/x.json", locator="line 2", reason=Reason.BAD_JSON, message="bad")],
                    [FileMark("/in/x.json", "sha-old", 10)])  # fmt: skip
    assert first.file_is_done("/in/x.json", "sha-old")
    first.close()
    # The file changed and was read again in full without error: its old rejection goes.
    second = open_store(path)
    assert not second.file_is_done("/in/x.json", "sha-new")
    second.add_batch([make_article(1)], [], [FileMark("/in/x.json", "sha-new", 12)])
    assert list(second.rejections()) == []
    second.close()


def test_search_ignores_accents_and_reports_bad_queries(store):
    store.add_batch([make_article(1, text="Le cessez-le-feu a été signé à Genève après trois jours."),
                     make_article(2, text="Les inondations ont touché la vallée de la Sarna hier soir.")], [])  # fmt: skip
    hits = store.search("geneve")
    assert [a.id for a, _ in hits] == ["a1"]
    assert "[Genève]" in hits[0][1]
    with pytest.raises(StoreError, match="bad search query"):
        store.search('"unbalanced')


def test_originals_by_text_hash_prefers_the_first_original(store):
    store.add_batch([make_article(1, text_hash="same"), make_article(2, text_hash="same", duplicate_of="a1")], [])
    assert store.originals_by_text_hash(["same", "other"]) == {"same": "a1"}
    assert store.stats()["duplicates"] == 1
