"""A vector cache keyed by model name and text hash, in one SQLite file.

The store keeps article vectors for the pipeline; this cache is for callers without
a store (the evaluation harness, the quality gate, benchmarks), so that the same
text is embedded once per machine and model.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import numpy as np

from storyline.embed.base import Embedder

__all__ = ["CachedEmbedder", "default_cache", "text_key"]


def default_cache() -> Path:
    """Where the evaluation commands keep their vectors: ``$XDG_CACHE_HOME/storyline/vectors.sqlite``."""
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "storyline" / "vectors.sqlite"


def text_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()


class CachedEmbedder:
    """Wraps an :class:`Embedder`; texts already seen come from ``path``, the rest are embedded and added."""

    def __init__(self, inner: Embedder, path: str | Path) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path))
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")

    def embed(self, texts: list[str]) -> np.ndarray:
        keys = [text_key(self.name, t) for t in texts]
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start:start + 500]
            rows = self._db.execute(
                f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            todo = list(dict.fromkeys(keys[i] for i in missing))
            first_text = {}
            for i in missing:
                first_text.setdefault(keys[i], texts[i])
            vectors = self.inner.embed([first_text[k] for k in todo])
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                    [(k, v.astype(np.float32).tobytes()) for k, v in zip(todo, vectors)],
                )
            found.update(zip(todo, vectors))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, k in enumerate(keys):
            out[i] = found[k]
        return out

    def close(self) -> None:
        self._db.close()
