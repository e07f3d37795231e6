"""Exact duplicates (same normalized text) and free article ids, for one batch.

Near-duplicates (MinHash LSH) are a later step of this stage; exact copies are
settled here, at ingest time, because it costs one indexed lookup per batch.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.records import Article
from storyline.store.base import Store


def assign_ids_and_exact_duplicates(articles: Sequence[Article], store: Store) -> list[Article]:
    """Give each new article a free id and point exact copies at their original.

    An id given by the input is kept when free; when another article already holds
    it (T17 ids restart at 0 in every collection), a suffix from the content key
    keeps it recognisable. The original of a copy is the first article stored with
    the same text hash, in this batch or before.
    """
    taken = store.taken_ids(a.id for a in articles)
    with_ids: list[Article] = []
    for article in articles:
        article_id = article.id
        if article_id in taken:
            article_id = f"{article.id}~{article.content_key[:8]}"
        taken.add(article_id)
        with_ids.append(article.with_(id=article_id))

    originals = store.originals_by_text_hash(a.text_hash for a in with_ids)
    # Within a batch the earliest published copy is the original (a wire story before
    # its reposts); undated copies come last, ties keep input order. Across batches the
    # stored original stays: re-pointing stored rows is the near-duplicate step's job.
    for article in sorted(with_ids, key=lambda a: (a.published is None, a.published or "")):
        originals.setdefault(article.text_hash, article.id)
    return [
        a.with_(duplicate_of=None if originals[a.text_hash] == a.id else originals[a.text_hash]) for a in with_ids
    ]
