"""The two story-clustering mixes of ../shared/eval, read at run time (never copied here).

- ``t17``: the 16 Timeline17 collections together (4,352 English articles); the gold
  story is the topic, the folder name before ``_`` (``bpoil_bbc`` -> ``bpoil``), so
  five outlets' BP oil spill articles form one story.
- ``mlcrisis``: ML-Crisis egypt + libya in French, Spanish and Italian together
  (740 articles, 2 gold stories, 3 languages).

Articles become :class:`~storyline.records.Article` records cleaned the way the pipeline
cleans them (:func:`clean_collection`), so the clustering code sees what the product gives
it: T17's tokenization undone, then, over the whole mix, pass 1 (pattern residue: menus,
share lines, "A lire aussi" blocks; quote repair; normalization) and pass 2 (lines that
recur in many otherwise different documents: "Les sites du Groupe Figaro", Reuters'
comment notices), then the first line as the title. ``clean=False`` gives the texts as
stored (ML-Crisis pages with their menus and sidebars), for comparison.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from storyline.clean.normalize import normalize
from storyline.clean.residue import RepeatedLines
from storyline.clean.stage import MIN_TEXT_CHARS, clean_text
from storyline.records import Article

__all__ = ["CORPORA", "EvalCorpus", "EvalDataMissing", "eval_dir", "load_corpus", "detokenize", "clean_collection"]

CORPORA = ("t17", "mlcrisis")
MLCRISIS_LANGS = ("fr", "es", "it")
MLCRISIS_TOPICS = ("egypt", "libya")


class EvalDataMissing(FileNotFoundError):
    """../shared/eval (or $STORYLINE_EVAL_DIR) is not there; quality gates skip."""


def eval_dir() -> Path:
    """``$STORYLINE_EVAL_DIR``, else ``shared/eval`` beside the checkout (src/storyline/evaluate -> 4 up)."""
    env = os.environ.get("STORYLINE_EVAL_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[4] / "shared" / "eval"


@dataclass(frozen=True)
class EvalCorpus:
    """Articles in a fixed order, with their gold story and the collection they came from."""

    name: str
    articles: list[Article]
    gold: list[str]
    collection: list[str]  # t17 folder, or "lang/topic" for ML-Crisis

    def __len__(self) -> int:
        return len(self.articles)


_PTB = [
    (re.compile(r"-LRB-"), "("), (re.compile(r"-RRB-"), ")"),
    (re.compile(r"-LSB-"), "["), (re.compile(r"-RSB-"), "]"),
    (re.compile(r"-LCB-"), "{"), (re.compile(r"-RCB-"), "}"),
    (re.compile(r"``\s*|\s*''"), '"'),
    (re.compile(r"\\/"), "/"),
    (re.compile(r"([(\[{]) "), r"\1"), (re.compile(r" ([)\]}])"), r"\1"),
    (re.compile(r" ([,.;:!?%])"), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.I), r"\1"),
    (re.compile(r"` ?(.*?) ?'"), r"'\1'"),
    (re.compile(r"\$ (\d)"), r"$\1"),
    (re.compile(r"[ \t]+"), " "),
]


def detokenize(text: str) -> str:
    """Undo Penn-Treebank tokenization well enough for people and models (``-LRB-`` -> ``(``)."""
    for pattern, repl in _PTB:
        text = pattern.sub(repl, text)
    return "\n".join(line.strip() for line in text.split("\n"))


def clean_collection(texts: list[str], langs: list[str | None]) -> list[tuple[str, tuple[str, ...]]]:
    """``(cleaned text, removed lines)`` per text, as ``storyline ingest`` cleans one run.

    The pipeline's two passes (pipeline.py, steps 4 and 7): each text through the clean
    stage's patterns (:func:`~storyline.clean.stage.clean_text`), every result observed by
    one :class:`~storyline.clean.residue.RepeatedLines` detector, then the lines it finds
    repeated removed; a text that the second pass would leave too short keeps its pass-1
    form (as :func:`~storyline.clean.stage.reclean` does). Unlike the pipeline, nothing is
    rejected: a page left too short (24 empty T17 pages) stays, so the mixes keep their counts
    and every article keeps its gold story.
    """
    first = []
    repeated = RepeatedLines()
    for text, lang in zip(texts, langs):
        _, kept, removed = clean_text(text, title_first_line=False, lang=lang)
        first.append((kept, removed))
        repeated.observe(kept, content=kept.splitlines())
    out = []
    for kept, removed in first:
        lines, gone = repeated.split(kept)
        if gone:
            text = normalize("\n".join(lines))
            if len(text) >= MIN_TEXT_CHARS:
                kept, removed = text, [*removed, *gone]
        out.append((kept, tuple(removed)))
    return out


def _article(ext_id: str, collection: str, text: str, published: str | None, lang: str, path: Path,
             original: str | None = None, removed: tuple[str, ...] = ()) -> Article:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title = lines[0] if lines else ""
    body = "\n".join(lines)
    digest = hashlib.sha256(body.encode()).hexdigest()
    return Article(
        id=f"{collection}/{ext_id}",
        content_key=hashlib.sha256(f"{collection}\x00{ext_id}\x00{body}".encode()).hexdigest(),
        text_hash=digest,
        title=title,
        text=body,
        original_text=text if original is None else original,
        path=str(path),
        format="jsonl",
        lang=lang,
        published=published,
        source=collection,
        ext_id=ext_id,
        residue_lines=removed,
    )


def _read_jsonl_gz(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_corpus(name: str, root: Path | None = None, *, clean: bool = True) -> EvalCorpus:
    """Load one mix, cleaned as the pipeline cleans (``clean=False``: texts as stored);
    raises :class:`EvalDataMissing` (with the path tried) when the data is absent."""
    root = root or eval_dir()
    if name not in CORPORA:
        raise ValueError(f"unknown corpus {name!r}; choose one of {', '.join(CORPORA)}")
    if not (root / name).is_dir():
        raise EvalDataMissing(f"evaluation corpus {name!r} not found under {root}; "
                              "put the shared eval folder beside the checkout or set STORYLINE_EVAL_DIR")
    rows: list[tuple[str, str, str, str | None, str, Path]] = []  # id, collection, text, date, lang, path
    gold: list[str] = []
    if name == "t17":
        for folder in sorted(p for p in (root / "t17").iterdir() if p.is_dir()):
            path = folder / "articles.jsonl.gz"
            for doc in _read_jsonl_gz(path):
                rows.append((str(doc["id"]), folder.name, detokenize(doc["text"]), doc.get("time"), "en", path))
                gold.append(folder.name.split("_", 1)[0])
    else:
        for lang in MLCRISIS_LANGS:
            for topic in MLCRISIS_TOPICS:
                path = root / "mlcrisis" / lang / topic / "articles.jsonl.gz"
                for doc in _read_jsonl_gz(path):
                    rows.append((str(doc["id"]), f"{lang}/{topic}", doc["text"], doc.get("published"),
                                 doc.get("lang") or lang, path))
                    gold.append(topic)
    if clean:
        cleaned = clean_collection([r[2] for r in rows], [r[4] for r in rows])
        articles = [_article(i, c, text, day, lang, path, original=raw, removed=removed)
                    for (i, c, raw, day, lang, path), (text, removed) in zip(rows, cleaned)]
    else:
        articles = [_article(*row) for row in rows]
    return EvalCorpus(name, articles, gold, [r[1] for r in rows])
