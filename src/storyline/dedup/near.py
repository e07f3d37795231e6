"""Near-duplicates: reposts with page residue, truncated copies, lightly edited copies.

MinHash (rensa) on word shingles of the normalized text, an LSH index that grows with
each article, and candidates verified on the estimated overlap before a copy is called
one. The test is *containment* (the share of the shorter text's shingles found in the
longer one), not Jaccard, because a truncated repost keeps a fraction of the original:
containment is derived from the MinHash Jaccard estimate and both shingle counts,
``|A n B| = J (|A| + |B|) / (1 + J)``.

The copy points to the *earliest stored* article of its group (``duplicate_of``), keeps
its own source, and still counts as coverage of the event (the clusterer sees it).

Machine-translated reposts share no shingles with their original: :func:`translated_copy_of`
is the separate rule for them (very high embedding similarity, same day, other language).
"""

from __future__ import annotations

import pickle
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["NearDupConfig", "NearDuplicateIndex", "normalize_for_shingles", "shingles", "translated_copy_of"]


@dataclass(frozen=True)
class NearDupConfig:
    """Calibrated on generated copies of the eval corpora (storyline.evaluate.neardup, tuned on T17,
    checked on ML-Crisis): see that module for the measured precision and recall."""

    shingle_words: int = 4
    num_perm: int = 144
    #: 48 bands x 3 rows: a pair at Jaccard 0.3 is a candidate 73% of the time, at 0.45 99%
    #: (a copy truncated to 45%), at 0.1 5% and at 0.02 (two articles on one topic) 0.04%.
    #: 32 x 4 missed 22% of pairs at 0.46 (measured), 64 x 2 let 15% of pairs at 0.05 through.
    num_bands: int = 48
    lsh_threshold: float = 0.3
    #: share of the shorter text's shingles found in the longer one
    min_containment: float = 0.75
    #: and the shorter text must be at least this share of the longer (a one-line quote inside
    #: a long article is not a copy of it)
    min_length_ratio: float = 0.2
    #: texts with fewer shingles are too short to call (a headline, a caption)
    min_shingles: int = 12
    seed: int = 42


_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalize_for_shingles(text: str) -> list[str]:
    """Lowercase words without accents or punctuation: quote marks, spacing and case edits vanish."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return [w for w in _NON_WORD.split(folded) if w]


def shingles(text: str, k: int) -> set[str]:
    words = normalize_for_shingles(text)
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


class NearDuplicateIndex:
    """An incremental near-duplicate index. Verbs: :meth:`add`, :meth:`query`, :meth:`save`, :meth:`load`.

    Keys are the article ids given to :meth:`add`; each copy's original is the earliest
    added article of its group (a copy of a copy points to the first one).
    """

    def __init__(self, config: NearDupConfig | None = None) -> None:
        import rensa

        self.config = config or NearDupConfig()
        cfg = self.config
        self._rensa = rensa
        self._lsh = rensa.RMinHashLSH(threshold=cfg.lsh_threshold, num_perm=cfg.num_perm, num_bands=cfg.num_bands)
        self._ids: list[str] = []
        self._sizes: list[int] = []
        self._hashes: list = []
        self._original: list[int] = []  # index of each article's original (itself when none)

    def __len__(self) -> int:
        return len(self._ids)

    def _minhash(self, grams: set[str]):
        mh = self._rensa.RMinHash(num_perm=self.config.num_perm, seed=self.config.seed)
        mh.update(sorted(grams))
        return mh

    def query(self, text: str) -> list[tuple[str, float]]:
        """Stored articles this text copies (or that copy it), with the estimated containment, best first."""
        grams = shingles(text, self.config.shingle_words)
        if len(grams) < self.config.min_shingles:
            return []
        return [(self._ids[i], c) for i, c in self._matches(self._minhash(grams), len(grams))]

    def _matches(self, mh, size: int) -> list[tuple[int, float]]:
        cfg = self.config
        out = []
        for key in self._lsh.query(mh):
            other = self._sizes[key]
            small, large = min(size, other), max(size, other)
            if small < cfg.min_length_ratio * large:
                continue
            jaccard = mh.jaccard(self._hashes[key])
            containment = min(1.0, jaccard * (size + other) / (1 + jaccard) / small)
            if containment >= cfg.min_containment:
                out.append((key, containment))
        out.sort(key=lambda kc: (-kc[1], kc[0]))
        return out

    def add(self, article_id: str, text: str) -> str | None:
        """Index one article; return the id of the original it copies, or None."""
        grams = shingles(text, self.config.shingle_words)
        key = len(self._ids)
        self._ids.append(article_id)
        self._sizes.append(len(grams))
        if len(grams) < self.config.min_shingles:
            self._hashes.append(None)
            self._original.append(key)
            return None
        mh = self._minhash(grams)
        matches = self._matches(mh, len(grams))
        original = min((self._original[k] for k, _ in matches), default=key)
        self._hashes.append(mh)
        self._original.append(original)
        self._lsh.insert(key, mh)
        return None if original == key else self._ids[original]

    def add_many(self, articles: Iterable[tuple[str, str]]) -> list[str | None]:
        """(id, text) pairs in arrival order -> each one's original id or None."""
        return [self.add(article_id, text) for article_id, text in articles]

    def save(self, path: str | Path) -> None:
        """Write the index (signatures and LSH bands; rensa objects pickle) to one file."""
        state = {"config": self.config, "ids": self._ids, "sizes": self._sizes, "original": self._original,
                 "hashes": self._hashes, "lsh": self._lsh}
        Path(path).write_bytes(pickle.dumps(state))

    @classmethod
    def load(cls, path: str | Path) -> "NearDuplicateIndex":
        """Load what :meth:`save` wrote (a file this program wrote: pickle is not for untrusted input)."""
        state = pickle.loads(Path(path).read_bytes())
        self = cls(state["config"])
        self._ids, self._sizes, self._original = state["ids"], state["sizes"], state["original"]
        self._hashes, self._lsh = state["hashes"], state["lsh"]
        return self


def translated_copy_of(
    vector: np.ndarray,
    lang: str | None,
    day: str | None,
    candidates: Sequence[tuple[str, np.ndarray, str | None, str | None]],
    min_similarity: float = 0.88,
) -> str | None:
    """The earliest candidate that this article is a machine translation of, or None.

    A translation shares no shingles with its original, so the rule is: another language,
    the same publication day, and an embedding cosine of at least ``min_similarity``
    (candidates: (id, unit vector, lang, ISO day), earliest first). On ML-Crisis, the 561
    same-day pairs of articles in two languages (none a translation of the other) reach at
    most 0.859 with the default passage vectors, so 0.88 calls none of them a copy; USE puts
    one-sentence fr/en/es/it translations at 0.85-0.92, so recall on real translated reposts
    is unmeasured (no such pairs in the corpora) and likely partial.
    """
    if day is None:
        return None
    for cand_id, cand_vector, cand_lang, cand_day in candidates:
        if cand_lang == lang or cand_day is None or cand_day[:10] != day[:10]:
            continue
        if float(np.dot(vector, cand_vector)) >= min_similarity:
            return cand_id
    return None
