"""Evaluation against the externally made corpora in ../shared/eval (read at run time).

- :func:`bcubed`: B-cubed precision / recall / F1 of a clustering against gold classes;
- :func:`load_corpus`: the T17 and ML-Crisis story-clustering mixes as Article records;
- :func:`eval_stories`: ours (over random arrival orders) beside TF-IDF and USE agglomerative baselines;
- :func:`evaluate_near_duplicates`: copy detection on copies generated from a corpus.
"""

from storyline.evaluate.bcubed import BCubed, bcubed
from storyline.evaluate.corpora import CORPORA, EvalCorpus, EvalDataMissing, eval_dir, load_corpus
from storyline.evaluate.neardup import evaluate_near_duplicates, generate_copies
from storyline.evaluate.stories import eval_stories, format_report

__all__ = [
    "BCubed", "bcubed", "CORPORA", "EvalCorpus", "EvalDataMissing", "eval_dir", "load_corpus",
    "eval_stories", "format_report", "evaluate_near_duplicates", "generate_copies",
]
