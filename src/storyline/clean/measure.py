"""How much page residue a collection holds, by rule family, and how fast cleaning runs.

``measure_residue`` learns repeated lines over the collection (first pass), then
strips every document with the pattern rules and that detector (second pass), and
counts what went, by family. ``load_mlcrisis`` reads the ML-Crisis evaluation
articles. ``storyline eval clean`` prints the report.
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from storyline.clean.normalize import normalize
from storyline.clean.pubdate import infer_published
from storyline.clean.quotes import repair_quotes
from storyline.clean.residue import FAMILIES, RepeatedLines, explain_residue, strip_residue

__all__ = ["measure_residue", "load_mlcrisis", "clean_throughput"]

MLCRISIS_TOPICS = ("egypt", "libya")


def measure_residue(texts: Iterable[str], lang: str | None = None, *, sample_size: int = 40) -> dict:
    """Counts of removed residue over ``texts``, by rule family, with a sample of removed lines.

    Returns ``documents``, ``lines_in`` (non-blank lines), ``lines_removed``,
    ``by_family`` (every family of ``FAMILIES``), ``chars_in``, ``chars_removed``,
    ``chars_by_family`` and ``sample``: up to ``sample_size`` removed lines per family, as ``(family, line)``.
    """
    texts = list(texts)
    repeated = RepeatedLines()
    for text in texts:
        repeated.observe(text)
    by_family: Counter[str] = Counter(dict.fromkeys(FAMILIES, 0))
    chars_by_family: Counter[str] = Counter(dict.fromkeys(FAMILIES, 0))
    samples: dict[str, list[str]] = {family: [] for family in FAMILIES}
    lines_in = chars_in = chars_removed = 0
    for text in texts:
        lines_in += sum(1 for line in text.splitlines() if line.strip())
        chars_in += len(text)
        _, removed = explain_residue(text, lang, repeated=repeated)
        for item in removed:
            by_family[item.family] += 1
            chars_by_family[item.family] += len(item.line)
            chars_removed += len(item.line)
            if len(samples[item.family]) < sample_size:
                samples[item.family].append(item.line)
    return {
        "documents": len(texts),
        "lines_in": lines_in,
        "lines_removed": sum(by_family.values()),
        "by_family": dict(by_family),
        "chars_in": chars_in,
        "chars_removed": chars_removed,
        "chars_by_family": dict(chars_by_family),
        "sample": [(family, line) for family in FAMILIES for line in samples[family]],
    }


def load_mlcrisis(root: Path, langs: Iterable[str] = ("fr",)) -> list[dict]:
    """The ML-Crisis records ``{"id", "published", "lang", "text"}`` of ``root/{lang}/{topic}/articles.jsonl.gz``.

    Each record also gets ``topic`` (egypt or libya). A missing file is skipped.
    """
    records: list[dict] = []
    for lang in langs:
        for topic in MLCRISIS_TOPICS:
            path = Path(root) / lang / topic / "articles.jsonl.gz"
            if not path.is_file():
                continue
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                records.extend({**json.loads(line), "topic": topic} for line in lines if line.strip())
    return records


def clean_throughput(texts: Iterable[str], lang: str | None = None) -> float:
    """Articles per second through the text rules (residue, quotes, normalize, date), one core.

    A rough figure for the report, not a benchmark: ``bench/`` holds those. CPU time
    is counted, so other processes on the machine do not lower the figure.
    """
    texts = list(texts)
    start = time.process_time()
    for text in texts:
        kept, _ = strip_residue(text, lang)
        cleaned = normalize(repair_quotes(kept))
        infer_published(cleaned)
    elapsed = time.process_time() - start
    return len(texts) / elapsed if elapsed else float("inf")
