"""Nearest-neighbour search over article vectors, append-only, behind one small protocol.

- :class:`FlatIndex`: exact inner product (faiss ``IndexFlatIP``, numpy when faiss is absent).
  Linear in the store size, but a BLAS scan: fastest up to tens of thousands of vectors.
- :class:`HnswIndex`: faiss ``IndexHNSWFlat`` (inner product), logarithmic search; what
  keeps an incremental add cheap at 100k+ articles (bench/cluster.py measures both).

Vectors are L2-normalized, so inner product is cosine similarity. Search results are
deterministic given the order of additions (faiss runs on one thread here).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

__all__ = ["VectorIndex", "FlatIndex", "HnswIndex", "make_index"]


def _faiss():
    try:
        import faiss
    except ImportError:  # pragma: no cover - depends on the install
        return None
    faiss.omp_set_num_threads(1)
    return faiss


class VectorIndex(Protocol):
    dim: int

    def add(self, vectors: np.ndarray) -> None:
        """Append rows; their ids are their positions, in order."""

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` (similarities, ids) per query row, best first; ids -1 pad when fewer exist."""

    def __len__(self) -> int: ...

    def reconstruct_all(self) -> np.ndarray:
        """Every stored vector, in id order (to save the index beside the clusterer's state)."""


class FlatIndex:
    """Exact search. Uses faiss when installed, else a numpy matrix product."""

    kind = "flat"

    def __init__(self, dim: int) -> None:
        self.dim = dim
        faiss = _faiss()
        self._faiss = faiss.IndexFlatIP(dim) if faiss else None
        self._matrix = np.zeros((0, dim), dtype=np.float32)

    def add(self, vectors: np.ndarray) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        if self._faiss is not None:
            self._faiss.add(vectors)
        else:
            self._matrix = np.vstack([self._matrix, vectors])

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        if self._faiss is not None:
            return self._faiss.search(vectors, k)
        sims = vectors @ self._matrix.T
        n = sims.shape[1]
        top = np.argsort(-sims, axis=1, kind="stable")[:, :k]
        out_ids = np.full((len(vectors), k), -1, dtype=np.int64)
        out_sims = np.full((len(vectors), k), -np.inf, dtype=np.float32)
        out_ids[:, : min(k, n)] = top
        out_sims[:, : min(k, n)] = np.take_along_axis(sims, top, axis=1)
        return out_sims, out_ids

    def __len__(self) -> int:
        return self._faiss.ntotal if self._faiss is not None else len(self._matrix)

    def reconstruct_all(self) -> np.ndarray:
        if self._faiss is not None:
            return self._faiss.reconstruct_n(0, self._faiss.ntotal)
        return self._matrix.copy()


class HnswIndex:
    """Approximate search in a navigable small-world graph (faiss), logarithmic in the store size.

    ``m=32, ef_search=128``: recall@30 above 0.99 against :class:`FlatIndex` on the
    eval corpora's vectors (bench/cluster.py), at a fraction of the flat scan's cost past ~20k rows.
    """

    kind = "hnsw"

    def __init__(self, dim: int, m: int = 32, ef_construction: int = 80, ef_search: int = 128) -> None:
        faiss = _faiss()
        if faiss is None:
            raise ImportError("the HNSW index needs faiss: pip install faiss-cpu")
        self.dim = dim
        self._index = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
        self._index.hnsw.efConstruction = ef_construction
        self._index.hnsw.efSearch = ef_search

    def add(self, vectors: np.ndarray) -> None:
        self._index.add(np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dim))

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        return self._index.search(np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dim), k)

    def __len__(self) -> int:
        return self._index.ntotal

    def reconstruct_all(self) -> np.ndarray:
        return self._index.reconstruct_n(0, self._index.ntotal)


def make_index(kind: str, dim: int) -> VectorIndex:
    """``flat`` or ``hnsw``."""
    if kind == "flat":
        return FlatIndex(dim)
    if kind == "hnsw":
        return HnswIndex(dim)
    raise ValueError(f"unknown index kind {kind!r}; choose flat or hnsw")
