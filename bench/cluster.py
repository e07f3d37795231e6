"""Clustering speed: the dedup + embed + cluster path on real articles, and the cost of one
incremental add as the store grows, each printed with its ratio to a baseline run here.

1. Pipeline: N articles (default 2,000) from ../shared/eval (T17 + ML-Crisis, cleaned as the
   pipeline cleans them before this timing starts, shuffled, seed 0) through exact dedup (text hash), near-dup (MinHash LSH), embedding (USE, no cache),
   entities and online clustering, one article at a time. Baseline: the TF-IDF +
   agglomerative clustering of the same articles from scratch (what a batch system redoes
   on every arrival). Goal (issue): under 60 s on the 2-core machine.
2. Incremental add: a clusterer holding 1k, 10k, 100k synthetic articles (unit vectors around
   topic centres, entity keys drawn per topic, dates over a year), then the mean time of
   adding 200 more, one by one; printed as a ratio to the cost at 1k. With the HNSW index at
   every size; with the exact (flat) index up to 20k (filling it one by one is quadratic), and
   the index search alone for both at every size. Each probe is its own ``add`` call, so
   each pays a fragment-repair round (a heap pop when nothing is due): the worst case.

Usage: python bench/cluster.py [--articles 2000] [--sizes 1000,10000,100000] [--skip-pipeline]
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import numpy as np  # noqa: E402

from storyline.cluster import (  # noqa: E402
    ClusterConfig, ClusterItem, StoryClusterer, capitalized_entities, cluster_items, make_index,
)
from storyline.dedup.near import NearDuplicateIndex  # noqa: E402
from storyline.embed import DEFAULT_STRATEGY, UseEmbedder, embed_articles  # noqa: E402
from storyline.evaluate.baselines import tfidf_agglomerative  # noqa: E402
from storyline.evaluate.corpora import EvalDataMissing, load_corpus  # noqa: E402


def pipeline(n: int) -> None:
    try:
        articles = load_corpus("t17").articles + load_corpus("mlcrisis").articles
    except EvalDataMissing as exc:
        print(f"pipeline: skipped ({exc})")
        return
    random.Random(0).shuffle(articles)
    articles = articles[:n]
    timings = {}
    started = time.perf_counter()
    seen: dict[str, str] = {}
    exact = [seen.setdefault(a.text_hash, a.id) != a.id for a in articles]
    timings["exact dedup"] = time.perf_counter() - started

    t = time.perf_counter()
    near = NearDuplicateIndex()
    copies = near.add_many((a.id, a.text) for a in articles)
    timings["near dedup"] = time.perf_counter() - t

    t = time.perf_counter()
    embedder = UseEmbedder(threads=2)
    embedder.embed(["warm-up: load the model"])
    timings["model load"] = time.perf_counter() - t
    t = time.perf_counter()
    vectors = embed_articles(articles, embedder, DEFAULT_STRATEGY)
    timings["embed"] = time.perf_counter() - t

    t = time.perf_counter()
    items = cluster_items(articles, vectors, capitalized_entities)
    timings["entities"] = time.perf_counter() - t
    t = time.perf_counter()
    clusterer = StoryClusterer(vectors.shape[1])
    clusterer.add(items)
    timings["cluster"] = time.perf_counter() - t
    total = time.perf_counter() - started

    t = time.perf_counter()
    tfidf_agglomerative(articles)
    baseline = time.perf_counter() - t

    print(f"pipeline on {len(articles)} articles ({sum(exact)} exact copies, "
          f"{sum(c is not None for c in copies)} near copies, {clusterer.event_count} events, "
          f"{clusterer.story_count} stories):")
    for stage, seconds in timings.items():
        print(f"  {stage:<12} {seconds:7.2f} s  ({len(articles) / seconds:8.1f} articles/s)")
    print(f"  {'total':<12} {total:7.2f} s  goal < 60 s: {'yes' if total < 60 else 'NO'}")
    print(f"  baseline: TF-IDF + agglomerative from scratch {baseline:.2f} s; "
          f"cluster stage / baseline = {timings['cluster'] / baseline:.2f}")


def synthetic(n: int, rng: np.random.Generator, topics: int = 200, dim: int = 512) -> list[ClusterItem]:
    centres = rng.standard_normal((topics, dim)).astype(np.float32)
    topic = rng.integers(0, topics, n)
    vectors = centres[topic] + 1.2 * rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vocab = [[f"t{t}k{k}" for k in range(20)] for t in range(topics)]
    days = rng.integers(0, 365, n)
    items = []
    for i in range(n):
        keys = {k: 1 + int(rng.integers(0, 3)) for k in rng.choice(vocab[topic[i]], 6, replace=False)}
        keys[f"noise{int(rng.integers(0, 50000))}"] = 1
        items.append(ClusterItem(f"a{i}", vectors[i], keys, f"2024-01-01" if days[i] == 0 else
                                 (np.datetime64("2024-01-01") + int(days[i])).astype(str)))
    return items


def incremental(sizes: list[int], index_kinds: list[str], probes: int = 200, flat_limit: int = 20000) -> None:
    """Per-add cost of the whole clusterer at each size; the flat index is filled only up to
    ``flat_limit`` (filling is quadratic with it), past that its search alone is timed."""
    rng = np.random.default_rng(0)
    largest = max(sizes)
    items = synthetic(largest + probes, rng)
    probe = items[largest:largest + probes]
    for kind in index_kinds:
        clusterer = StoryClusterer(512, ClusterConfig(index=kind))
        base = None
        filled = 0
        for size in sorted(sizes):
            if kind == "flat" and size > flat_limit:
                continue
            t = time.perf_counter()
            clusterer.add(items[filled:size])
            fill_s = time.perf_counter() - t
            filled = size
            cost = _probe(clusterer, probe)
            base = base or cost
            print(f"  {kind:<5} clusterer at {size:>7} articles: {cost * 1000:7.2f} ms per add "
                  f"(ratio to 1k: {cost / base:5.2f}; filling took {fill_s:.0f} s)", flush=True)
    dim = StoryClusterer(512).dim
    vectors = np.vstack([StoryClusterer(512)._vector(i.vector, i.entities) for i in items[: min(largest, 100000)]])
    queries = vectors[:probes]
    for kind in index_kinds:
        base = None
        for size in sorted(sizes):
            index = make_index(kind, dim)
            index.add(vectors[:size])
            t = time.perf_counter()
            for q in queries:
                index.search(q[None, :], 30)
            cost = (time.perf_counter() - t) / len(queries)
            base = base or cost
            print(f"  {kind:<5} index search alone at {size:>7}: {cost * 1000:7.3f} ms (ratio to 1k: {cost / base:5.2f})",
                  flush=True)


def _probe(clusterer: StoryClusterer, probe: list[ClusterItem]) -> float:
    """Mean seconds per add of the probe items, one by one (they stay in the store: 200 more
    articles do not change the next size's figure)."""
    t = time.perf_counter()
    for item in probe:
        clusterer.add([ClusterItem(f"probe-{len(clusterer)}", item.vector, item.entities, item.date)])
    return (time.perf_counter() - t) / len(probe)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--index", default="flat,hnsw")
    parser.add_argument("--skip-pipeline", action="store_true")
    args = parser.parse_args(argv)
    if not args.skip_pipeline:
        pipeline(args.articles)
    print("incremental add, synthetic vectors (200 topics):")
    incremental([int(s) for s in args.sizes.split(",")], args.index.split(","))
    return 0


if __name__ == "__main__":
    sys.exit(main())
