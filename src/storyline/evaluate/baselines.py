"""Baselines run beside ours in every evaluation: agglomerative clustering over TF-IDF or USE vectors.

As in the published peers (../shared/eval/README.md), average-linkage agglomerative
clustering on cosine distance, cut at a distance threshold tuned on the T17 mix and then
fixed for ML-Crisis. The thresholds below come from a sweep on T17 (0.50 .. 0.98 by
0.02, B-cubed F1 against the topic); see :data:`TFIDF_THRESHOLD` and :data:`USE_THRESHOLD`.

BERTopic runs too when it is installed (``pip install -e '.[bertopic]'``; the ``test`` extra
has it, so CI runs it), given the same USE vectors as ours: its default UMAP (15 neighbours,
5 dimensions, cosine) and HDBSCAN (clusters of 10 or more) pipeline, one UMAP seed per
arrival order of ours. Its outliers (topic -1) are counted as singletons, which scored a
little above counting them as one topic (T17 0.839 against 0.836 at seed 42). It is not a
dependency of the product: it needs torch (through sentence-transformers), which the
default install must not pull in (DESIGN.md, "Offline by design"). Given vectors, it loads
no model and reaches no network.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storyline.records import Article

__all__ = ["TFIDF_THRESHOLD", "USE_THRESHOLD", "agglomerative", "tfidf_vectors", "tfidf_agglomerative",
           "embedding_agglomerative", "bertopic_available", "bertopic_topics"]

#: Cosine-distance cut for TF-IDF + average linkage: best B-cubed F1 on T17 in a sweep of
#: 0.50..0.98 by 0.02 (0.714 at 0.94; 0.634 at 0.92, 0.556 at 0.96). Peers: 0.724.
TFIDF_THRESHOLD = 0.94
#: Same sweep for USE vectors (the default passages strategy) + average linkage:
#: 0.778 at 0.56 on T17 (title + lead vectors: 0.740 at 0.64). Peers: 0.775.
USE_THRESHOLD = 0.56


def agglomerative(vectors, threshold: float) -> list[int]:
    """Average-linkage clustering on cosine distance, cut at ``threshold``; one label per row.

    ``vectors`` is dense or scipy-sparse; rows are L2-normalized here (an all-zero row, a text
    with no kept word, is its own cluster).
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = vectors.shape[0]
    if n < 2:
        return [0] * n
    if hasattr(vectors, "toarray"):
        from sklearn.preprocessing import normalize

        unit = normalize(vectors.astype(np.float32))
        sims = (unit @ unit.T).toarray()
    else:
        unit = np.asarray(vectors, dtype=np.float32)
        norms = np.linalg.norm(unit, axis=1, keepdims=True)
        unit = np.divide(unit, norms, out=np.zeros_like(unit), where=norms > 0)
        sims = unit @ unit.T
    dist = np.clip(1.0 - sims.astype(np.float64), 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    return (fcluster(tree, threshold, criterion="distance") - 1).tolist()


def tfidf_vectors(articles: Sequence[Article], max_features: int = 30000):
    """Sublinear TF-IDF of title + text (words of 2+ letters, no stop list: the mixes are multilingual)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, max_features=max_features, min_df=2, max_df=0.5,
                                 dtype=np.float32)
    return vectorizer.fit_transform([f"{a.title}\n{a.text}" for a in articles])


def tfidf_agglomerative(articles: Sequence[Article], threshold: float = TFIDF_THRESHOLD) -> list[int]:
    """The TF-IDF + agglomerative baseline (peers: 0.724 on the T17 mix, 0.432 on ML-Crisis)."""
    return agglomerative(tfidf_vectors(articles), threshold)


def embedding_agglomerative(vectors: np.ndarray, threshold: float = USE_THRESHOLD) -> list[int]:
    """The USE + agglomerative baseline (peers: 0.775 on the T17 mix, 0.663 on ML-Crisis)."""
    return agglomerative(vectors, threshold)


def bertopic_available() -> bool:
    """True when BERTopic and its UMAP / HDBSCAN are importable."""
    from importlib.util import find_spec

    return all(find_spec(name) is not None for name in ("bertopic", "umap", "hdbscan"))


def bertopic_topics(texts: Sequence[str], vectors: np.ndarray, seed: int = 0) -> list[str]:
    """BERTopic's topics given our vectors (its defaults, UMAP seeded); an outlier is its own topic."""
    import logging

    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from umap import UMAP

    logging.getLogger("BERTopic").setLevel(logging.WARNING)
    umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed, n_jobs=1)
    hdbscan = HDBSCAN(min_cluster_size=10, metric="euclidean", cluster_selection_method="eom", prediction_data=True)
    model = BERTopic(embedding_model=None, umap_model=umap, hdbscan_model=hdbscan)
    topics, _ = model.fit_transform(list(texts), embeddings=np.asarray(vectors, dtype=np.float32))
    return [str(t) if t >= 0 else f"outlier-{i}" for i, t in enumerate(topics)]
