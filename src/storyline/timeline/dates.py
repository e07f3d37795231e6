"""Which days matter: a linear ranker over what the collection says about each day.

Features of a day, counted within the collection (the first nine log-scaled, then divided
by the collection's largest value, so that a small and a large collection rank alike):

- ``mention_docs`` / ``mentions``: articles that name the day, and times it is named;
- ``reports`` / ``reports_next``: articles published on the day, and the day after;
- ``fresh``: articles that name the day and were published on it or within 2 days;
- ``later`` / ``later_week`` / ``later_month``: articles that name it more than 2, 7, 30
  days afterwards (it is still remembered);
- ``ahead``: articles that name it before it comes (an announced vote, a deadline);
- ``burst``: coverage of the day against the two weeks around it (log ratio);
- ``share_docs``: share of the collection's articles that name it;
- ``raw_docs`` / ``raw_reports``: the unscaled log counts, so a day named by 40 articles
  outranks one named by 4 even in a collection where 4 is the most.

Chosen by leave-one-topic-out Date-F1 on T17 (top T days): the first seven gave 0.548,
all thirteen 0.559; features for mentions in the lead (0.543), per-collection rank scaling
(0.541), a pairwise ranking loss (0.537), gradient-boosted trees (0.544) and a penalty on
neighbouring days (0.527) did worse and were dropped.

The weights ship in ``date_weights.json``. They were learned on Timeline17 only
(``python -m storyline.timeline.train``): logistic regression of "is this day on the
reference timeline", with leave-one-topic-out cross-validation to choose the features
and report the score; the shipped weights are then fitted on all T17 topics. No
collection is ever ranked with weights fitted on itself: ``storyline eval timeline``
refits without the evaluated topic, and ML-Crisis is only ever ranked with T17 weights.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from storyline.timeline.evidence import DayEvidence, Evidence

__all__ = ["FEATURES", "DateWeights", "day_features", "order_days", "rank_days", "load_weights", "WEIGHTS_PATH"]

FEATURES = ("mention_docs", "mentions", "reports", "reports_next", "fresh", "later", "ahead",
            "later_week", "later_month", "burst", "share_docs", "raw_docs", "raw_reports")
WEIGHTS_PATH = Path(__file__).with_name("date_weights.json")
FRESH_DAYS = 2


@dataclass(frozen=True)
class DateWeights:
    coef: tuple[float, ...]
    intercept: float = 0.0
    features: tuple[str, ...] = FEATURES

    def score(self, x: np.ndarray) -> np.ndarray:
        if x.size == 0:
            return np.zeros(0)
        cols = [FEATURES.index(f) for f in self.features]
        return x[:, cols] @ np.asarray(self.coef) + self.intercept


@lru_cache(maxsize=1)
def load_weights(path: Path = WEIGHTS_PATH) -> DateWeights:
    data = json.loads(path.read_text(encoding="utf-8"))
    return DateWeights(tuple(data["coef"]), float(data["intercept"]), tuple(data["features"]))


def _row(day: date, ev: DayEvidence) -> list[float]:
    docs: dict[str, date | None] = {}
    for doc_id, published, _ in ev.mentions:
        docs[doc_id] = published
    fresh = later = ahead = 0
    for published in docs.values():
        if published is None:
            continue
        lag = (published - day).days
        if lag < 0:
            ahead += 1
        elif lag <= FRESH_DAYS:
            fresh += 1
        else:
            later += 1
    week = sum(1 for p in docs.values() if p is not None and (p - day).days > 7)
    month = sum(1 for p in docs.values() if p is not None and (p - day).days > 30)
    return [len(docs), len(ev.mentions), len(ev.reports), len(ev.reports_next), fresh, later, ahead, week, month]


def day_features(evidence: Evidence) -> tuple[list[date], np.ndarray]:
    """Days in chronological order and their feature rows (see the module docstring)."""
    days = sorted(evidence.days)
    if not days:
        return [], np.zeros((0, len(FEATURES)))
    raw = np.array([_row(d, evidence.days[d]) for d in days], dtype=float)
    x = np.log1p(raw)
    top = x.max(axis=0)
    top[top == 0] = 1.0
    x = x / top
    # burst: coverage of the day and the next against the two weeks around it
    cover = raw[:, 2] + raw[:, 3] + raw[:, 0]
    index = {d: i for i, d in enumerate(days)}
    burst = np.zeros(len(days))
    for i, d in enumerate(days):
        around = [cover[index[d + timedelta(days=k)]] for k in range(-7, 8) if k and (d + timedelta(days=k)) in index]
        burst[i] = np.log1p(cover[i]) - np.log1p(sum(around) / 14)
    n_docs = len(evidence.docs) or 1
    extra = np.column_stack([burst, raw[:, 0] / n_docs, np.log1p(raw[:, 0]) / 5, np.log1p(raw[:, 2]) / 5])
    return days, np.hstack([x, extra])


def order_days(days: Sequence[date], x: np.ndarray, weights: DateWeights | None = None) -> list[tuple[date, float]]:
    """``days`` (with their feature rows ``x``) from most to least important, with their scores;
    ties go to the earlier day."""
    scores = (weights or load_weights()).score(x)
    order = sorted(range(len(days)), key=lambda i: (-scores[i], days[i]))
    return [(days[i], float(scores[i])) for i in order]


def rank_days(evidence: Evidence, weights: DateWeights | None = None) -> list[tuple[date, float]]:
    """Days from most to least important, with their scores."""
    return order_days(*day_features(evidence), weights)
