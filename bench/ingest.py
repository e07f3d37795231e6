"""Ingest speed: articles/s for plain text and for HTML, as a ratio to bare parsing.

The eval corpora (../shared/eval) are written out as one file per article, once as
plain text (title line + text) and once as HTML pages (the text in <p> paragraphs,
with a menu, a related-articles aside and a cookie footer around it). Then, in the
same process and on one thread:

  baseline text  = reading and decoding the files (storyline.ingest.read alone);
  baseline html  = trafilatura.bare_extraction alone on the same pages, with the options
                   storyline passes it (clean/html.py: TRAFILATURA_OPTIONS);
  storyline      = the full `ingest` (read, clean, language, dates, dedup, SQLite).

Usage: python bench/ingest.py [--corpus t17|mlcrisis|all] [--limit N]
Goal (issue 2): >= 200 articles/s for text and >= 100/s for HTML on one core.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import trafilatura  # noqa: E402

from storyline import ingest as ingest_stage  # noqa: E402
from storyline.clean.html import TRAFILATURA_OPTIONS  # noqa: E402
from storyline.pipeline import ingest  # noqa: E402
from storyline.store import open_store  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"

PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="{date}"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<aside><h2>Related</h2><ul><li><a href="/a">Another story</a></li><li><a href="/b">More news</a></li></ul></aside>
<footer><p>We use cookies to improve your experience. Accept all</p><p>&copy; 2024 Example News</p></footer>
</body></html>"""


def load(corpus: str) -> list[dict]:
    docs: list[dict] = []
    if corpus in ("t17", "all"):
        for folder in sorted((EVAL / "t17").iterdir()):
            with gzip.open(folder / "articles.jsonl.gz", "rt", encoding="utf-8") as handle:
                docs += [{**json.loads(line), "lang": "en"} for line in handle]
    if corpus in ("mlcrisis", "all"):
        for path in sorted((EVAL / "mlcrisis").glob("*/*/articles.jsonl.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                docs += [json.loads(line) for line in handle]
    for doc in docs:
        doc["date"] = doc.get("time") or doc.get("published")
    return docs


def write_files(docs: list[dict], folder: Path) -> tuple[list[Path], list[Path]]:
    (folder / "text").mkdir()
    (folder / "html").mkdir()
    texts, pages = [], []
    for index, doc in enumerate(docs):
        lines = [line for line in doc["text"].split("\n") if line.strip()]
        title, body = (lines[0], lines[1:]) if lines else ("", [])
        if len(title) > 150:  # a one-line article: a headline-sized title, the line kept as the body
            title, body = title[:150].rsplit(" ", 1)[0], lines
        text_path = folder / "text" / f"{index:05d}.txt"
        text_path.write_text(title + "\n\n" + "\n".join(body), encoding="utf-8")
        texts.append(text_path)
        paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in body)
        page_path = folder / "html" / f"{index:05d}.html"
        page_path.write_text(
            PAGE.format(lang=doc.get("lang", "en"), title=html.escape(title), date=doc["date"], paragraphs=paragraphs),
            encoding="utf-8",
        )
        pages.append(page_path)
    return texts, pages


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def run(label: str, paths: list[Path], folder: Path, baseline) -> dict:
    base_s = timed(lambda: baseline(paths))
    store = open_store(folder / f"{label}.db")
    reports = []
    full_s = timed(lambda: reports.append(ingest([str(p) for p in paths], store, quiet=True)))
    stored = store.article_count()
    store.close()
    report = reports[0]
    n = len(paths)
    row = {
        "input": label,
        "articles": n,
        "stored": stored,
        "baseline_per_s": round(n / base_s, 1),
        "storyline_per_s": round(n / full_s, 1),
        "ratio_to_baseline": round(full_s / base_s, 2),
    }
    print(
        f"{label:<16} {n:>5} files  baseline {row['baseline_per_s']:>8.1f}/s  "
        f"storyline {row['storyline_per_s']:>7.1f}/s  ({row['ratio_to_baseline']:.2f}x the baseline's time; "
        f"{stored} stored)",
        flush=True,
    )
    # Every input is accounted for: stored, already stored (an identical record), or rejected.
    print(
        f"{'':<16} {report.duplicates} exact copies, {report.already_stored} identical records, rejected: "
        + (", ".join(f"{n} {reason}" for reason, n in report.rejected.most_common()) or "none"),
        flush=True,
    )
    return row


def read_only(paths: list[Path]) -> None:
    for path in paths:
        for _ in ingest_stage.read(path):
            pass


def trafilatura_only(paths: list[Path]) -> None:
    for path in paths:
        trafilatura.bare_extraction(path.read_text(encoding="utf-8"), **TRAFILATURA_OPTIONS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=["t17", "mlcrisis", "all"], default="all")
    parser.add_argument("--limit", type=int, default=0, help="at most N articles per corpus (0: all)")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"skipped: evaluation corpora not found at {EVAL}")
        return 0
    corpora = ["t17", "mlcrisis"] if args.corpus == "all" else [args.corpus]
    rows = []
    for corpus in corpora:
        docs = load(corpus)
        if args.limit:
            docs = docs[: args.limit]
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            texts, pages = write_files(docs, folder)
            rows.append({"corpus": corpus, **run(f"{corpus} text", texts, folder, read_only)})
            rows.append({"corpus": corpus, **run(f"{corpus} html", pages, folder, trafilatura_only)})
    print(json.dumps(rows), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
