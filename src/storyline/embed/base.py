"""The embedder slot: a protocol, the offline default (USE multilingual) and a fake for tests."""

from __future__ import annotations

import hashlib
import re
from typing import Protocol, runtime_checkable

import numpy as np

__all__ = ["Embedder", "FakeEmbedder", "normalize_rows"]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalized float32 rows, one per text, in order.

    ``name`` identifies the model and its version, so cached vectors of another
    model are never mixed in.
    """

    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    """L2-normalize each row in place (zero rows stay zero); float32."""
    matrix = np.ascontiguousarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    np.divide(matrix, norms, out=matrix, where=norms > 0)
    return matrix


def centroid(rows: np.ndarray) -> np.ndarray:
    """The L2-normalized mean of ``rows`` (zero when the mean is zero); float32."""
    return normalize_rows(np.asarray(rows).mean(axis=0, keepdims=True))[0]


_WORD = re.compile(r"\w+", re.UNICODE)


class FakeEmbedder:
    """Hashing-trick bag of words: cheap, deterministic, no model; for unit tests.

    Texts sharing words get a positive cosine, texts sharing none get ~0, which is
    all the clustering tests need. Not multilingual.
    """

    name = "fake-hashing-v1"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _bucket(self, word: str) -> tuple[int, float]:
        digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dim, (1.0 if value >> 63 else -1.0)

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                if len(word) > 2:
                    index, sign = self._bucket(word)
                    out[row, index] += sign
        return normalize_rows(out)
