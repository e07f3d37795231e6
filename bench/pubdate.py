"""Publication dates inferred from the text, checked against the real metadata dates.

The 740 ML-Crisis fr/es/it pages carry a `published` date; here it is hidden, the page
is cleaned as the pipeline cleans it (residue patterns, then lines repeated across the
collection), and the date is inferred from the text alone. A date within 2 days of the
real one counts as right (pages are often dated the day after the event they report).

Baseline, in the same run: the same rules reading body dates anywhere in the text
instead of only in the lead (what "the latest date the article mentions" would give).

Usage: python bench/pubdate.py
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path

from storyline.clean import pubdate
from storyline.clean.measure import load_mlcrisis
from storyline.clean.residue import RepeatedLines, strip_residue

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
TODAY = date(2026, 11, 23)


def score(records: list[dict], texts: list[str]) -> Counter:
    tally: Counter = Counter()
    for record, text in zip(records, texts, strict=True):
        found = pubdate.infer_published(text, today=TODAY)
        if found is None:
            tally["undated"] += 1
            continue
        gap = abs((date.fromisoformat(found[0]) - date.fromisoformat(record["published"])).days)
        tally[(found[1], "right" if gap <= 2 else "wrong")] += 1
    return tally


def show(label: str, tally: Counter) -> tuple[int, int]:
    right = sum(n for key, n in tally.items() if isinstance(key, tuple) and key[1] == "right")
    wrong = sum(n for key, n in tally.items() if isinstance(key, tuple) and key[1] == "wrong")
    by_rule = ", ".join(f"{how} {tally[(how, 'right')]}/{tally[(how, 'wrong')]}"
                        for how in ("cue", "dateline", "weekday", "explicit"))  # fmt: skip
    print(f"{label:<10} dated {right + wrong:>3}: right {right:>3}, wrong {wrong:>3} "
          f"(precision {right / max(right + wrong, 1):.2f}); undated {tally['undated']:>3}; "
          f"right/wrong by rule: {by_rule}")  # fmt: skip
    return right, wrong


def main() -> int:
    if not EVAL.is_dir():
        print(f"skipped: evaluation corpora not found at {EVAL}")
        return 0
    records = load_mlcrisis(EVAL / "mlcrisis", ("fr", "es", "it"))
    repeated = RepeatedLines()
    for record in records:
        repeated.observe(record["text"])
    texts = [strip_residue(r["text"], r["lang"], repeated=repeated)[0] for r in records]
    ours = show("storyline", score(records, texts))
    lead = pubdate.LEAD_CHARS
    pubdate.LEAD_CHARS = 10**9
    try:
        base = show("baseline", score(records, texts))
    finally:
        pubdate.LEAD_CHARS = lead
    precision = ours[0] / max(sum(ours), 1)
    base_precision = base[0] / max(sum(base), 1)
    print(f"precision ratio to the baseline: {precision / max(base_precision, 1e-9):.2f}x "
          f"({len(records)} pages)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
