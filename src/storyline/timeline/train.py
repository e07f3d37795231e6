"""Learn the date ranker's weights on Timeline17: ``python -m storyline.timeline.train``.

Each day of each reference span is a row of :func:`~storyline.timeline.dates.day_features`,
labelled 1 when the reference timeline has that day. A logistic regression (scikit-learn,
from the ``eval`` extra) is scored by leave-one-topic-out cross-validation: the weights
that rank a topic's days never saw that topic (all outlets of a topic are left out
together, as bpoil_bbc and bpoil_reuters share their days). The figure printed is the
Date-F1 of taking the top T days. The shipped weights are then fitted on every topic and
written to ``date_weights.json``. Nothing here ever reads ML-Crisis.
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


def fit_weights(tasks: Sequence, features: Sequence[str] = FEATURES, c: float = 1.0) -> DateWeights:
    from sklearn.linear_model import LogisticRegression

    cols = [FEATURES.index(f) for f in features]
    x = np.vstack([t.day_rows[1][:, cols] for t in tasks])
    y = np.concatenate([t.day_rows[2] for t in tasks])
    model = LogisticRegression(C=c, max_iter=1000).fit(x, y)
    return DateWeights(tuple(float(v) for v in model.coef_[0]), float(model.intercept_[0]), tuple(features))


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
    print("weights on all T17:", dict(zip(weights.features, [round(c, 3) for c in weights.coef])),
          "intercept", round(weights.intercept, 3))
    if args.write:
        WEIGHTS_PATH.write_text(json.dumps({
            "features": list(weights.features), "coef": list(weights.coef), "intercept": weights.intercept,
            "trained_on": "Timeline17, all 16 collections (python -m storyline.timeline.train --write)",
            "cross_validated_date_f1": round(mean, 4),
        }, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
