"""B-cubed precision, recall and F1 of a clustering against gold classes (Bagga & Baldwin 1998).

For each item, precision is the share of its predicted cluster that shares its gold
class, recall the share of its gold class that shares its predicted cluster; both
are averaged over items, so a big story weighs as many times as it has articles.
Computed from the contingency table in O(n), not over pairs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

__all__ = ["BCubed", "bcubed"]


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> BCubed:
    """B-cubed scores of ``predicted`` cluster labels against ``gold`` labels, item by item."""
    if len(predicted) != len(gold):
        raise ValueError(f"predicted has {len(predicted)} labels, gold {len(gold)}; give one label per item to both")
    n = len(gold)
    if n == 0:
        return BCubed(1.0, 1.0, 1.0)
    joint = Counter(zip(predicted, gold))
    cluster_size = Counter(predicted)
    class_size = Counter(gold)
    # Every item of cell (c, g) has precision |cell| / |c| and recall |cell| / |g|.
    precision = sum(k * k / cluster_size[c] for (c, _), k in joint.items()) / n
    recall = sum(k * k / class_size[g] for (_, g), k in joint.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1)
