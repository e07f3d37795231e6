"""The demo corpus against its gold file: every input accounted for, languages, dates, copies."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from storyline.cli import cli
from storyline.demo import corpus_dir
from storyline.pipeline import ingest

GOLD = json.loads((corpus_dir().parent / "gold.json").read_text(encoding="utf-8"))
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from storyline.store import open_store

    store = open_store(tmp_path_factory.mktemp("demo") / "demo.db")
    report = ingest([str(corpus_dir())], store, today=TODAY, quiet=True)
    yield report, list(store.articles()), list(store.rejections())
    store.close()


def find(articles, key: str, gold: dict):
    path, _, selector = key.partition("#")
    in_file = [a for a in articles if a.path.endswith("/" + path)]
    if gold.get("ext_id"):
        in_file = [a for a in in_file if a.ext_id == gold["ext_id"]]
    elif gold.get("url") and len(in_file) > 1:
        in_file = [a for a in in_file if a.url == gold["url"]]
    elif selector:
        in_file = [a for a in in_file if a.locator.endswith(f" {selector}")]
    assert len(in_file) == 1, f"{key}: {len(in_file)} articles match"
    return in_file[0]


def test_every_gold_article_is_stored_with_its_language_and_date(demo):
    _report, articles, _rejections = demo
    assert len(articles) == len(GOLD["articles"])
    wrong = []
    for key, gold in GOLD["articles"].items():
        article = find(articles, key, gold)
        if article.lang != gold["lang"]:
            wrong.append(f"{key}: lang {article.lang} != {gold['lang']}")
        if article.published != gold["published"]:
            wrong.append(f"{key}: published {article.published} != {gold['published']}")
        expect_inferred = gold["date_cue"] not in (None, "metadata")
        if article.published_inferred != expect_inferred:
            wrong.append(f"{key}: inferred {article.published_inferred}")
    assert not wrong, "\n".join(wrong)


def test_broken_inputs_are_rejected_for_the_right_reason(demo):
    _report, _articles, rejections = demo
    got = {f"{r.path.split('/corpus/', 1)[1]}{'#' + r.locator.replace(' ', '') if r.locator else ''}": str(r.reason)
           for r in rejections}  # fmt: skip
    assert got == {key: value["reason"] for key, value in GOLD["broken"].items()}


def test_exact_copies_point_to_an_original_of_their_group(demo):
    _report, articles, _rejections = demo
    by_id = {a.id: a for a in articles}
    for key, gold in GOLD["articles"].items():
        if gold["duplicate_kind"] != "exact":
            continue
        copy = find(articles, key, gold)
        original = find(articles, gold["duplicate_of"], GOLD["articles"][gold["duplicate_of"]])
        pair = {copy.id, original.id}
        pointer = copy.duplicate_of or original.duplicate_of
        assert pointer in pair and by_id[pointer].duplicate_of is None, key


def test_demo_command_prints_what_it_found():
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert f"{len(GOLD['articles'])} articles ingested" in result.output
    assert "rejected 5" in result.output
