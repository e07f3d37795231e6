"""Which days matter: a linear ranker over what the collection says about each day.

Features of a day, counted within the collection (the first nine log-scaled, then divided
by the collection's largest value, so that a small and a large collection rank alike):

- ``mention_docs`` / ``mentions``: articles that name the day, and times it is named (at most
  ``MENTIONS_PER_ARTICLE`` per article);
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
all thirteen 0.564; features for mentions in the lead (0.543), per-collection rank scaling
(0.541), gradient-boosted trees (0.544) and a penalty on neighbouring days (0.527) did worse
and were dropped.

Two rankers share these features (see :class:`DateWeights`): a pointwise logistic regression
of "is this day on the reference timeline" and a pairwise one that ranks each timeline's
reference days above the other days of its span. Days are ordered by a blend of their
scores, each standardized over the collection's days, a quarter pointwise: leave-one-topic-out
Date-F1 0.586, against 0.562 pointwise alone, 0.579 pairwise alone, and 0.580 / 0.588 with a
fifth / three tenths pointwise. The pairwise ranker leans on how often a day is named; before
``MENTIONS_PER_ARTICLE``, days an archive page names dozens of times came up (on ML-Crisis,
never fitted on, only checked: a tornado in Sicily on the cross-lingual Egypt timeline, whose
AR1 fell under its gate).

The weights ship in ``date_weights.json``. They were learned on Timeline17 only
(``python -m storyline.timeline.train``), with leave-one-topic-out cross-validation to choose
the features and the blend and report the score; the shipped weights are then fitted on all
T17 topics. No collection is ever ranked with weights fitted on itself: ``storyline eval
timeline`` refits without the evaluated topic, and ML-Crisis is only ever ranked with T17
weights.
"""

from __future__ import annotations

import json
from collections import Counter
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
# An article counts at most this many times in a day's ``mentions``: a site's archive page, a
# whole month of a local paper, can name one day dozens of times (ML-Crisis's Italian pages
# put a tornado in Sicily on the Egypt timeline that way). Leave-one-topic-out on T17, blended
# ranker: 0.583 uncapped, 0.574 / 0.581 / 0.586 / 0.583 / 0.583 capped at 1 / 2 / 3 / 4 / 5.
MENTIONS_PER_ARTICLE = 3


@dataclass(frozen=True)
class DateWeights:
    """``coef`` and ``intercept``: the pointwise ranker, whose score is the log-odds that a day
    is on the timeline (how many days to keep is read from it). ``pair``: the pairwise ranker.
    Days are ordered by ``blend`` of the first's score plus the rest of the second's, each
    standardized over the collection's days; without ``pair``, by the first alone."""

    coef: tuple[float, ...]
    intercept: float = 0.0
    features: tuple[str, ...] = FEATURES
    pair: tuple[float, ...] = ()
    blend: float = 1.0

    def _columns(self, x: np.ndarray) -> np.ndarray:
        return x[:, [FEATURES.index(f) for f in self.features]]

    def score(self, x: np.ndarray) -> np.ndarray:
        if x.size == 0:
            return np.zeros(0)
        return self._columns(x) @ np.asarray(self.coef) + self.intercept

    def order_key(self, x: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """What days are ordered by, given their rows ``x`` and their pointwise ``scores``."""
        if x.size == 0 or not self.pair:
            return scores
        pair = self._columns(x) @ np.asarray(self.pair)
        return self.blend * _standard(scores) + (1 - self.blend) * _standard(pair)


def _standard(scores: np.ndarray) -> np.ndarray:
    spread = scores.std()
    return (scores - scores.mean()) / spread if spread > 0 else scores - scores.mean()


@lru_cache(maxsize=1)
def load_weights(path: Path = WEIGHTS_PATH) -> DateWeights:
    data = json.loads(path.read_text(encoding="utf-8"))
    return DateWeights(tuple(data["coef"]), float(data["intercept"]), tuple(data["features"]),
                       tuple(data.get("pair", ())), float(data.get("blend", 1.0)))


def _row(day: date, ev: DayEvidence) -> list[float]:
    docs: dict[str, date | None] = {}
    times: Counter[str] = Counter()
    for doc_id, published, _ in ev.mentions:
        docs[doc_id] = published
        times[doc_id] += 1
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
    mentions = sum(min(n, MENTIONS_PER_ARTICLE) for n in times.values())
    return [len(docs), mentions, len(ev.reports), len(ev.reports_next), fresh, later, ahead, week, month]


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
    """``days`` (with their feature rows ``x``) from most to least important (ties go to the
    earlier day), each with its score: the log-odds that it is on the timeline."""
    weights = weights or load_weights()
    scores = weights.score(x)
    key = weights.order_key(x, scores)
    order = sorted(range(len(days)), key=lambda i: (-key[i], days[i]))
    return [(days[i], float(scores[i])) for i in order]


def rank_days(evidence: Evidence, weights: DateWeights | None = None) -> list[tuple[date, float]]:
    """Days from most to least important, with their scores."""
    return order_days(*day_features(evidence), weights)
