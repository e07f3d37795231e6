"""The storage protocol every backend implements.

Stages never talk to SQLite directly; they hand records to a :class:`Store`.
SQLite is the default (``sqlite.py``); a server database can be added later by
implementing this protocol and registering it in :func:`storyline.store.open_store`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from storyline.records import Article, DateMention, Entity, Event, Quote, Rejected, Story


@dataclass(frozen=True, slots=True)
class FileMark:
    """An input file fully read in an earlier run (path and content hash)."""

    path: str
    sha256: str
    size: int


class Store(Protocol):
    """What the pipeline needs from a store. Every write method is one transaction."""

    def add_batch(
        self,
        articles: Sequence[Article],
        rejected: Sequence[Rejected],
        files_done: Sequence[FileMark] = (),
    ) -> tuple[int, int]:
        """Store a batch atomically; return (articles added, rejections added).

        Records already present (same ``content_key`` / same rejection key) are
        skipped, so replaying a batch after a crash adds nothing twice. Files in
        ``files_done`` had their last record in this batch; they are marked read
        in the same transaction, so a crash never marks a file whose records were lost.
        """

    def update_texts(self, articles: Sequence[Article]) -> None:
        """Replace title, text, text hash and residue of stored articles (same ids)."""

    def article(self, article_id: str) -> Article | None:
        """One article by id."""

    def known_content_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of these content keys are already stored."""

    def originals_by_text_hash(self, hashes: Iterable[str]) -> dict[str, str]:
        """Map text hashes already stored to the id of the first article with that hash."""

    def taken_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are already used."""

    def file_is_done(self, path: str, sha256: str) -> bool:
        """Whether this exact file content was fully read before."""

    def articles(self) -> Iterator[Article]:
        """Every stored article, in insertion order."""

    def rejections(self) -> Iterator[Rejected]:
        """Every recorded rejection, in insertion order."""

    def own_paths(self) -> set[str]:
        """Absolute paths of the store's own files (never ingested as inputs)."""

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
        """What one analysis run decided (state blobs, vectors, event/story ids, copies, and the
        extract stage's entities, mentions, quotes and dates), atomically."""

    def entities(self) -> list[Entity]: ...

    def quotes(self, article_ids: Iterable[str] | None = None) -> list[Quote]: ...

    def dates(self, article_ids: Iterable[str] | None = None) -> list[DateMention]: ...

    def entity_names(self, lang: str | None = None) -> dict[str, str]: ...

    def entity_types(self) -> dict[str, str]:
        """Type (PER, ORG, LOC, MISC) of every entity, by id."""

    def articles_by_id(self, ids: Iterable[str]) -> list[Article]: ...

    def state(self, name: str) -> bytes | None:
        """A state blob saved by :meth:`save_analysis` (clusterer, near-duplicate index)."""

    def vectors(self, ids: Iterable[str], model: str) -> dict[str, bytes]:
        """Stored article vectors of ``model`` (float32 bytes) by article id."""

    def article_summaries(self) -> list[tuple[str, str, str | None, str | None, str | None, str | None]]:
        """(id, title, published, lang, source, duplicate_of) of every article."""

    def events(self) -> list[Event]: ...

    def stories(self) -> list[Story]: ...

    def article_count(self) -> int: ...

    def stats(self) -> dict[str, object]:
        """Counts by language, dating and rejection reason."""

    def search(self, query: str, limit: int = 20) -> list[tuple[Article, str]]:
        """Full-text search; articles with a highlighted snippet, best first."""

    def close(self) -> None: ...
