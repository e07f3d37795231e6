"""B-cubed precision, recall and F1 of a clustering against gold classes (Bagga & Baldwin 1998).

For each item, precision is the share of its predicted cluster that shares its gold
class, recall the share of its gold class that shares its predicted cluster; both
are averaged over items, so a big story weighs as many times as it has articles.
Computed from the contingency table in O(n), not over pairs.

:func:`bcubed_by_class` splits the same figures by gold class: the mean precision and
recall of each class's items, and what the class costs the overall figures (its items'
shortfall from 1, over all items), so that the classes' costs add up to ``1 - precision``
and ``1 - recall``: where a clustering loses, and how much each gold story weighs in it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

__all__ = ["BCubed", "ClassScore", "bcubed", "bcubed_by_class"]


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True, slots=True)
class ClassScore:
    """One gold class's share of a B-cubed score: its items' mean precision and recall, and
    ``precision_loss`` / ``recall_loss``, what it takes off the overall precision and recall."""

    items: int
    precision: float
    recall: float
    precision_loss: float
    recall_loss: float

    def as_dict(self) -> dict[str, float]:
        return {"items": self.items, "precision": self.precision, "recall": self.recall,
                "precision_loss": self.precision_loss, "recall_loss": self.recall_loss}


def _check(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> None:
    if len(predicted) != len(gold):
        raise ValueError(f"predicted has {len(predicted)} labels, gold {len(gold)}; give one label per item to both")


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> BCubed:
    """B-cubed scores of ``predicted`` cluster labels against ``gold`` labels, item by item."""
    _check(predicted, gold)
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


def bcubed_by_class(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[Hashable, ClassScore]:
    """Each gold class's items' B-cubed precision and recall, and what the class costs the overall
    figures; largest class first."""
    _check(predicted, gold)
    n = len(gold)
    joint = Counter(zip(predicted, gold))
    cluster_size = Counter(predicted)
    class_size = Counter(gold)
    precision: Counter = Counter()
    recall: Counter = Counter()
    for (c, g), k in joint.items():
        precision[g] += k * k / cluster_size[c]
        recall[g] += k * k / class_size[g]
    return {
        g: ClassScore(size, precision[g] / size, recall[g] / size, (size - precision[g]) / n, (size - recall[g]) / n)
        for g, size in sorted(class_size.items(), key=lambda kv: (-kv[1], str(kv[0])))
    }
