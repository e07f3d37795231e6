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

from storyline.timeline.dates import FEATURES, WEIGHTS_PATH, DateWeights, day_features, rank_days
from storyline.timeline.evidence import gather

__all__ = ["task_rows", "fit_weights", "cross_validate", "weights_without"]


def task_rows(task) -> tuple[list[date], np.ndarray, np.ndarray]:
    docs, mentions = task.inputs()
    start, end = task.span
    days, x = day_features(gather(docs, mentions, start, end))
    y = np.array([d in task.reference for d in days], dtype=int)
    return days, x, y


_ROWS: dict[int, tuple] = {}


def _rows(task):
    key = id(task)
    if key not in _ROWS:
        _ROWS[key] = task_rows(task)
    return _ROWS[key]


def fit_weights(tasks: Sequence, features: Sequence[str] = FEATURES, c: float = 1.0) -> DateWeights:
    from sklearn.linear_model import LogisticRegression

    cols = [FEATURES.index(f) for f in features]
    x = np.vstack([_rows(t)[1][:, cols] for t in tasks])
    y = np.concatenate([_rows(t)[2] for t in tasks])
    model = LogisticRegression(C=c, max_iter=1000).fit(x, y)
    return DateWeights(tuple(float(v) for v in model.coef_[0]), float(model.intercept_[0]), tuple(features))


def weights_without(tasks: Sequence, topic: str, features: Sequence[str] = FEATURES) -> DateWeights:
    """Weights fitted on every task whose topic is not ``topic``."""
    return fit_weights([t for t in tasks if t.topic != topic], features)


def date_f1(task, weights: DateWeights) -> float:
    docs, mentions = task.inputs()
    start, end = task.span
    ranked = rank_days(gather(docs, mentions, start, end), weights)
    chosen = {d for d, _ in ranked[:task.max_dates]}
    shared = len(chosen & set(task.reference))
    if not shared:
        return 0.0
    p, r = shared / len(chosen), shared / len(task.reference)
    return 2 * p * r / (p + r)


def cross_validate(tasks: Sequence, features: Sequence[str] = FEATURES) -> dict[str, float]:
    """Date-F1 of the top-T days per reference timeline, each topic ranked by weights fitted without it."""
    by_topic = {t.topic: weights_without(tasks, t.topic, features) for t in tasks}
    return {t.name: date_f1(t, by_topic[t.topic]) for t in tasks}


def main(argv: list[str] | None = None) -> int:
    from storyline.evaluate.timelines import load_tasks

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write the weights to {WEIGHTS_PATH.name}")
    args = parser.parse_args(argv)
    tasks = load_tasks("t17")
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
