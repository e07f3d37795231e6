"""The embed stage: multilingual article vectors.

An :class:`Embedder` turns texts into L2-normalized float32 rows. The default,
:class:`UseEmbedder`, is USE multilingual v3 from a PyPI package (no download, no
torch); :class:`FakeEmbedder` is a deterministic bag of words for tests.
:func:`embed_articles` chooses what of an article to embed and embeds a batch.
"""

from storyline.embed.base import Embedder, FakeEmbedder, centroid, normalize_rows
from storyline.embed.cache import CachedEmbedder, default_cache
from storyline.embed.text import DEFAULT_STRATEGY, PASSAGES, TITLE_LEAD, Strategy, embed_articles, passages_of
from storyline.embed.use import EmbedderUnavailable, UseEmbedder

__all__ = [
    "Embedder", "FakeEmbedder", "UseEmbedder", "EmbedderUnavailable", "CachedEmbedder", "default_cache",
    "centroid", "normalize_rows",
    "Strategy", "TITLE_LEAD", "PASSAGES", "DEFAULT_STRATEGY", "embed_articles", "passages_of",
]
