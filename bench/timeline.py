"""Speed of one story's timeline once extraction and clustering are stored.

A store is built (not timed) from 1,000 Timeline17 BP-oil-spill articles of five outlets,
as one story, with their date mentions (the extract stage's temporal rules) and direct
quotes (its quote rules) saved the way ``storyline ingest`` saves them. Timed:
``store_timelines(store, story_ids=[...])``, which reads the story's articles, dates and
quotes back, ranks the days, summarizes the default number of dates (2 sentences each)
with USE multilingual, attaches quotes and finds disagreements.

Baseline, in the same run: the same timeline with the lexical pre-filter off, so every
candidate sentence of a kept date is embedded (what the pre-filter saves). Goal (issue:
timelines): under 5 s for a 1,000-article story. The model is loaded before timing; best
of ``--repeat`` runs each.

Usage: python bench/timeline.py [--articles N] [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

from storyline.embed import UseEmbedder
from storyline.evaluate.corpora import detokenize
from storyline.extract.quotes import find_quotes
from storyline.extract.records import ExtractionResult
from storyline.extract.temporal import find_dates
from storyline.pipeline import ingest
from storyline.records import Event, Story
from storyline.store import open_store
from storyline.timeline import store_timelines
from storyline.timeline import summarize

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def build_store(folder: Path, n: int):
    rows = []
    for outlet in sorted((EVAL / "t17").glob("bpoil_*")):
        with gzip.open(outlet / "articles.jsonl.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                rows.append({"id": f"{outlet.name}-{doc['id']}", "text": detokenize(doc["text"]),
                             "published": doc["time"], "source": outlet.name.split("_")[1], "lang": "en"})
    rows = rows[:n]
    path = folder / "bpoil.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    store = open_store(folder / "bench.db")
    ingest([str(path)], store, quiet=True)
    articles = list(store.articles())
    found = ExtractionResult()
    for a in articles:
        found.dates.extend(find_dates(a.id, a.text, a.lang, a.published))
        found.quotes.extend(find_quotes(a.id, a.text, a.lang, [], {}, {}))
    ids = tuple(a.id for a in articles)
    days = sorted(a.published for a in articles if a.published)
    story = Story("s1", "BP oil spill", days[0], days[-1], ("e1",), ids)
    event = Event("e1", "s1", "BP oil spill", days[0], days[0], days[-1], ids)
    store.save_analysis(states={}, vectors=[], assignments=[(i, "e1", "s1") for i in ids], duplicates=[],
                        events=[event], stories=[story], extraction=found)
    return store, len(articles), len(found.dates), len(found.quotes)


def timed(store, embedder, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = store_timelines(store, story_ids=["s1"], embedder=embedder)
        best = min(best, time.perf_counter() - started)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not (EVAL / "t17").is_dir():
        print(f"skipped: {EVAL / 't17'} not found (the shared eval folder beside the checkout)")
        return 0
    embedder = UseEmbedder()
    embedder.embed(["warm the model up"])
    with tempfile.TemporaryDirectory() as tmp:
        store, n, n_dates, n_quotes = build_store(Path(tmp), args.articles)
        ours, (timeline,) = timed(store, embedder, args.repeat)
        kept = summarize.MAX_CANDIDATES
        summarize.MAX_CANDIDATES = 10**9
        try:
            baseline, _ = timed(store, embedder, args.repeat)
        finally:
            summarize.MAX_CANDIDATES = kept
        store.close()
    print(f"one story of {n} articles, {n_dates} date mentions, {n_quotes} quotes; best of {args.repeat}")
    print(f"timeline ({len(timeline.entries)} dates x 2 sentences): {ours:6.2f} s  (goal < 5 s)")
    print(f"baseline, every candidate embedded  : {baseline:6.2f} s")
    print(f"ratio timeline / baseline: {ours / baseline:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
