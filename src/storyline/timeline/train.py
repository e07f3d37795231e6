"""Learn the date ranker's weights on Timeline17: ``python -m storyline.timeline.train``.

Each day of each reference span is a row of :func:`~storyline.timeline.dates.day_features`,
labelled 1 when the reference timeline has that day. Two logistic regressions (scikit-learn,
from the ``eval`` extra), one pointwise and one pairwise, blended (see :func:`fit_weights`),
are scored by leave-one-topic-out cross-validation: the weights that rank a topic's days
never saw that topic (all outlets of a topic are left out together, as bpoil_bbc and
bpoil_reuters share their days). The figure printed is the Date-F1 of taking the top T days.
The shipped weights are then fitted on every topic and written to ``date_weights.json``.
Nothing here ever reads ML-Crisis.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Sequence

import numpy as np

from storyline.timeline.dates import FEATURES, WEIGHTS_PATH, DateWeights, day_features, order_days
from storyline.timeline.build import on_story_docs
from storyline.timeline.evidence import gather

__all__ = ["task_rows", "fit_weights", "cross_validate", "weights_without", "top_t_date_f1"]


def task_rows(task) -> tuple[list[date], np.ndarray, np.ndarray]:
    """Days of a task's reference span, their features, and whether the reference has each."""
    docs, mentions = task.inputs
    start, end = task.span
    days, x = day_features(gather(on_story_docs(docs, task.vectors), mentions, start, end))
    y = np.array([d in task.reference for d in days], dtype=int)
    return days, x, y


BLEND = 0.25  # share of the pointwise ranker; leave-one-topic-out on T17, see storyline.timeline.dates


def _pairs(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Feature differences (reference day minus other day) for every such pair of one timeline."""
    pos, neg = x[y == 1], x[y == 0]
    return (pos[:, None, :] - neg[None, :, :]).reshape(-1, x.shape[1])


def fit_weights(tasks: Sequence, features: Sequence[str] = FEATURES, c: float = 1.0,
                blend: float = BLEND) -> DateWeights:
    """A pointwise and a pairwise ranker of the tasks' days, blended.

    Pointwise: a logistic regression of "is this day on the reference". Pairwise: a logistic
    regression, with no intercept, on the difference between a reference day's features and
    another day's of the same timeline, every timeline's pairs weighing the same in all
    (unweighted, IraqWar's 48,000 pairs drown H1N1_bbc's 7: 0.550 alone on T17 against 0.580).
    A timeline only chooses among its own days, and the pairwise loss learns just that order;
    the pointwise one also spends itself telling a dense collection's days from a sparse one's,
    but holds where a collection is unlike T17, and its score stays a probability, from which
    :func:`~storyline.timeline.build.default_max_dates` reads how many days to keep (the blend,
    standardized per collection, cannot say that: it would keep one day of haiti_bbc's twelve).
    """
    from sklearn.linear_model import LogisticRegression

    cols = [FEATURES.index(f) for f in features]
    rows = [(t.day_rows[1][:, cols], t.day_rows[2]) for t in tasks]
    x = np.vstack([r for r, _ in rows])
    y = np.concatenate([labels for _, labels in rows])
    point = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    diffs = [d for d in (_pairs(r, labels) for r, labels in rows) if len(d)]
    d = np.vstack(diffs)
    w = np.concatenate([np.full(len(p), 1000.0 / len(p)) for p in diffs])  # 1,000 per timeline
    ranker = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    pair = ranker.fit(np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))], sample_weight=np.r_[w, w]).coef_[0]
    return DateWeights(tuple(map(float, point.coef_[0])), float(point.intercept_[0]), tuple(features),
                       tuple(map(float, pair)), blend)


def weights_without(tasks: Sequence, topic: str, features: Sequence[str] = FEATURES) -> DateWeights:
    """Weights fitted on every task whose topic is not ``topic``."""
    return fit_weights([t for t in tasks if t.topic != topic], features)


def top_t_date_f1(task, weights: DateWeights) -> float:
    """Date-F1 of the T best-ranked days of ``task`` (T: its reference's number of dates)."""
    from storyline.evaluate.timelines import date_f1

    days, x, _ = task.day_rows
    ranked = order_days(days, x, weights)
    return date_f1({d for d, _ in ranked[:task.max_dates]}, task.reference)


def cross_validate(tasks: Sequence, features: Sequence[str] = FEATURES) -> dict[str, float]:
    """Date-F1 of the top-T days per reference timeline, each topic ranked by weights fitted without it."""
    by_topic = {t.topic: weights_without(tasks, t.topic, features) for t in tasks}
    return {t.name: top_t_date_f1(t, by_topic[t.topic]) for t in tasks}


def main(argv: list[str] | None = None) -> int:
    from storyline.embed import CachedEmbedder, UseEmbedder, default_cache
    from storyline.evaluate.timelines import attach_vectors, load_tasks

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write the weights to {WEIGHTS_PATH.name}")
    args = parser.parse_args(argv)
    tasks = load_tasks("t17")
    attach_vectors(tasks, CachedEmbedder(UseEmbedder(), default_cache()))
    scores = cross_validate(tasks)
    for name, f1 in scores.items():
        print(f"{name:28} Date-F1 {f1:.3f}")
    mean = sum(scores.values()) / len(scores)
    print(f"leave-one-topic-out mean Date-F1 (top T days): {mean:.3f}")
    weights = fit_weights(tasks)
    print("weights on all T17, pointwise:", dict(zip(weights.features, [round(c, 3) for c in weights.coef])))
    print("pairwise:", dict(zip(weights.features, [round(c, 3) for c in weights.pair])),
          f"blend {weights.blend}")
    if args.write:
        WEIGHTS_PATH.write_text(json.dumps({
            "features": list(weights.features), "coef": list(weights.coef), "pair": list(weights.pair),
            "blend": weights.blend, "intercept": weights.intercept,
            "trained_on": "Timeline17, all 16 collections (python -m storyline.timeline.train --write)",
            "cross_validated_date_f1": round(mean, 4),
        }, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
