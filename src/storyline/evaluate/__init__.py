"""Evaluation against the externally made corpora in ../shared/eval (read at run time).

- :func:`bcubed`: B-cubed precision / recall / F1 of a clustering against gold classes
  (:func:`bcubed_by_class`: the same by gold class, with what each class costs);
- :func:`load_corpus`: the T17 and ML-Crisis story-clustering mixes as Article records;
- :func:`eval_stories`: ours (over random arrival orders) beside TF-IDF and USE agglomerative baselines;
- :func:`evaluate_near_duplicates`: copy detection on copies generated from a corpus.
"""

from storyline.evaluate.bcubed import BCubed, bcubed, bcubed_by_class
from storyline.evaluate.corpora import CORPORA, EvalCorpus, EvalDataMissing, eval_dir, load_corpus
from storyline.evaluate.neardup import evaluate_near_duplicates, generate_copies
from storyline.evaluate.stories import eval_stories, format_report

__all__ = [
    "BCubed", "bcubed", "bcubed_by_class", "CORPORA", "EvalCorpus", "EvalDataMissing", "eval_dir", "load_corpus",
    "eval_stories", "format_report", "evaluate_near_duplicates", "generate_copies",
]
