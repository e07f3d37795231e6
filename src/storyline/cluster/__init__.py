"""The cluster stage: articles into events, events into stories, online.

:class:`StoryClusterer` takes :class:`ClusterItem` records (id, text vector, entity keys,
date) one batch at a time and answers with :class:`Assignment` records; its state saves to
and loads from one file. :func:`cluster_items` builds the items from articles, their vectors
and an entity source (by default :func:`capitalized_entities`, pluggable: any
``Article -> set[str] | Mapping[str, int]``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storyline.cluster.entities import EntitySource, capitalized_entities, translit_key
from storyline.cluster.index import FlatIndex, HnswIndex, VectorIndex, make_index
from storyline.cluster.online import Assignment, ClusterConfig, ClusterItem, StoryClusterer
from storyline.records import Article

__all__ = [
    "StoryClusterer", "ClusterConfig", "ClusterItem", "Assignment", "cluster_items",
    "EntitySource", "capitalized_entities", "translit_key",
    "VectorIndex", "FlatIndex", "HnswIndex", "make_index",
]


def cluster_items(articles: Sequence[Article], vectors: np.ndarray,
                  entity_source: EntitySource = capitalized_entities) -> list[ClusterItem]:
    """One :class:`ClusterItem` per article, in order (vectors: one unit row per article)."""
    if len(articles) != len(vectors):
        raise ValueError(f"{len(articles)} articles but {len(vectors)} vectors; embed every article first")
    items = []
    for article, vector in zip(articles, vectors):
        entities = entity_source(article)
        entities = frozenset(entities) if isinstance(entities, (set, frozenset)) else dict(entities)
        items.append(ClusterItem(article.id, vector, entities, article.published))
    return items
